"""Joining a table that runs over pages: one logical table, header once, split rows joined.

Works on `TableDraft` (a table being assembled) and `layout.Grid` (one page's piece).
Pure; format-agnostic (OCR'd pieces match with a tolerance on text and column edges).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from parsers.extraction import ExtractedCell, logical_rows
from parsers.tables.amounts import parse_amount
from parsers.tables.classify import squeeze
from parsers.tables.columns import read_columns
from parsers.tables.layout import Grid
from parsers.tables.text_lines import join_lines

_NUMBER = re.compile(r"^\d+$")


@dataclass
class TableDraft:
    """A table while the stream is walked: cells in logical rows, pages it came from."""

    n_cols: int
    cells: list[ExtractedCell] = field(default_factory=list)
    n_rows: int = 0
    pages: list[int] = field(default_factory=list)
    col_edges: list[float] = field(default_factory=list)
    width: float = 0.0
    last_page: int | None = None
    header_rows: int = 0
    header_end: int | None = None  # the column reading's header end, read at the first join

    def rows(self) -> list[list[str]]:
        return logical_rows(self.cells, self.n_rows, self.n_cols)

    def add(self, grid: Grid, skip_rows: int = 0) -> None:
        """Append a page's grid below, without its first `skip_rows` rows."""
        offset = self.n_rows - skip_rows
        for c in grid.cells:
            if c.row + c.rowspan <= skip_rows:
                continue
            if c.row < skip_rows:  # a span reaching out of the dropped header: keep its body part
                c.rowspan -= skip_rows - c.row
                c.row = skip_rows
            c.row += offset
            self.cells.append(c)
        self.n_rows += grid.n_rows - skip_rows
        if grid.page is not None:
            if grid.page not in self.pages:
                self.pages.append(grid.page)
            self.last_page = grid.page


def draft_of(grid: Grid) -> TableDraft:
    d = TableDraft(n_cols=grid.n_cols, col_edges=list(grid.col_edges))
    if grid.bbox:
        d.width = grid.bbox[2] - grid.bbox[0]
    d.add(grid)
    return d


def same_columns(draft: TableDraft, grid: Grid, tolerance: float = 0.03) -> bool:
    """The grid has the table's columns: same count, and edges at the same places
    (within `tolerance` of the table width) when both know their edges. A shift of
    all edges together is not a difference: scanned pages sit some points apart."""
    if grid.n_cols != draft.n_cols:
        return False
    if len(draft.col_edges) != len(grid.col_edges) or not draft.col_edges:
        return True
    width = draft.width or (draft.col_edges[-1] - draft.col_edges[0]) or 1.0
    diffs = sorted(b - a for a, b in zip(draft.col_edges, grid.col_edges, strict=True))
    shift = (diffs[(len(diffs) - 1) // 2] + diffs[len(diffs) // 2]) / 2  # median
    if abs(shift) > 3 * tolerance * width:  # another table further across
        return False
    return all(abs(d - shift) <= tolerance * width for d in diffs)


def same_extent(draft: TableDraft, grid: Grid, tolerance: float = 0.03) -> bool:
    """The grid spans the table's width (its columns may have been read differently)."""
    if not draft.col_edges or not grid.col_edges:
        return False
    width = (draft.col_edges[-1] - draft.col_edges[0]) or 1.0
    return (
        abs(draft.col_edges[0] - grid.col_edges[0]) <= tolerance * width
        and abs(draft.col_edges[-1] - grid.col_edges[-1]) <= tolerance * width
    )


def edges_among(draft: TableDraft, grid: Grid, tolerance: float = 0.01) -> bool:
    """Every column edge of the grid lies on one of the table's (within `tolerance` of
    its width), the grid having fewer columns: the table's columns with some merged."""
    if not draft.col_edges or not grid.col_edges or grid.n_cols >= draft.n_cols:
        return False
    width = (draft.col_edges[-1] - draft.col_edges[0]) or 1.0
    return all(
        min(abs(e - d) for d in draft.col_edges) <= tolerance * width for e in grid.col_edges
    )


def remap_columns(grid: Grid, edges: list[float]) -> Grid:
    """The grid on the table's column edges: each cell goes to the columns its rect
    covers (a text-aligned page may find a column more or less than the page before)."""
    n = len(edges) - 1
    placed: dict[tuple[int, int], ExtractedCell] = {}
    for c in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        if c.bbox is None:
            return grid
        x0, x1 = c.bbox[0], c.bbox[2]
        cols = [
            j
            for j in range(n)
            if min(x1, edges[j + 1]) - max(x0, edges[j]) > 0.5 * (edges[j + 1] - edges[j])
        ]
        if not cols:
            mid = (x0 + x1) / 2
            cols = [min(max(bisect.bisect_right(edges, mid) - 1, 0), n - 1)]
        key = (c.row, cols[0])
        if key in placed:
            placed[key].text = join_lines([placed[key].text, c.text])
            continue
        c.col, c.colspan = cols[0], max(1, min(cols[-1] - cols[0] + 1, n - cols[0]))
        placed[key] = c
    covered = {
        (r, j)
        for c in placed.values()
        for r in range(c.row, c.row + c.rowspan)
        for j in range(c.col, c.col + c.colspan)
    }
    cells = [c for c in placed.values()]
    for r in range(grid.n_rows):
        for j in range(n):
            if (r, j) not in covered:
                cells.append(ExtractedCell(r, j, "", page=grid.page))
    return Grid(grid.n_rows, n, cells, grid.page, grid.bbox, list(edges))


def _row_key(row: list[str]) -> str:
    return "|".join(squeeze(c) for c in row)


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    ga = {a[i : i + 2] for i in range(len(a) - 1)}
    gb = {b[i : i + 2] for i in range(len(b) - 1)}
    if not ga or not gb:
        return False
    return 2 * len(ga & gb) / (len(ga) + len(gb)) >= 0.85


def repeated_header(draft: TableDraft, grid: Grid) -> int:
    """How many leading rows of `grid` repeat the table's header rows: the header as
    the table's column reading ends it (a 类/款/项 row under 功能分类科目编码 is header
    too, even where the page's reader counted one header row)."""
    if draft.header_end is None:  # once per table: the header is on its first page
        draft.header_end = max(draft.header_rows, read_columns(draft).body_start)
    header_rows = draft.header_end
    if header_rows <= 0:
        return 0
    mine = draft.rows()[:header_rows]
    theirs = grid.rows()[:header_rows]
    k = 0
    while k < min(len(mine), len(theirs)) and _similar(_row_key(mine[k]), _row_key(theirs[k])):
        k += 1
    return k


def is_split_row(last: list[str], first: list[str]) -> bool:
    """The grid's first row is the rest of the table's last row, cut by the page break:
    it has text only where the last row has text, lacks some of it (a short cell ended
    on the previous page), and does not start a numbered row of its own."""
    filled_last = {i for i, t in enumerate(last) if t.strip()}
    filled_first = {i for i, t in enumerate(first) if t.strip()}
    if not filled_first or not filled_first <= filled_last or filled_first == filled_last:
        return False
    if _NUMBER.match(first[0].strip()) and first[0].strip() != last[0].strip():
        return False
    if any(_is_figure(last[i]) for i in filled_first):
        return False  # a figure is never cut by a page break: a row of its own follows
    # Empty leading cells alone are a merged group cell (产出指标) running on; a cell
    # that ended on the previous page between two cells that go on is a cut row.
    leftmost = min(filled_first)
    return any(i > leftmost and i not in filled_first for i in filled_last)


def _is_figure(text: str) -> bool:
    t = text.strip()
    return bool(t) and parse_amount(t) is not None


def join_split_row(draft: TableDraft, grid: Grid) -> None:
    """Move the text of the grid's first row into the table's last row, then drop it."""
    last_row = draft.n_rows - 1
    by_col = {c.col: c for c in draft.cells if c.row <= last_row < c.row + c.rowspan}
    for c in grid.cells:
        if c.row == 0 and c.text.strip() and c.col in by_col:
            target = by_col[c.col]
            target.text = join_lines([target.text, c.text])
    rest = [c for c in grid.cells if c.row > 0]
    for c in rest:
        c.row -= 1
    grid.cells = rest
    grid.n_rows -= 1
