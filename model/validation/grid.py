"""Reading a table through its header: columns found by header text (合计, 基本支出,
科目编码 …), never by position, because layouts differ between counties and years.

Pure functions over model.domain.TableData.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Any, TypeVar

from model.domain import FilingData, TableData
from model.validation.amounts import normalise, parse_amount
from parsers.tables.columns import LEADING_CODE, RATE, ColumnReading, reading_of

_NUMBERING = re.compile(
    r"^(其中[:：]?|[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])"
)


@lru_cache(maxsize=65536)
def label(text: str) -> str:
    """A row or column label without spaces, numbering (五、, 1、, 其中：), quotes and
    the code a coded name starts with (2010101-行政运行)."""
    code = LEADING_CODE.match(text.strip())
    t = (
        normalise(text.strip()[code.end() :] if code else text)
        .replace("“", "")
        .replace("”", "")
        .replace('"', "")
    )
    t = t.replace("(", "（").replace(")", "）")
    while True:
        stripped = _NUMBERING.sub("", t, count=1)
        if stripped == t:
            return t
        t = stripped


T = TypeVar("T")
# Per-run memo: rules of one run share parsed tables. Keyed by id() with the object
# kept alive in the value, so an id cannot be reused while the memo holds it.
_MEMO: dict[tuple[str, int], tuple[Any, Any]] = {}


def memo(name: str, obj: object, build: Callable[[], T]) -> T:
    key = (name, id(obj))
    hit = _MEMO.get(key)
    if hit is not None and hit[0] is obj:
        return hit[1]
    value = build()
    _MEMO[key] = (obj, value)
    return value


def reset_memo() -> None:
    """Called by the registry before and after each run."""
    _MEMO.clear()


def grid(t: TableData) -> Grid:
    """The shared Grid of a table within one run."""
    return memo("grid", t, lambda: Grid(t))


@dataclass(frozen=True)
class Grid:
    """A table's logical rows with helpers to find header columns and body rows."""

    table: TableData

    @cached_property
    def rows(self) -> list[list[str]]:
        return self.table.rows()

    @cached_property
    def n_cols(self) -> int:
        return self.table.n_cols

    @cached_property
    def reading(self) -> ColumnReading:
        """The one reading of the table's columns (parsers.tables.columns): the one
        stored at import, or read now for a table that has none (or whose width an
        edit changed)."""
        return reading_of(self.table)

    @cached_property
    def header_end(self) -> int:
        """First row after the header and its 栏次 row."""
        return self.reading.body_start

    @cached_property
    def headers(self) -> list[list[str]]:
        """Per column, the header labels from top to bottom (merged cells repeated)."""
        out: list[list[str]] = [[] for _ in range(self.n_cols)]
        for r in range(min(self.header_end, len(self.rows))):
            for c in range(self.n_cols):
                cell = self.table.cell(r, c)
                text = cell.text if cell is not None else self.rows[r][c]
                t = label(text)
                if t and t != "栏次" and not t.isdigit() and (not out[c] or out[c][-1] != t):
                    out[c].append(t)
        return out

    def header(self, col: int) -> str:
        """The deepest header label of a column ("" if none)."""
        h = self.headers[col] if 0 <= col < self.n_cols else []
        return h[-1] if h else ""

    def find_col(self, *names: str, start: int = 0, exact: bool = False) -> int | None:
        """First column at or after `start` whose deepest header matches one of `names`
        (exactly, or containing it unless `exact`)."""
        for name in names:
            for c in range(start, self.n_cols):
                h = self.header(c)
                if h == name or (not exact and name in h):
                    return c
        return None

    @cached_property
    def body(self) -> range:
        return range(self.header_end, len(self.rows))

    def text(self, row: int, col: int) -> str:
        if 0 <= row < len(self.rows) and 0 <= col < self.n_cols:
            return self.rows[row][col]
        return ""

    def amount(self, row: int, col: int) -> Decimal | None:
        return parse_amount(self.text(row, col))

    def value(self, row: int, col: int) -> Decimal:
        """The amount, with text that is no number counted as 0 (the number rules
        report such cells separately)."""
        v = self.amount(row, col)
        return v if v is not None else Decimal(0)

    def row_label(self, row: int, cols: range | None = None) -> str:
        """The first non-empty, non-numeric label in the row (skipping 序号)."""
        for c in cols or range(self.n_cols):
            t = label(self.text(row, c))
            if t and parse_amount(t) is None:
                return t
        return ""


@dataclass(frozen=True)
class CodedLayout:
    """One panel of a table listed by classification code (收入总表, 支出总表 …): its
    code columns (one, or 类/款/项), name column and amount columns (rates left out:
    a rate adds up to nothing)."""

    code_cols: tuple[int, ...]
    name_col: int
    amount_cols: tuple[int, ...]
    total_row: int | None
    panel: int = 0

    @property
    def code_col(self) -> int:
        return self.code_cols[0]


def coded_layouts(g: Grid) -> list[CodedLayout]:
    """The coded panels of a table, left to right; [] when it has no code column."""
    return memo("coded", g, lambda: _coded_layouts(g))


def coded_layout(g: Grid) -> CodedLayout | None:
    """The first coded panel, or None."""
    layouts = coded_layouts(g)
    return layouts[0] if layouts else None


def _coded_layouts(g: Grid) -> list[CodedLayout]:
    reading = g.reading
    out = []
    for panel in range(reading.panels):
        code_cols = reading.code_cols(panel)
        if not code_cols:
            continue
        name_col = reading.name_col(panel)
        if name_col is None:
            name_col = code_cols[-1] + 1
        if name_col >= g.n_cols:
            continue  # no column right of the codes: a finding would name a cell not there
        amount_cols = tuple(
            c for c in reading.amount_cols(panel) if reading.meaning(c) != RATE and c > name_col
        )
        total_row = None
        for r in g.body:
            if not reading.code_of(g.rows[r], panel) and any(
                label(g.text(r, c)) in ("合计", "总计") for c in (*code_cols, name_col)
            ):
                total_row = r
                break
        out.append(CodedLayout(code_cols, name_col, amount_cols, total_row, panel))
    return out


def coded_tables(
    filing: FilingData, kinds: frozenset[str] | None
) -> Iterator[tuple[TableData, Grid, CodedLayout]]:
    """Each coded panel of the tables of these kinds (None: every table, in or outside
    the catalog), with its grid; a table whose columns cannot be told is left to the
    rules that do not need codes."""
    for t in filing.tables:
        if kinds is None or t.kind in kinds:
            g = grid(t)
            for layout in coded_layouts(g):
                yield t, g, layout


def coded_rows(g: Grid, layout: CodedLayout) -> list[tuple[int, str]]:
    """(row, code) of every body row carrying a classification code in the panel, in
    order; 类/款/项 printed in separate columns are joined into one code."""
    out = []
    for r in g.body:
        code = g.reading.code_of(g.rows[r], layout.panel)
        if code:
            out.append((r, code))
    return out
