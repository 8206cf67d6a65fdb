"""The 情况说明 against the tables (DOMAIN.md): the stated 预算收入, 支出, 基本支出,
人员经费, 公用经费, 项目支出, 机关运行经费, 三公经费 and its parts, 政府采购预算 and
上年末固定资产金额 must equal the table figures, and stated parts must add up
(seed 000: 基本支出 966.96 = 人员经费 906.2 + 公用经费 60.76).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from model.domain import FilingData, TableData
from model.validation import messages
from model.validation.amounts import half_unit, rounding_note, same, show
from model.validation.balances import summary_layout
from model.validation.fixed_assets import asset_rows, value_col
from model.validation.grid import coded_layout, grid
from model.validation.procurement import procurement_layout
from model.validation.registry import absent, rule
from model.validation.result import ERROR, INFO, WARNING, FindingResult
from model.validation.stated_amounts import (
    FIGURE,
    Breakdown,
    Mention,
    YearChange,
    breakdowns,
    clean,
    mentions,
    year_changes,
)
from model.validation.three_public import three_public_rows
from parsers.tables import units

ITEM_NAMES = {
    "income": "预算收入",
    "spending": "支出预算",
    "basic": "基本支出",
    "staff": "人员经费",
    "public": "公用经费",
    "project": "项目支出",
    "running": "机关运行经费",
    "three_public": "“三公”经费",
    "abroad": "因公出国（境）费",
    "car": "公务用车购置及运维费",
    "car_buy": "公务用车购置费",
    "car_run": "公务用车运行维护费",
    "reception": "公务接待费",
    "procurement": "政府采购预算",
    "assets": "上年末固定资产金额",
}
PARTS = {
    "spending": ("basic", "project"),
    "basic": ("staff", "public"),
    "three_public": ("abroad", "car", "reception"),
    "car": ("car_buy", "car_run"),
}


@dataclass(frozen=True)
class Statement:
    item: str
    value: Decimal
    paragraph: int
    text: str


# Items whose table figure adds every fund and source of the department (the 收支总表's
# 本年收入/支出合计, the 支出总表's 基本支出/项目支出, the procurement and asset totals): a
# figure stated for one fund ("一般公共预算财政拨款支出预算", "其他资金收入预算总计") is a
# share of it, not it (js_procur_2017: 财政拨款收入 17981.68 of 收入 17996.68).
WHOLE_DEPARTMENT = frozenset({"income", "spending", "basic", "project", "procurement", "assets"})
# The funds the other tables hold: the 一般公共预算财政拨款基本支出表 and the "三公" table
# (合计 of its 财政拨款 columns), so "一般公共预算机关运行经费" and "财政拨款三公经费"
# (seed 000) are their figures.
APPROPRIATION = re.compile(r"^(?:一般公共(?:预算)?(?:财政)?(?:拨款)?|财政拨款)$")


def covers(item: str, fund: str) -> bool:
    """Whether the table figure for `item` is the figure of `fund` (the fund or source
    words printed before the label, "" for none)."""
    if not fund:
        return True
    return item not in WHOLE_DEPARTMENT and APPROPRIATION.match(fund) is not None


def statements(filing: FilingData) -> list[Statement]:
    """This year's figures the narrative states under a known label, in reading order.

    An amount belongs to the words right before it: "基本支出增加人员经费1408.29万元" is a
    change and "与上年0万元相比" last year's figure, so neither is stated here; nor is a
    figure of a fund or source the item's table figure does not stand for (`covers`)."""
    out = []
    for p in filing.paragraphs:
        for m in mentions(clean(p.text)):
            if m.kind == FIGURE and m.item is not None and covers(m.item, m.fund):
                out.append(Statement(m.item, m.value, p.order, m.text))
    return out


@dataclass(frozen=True)
class TableFigure:
    table: TableData
    cell: tuple[int, int]
    value: Decimal


def _coded_total(t: TableData | None, column: str) -> TableFigure | None:
    if t is None:
        return None
    g = grid(t)
    layout = coded_layout(g)
    if layout is None or layout.total_row is None:
        return None
    col = g.find_col(column, start=layout.name_col + 1)
    if col is None:
        return None
    return TableFigure(t, (layout.total_row, col), g.value(layout.total_row, col))


def _first(filing: FilingData, kind: str) -> TableData | None:
    ts = filing.tables_of(kind)
    return ts[0] if ts else None


def _summary(filing: FilingData, incoming: bool, *, grand: bool = False) -> TableFigure | None:
    """This year's total of a side of the 收支总表, or with `grand` its 总计 (with the
    carry-over)."""
    t = _first(filing, "revenue_expenditure_summary")
    if t is None:
        return None
    layout = summary_layout(t)
    if layout is None:
        return None
    side = layout.revenue if incoming else layout.expenditure
    row = side.grand_row if grand else side.total_row
    if row is None:
        return None
    c = side.amount_cols[0]
    return TableFigure(t, (row, c), grid(t).value(row, c))


def _three(filing: FilingData, key: str) -> TableFigure | None:
    t = _first(filing, "three_public_expenditure")
    if t is None:
        return None
    g = grid(t)
    rows = three_public_rows(g)
    if key == "three_public":
        row = rows.get("subtotal", rows.get("total"))
    else:
        row = rows.get(key)
    col = g.find_col("合计", exact=True)
    if not isinstance(row, int) or col is None:
        return None
    return TableFigure(t, (row, col), g.value(row, col))


def _procurement(filing: FilingData) -> TableFigure | None:
    t = _first(filing, "procurement")
    if t is None:
        return None
    lay = procurement_layout(t)
    if lay is None:
        return None
    g = grid(t)
    if lay.total_row is not None:
        return TableFigure(t, (lay.total_row, lay.total_col), g.value(lay.total_row, lay.total_col))
    total = sum((g.value(r, lay.total_col) for r in lay.item_rows), Decimal(0))
    # a table printed empty (seed 002) says 0, named by its 合计 column's header cell
    row = lay.item_rows[0] if lay.item_rows else max(min(g.body.start, t.n_rows) - 1, 0)
    return TableFigure(t, (row, lay.total_col), total)


def _assets(filing: FilingData) -> TableFigure | None:
    t = _first(filing, "fixed_assets")
    if t is None:
        return None
    g = grid(t)
    rows = asset_rows(g)
    if "total" not in rows:
        return None
    col = value_col(g)
    return TableFigure(t, (rows["total"], col), g.value(rows["total"], col))


SOURCES: dict[str, tuple[str, Callable[[FilingData], TableFigure | None]]] = {
    "income": ("部门预算收支总表本年收入合计", lambda f: _summary(f, True)),
    "spending": ("部门预算收支总表本年支出合计", lambda f: _summary(f, False)),
    "basic": (
        "部门预算支出总表基本支出合计",
        lambda f: _coded_total(_first(f, "expenditure_summary"), "基本支出"),
    ),
    "project": (
        "部门预算支出总表项目支出合计",
        lambda f: _coded_total(_first(f, "expenditure_summary"), "项目支出"),
    ),
    "staff": (
        "基本支出表人员经费合计",
        lambda f: _coded_total(_first(f, "gpb_basic_expenditure"), "人员经费"),
    ),
    "public": (
        "基本支出表公用经费合计",
        lambda f: _coded_total(_first(f, "gpb_basic_expenditure"), "公用经费"),
    ),
    "three_public": ("“三公”经费支出表", lambda f: _three(f, "three_public")),
    "abroad": ("“三公”经费支出表", lambda f: _three(f, "abroad")),
    "car": ("“三公”经费支出表", lambda f: _three(f, "car")),
    "car_buy": ("“三公”经费支出表", lambda f: _three(f, "car_buy")),
    "car_run": ("“三公”经费支出表", lambda f: _three(f, "car_run")),
    "reception": ("“三公”经费支出表", lambda f: _three(f, "reception")),
    "procurement": ("政府采购预算表合计", _procurement),
    "assets": ("固定资产占用情况表资产总额", _assets),
}


def _running(filing: FilingData) -> TableFigure | None:
    """机关运行经费 where a table prints it (Shanghai's “三公”经费和机关运行经费预算表
    has its own column), else the 公用经费 total it usually equals (a warning only)."""
    t = _first(filing, "three_public_expenditure")
    if t is not None:
        g = grid(t)
        col = g.find_col("机关运行经费")
        if col is not None and g.body:
            return TableFigure(t, (g.body.start, col), g.value(g.body.start, col))
    return SOURCES["public"][1](filing)


SOURCES["running"] = ("机关运行经费", _running)
# A text's 收入预算 / 支出预算 may be the 总计 with last year's carry-over (Shenzhen,
# Fujian: 收入预算4684.30万元 against 本年收入合计 4676.96 and 上年结转 7.34): either
# figure of the table agrees with it.
ALSO: dict[str, Callable[[FilingData], TableFigure | None]] = {
    "income": lambda f: _summary(f, True, grand=True),
    "spending": lambda f: _summary(f, False, grand=True),
}


def _in_wan(filing: FilingData, fig: TableFigure) -> Decimal:
    """The figure in 万元, as the text states it (a table printed in 元 is converted)."""
    return units.to_wan(fig.value, filing.unit_of(fig.table))


NARRATIVE_KINDS = frozenset(
    {
        "revenue_expenditure_summary",
        "expenditure_summary",
        "gpb_basic_expenditure",
        "three_public_expenditure",
        "procurement",
        "fixed_assets",
    }
)


@rule("narrative_mismatch", "narrative", NARRATIVE_KINDS, reads_paragraphs=True)
def narrative_mismatch(filing: FilingData) -> list[FindingResult]:
    out = []
    unchecked: dict[str, None] = {}
    for s in statements(filing):
        table_name, source = SOURCES[s.item]
        fig = source(filing)
        if fig is None:
            unchecked.setdefault(ITEM_NAMES[s.item])
            continue
        # the text states 万元; a table printed in 元 (Shanghai) is compared in 万元
        fig = replace(fig, value=_in_wan(filing, fig))
        if same(fig.value, s.value):
            continue
        also = ALSO[s.item](filing) if s.item in ALSO else None
        if also is not None and same(_in_wan(filing, also), s.value):
            continue
        severity = WARNING if s.item == "running" else ERROR
        out.append(
            FindingResult(
                "narrative_mismatch",
                severity,
                fig.table.id,
                (fig.cell,),
                messages.NARRATIVE.format(
                    item=ITEM_NAMES[s.item],
                    stated=show(s.value),
                    table=table_name,
                    actual=show(fig.value),
                ),
                expected=show(s.value),
                actual=show(fig.value),
                subject=f"{s.item}@{s.paragraph}",
                extra={"paragraph": s.paragraph, "text": s.text},
            )
        )
    if unchecked:
        # Said once, as info: the filing lacks the tables to compare these with.
        out.append(
            FindingResult(
                "narrative_mismatch",
                INFO,
                None,
                (),
                messages.NARRATIVE_ABSENT.format(items="、".join(unchecked)),
                subject="absent",
            )
        )
    return out


def _part_name(m: Mention) -> str:
    return ITEM_NAMES[m.item] if m.item is not None else m.name


def _checked(b: Breakdown) -> bool:
    """Whether a breakdown is one the parts rule compares: its total has known parts and
    the breakdown names all of them (a sentence that lists only some says nothing about
    the sum). Parts the filing names besides (单位预留机动经费, 其他支出, 结转下年资金)
    then count too."""
    if b.total.item not in PARTS:
        return False
    named = {p.item for p in b.parts}
    return set(PARTS[b.total.item]) <= named


@rule("narrative_parts", "narrative", frozenset(), reads_paragraphs=True)
def narrative_parts(filing: FilingData) -> list[FindingResult]:
    """Stated parts add up to their stated total (seed 000: 基本支出 966.96 = 人员经费
    906.2 + 日常公用经费 60.76), read per breakdown sentence (or the list after its
    "其中："), as the filing itself names the parts."""
    if not filing.paragraphs:
        return [absent("narrative_parts", ())]
    out = []
    for b in breakdowns(((p.order, p.text) for p in filing.paragraphs), PARTS):
        if not _checked(b):
            continue
        expected = sum((m.value for m in b.parts), Decimal(0))
        actual = b.total.value
        if same(expected, actual):
            continue
        # the stated figures are rounded to the cent too (105.58 = 95.36 + 10.23 is
        # rounding); a whole 万元 in the text is taken as exact, not as rounded
        slack = sum((half_unit(max(m.decimals, 2)) for m in (b.total, *b.parts)), Decimal(0))
        severity = INFO if abs(expected - actual) <= slack else ERROR
        total = b.total.item or ""
        out.append(
            FindingResult(
                "narrative_parts",
                severity,
                None,
                (),
                messages.NARRATIVE_PARTS.format(
                    total=ITEM_NAMES[total],
                    actual=show(actual),
                    expected=show(expected),
                    parts="、".join(_part_name(m) for m in b.parts),
                )
                + rounding_note(severity),
                expected=show(expected),
                actual=show(actual),
                subject=total,
                extra={"paragraph": b.paragraph, "text": b.total.text},
            )
        )
    return out


def _rate_range(c: YearChange) -> tuple[Decimal, Decimal] | None:
    """The rates (in %) the printed figure and change allow, each taken anywhere within
    its own rounding; None when last year's figure would not be positive."""
    a, da = c.current.value, half_unit(c.current.decimals)
    x, dx = c.change.value, half_unit(c.change.decimals)
    if c.down:
        low_last, high_last = a - da + x - dx, a + da + x + dx
    else:
        low_last, high_last = a - da - x - dx, a + da - x + dx
    if low_last <= 0:
        return None
    return max(x - dx, Decimal(0)) * 100 / high_last, (x + dx) * 100 / low_last


@rule("narrative_change", "narrative", frozenset(), reads_paragraphs=True)
def narrative_change(filing: FilingData) -> list[FindingResult]:
    """Year-on-year statements agree with the figures they compare: "A 万元，比上年增加 X
    万元，增长 Y%" needs Y = X / (A - X), and a printed last-year figure L needs
    A - L = X. Published figures are rounded, so each is allowed its own rounding (half
    a unit of its last printed digit) before a difference counts."""
    if not filing.paragraphs:
        return [absent("narrative_change", ())]
    out = []
    for p in filing.paragraphs:
        for c in year_changes(clean(p.text)):
            name = _part_name(c.current)
            direction = "减少" if c.down else "增加"
            sign = -1 if c.down else 1
            if c.last is not None:
                diff = c.current.value - c.last.value
                slack = sum(
                    (half_unit(m.decimals) for m in (c.current, c.last, c.change)), Decimal(0)
                )
                if abs(diff - sign * c.change.value) > slack:
                    out.append(
                        FindingResult(
                            "narrative_change",
                            ERROR,
                            None,
                            (),
                            messages.NARRATIVE_CHANGE.format(
                                name=name,
                                current=show(c.current.value),
                                last=show(c.last.value),
                                direction=direction,
                                expected=show(abs(diff)),
                                actual=show(c.change.value),
                            ),
                            expected=show(abs(diff)),
                            actual=show(c.change.value),
                            subject=f"change@{p.order}",
                            extra={"paragraph": p.order, "text": c.change.text},
                        )
                    )
            if c.rate is None:
                continue
            allowed = _rate_range(c)
            if allowed is None:
                continue
            half = half_unit(c.rate_decimals)
            # a rate may be cut rather than rounded to its printed digits (36.5856 % printed
            # 36.58 %): a whole unit of slack below, half a unit above
            if c.rate + 2 * half < allowed[0] or c.rate - half > allowed[1]:
                last = c.current.value - sign * c.change.value
                expected = f"{c.change.value * 100 / last:.{c.rate_decimals}f}"
                actual = f"{c.rate:.{c.rate_decimals}f}"
                # A warning: the rate may be taken on a base the text does not print (an
                # adjusted 上年 figure; real filings differ from X / (A - X) by up to
                # 0.7 points, and print typos such as 1312.56% for 1212.56%).
                out.append(
                    FindingResult(
                        "narrative_change",
                        WARNING,
                        None,
                        (),
                        messages.NARRATIVE_RATE.format(
                            name=name,
                            current=show(c.current.value),
                            direction=direction,
                            change=show(c.change.value),
                            expected=expected,
                            actual=actual,
                        ),
                        expected=expected,
                        actual=actual,
                        subject=f"rate@{p.order}",
                        extra={"paragraph": p.order, "text": c.change.text},
                    )
                )
    return out
