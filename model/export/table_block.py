"""One table written into a sheet at a given row: its cells with their spans, header
rows grey and bold, amounts as numbers in amount columns (converted to the template's
万元 when printed in 元 or 千元), borders all round.

Used by the standard sheets (表1–表11, 表14, 表15) and by the project blocks of 表12.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

from model.domain import TableData
from model.export import catalog
from model.export.cell_values import squeeze
from model.export.sheet_style import display_width, frame, merge, put_amount, put_text
from parsers.tables import kinds, units
from parsers.tables.columns import reading_of


@dataclass(frozen=True)
class GridCell:
    row: int  # 0-based within the table
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Grid:
    """A table as written: top-left cells only, positions under a span absent."""

    n_rows: int
    n_cols: int
    header_rows: int
    cells: tuple[GridCell, ...]

    @property
    def body_rows(self) -> int:
        return self.n_rows - self.header_rows


def grid_of(table: TableData) -> Grid:
    cells = tuple(
        GridCell(c.row, c.col, c.text, c.rowspan, c.colspan)
        for c in table.cells
        if c.row < table.n_rows and c.col < table.n_cols
    )
    # the header ends where the table's column reading says (a three-row header that a
    # reader took for one row is written as a header, its amounts below as numbers)
    header_rows = max(table.header_rows, reading_of(table).body_start)
    return Grid(table.n_rows, table.n_cols, min(header_rows, table.n_rows), cells)


def canonical_header(kind: str) -> Grid | None:
    """The catalog header of a kind (DOMAIN.md), with a 栏次 row where seed 002 prints one."""
    spec = catalog.CANONICAL_HEADERS.get(kind)
    if spec is None:
        return None
    rows, spans = spec
    n_cols = len(rows[0])
    span_at = {(r, c): (rs, cs) for r, c, rs, cs in spans}
    covered = {
        (r + i, c + j)
        for (r, c), (rs, cs) in span_at.items()
        for i in range(rs)
        for j in range(cs)
        if (i, j) != (0, 0)
    }
    cells = [
        GridCell(r, c, text, *span_at.get((r, c), (1, 1)))
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
        if (r, c) not in covered
    ]
    n_rows = len(rows)
    if kind in kinds.STANDARD_KINDS:  # these print a 栏次 row (seed 002)
        # 栏次 numbers the data columns: those right of the 序号 column.
        cells.append(GridCell(n_rows, 0, "栏次"))
        cells.extend(GridCell(n_rows, c, str(c)) for c in range(1, n_cols))
        n_rows += 1
    return Grid(n_rows, n_cols, n_rows, tuple(cells))


def with_header(table: TableData) -> Grid:
    """The table's own grid; when extraction lost its header (header_rows 0), the
    catalog header of its kind on top of all its rows."""
    grid = grid_of(table)
    if grid.header_rows > 0 or table.kind is None:
        return grid
    header = canonical_header(table.kind)
    if header is None:
        return grid
    shifted = tuple(
        GridCell(c.row + header.n_rows, c.col, c.text, c.rowspan, c.colspan) for c in grid.cells
    )
    return Grid(
        header.n_rows + grid.n_rows,
        max(header.n_cols, grid.n_cols),
        header.n_rows,
        header.cells + shifted,
    )


def column_labels(grid: Grid) -> list[str]:
    """Per column, the lowest header text over it (spans included), skipping the 栏次
    row: the word that says what the column holds (科目编码, 合计…)."""
    labels = [""] * grid.n_cols
    for c in sorted(grid.cells, key=lambda c: c.row):
        if c.row >= grid.header_rows:
            continue
        text = squeeze(c.text)
        if not text or text == "栏次" or text.isdigit():
            continue
        for col in range(c.col, min(c.col + c.colspan, grid.n_cols)):
            labels[col] = text
    return labels


def amount_columns(table: TableData) -> set[int]:
    """The columns written as numbers: the amount columns of the table's one column
    reading (parsers.tables.columns), whatever its header looks like (a three-row
    header read as one row, a header lost and replaced by the catalog's)."""
    if table.kind in catalog.TEXT_KINDS:
        return set()
    return set(reading_of(table).amount_cols())


def column_units(grid: Grid, table: TableData, unit: str) -> dict[int, str]:
    """The money columns not in 万元, each with the unit its figures are printed in.

    A column header naming its unit (价值（万元）) wins over the table's `unit`; count
    and rate columns (数量, 增长率: the column reading's meanings) have no unit to
    convert."""
    found: dict[int, str] = {}
    money = set(reading_of(table).money_cols())
    for col, label in enumerate(column_labels(grid)):
        if col not in money:
            continue
        own = units.label_unit(label)
        if (own or unit) != units.TEMPLATE_UNIT:
            found[col] = own or unit
    return found


def write_grid(
    ws: Worksheet,
    top: int,
    grid: Grid,
    *,
    amounts: set[int] | None = None,
    printed_in: dict[int, str] | None = None,
    n_cols: int | None = None,
    widths: list[int] | None = None,
) -> int:
    """Write the grid with its top-left at row `top` (1-based); return the row after it.

    Body cells in `amounts` columns that read as numbers become numeric cells in 万元,
    converted from the unit `printed_in` gives their column (see `column_units`);
    everything else is text. When anything is converted, a header cell stating a unit
    (单位：元, 金额（元）) says 万元 instead. `widths` (per column) grows with the texts.
    """
    amounts = amounts or set()
    printed_in = printed_in or {}
    width = n_cols or grid.n_cols
    for c in grid.cells:
        row, col = top + c.row, c.col + 1
        if c.row >= grid.header_rows and c.col in amounts:
            put_amount(ws, row, col, c.text, printed_in.get(c.col, units.TEMPLATE_UNIT))
        elif printed_in and c.row < grid.header_rows:
            put_text(ws, row, col, units.restated(c.text))
        else:
            put_text(ws, row, col, c.text)
        merge(ws, row, col, c.rowspan, c.colspan)
        if widths is not None and c.colspan == 1 and c.col < len(widths):
            longest = max((display_width(line) for line in c.text.splitlines()), default=0)
            widths[c.col] = max(widths[c.col], longest)
    if grid.n_rows:
        frame(ws, top, top + grid.n_rows - 1, width, grid.header_rows)
    return top + grid.n_rows
