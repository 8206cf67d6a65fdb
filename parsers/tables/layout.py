"""The layout stream: what a format reader hands to the shared table assembly.

Every reader (text-layer PDF, scanned PDF, DOCX, XLSX, upstream text) turns its
source into a list of `Line` and `Grid` in reading order; `assemble.assemble()`
then finds titles, captions, kinds, parts, stitches tables across pages and
drops repeated headers, the same way for every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.extraction import BBox, ExtractedCell, logical_rows


@dataclass
class Line:
    """A line of text outside any table (title, caption, narrative)."""

    text: str
    page: int | None = None
    bbox: BBox | None = None
    anchor: str | None = None
    bold: bool = False
    size: float = 0.0  # font size in points when known, else 0


@dataclass
class Grid:
    """One physical table as read from one page (or one DOCX/XLSX table)."""

    n_rows: int
    n_cols: int
    cells: list[ExtractedCell]  # top-left cells with spans, as ExtractedTable
    page: int | None = None
    bbox: BBox | None = None
    col_edges: list[float] = field(default_factory=list)  # x of column lines, points

    def rows(self) -> list[list[str]]:
        return logical_rows(self.cells, self.n_rows, self.n_cols)


Item = Line | Grid


@dataclass
class Word:
    """A run of text on a page: a text-layer span/word or one OCR box."""

    text: str
    bbox: BBox  # PDF points, top-left origin
    confidence: float = 1.0
    bold: bool = False
    size: float = 0.0


@dataclass
class Segment:
    """A ruling line (horizontal when y0 == y1, vertical when x0 == x1), PDF points."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class PageContent:
    """What one page holds, however it was read: the text layer (parsers/pdf.py) or OCR
    of the rendered page (parsers/pdf_scan.py). Table finding starts from here, so a
    scanned page and a text page go through the same steps."""

    number: int  # 1-based
    width: float  # points
    height: float
    words: list[Word]
    segments: list[Segment]
    ocr: bool = False


def centre_in(bbox: BBox, box: BBox, pad: float = 0.0) -> bool:
    """The centre of `bbox` lies in `box` grown by `pad` points: which region a word, a
    rule or an item belongs to."""
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    return box[0] - pad <= cx <= box[2] + pad and box[1] - pad <= cy <= box[3] + pad
