"""Plain snapshots of stored filings: what validation, export and the GUI read.

No ORM object leaves model/; services turn rows into these frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from parsers.extraction import covering_cell, logical_rows
from parsers.tables import units
from parsers.tables.columns import ColumnReading

# Info notes ("本文件没有…，此项检查未进行") tell, they ask nothing of the clerk: never open.
OPEN_SEVERITIES = ("error", "warning")


def counts_as_open(severity: str, status: str, active: bool = True) -> bool:
    """A stored finding still waiting for the clerk (what progress, F8 and `list` count)."""
    return active and status == "open" and severity in OPEN_SEVERITIES


@dataclass(frozen=True)
class CellData:
    id: int
    row: int
    col: int
    text: str
    extracted_text: str = ""
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # PDF points, top-left origin
    confidence: float = 1.0
    anchor: str | None = None
    version: int = 1


@dataclass(frozen=True)
class TableData:
    id: int
    order: int
    kind: str | None
    title: str
    part: str | None
    header_rows: int
    n_rows: int
    n_cols: int
    cells: tuple[CellData, ...]
    pages: tuple[int, ...] = ()
    caption_lines: tuple[str, ...] = ()
    review_status: str = "unreviewed"
    reviewed_by: str | None = None  # who set the review mark, and when (None: no mark)
    reviewed_at: datetime | None = None
    # the one reading of the columns made at import (None: read on demand)
    columns: ColumnReading | None = None

    def rows(self) -> list[list[str]]:
        """The logical table: merged text top-left, "" under spans."""
        return logical_rows(self.cells, self.n_rows, self.n_cols)

    def cell(self, row: int, col: int) -> CellData | None:
        """The cell covering (row, col), spans included."""
        return covering_cell(self.cells, row, col)

    def printed_unit(self) -> str | None:
        """The unit the table itself states (单位：元 in a caption line or a header cell),
        None when it states none."""
        header = (c.text for c in self.cells if c.row < self.header_rows)
        return units.unit_of(self.caption_lines, header)


@dataclass(frozen=True)
class ParagraphData:
    order: int
    text: str
    heading: bool = False
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    anchor: str | None = None


@dataclass(frozen=True)
class FilingData:
    id: int
    name: str
    sha256: str
    file_type: str
    page_count: int
    department_code: str | None
    department_name: str | None
    year: int | None
    status: str
    tables: tuple[TableData, ...]
    paragraphs: tuple[ParagraphData, ...] = ()
    page_sizes: tuple[tuple[float, float], ...] = field(default=())
    unit: str | None = None  # of the amounts as the clerk set it; None: the template's 万元

    def unit_of(self, table: TableData) -> str:
        """The unit a table's amounts are in: its own printed unit wins (a filing in 元
        may print one table in 万元), else the filing's as the clerk set it, else 万元."""
        return table.printed_unit() or self.unit or units.TEMPLATE_UNIT

    def table(self, table_id: int) -> TableData | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def tables_of(self, kind: str) -> list[TableData]:
        return [t for t in self.tables if t.kind == kind]


@dataclass(frozen=True)
class DocumentSummary:
    id: int
    name: str
    department: str
    year: int | None
    status: str
    open_findings: int
