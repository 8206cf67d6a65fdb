"""表1–表11, 表14 and 表15: title, the department/year/unit line, the filing's own
header rows with their merges, the body, and the 空表列示 note when there is no body.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from model.domain import FilingData, TableData
from model.export.catalog import SheetSpec
from model.export.sheet_style import (
    BODY_FONT,
    caption_row,
    fit_columns,
    print_setup,
    put_text,
    title_row,
)
from model.export.table_block import (
    Grid,
    amount_columns,
    canonical_header,
    column_units,
    with_header,
    write_grid,
)


def caption_parts(filing: FilingData) -> tuple[str, str, str]:
    """Department code + name, 预算年度：YYYY, 单位：万元 (the line under every title)."""
    dept = f"{filing.department_code or ''}{filing.department_name or ''}"
    year = f"预算年度：{filing.year}" if filing.year else ""
    return dept, year, "单位：万元"


def absent_note(spec: SheetSpec) -> str:
    return f"注：无{spec.absent}，空表列示。"


def write_standard_sheet(
    ws: Worksheet, spec: SheetSpec, tables: list[TableData], filing: FilingData
) -> None:
    """Every stored table of the sheet's kind, one under another (normally just one).

    A kind the filing lacks gets the catalog header and the note, as seed 002 prints
    表7 and 表8. Rows are 1-based: title in row 1, caption in row 2, header from row 3.
    The caption says 单位：万元 whatever the filing printed: amounts of a table in 元 or
    千元 (its own printed unit, else the filing's) are converted (table_block.write_grid).
    """
    grids: list[tuple[str, Grid, set[int], dict[int, str]]] = []
    for table in tables:
        grid = with_header(table)
        amounts = amount_columns(table)
        printed_in = column_units(grid, table, filing.unit_of(table))
        grids.append((table.title or spec.title, grid, amounts, printed_in))
    if not grids:
        header = canonical_header(spec.kind or "")
        grids.append((spec.title, header or Grid(0, 1, 0, ()), set(), {}))

    n_cols = max(g.n_cols for _, g, _, _ in grids)
    widths = [0] * n_cols
    row = 1
    title_rows: tuple[int, int] | None = None
    for title, grid, amounts, printed_in in grids:
        if row > 1:
            row += 1  # one empty row between two tables of the same kind
        title_row(ws, row, title, n_cols)
        caption_row(ws, row + 1, caption_parts(filing), n_cols)
        top = row + 2
        if title_rows is None and grid.header_rows:
            title_rows = (top, top + grid.header_rows - 1)
        row = write_grid(
            ws, top, grid, amounts=amounts, printed_in=printed_in, n_cols=n_cols, widths=widths
        )
        if grid.body_rows == 0:
            # Right under the table, as seed 002 prints it; a reader takes a one-cell
            # row starting with 注 for a note, not a body row (it has no border either).
            cell = put_text(ws, row, 1, absent_note(spec))
            if cell is not None:
                cell.font = BODY_FONT
            row += 1
    fit_columns(ws, widths)
    print_setup(ws, n_cols, title_rows)
