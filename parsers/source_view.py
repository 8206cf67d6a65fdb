"""What the review window shows of a DOCX or XLSX source: cells as the document itself
lays them out, each with the anchor the extracted cells carry, so a click on either side
finds the other. Built by `parsers.docx.source_view` and `parsers.xlsx.source_view`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceCell:
    """One cell with its spans. `row`/`col` count as the format does: a DOCX table's
    grid from 0, a worksheet's rows and columns from 1. `text` joins a cell's paragraphs
    with newlines; `bold` when all of it is bold; `alignment` "left", "center" or "right"."""

    anchor: str
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False
    alignment: str = "left"
    formula_uncached: bool = False  # XLSX: a formula whose value Excel never saved
