"""Summary-table balances (DOMAIN.md) of 收支总表 and 财政拨款收支总表:
本年收入合计 = revenue items, 本年支出合计 = expenditure items, 收入总计 = 本年收入合计 +
上年结转结余, 支出总计 = 本年支出合计 + 年终结转结余, 收入总计 = 支出总计.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from model.domain import FilingData, TableData
from model.validation import messages
from model.validation.amounts import is_blank, same, show
from model.validation.grid import Grid, grid, label, memo
from model.validation.registry import rule
from model.validation.result import ERROR, FindingResult

BALANCE_KINDS = frozenset({"revenue_expenditure_summary", "fiscal_appropriation_summary"})


@dataclass(frozen=True)
class Side:
    """One side (收入 or 支出) of a summary table."""

    label_col: int
    amount_cols: tuple[int, ...]
    items: tuple[int, ...]
    total_row: int | None
    carry_row: int | None
    carry_items: tuple[int, ...]
    grand_row: int | None


@dataclass(frozen=True)
class SummaryLayout:
    revenue: Side
    expenditure: Side


def _find(g: Grid, col: int, rows: range, *keys: str) -> int | None:
    for r in rows:
        t = label(g.text(r, col))
        if any(k in t for k in keys):
            return r
    return None


def _side(g: Grid, label_col: int, amount_cols: tuple[int, ...], incoming: bool) -> Side:
    body = g.body
    total = _find(g, label_col, body, "本年收入合计" if incoming else "本年支出合计")
    grand = _find(g, label_col, body, "收入总计" if incoming else "支出总计")
    after = range(total + 1 if total is not None else body.stop, grand or body.stop)
    carry = None
    for r in after:
        t = label(g.text(r, label_col))
        if "结转" in t or "结余" in t:
            carry = r
            break
    carry_items: tuple[int, ...] = ()
    if carry is not None:
        carry_items = tuple(
            r
            for r in range(carry + 1, grand if grand is not None else body.stop)
            if label(g.text(r, label_col)) or any(not is_blank(g.text(r, c)) for c in amount_cols)
        )
    items = tuple(range(body.start, total if total is not None else body.start))
    return Side(label_col, amount_cols, items, total, carry, carry_items, grand)


def summary_layout(t: TableData) -> SummaryLayout | None:
    return memo("summary", t, lambda: _summary_layout(t))


def _summary_layout(t: TableData) -> SummaryLayout | None:
    g = grid(t)
    label_cols = [c for c in range(g.n_cols) if g.header(c) in ("项目", "收入项目", "支出项目")]
    if len(label_cols) < 2:
        label_cols = [1, 3] if g.n_cols >= 5 else []
    if len(label_cols) < 2:
        return None
    rev_col, exp_col = label_cols[0], label_cols[1]
    rev_amounts = tuple(range(rev_col + 1, exp_col))
    exp_amounts = tuple(range(exp_col + 1, g.n_cols))
    if not rev_amounts or not exp_amounts:
        return None
    return SummaryLayout(
        _side(g, rev_col, rev_amounts, True), _side(g, exp_col, exp_amounts, False)
    )


def _check(
    t: TableData,
    g: Grid,
    target: int | None,
    parts: tuple[int, ...],
    col: int,
    what: str,
    part_text: str,
    extra_parts: tuple[tuple[int, int], ...] = (),
) -> FindingResult | None:
    if target is None:
        return None
    cells = tuple((r, col) for r in parts) + extra_parts
    expected = sum((g.value(r, c) for r, c in cells), Decimal(0))
    actual = g.value(target, col)
    if same(expected, actual):
        return None
    return FindingResult(
        rule="summary_balance",
        severity=ERROR,
        table_id=t.id,
        cells=((target, col), *cells),
        message=messages.BALANCE.format(
            total=what,
            parts=part_text,
            actual=show(actual),
            expected=show(expected),
        ),
        expected=show(expected),
        actual=show(actual),
        subject=f"{what}@{col}",
    )


@rule("summary_balance", "balances", BALANCE_KINDS)
def summary_balance(filing: FilingData) -> list[FindingResult]:
    tables = [t for t in filing.tables if t.kind in BALANCE_KINDS]
    out: list[FindingResult | None] = []
    for t in tables:
        layout = summary_layout(t)
        if layout is None:
            continue
        g = grid(t)
        for side, name in ((layout.revenue, "收入"), (layout.expenditure, "支出")):
            for col in side.amount_cols:
                out.append(
                    _check(
                        t, g, side.total_row, side.items, col, f"本年{name}合计", f"各{name}项目"
                    )
                )
                if side.carry_row is not None and any(
                    not is_blank(g.text(r, col)) for r in side.carry_items
                ):
                    out.append(
                        _check(
                            t, g, side.carry_row, side.carry_items, col, f"{name}结转", "其下各项"
                        )
                    )
                if side.grand_row is not None and side.total_row is not None:
                    carry = () if side.carry_row is None else (side.carry_row,)
                    if side.carry_row is not None and is_blank(g.text(side.carry_row, col)):
                        carry = side.carry_items
                    out.append(
                        _check(
                            t,
                            g,
                            side.grand_row,
                            (side.total_row, *carry),
                            col,
                            f"{name}总计",
                            f"本年{name}合计与结转结余",
                        )
                    )
        rev, exp = layout.revenue, layout.expenditure
        if rev.grand_row is not None and exp.grand_row is not None:
            rc, ec = rev.amount_cols[0], exp.amount_cols[0]
            a, b = g.value(rev.grand_row, rc), g.value(exp.grand_row, ec)
            if not same(a, b):
                out.append(
                    FindingResult(
                        rule="summary_balance",
                        severity=ERROR,
                        table_id=t.id,
                        cells=((rev.grand_row, rc), (exp.grand_row, ec)),
                        message=messages.BALANCE_EQUAL.format(actual=show(a), expected=show(b)),
                        expected=show(b),
                        actual=show(a),
                        subject="grand",
                    )
                )
    return [f for f in out if f is not None]
