"""The procurement table (DOMAIN.md): 合计 = the fund columns; 金额 = 数量 × 单价 (to
0.01); the 合计 row and each unit's 小计 row equal the sum of their item rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from model.cell_places import TablePlaces
from model.domain import FilingData, TableData
from model.validation import messages
from model.validation.amounts import CENT, is_blank, rounding_note, same, show, sum_severity
from model.validation.grid import Grid, grid, label, memo
from model.validation.registry import rule
from model.validation.result import ERROR, WARNING, FindingResult

KIND = "procurement"
_NOT_FUNDS = ("预留", "中小微", "其他渠道")


@dataclass(frozen=True)
class ProcurementLayout:
    name_col: int
    budget_col: int | None
    quantity_col: int | None
    price_col: int | None
    total_col: int
    fund_cols: tuple[int, ...]
    total_row: int | None
    subtotal_rows: tuple[int, ...]
    item_rows: tuple[int, ...]


def procurement_layout(t: TableData) -> ProcurementLayout | None:
    return memo("procurement", t, lambda: _procurement_layout(t))


def _procurement_layout(t: TableData) -> ProcurementLayout | None:
    g = grid(t)
    total_col = g.find_col("合计", exact=True)
    if total_col is None:
        return None
    # the funds 合计 adds, as the header's merged cells say (财政拨款 | 小计 over its
    # sources: the 小计 stands for them); by position only where the header says nothing
    stated = dict(g.reading.sums).get(total_col)
    funds = tuple(
        c
        for c in (stated or range(total_col + 1, g.n_cols))
        if not any(w in "".join(g.headers[c]) for w in _NOT_FUNDS)
    )
    name_col = g.find_col("项目名称")
    name_col = 0 if name_col is None else name_col
    total_row, subtotals, items = None, [], []
    for r in g.body:
        row = g.rows[r]
        if not any(not is_blank(x) for x in row):
            continue
        t0 = label(row[name_col])
        if t0 in ("合计", "总计"):
            total_row = r
        elif "小计" in t0:
            subtotals.append(r)
        else:
            items.append(r)
    return ProcurementLayout(
        name_col=name_col,
        budget_col=g.find_col("预算资金"),
        quantity_col=g.find_col("数量", exact=True),
        price_col=g.find_col("单价"),
        total_col=total_col,
        fund_cols=funds,
        total_row=total_row,
        subtotal_rows=tuple(subtotals),
        item_rows=tuple(items),
    )


def _tables(filing: FilingData) -> list[tuple[TableData, Grid, ProcurementLayout]]:
    out = []
    for t in filing.tables_of(KIND):
        layout = procurement_layout(t)
        if layout is not None:
            out.append((t, grid(t), layout))
    return out


@rule("procurement_row_sum", "procurement", {KIND})
def procurement_row_sum(filing: FilingData) -> list[FindingResult]:
    out = []
    for t, g, lay in _tables(filing):
        places = TablePlaces(t)  # rows read once per table
        if not lay.fund_cols:
            continue
        for r in (
            *(() if lay.total_row is None else (lay.total_row,)),
            *lay.subtotal_rows,
            *lay.item_rows,
        ):
            cols = (lay.total_col, *lay.fund_cols)
            if all(is_blank(g.text(r, c)) for c in cols):
                continue
            expected = sum((g.value(r, c) for c in lay.fund_cols), Decimal(0))
            actual = g.value(r, lay.total_col)
            # within the rounding of the printed figures: a note, as every sum (issue 27)
            severity = sum_severity(expected, actual, [g.text(r, c) for c in cols])
            if severity is not None:
                out.append(
                    FindingResult(
                        "procurement_row_sum",
                        severity,
                        t.id,
                        tuple((r, c) for c in cols),
                        messages.PROCUREMENT_ROW.format(
                            row=places.row_label(r), actual=show(actual), expected=show(expected)
                        )
                        + rounding_note(severity),
                        expected=show(expected),
                        actual=show(actual),
                        subject=f"r{r}",
                    )
                )
    return out


@rule("procurement_amount", "procurement", {KIND})
def procurement_amount(filing: FilingData) -> list[FindingResult]:
    out = []
    for t, g, lay in _tables(filing):
        places = TablePlaces(t)  # rows read once per table
        if lay.quantity_col is None or lay.price_col is None:
            continue
        for r in lay.item_rows:
            q, p = g.amount(r, lay.quantity_col), g.amount(r, lay.price_col)
            a = g.amount(r, lay.total_col)
            if q is None or p is None or a is None or (q == 0 and p == 0):
                continue
            product = q * p
            # A unit price printed with few decimals was rounded: allow that rounding
            # times the quantity, and never less than one cent.
            step = (
                Decimal(1).scaleb(p.as_tuple().exponent)
                if isinstance(p.as_tuple().exponent, int)
                else CENT
            )
            tolerance = max(CENT, abs(q) * step / 2)
            if abs(product - a) > tolerance:
                cells = ((r, lay.quantity_col), (r, lay.price_col), (r, lay.total_col))
                out.append(
                    FindingResult(
                        "procurement_amount",
                        WARNING,
                        t.id,
                        cells,
                        messages.PROCUREMENT_AMOUNT.format(
                            row=places.row_label(r), actual=show(a), expected=show(product)
                        ),
                        expected=show(product),
                        actual=show(a),
                        subject=f"r{r}",
                    )
                )
    return out


@rule("procurement_total", "procurement", {KIND})
def procurement_total(filing: FilingData) -> list[FindingResult]:
    out = []
    for t, g, lay in _tables(filing):
        groups: list[tuple[int, tuple[int, ...], str]] = []
        if lay.subtotal_rows:
            for i, s in enumerate(lay.subtotal_rows):
                end = lay.subtotal_rows[i + 1] if i + 1 < len(lay.subtotal_rows) else len(g.rows)
                members = tuple(r for r in lay.item_rows if s < r < end)
                groups.append((s, members, label(g.text(s, lay.name_col))))
            if lay.total_row is not None:
                groups.append((lay.total_row, lay.subtotal_rows, "合计"))
        elif lay.total_row is not None:
            groups.append((lay.total_row, lay.item_rows, "合计"))
        for target, members, what in groups:
            for c in (lay.total_col, *lay.fund_cols):
                expected = sum((g.value(r, c) for r in members), Decimal(0))
                actual = g.value(target, c)
                if same(expected, actual):
                    continue
                member_cells = tuple((r, c) for r in members) or tuple(
                    (r, lay.name_col) for r in lay.item_rows[:1]
                )
                out.append(
                    FindingResult(
                        "procurement_total",
                        ERROR,
                        t.id,
                        ((target, c), *member_cells),
                        messages.PROCUREMENT_TOTAL.format(
                            what=what,
                            column=g.header(c),
                            actual=show(actual),
                            expected=show(expected),
                        ),
                        expected=show(expected),
                        actual=show(actual),
                        subject=f"r{target}@{c}",
                    )
                )
    return out
