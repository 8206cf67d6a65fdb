"""Tolerances for finding tables on a page, in one frozen dataclass (as pdfplumber's TableSettings).

All lengths are PDF points. A scanned page (parsers/pdf_scan.py) passes looser values,
since OCR'd ruling lines and word boxes are off by a point or two. Imports nothing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    # ruling lines
    snap: float = 2.0  # lines this close (perpendicular) are one line
    join: float = 3.0  # collinear pieces with a gap this small are one line
    min_length: float = 4.0  # shorter strokes are ticks or glyph parts, not ruling
    max_thickness: float = 2.5  # a filled rect thinner than this is a line
    touch: float = 3.0  # how far a line may stop short of another and still meet it
    # cells
    coverage: float = 0.6  # share of a cell edge a line must cover to separate cells
    min_cell: float = 3.0  # narrower rows/columns are drawing noise and are snapped away
    # text
    line_overlap: float = 0.5  # vertical overlap (share of the lower height) for one text line
    # Words are OCR boxes: padded, so the two lines of a wrapped cell overlap vertically
    # (a word also has to stand beside the words of a line to join it), and one box may
    # run over a cell border where a small font leaves little room (it is cut there).
    ocr_boxes: bool = False
    word_gap: float = 0.2  # a gap wider than this x font size puts a space between words
    fragment_gap: float = 2.0  # a gap wider than this x font size splits a text line in two
    # tables drawn without ruling (whitespace-aligned)
    min_aligned_rows: int = 3  # at least this many consecutive lines with 2+ fragments
    min_column_gap: float = 0.25  # x font size: the least empty gutter between two columns
    table_gap: float = 1.0  # x font size: a wider gap on a line may separate table cells
    wide_word: float = 0.35  # share of the table width: a longer text spans columns
    row_gap: float = 0.55  # x font size: lines closer than this are one table row
    # what is not a table although it reads as a grid
    prose_chars: int = 20  # a cell this long with a comma or stop inside is running text
    prose_share: float = 0.5  # share of a grid's characters in running text: a paragraph
    beside_text: float = 2.0  # x font size: text this close beside a row's line runs on
    swatch: float = 12.0  # points: an empty closed box this small is a legend's colour key
    # trusting a text layer (parsers/text_layer.py)
    min_plausible_share: float = 0.9  # fewer Chinese/ASCII characters: mojibake, OCR it
    min_judged_chars: int = 20  # a page with less text is not judged


TEXT_LAYER = Settings()
SCAN = Settings(
    snap=4.0,
    join=6.0,
    min_length=8.0,
    touch=6.0,
    min_cell=5.0,
    line_overlap=0.4,
    ocr_boxes=True,
)
