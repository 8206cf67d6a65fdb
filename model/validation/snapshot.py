"""A FilingData built from an extraction JSON (INTERFACES.md) or a ground-truth file
(`blocks`), without a database: for benchmarks, tests and checking a JSON file.

Cell ids are made up (table id * 100000 + position); spans are taken from `cells`
when the JSON has them.
"""

from __future__ import annotations

from model.domain import CellData, FilingData, ParagraphData, TableData
from parsers.tables.columns import ColumnReading


def filing_from_json(data: dict, *, filing_id: int = 1) -> FilingData:
    blocks = data.get("blocks")
    if blocks is None:
        blocks = [{"type": "table", **t} for t in data.get("tables", [])] + [
            {"type": "paragraph", **p} for p in data.get("paragraphs", [])
        ]
    tables: list[TableData] = []
    paragraphs: list[ParagraphData] = []
    for order, b in enumerate(blocks):
        if b.get("type") == "table":
            tables.append(table_from_rows(len(tables) + 1, b, order=order))
        else:
            paragraphs.append(
                ParagraphData(order=order, text=b.get("text", ""), heading=bool(b.get("heading")))
            )
    dept = data.get("department") or {}
    return FilingData(
        id=filing_id,
        name=data.get("source") or data.get("seed") or "",
        sha256=data.get("sha256", ""),
        file_type="json",
        page_count=data.get("pages", 0) or 0,
        department_code=dept.get("code"),
        department_name=dept.get("name"),
        year=data.get("year"),
        status="new",
        tables=tuple(tables),
        paragraphs=tuple(paragraphs),
    )


def table_from_rows(table_id: int, block: dict, *, order: int = 0) -> TableData:
    rows: list[list[str]] = block["rows"]
    n_cols = max((len(r) for r in rows), default=0)
    spans = {(c["row"], c["col"]): c for c in block.get("cells", [])}
    cells = []
    for r, row in enumerate(rows):
        for c in range(n_cols):
            text = row[c] if c < len(row) else ""
            span = spans.get((r, c), {})
            cells.append(
                CellData(
                    id=table_id * 100000 + r * 1000 + c,
                    row=r,
                    col=c,
                    text=text,
                    extracted_text=text,
                    rowspan=span.get("rowspan", 1),
                    colspan=span.get("colspan", 1),
                )
            )
    if spans:
        # Positions under a span have no cell of their own.
        covered = set()
        for c in cells:
            for dr in range(c.rowspan):
                for dc in range(c.colspan):
                    if dr or dc:
                        covered.add((c.row + dr, c.col + dc))
        cells = [c for c in cells if (c.row, c.col) not in covered]
    return TableData(
        id=table_id,
        order=order,
        kind=block.get("kind"),
        title=block.get("title", ""),
        part=block.get("part"),
        header_rows=block.get("header_rows", 0),
        n_rows=len(rows),
        n_cols=n_cols,
        cells=tuple(cells),
        caption_lines=tuple(block.get("caption_lines", ())),
        columns=ColumnReading.from_json(block["columns"]) if block.get("columns") else None,
    )
