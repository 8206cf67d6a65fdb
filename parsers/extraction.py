"""What every parser returns: plain dataclasses, JSON-ready (INTERFACES.md).

Coordinates are PDF points on a 1-based page, origin top-left. Formats without
pages (DOCX, XLSX) leave `page`/`bbox` empty and set `anchor` instead
("t3/r2/c1" = table 3, row 2, col 1 of the source; "p12" = paragraph 12;
"s表2/r5/c3" = sheet, row, col).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

BBox = tuple[float, float, float, float]


C = TypeVar("C")


def logical_rows(cells: Iterable[Any], n_rows: int, n_cols: int) -> list[list[str]]:
    """The logical table of INTERFACES.md: each cell's text at its top-left position,
    "" under spans and in empty places. Any cells with row, col and text will do."""
    grid = [["" for _ in range(n_cols)] for _ in range(n_rows)]
    for c in cells:
        if 0 <= c.row < n_rows and 0 <= c.col < n_cols:
            grid[c.row][c.col] = c.text
    return grid


def covering_cell(cells: Iterable[C], row: int, col: int) -> C | None:
    """The cell whose span covers (row, col), if any."""
    for c in cells:
        if c.row <= row < c.row + c.rowspan and c.col <= col < c.col + c.colspan:
            return c
    return None


class InputError(Exception):
    """A file we cannot read. `str(err)` is one line in Chinese, shown to the clerk as is."""


@dataclass
class ExtractedCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None
    bbox: BBox | None = None
    confidence: float = 1.0
    anchor: str | None = None


@dataclass
class ExtractedTable:
    title: str
    kind: str | None
    part: str | None  # "header" / "indicators" for project_performance, else None
    n_rows: int
    n_cols: int
    header_rows: int
    cells: list[ExtractedCell]  # top-left cells only; positions under a span are absent
    pages: list[int] = field(default_factory=list)
    caption_lines: list[str] = field(default_factory=list)
    # parsers.tables.columns.ColumnReading, made once by parsers.formats.read_filing
    columns: Any = None

    @classmethod
    def from_rows(
        cls,
        rows: list[list[str]],
        merges: list[list[int]] | tuple = (),
        **meta: object,
    ) -> ExtractedTable:
        """A table from its logical rows and merged ranges `[row, col, rowspan, colspan]`
        (the ground-truth and template shape): one top-left cell per merge, none under it.
        `meta` are the other fields (title, kind, part, header_rows, pages, captions)."""
        spans = {(r, c): (rs, cs) for r, c, rs, cs in merges}
        covered = {
            (r + i, c + j)
            for (r, c), (rs, cs) in spans.items()
            for i in range(rs)
            for j in range(cs)
            if (i, j) != (0, 0)
        }
        cells = [
            ExtractedCell(r, c, text, *spans.get((r, c), (1, 1)))
            for r, row in enumerate(rows)
            for c, text in enumerate(row)
            if (r, c) not in covered
        ]
        n_cols = max((len(row) for row in rows), default=0)
        return cls(n_rows=len(rows), n_cols=n_cols, cells=cells, **meta)  # type: ignore[arg-type]

    @classmethod
    def from_block(cls, block: dict[str, Any]) -> ExtractedTable:
        """A table block of a ground-truth file (corpus/SCHEMA.md): `rows`, `merges` and
        the metadata beside them, as a reader would have given it."""
        return cls.from_rows(
            block["rows"],
            block.get("merges", []),
            title=block["title"],
            kind=block["kind"],
            part=block["part"],
            header_rows=block["header_rows"],
            pages=block.get("pages", []),
            caption_lines=block.get("caption_lines", []),
        )

    def rows(self) -> list[list[str]]:
        """The logical table: merged text top-left, "" under spans and in empty places."""
        return logical_rows(self.cells, self.n_rows, self.n_cols)

    def cell_at(self, row: int, col: int) -> ExtractedCell | None:
        return covering_cell(self.cells, row, col)


@dataclass
class Paragraph:
    text: str
    heading: bool = False
    page: int | None = None
    bbox: BBox | None = None
    anchor: str | None = None


Block = Paragraph | ExtractedTable


@dataclass
class ExtractedFiling:
    source: str
    sha256: str
    pages: int
    blocks: list[Block]
    department_code: str | None = None
    department_name: str | None = None
    year: int | None = None
    page_sizes: list[tuple[float, float]] = field(default_factory=list)  # points, per page

    @property
    def tables(self) -> list[ExtractedTable]:
        return [b for b in self.blocks if isinstance(b, ExtractedTable)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def to_json(self) -> dict[str, Any]:
        """The extraction JSON of INTERFACES.md."""
        return {
            "source": self.source,
            "sha256": self.sha256,
            "pages": self.pages,
            "department": {"code": self.department_code, "name": self.department_name},
            "year": self.year,
            "tables": [table_json(t) for t in self.tables],
            "paragraphs": [paragraph_json(p) for p in self.paragraphs],
        }


def paragraph_json(p: Any) -> dict[str, Any]:  # noqa: ANN401 - Paragraph or a stored one
    return {
        "text": p.text,
        "heading": p.heading,
        "page": p.page,
        "bbox": list(p.bbox) if p.bbox else None,
    }


def table_json(t: Any) -> dict[str, Any]:  # noqa: ANN401 - ExtractedTable or a stored one
    """One table of the extraction JSON. Duck-typed, so model/ serialises its stored
    tables (clerk's corrections included) with this same function."""
    return {
        "title": t.title,
        "kind": t.kind,
        "part": t.part,
        "pages": list(t.pages),
        "header_rows": t.header_rows,
        "caption_lines": list(t.caption_lines),
        **({"columns": t.columns.to_json()} if getattr(t, "columns", None) else {}),
        "rows": t.rows(),
        "cells": [
            {
                "row": c.row,
                "col": c.col,
                "rowspan": c.rowspan,
                "colspan": c.colspan,
                "page": c.page,
                "bbox": [round(v, 2) for v in c.bbox] if c.bbox else None,
                "confidence": round(c.confidence, 4),
                "text": c.text,
                **({"anchor": c.anchor} if c.anchor else {}),
            }
            for c in t.cells
        ],
    }
