"""Summary-table balances (DOMAIN.md) of 收支总表 and 财政拨款收支总表:
本年收入合计 = revenue items, 本年支出合计 = expenditure items, 收入总计 = 本年收入合计 +
上年结转结余, 支出总计 = 本年支出合计 + 年终结转结余, 收入总计 = 支出总计.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from model.domain import FilingData, TableData
from model.validation import messages
from model.validation.amounts import is_blank, rounding_note, same, show, sum_severity
from model.validation.grid import Grid, grid, label, memo
from model.validation.registry import rule
from model.validation.result import ERROR, FindingResult
from parsers.tables.classify import squeeze

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
    """收入, 支出 (the panel that prints the totals) and the panel of function classes
    (一般公共服务支出 …; the same as 支出 unless a 支出用途 panel stands beside it)."""

    revenue: Side
    expenditure: Side
    classes: Side
    spending: tuple[Side, ...] = ()  # every 支出 panel, left to right


_TOP_NUMBER = re.compile(r"^[一二三四五六七八九十]+[、.．]")


def _is_grand(text: str) -> bool:
    return "总计" in text


def _is_total(text: str, incoming: bool) -> bool:
    """本年收入合计, 当年收入小计, 收入合计 (where a 总计 follows) …: this year's total."""
    side = "收入" if incoming else "支出"
    return side in text and ("合计" in text or "小计" in text) and "总计" not in text


def _side(
    g: Grid,
    label_col: int,
    amount_cols: tuple[int, ...],
    incoming: bool,
    shared: tuple[int, ...] = (),
) -> Side:
    """One side of a summary, as provinces print it: items down to this year's total
    (本年收入合计 / 当年收入小计), or down to the carry-over when no total is printed;
    then 上年结转/年初结转和结余 and its items; then the grand total (收入总计, 总计, or
    收入合计 under a 小计)."""
    body = g.body
    # a total's label may stand under another 支出 panel's name column (当年支出小计
    # printed once across the 功能分类 and 支出用途 panels): `shared` are those columns
    labels = {
        r: label(g.text(r, label_col))
        or next((label(g.text(r, c)) for c in shared if label(g.text(r, c))), "")
        for r in body
    }
    grand = next((r for r in body if _is_grand(labels[r])), None)
    total = next((r for r in body if _is_total(labels[r], incoming)), None)
    first = next((r for r in body if labels[r]), None)
    if total is None and first is not None and labels[first] in ("合计", "总计"):
        # 合计 printed first, over the items (Chongqing's 收支总体情况表)
        items = tuple(r for r in range(first + 1, body.stop) if labels[r])
        return Side(label_col, amount_cols, _top_level(g, label_col, items), first, None, (), None)
    if grand is None and total is not None:
        # 当年收入小计 … 收入合计, 本年收入合计 … 上年结转结余 … 收入合计 (Fujian): the
        # last 合计 after this year's total is the grand total
        later = [r for r in body if r > total and _is_total(labels[r], incoming)]
        if later:
            grand = later[-1]
    end = grand if grand is not None else body.stop
    start = total + 1 if total is not None else body.start
    carry = next((r for r in range(start, end) if "结转" in labels[r] or "结余" in labels[r]), None)
    carry_items: tuple[int, ...] = ()
    if carry is not None:
        carry_items = tuple(
            r
            for r in range(carry + 1, end)
            if labels[r] or any(not is_blank(g.text(r, c)) for c in amount_cols)
        )
    stop = total if total is not None else (carry if carry is not None else end)
    items = tuple(r for r in range(body.start, stop) if labels[r])
    return Side(
        label_col, amount_cols, _top_level(g, label_col, items), total, carry, carry_items, grand
    )


def _top_level(g: Grid, label_col: int, items: tuple[int, ...]) -> tuple[int, ...]:
    """The numbered items (一、…) where there are any: 一、财政拨款 adds its
    1.一般公共预算 already, so only the top level is summed."""
    numbered = tuple(r for r in items if _TOP_NUMBER.match(squeeze(g.text(r, label_col))))
    return numbered or items


def summary_layout(t: TableData) -> SummaryLayout | None:
    return memo("summary", t, lambda: _summary_layout(t))


def _summary_layout(t: TableData) -> SummaryLayout | None:
    """收入 on the first panel, 支出 on the others (parsers.tables.columns reads the
    panels). Jiangsu prints 支出 twice, by function and by use (支出用途), with the
    totals under the second only."""
    g = grid(t)
    reading = g.reading
    sides: list[tuple[int, Side]] = []
    name_cols: list[int] = []
    for p in range(reading.panels):
        name_col = reading.name_col(p)
        if name_col is None:
            continue
        amounts = tuple(c for c in reading.amount_cols(p) if c > name_col)
        if amounts:
            shared = tuple(reversed(name_cols[1:]))  # earlier 支出 panels, nearest first
            sides.append((p, _side(g, name_col, amounts, not sides, shared)))
            name_cols.append(name_col)
    if len(sides) < 2:
        return None
    revenue, spending = sides[0][1], [s for _, s in sides[1:]]

    def printed(side: Side) -> bool:
        return any(
            r is not None and not is_blank(g.text(r, side.amount_cols[0]))
            for r in (side.total_row, side.grand_row)
        )

    expenditure = next((s for s in spending if printed(s)), spending[0])
    by_function = [s for p, s in sides[1:] if any("功能" in h for h in _panel_heads(g, p))]
    return SummaryLayout(
        revenue, expenditure, by_function[0] if by_function else spending[0], tuple(spending)
    )


def _panel_heads(g: Grid, panel: int) -> list[str]:
    return [h for c in g.reading.columns if c.panel == panel for h in c.path]


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
    if is_blank(g.text(target, col)):
        return None  # a total not printed in this column (merged across panels)
    cells = tuple((r, col) for r in parts) + extra_parts
    expected = sum((g.value(r, c) for r, c in cells), Decimal(0))
    actual = g.value(target, col)
    texts = [g.text(target, col)] + [g.text(r, c) for r, c in cells]
    severity = sum_severity(expected, actual, texts)
    if severity is None:
        return None
    return FindingResult(
        rule="summary_balance",
        severity=severity,
        table_id=t.id,
        cells=((target, col), *cells),
        message=messages.BALANCE.format(
            total=what,
            parts=part_text,
            actual=show(actual),
            expected=show(expected),
        )
        + rounding_note(severity),
        expected=show(expected),
        actual=show(actual),
        subject=f"{what}@{col}",
    )


def _panels_against_total(t: TableData, g: Grid, layout: SummaryLayout) -> list[FindingResult]:
    """A 支出 panel whose own total is not printed (Jiangsu's 功能分类 beside 支出用途,
    one 当年支出小计 for both) still adds up to the total printed beside it."""
    exp = layout.expenditure
    if exp.total_row is None or is_blank(g.text(exp.total_row, exp.amount_cols[0])):
        return []
    target = (exp.total_row, exp.amount_cols[0])
    out = []
    for side in layout.spending:
        if side is exp or side.total_row != exp.total_row or not side.items:
            continue
        col = side.amount_cols[0]
        if not is_blank(g.text(side.total_row, col)):
            continue  # its own total is printed: the per-panel check reads it
        expected = sum((g.value(r, col) for r in side.items), Decimal(0))
        actual = g.value(*target)
        severity = sum_severity(
            expected, actual, [g.text(*target)] + [g.text(r, col) for r in side.items]
        )
        if severity is None:
            continue
        what = label(g.text(exp.total_row, exp.label_col)) or "本年支出合计"
        out.append(
            FindingResult(
                rule="summary_balance",
                severity=severity,
                table_id=t.id,
                cells=(target, *((r, col) for r in side.items)),
                message=messages.BALANCE.format(
                    total=what,
                    parts=f"「{g.header(side.label_col)}」各项",
                    actual=show(actual),
                    expected=show(expected),
                )
                + rounding_note(severity),
                expected=show(expected),
                actual=show(actual),
                subject=f"panel@{col}",
            )
        )
    return out


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
        out.extend(_panels_against_total(t, g, layout))
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
