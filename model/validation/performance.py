"""Project performance tables (DOMAIN.md): 预算数 = 财政资金 + 其他资金, the title's
金额 = 预算数, a spending plan that never decreases and ends at 100 %, indicator
categories, indicator values ([符号][数值][单位] or a phrase), missing names and
values, and 成本指标 amounts against the budget.

Labels are found by their text anywhere in the table: layouts differ by year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from model.cell_places import row_label
from model.domain import FilingData, TableData
from model.validation import messages
from model.validation.amounts import is_blank, normalise, parse_amount, same, show
from model.validation.grid import Grid, grid, label, memo
from model.validation.registry import rule
from model.validation.result import ERROR, WARNING, FindingResult

KINDS = frozenset({"project_performance", "overall_performance"})
PROJECT = "project_performance"

LEVEL2 = {
    "产出指标": ("数量", "质量", "时效", "成本"),
    # the template of 2021 on makes cost a first-level indicator of its own (Hunan,
    # Shandong, Fujian); older ones keep 成本指标 under 产出指标: both are read
    "成本指标": ("经济成本", "社会成本", "生态环境成本", "生态成本", "成本"),
    "效益指标": ("经济效益", "社会效益", "生态效益", "可持续影响"),
    "满意度指标": ("服务对象满意度", "满意度"),
}
REQUIRED_LEVEL1 = ("产出指标", "效益指标", "满意度指标")
LEVEL1_ALIASES = {"效果指标": "效益指标"}
MONTHS = ("3月底", "6月底", "10月底", "12月底")
_TITLE_AMOUNT = re.compile(r"金额[：:]\s*([\d,，.]+)\s*万元")
_VALUE = re.compile(r"^(≥|≤|>|<|=)?(-?\d+(?:\.\d+)?)?(.*)$")
_UNITS = {
    "%",
    "人",
    "个",
    "元",
    "万元",
    "次",
    "天",
    "月",
    "年",
    "家",
    "户",
    "件",
    "台",
    "人次",
    "项",
    "本",
    "所",
    "场",
    "期",
    "小时",
    "日",
    "元/人",
    "万人",
    "名",
    "张",
    "套",
    "份",
}


# ---------------------------------------------------------------- header part


@dataclass(frozen=True)
class Labelled:
    row: int
    col: int
    value: Decimal | None
    text: str


def find_label(g: Grid, *names: str) -> tuple[int, int] | None:
    for r in range(len(g.rows)):
        for c in range(g.n_cols):
            t = label(g.text(r, c))
            if t and any(t == n or t.startswith(n) or n in t for n in names):
                return r, c
    return None


def labelled_amount(g: Grid, *names: str) -> Labelled | None:
    """The amount right of a label cell (预算数 | 0.64)."""
    pos = find_label(g, *names)
    if pos is None:
        return None
    r, c = pos
    col = c + 1
    cell = g.table.cell(r, c)
    if cell is not None:
        col = cell.col + cell.colspan
    if col >= g.n_cols:
        return None  # the label ends its row: no amount printed beside it
    text = g.text(r, col)
    return Labelled(r, col, parse_amount(text), text)


def title_amount(t: TableData) -> tuple[Decimal, tuple[int, int] | None] | None:
    """金额：16.5万元 from the title, caption or a header cell."""
    g = grid(t)
    for r in range(min(len(g.rows), 3)):
        for c in range(g.n_cols):
            m = _TITLE_AMOUNT.search(normalise(g.text(r, c)))
            if m:
                v = parse_amount(m.group(1))
                if v is not None:
                    return v, (r, c)
    for text in (t.title, *t.caption_lines):
        m = _TITLE_AMOUNT.search(normalise(text))
        if m and parse_amount(m.group(1)) is not None:
            return parse_amount(m.group(1)), None  # type: ignore[return-value]
    return None


def groups(filing: FilingData) -> dict[str, list[TableData]]:
    """Project tables by title (the header and indicator parts share one)."""
    return memo("groups", filing, lambda: _groups(filing))


def _groups(filing: FilingData) -> dict[str, list[TableData]]:
    out: dict[str, list[TableData]] = {}
    for t in filing.tables_of(PROJECT):
        out.setdefault(label(t.title) or f"#{t.id}", []).append(t)
    return out


def header_parts(ts: list[TableData]) -> list[TableData]:
    return [t for t in ts if t.part in ("header", None)]


def indicator_parts(ts: list[TableData]) -> list[TableData]:
    return [t for t in ts if t.part in ("indicators", None)]


def project_budget(ts: list[TableData]) -> Decimal | None:
    for t in header_parts(ts):
        b = labelled_amount(grid(t), "预算数")
        if b is not None and b.value is not None and not is_blank(b.text):
            return b.value
    for t in ts:
        ta = title_amount(t)
        if ta is not None:
            return ta[0]
    return None


def project_name(ts: list[TableData]) -> str:
    for t in header_parts(ts):
        got = labelled_amount(grid(t), "项目名称")
        if got is not None and label(got.text):
            return label(got.text)
    title = label(ts[0].title)
    return re.sub(r"(绩效目标表|预算项目绩效表|绩效表)$", "", title)


# ---------------------------------------------------------------- header rules


@rule("budget_sum", "performance", {PROJECT})
def budget_sum(filing: FilingData) -> list[FindingResult]:
    gs = groups(filing)
    out = []
    for ts in gs.values():
        for t in header_parts(ts):
            g = grid(t)
            budget = labelled_amount(g, "预算数")
            fiscal = labelled_amount(g, "财政资金")
            other = labelled_amount(g, "其他资金")
            if budget is None or fiscal is None or budget.value is None or fiscal.value is None:
                continue
            other_v = other.value if other is not None and other.value is not None else Decimal(0)
            expected = fiscal.value + other_v
            if not same(expected, budget.value):
                cells = [(budget.row, budget.col), (fiscal.row, fiscal.col)]
                if other is not None:
                    cells.append((other.row, other.col))
                out.append(
                    FindingResult(
                        "budget_sum",
                        ERROR,
                        t.id,
                        tuple(cells),
                        messages.BUDGET_SUM.format(
                            actual=show(budget.value), expected=show(expected)
                        ),
                        expected=show(expected),
                        actual=show(budget.value),
                        subject="budget",
                    )
                )
    return out


@rule("title_amount", "performance", {PROJECT})
def title_amount_rule(filing: FilingData) -> list[FindingResult]:
    gs = groups(filing)
    out = []
    for ts in gs.values():
        for t in ts:
            ta = title_amount(t)
            if ta is None:
                continue
            for h in header_parts(ts):
                budget = labelled_amount(grid(h), "预算数")
                if budget is None or budget.value is None or is_blank(budget.text):
                    continue
                if not same(ta[0], budget.value):
                    cells = ((ta[1],) if ta[1] and h.id == t.id else ()) + (
                        (budget.row, budget.col),
                    )
                    out.append(
                        FindingResult(
                            "title_amount",
                            ERROR,
                            h.id,
                            cells,
                            messages.TITLE_AMOUNT.format(
                                actual=show(ta[0]), expected=show(budget.value)
                            ),
                            expected=show(budget.value),
                            actual=show(ta[0]),
                            subject="title",
                        )
                    )
                break
            break
    return out


def spending_plan_cells(g: Grid) -> tuple[list[tuple[int, int]], int] | None:
    """The value cells under 3月底 / 6月底 / 10月底 / 12月底 and how many month labels
    are printed (a missing 12月底 column gets the next position, so a finding can
    point at it)."""
    for r in range(len(g.rows) - 1):
        cols = {}
        for c in range(g.n_cols):
            t = label(g.text(r, c))
            for m in MONTHS:
                if t == m or t == m.replace("底", "") or t.startswith(m):
                    cols[m] = c
        if "3月底" in cols or "6月底" in cols:
            found = [cols[m] for m in MONTHS if m in cols]
            if any(b <= a for a, b in zip(found, found[1:], strict=False)):
                continue  # months out of order across the row: no plan of ours
            step = (found[1] - found[0]) if len(found) > 1 else 1
            printed = len(found)
            while len(found) < 4:
                found.append(found[-1] + step)
            return [(r + 1, c) for c in found if c < g.n_cols], printed
    return None


@rule("spending_plan", "performance", {PROJECT})
def spending_plan(filing: FilingData) -> list[FindingResult]:
    gs = groups(filing)
    out = []
    for ts in gs.values():
        budget = project_budget(ts)
        for t in header_parts(ts):
            g = grid(t)
            plan = spending_plan_cells(g)
            if plan is None:
                continue
            cells, printed = plan
            texts = [g.text(r, c) for r, c in cells]
            values = [parse_amount(x) if not is_blank(x) else None for x in texts]
            label_row = " ".join(g.rows[cells[0][0] - 1])
            percent = "%" in label_row or "％" in label_row or any("%" in x for x in texts)
            numbers = [v for v in values if v is not None]
            if not percent and numbers and max(numbers) > 100 and budget is not None:
                goal = budget  # a plan in 万元 must reach the budget
            else:
                goal = Decimal(100)
            # Without a 12月底 column the last printed month must reach the goal
            # (seed 000 item 7: 25/50/100 is complete); a blank 12月底 is not.
            last = (
                values[-1]
                if printed == 4
                else next((v for v in reversed(values[:printed]) if v is not None), None)
            )
            if last is None or not same(last, goal):
                out.append(
                    FindingResult(
                        "spending_plan",
                        WARNING,
                        t.id,
                        tuple(cells),
                        messages.SPENDING_END.format(actual=normalise(texts[-1]) or "空"),
                        expected=show(goal),
                        actual=normalise(texts[-1]),
                        subject="end",
                    )
                )
            previous: tuple[int, Decimal] | None = None
            for i, v in enumerate(values):
                if v is None:
                    continue
                if previous is not None and v < previous[1]:
                    out.append(
                        FindingResult(
                            "spending_plan",
                            WARNING,
                            t.id,
                            (cells[previous[0]], cells[i]),
                            messages.SPENDING_ORDER.format(
                                earlier=MONTHS[previous[0]], a=previous[1], later=MONTHS[i], b=v
                            ),
                            expected=f"≥{previous[1]}",
                            actual=str(v),
                            subject=f"order{i}",
                        )
                    )
                previous = (i, v)
    return out


# ---------------------------------------------------------------- indicator grid


@dataclass(frozen=True)
class Indicator:
    row: int
    level1: str
    level2: str
    level3: str
    description: str
    symbol: str
    number: str
    unit: str
    value_cells: tuple[tuple[int, int], ...]
    level1_col: int
    level2_col: int
    level3_col: int | None
    spilled_unit: str = ""  # a unit printed in the 值 cell of the split layout


@dataclass(frozen=True)
class IndicatorGrid:
    header_row: int
    level1_col: int
    indicators: tuple[Indicator, ...]


def clean_value(text: str) -> str:
    """LaTeX and ASCII residue to the symbols the rules expect ($\\geq 95\\%$ → ≥95%)."""
    t = normalise(text)
    for a, b in (
        ("\\geq", "≥"),
        ("\\leq", "≤"),
        ("\\ge", "≥"),
        ("\\le", "≤"),
        ("\\%", "%"),
        ("$", ""),
        (">=", "≥"),
        ("<=", "≤"),
        ("＞", ">"),
        ("＜", "<"),
        ("＝", "="),
        ("≧", "≥"),
        ("≦", "≤"),
        ("{", ""),
        ("}", ""),
    ):
        t = t.replace(a, b)
    return t


def indicator_grid(t: TableData) -> IndicatorGrid | None:
    return memo("indicators", t, lambda: _indicator_grid(t))


def _indicator_grid(t: TableData) -> IndicatorGrid | None:
    g = grid(t)
    head = None
    for r in range(len(g.rows)):
        if any(label(x) == "一级指标" for x in g.rows[r]):
            head = r
            break
    if head is None:
        return None

    def col(*names: str, row: int = head, exclude: str = "") -> int | None:
        for c in range(g.n_cols):
            t_ = label(g.text(row, c))
            if any(t_.startswith(n) for n in names) and not (exclude and exclude in t_):
                return c
        return None

    l1, l2, l3 = col("一级指标"), col("二级指标"), col("三级指标")
    desc = col("绩效指标描述", "指标描述", "指标内容")
    # 指标值 itself before 指标值类型 / 指标值内容 printed beside it (Hunan)
    exact = [c for c in range(g.n_cols) if label(g.text(head, c)) == "指标值"]
    value = exact[0] if exact else col("指标值", exclude="依据")
    if l1 is None or l2 is None:
        return None
    start = head + 1
    sym = num = unit = None
    if head + 1 < len(g.rows):
        sym = col("符号", row=head + 1)
        num = next((c for c in range(g.n_cols) if label(g.text(head + 1, c)) == "值"), None)
        unit = col("单位", row=head + 1)
        if sym is not None:
            start = head + 2
    out = []
    current_l1, current_l2 = "", ""
    for r in range(start, len(g.rows)):
        row = g.rows[r]
        if label(g.text(r, l1)) == "一级指标":
            continue
        used = [c for c in (l2, l3, desc, value, sym, num, unit) if c is not None]
        if all(is_blank(row[c]) for c in used):
            continue
        if label(g.text(r, l1)):
            current_l1 = label(g.text(r, l1))
        if label(g.text(r, l2)):
            current_l2 = label(g.text(r, l2))
        if sym is not None and num is not None and unit is not None:
            cells = ((r, sym), (r, num), (r, unit))
            s, n, u = clean_value(g.text(r, sym)), clean_value(g.text(r, num)), g.text(r, unit)
            spilled = ""
            m = _VALUE.match(n)
            if n and m and m.group(2) and m.group(3) and not normalise(u):
                # seed 004: "95.00 %" in the 值 cell, 单位 empty — the unit spilled over.
                n, u, spilled = m.group(2), m.group(3), m.group(3)
            elif n and m and not m.group(2):
                n, u = "", f"{n}{u}"  # a phrase in the 值 cell
        elif value is not None:
            cells = ((r, value),)
            m = _VALUE.match(clean_value(g.text(r, value)))
            s, n, u = (m.group(1) or "", m.group(2) or "", m.group(3) or "") if m else ("", "", "")
            spilled = ""
        else:
            continue
        out.append(
            Indicator(
                row=r,
                level1=current_l1,
                level2=label(g.text(r, l2)) or current_l2,
                level3=label(g.text(r, l3)) if l3 is not None else "",
                description=label(g.text(r, desc)) if desc is not None else "",
                symbol=s,
                number=n,
                unit=normalise(u),
                value_cells=cells,
                level1_col=l1,
                level2_col=l2,
                level3_col=l3,
                spilled_unit=spilled,
            )
        )
    return IndicatorGrid(head, l1, tuple(out))


def _indicator_tables(filing: FilingData) -> list[tuple[TableData, IndicatorGrid]]:
    out = []
    for t in filing.tables:
        if t.kind in KINDS and t.part in ("indicators", None):
            grid = indicator_grid(t)
            if grid is not None:
                out.append((t, grid))
    return out


def _name(ind: Indicator) -> str:
    return f"{ind.level2}「{ind.level3 or ind.description}」"


def _level2_stem(text: str) -> str:
    return text.replace("指标", "").replace("性", "")


def level1_of(text: str) -> str | None:
    t = text.replace(" ", "")
    t = LEVEL1_ALIASES.get(t, t)
    return t if t in LEVEL2 else None


@rule("indicator_category", "performance", KINDS)
def indicator_category(filing: FilingData) -> list[FindingResult]:
    tables = _indicator_tables(filing)
    out = []
    for t, ig in tables:
        present = set()
        for ind in ig.indicators:
            l1 = level1_of(ind.level1)
            cells = ((ind.row, ind.level1_col), (ind.row, ind.level2_col))
            if l1 is None:
                if ind.level1:
                    out.append(
                        FindingResult(
                            "indicator_category",
                            WARNING,
                            t.id,
                            cells,
                            messages.LEVEL1_UNKNOWN.format(actual=ind.level1),
                            expected="产出指标/成本指标/效益指标/满意度指标",
                            actual=ind.level1,
                            subject=f"r{ind.row}:l1",
                        )
                    )
                continue
            present.add(l1)
            stem = _level2_stem(ind.level2)
            if ind.level2 and not any(stem.startswith(s) or s in stem for s in LEVEL2[l1]):
                owner = next(
                    (k for k, v in LEVEL2.items() if any(stem.startswith(s) for s in v)), ""
                )
                out.append(
                    FindingResult(
                        "indicator_category",
                        WARNING,
                        t.id,
                        cells,
                        messages.LEVEL2_WRONG.format(
                            level2=ind.level2, level1=ind.level1, expected=owner or "其他一级指标"
                        ),
                        expected=owner,
                        actual=ind.level1,
                        subject=f"r{ind.row}:l2",
                    )
                )
        for l1 in REQUIRED_LEVEL1:
            if l1 not in present and ig.indicators:
                out.append(
                    FindingResult(
                        "indicator_category",
                        WARNING,
                        t.id,
                        ((ig.header_row, ig.level1_col),),
                        messages.LEVEL1_MISSING.format(expected=l1),
                        expected=l1,
                        actual="",
                        subject=f"missing:{l1}",
                    )
                )
    return out


def value_kind(ind: Indicator) -> str:
    """'empty', 'phrase', 'no_number' or 'number'."""
    s, n, u = ind.symbol, ind.number, ind.unit
    if s == "文字描述":
        return "phrase" if u else "empty"
    if not s and not n and not u:
        return "empty"
    if n:
        return "number"
    if u in _ANSWERS:
        return "phrase"  # 无 (no complaints), 是, 否: a whole answer in one character
    if u in _UNITS or (u and len(u) <= 1) or (s and not u):
        return "no_number"
    return "phrase"


_ANSWERS = frozenset(("无", "有", "是", "否", "好", "高", "优", "良"))


def stated_in_words(ind: Indicator) -> str | None:
    """The one figure the indicator's description states in the unit of its exact value
    when it is another figure ("慰问…遗孀33人" over a value of 35人, seed 003): a
    count told twice, two ways. Bounds (≥ ≤ > <) and units that go on (人次, 人/月)
    are left alone; so is a description stating two figures in that unit."""
    if ind.symbol not in ("", "=") or not ind.unit or ind.unit.startswith("%"):
        return None
    value = parse_amount(ind.number)
    pattern = rf"(\d+(?:\.\d+)?){re.escape(ind.unit)}(?![次/每·\w])"
    stated = re.findall(pattern, normalise(ind.description))
    if value is None or len(set(stated)) != 1:
        return None
    said = parse_amount(stated[0])
    return f"{stated[0]}{ind.unit}" if said is not None and said != value else None


@rule("indicator_value", "performance", KINDS)
def indicator_value(filing: FilingData) -> list[FindingResult]:
    tables = _indicator_tables(filing)
    out = []
    for t, ig in tables:
        for ind in ig.indicators:
            k = value_kind(ind)
            shown = f"{ind.symbol}{ind.number}{ind.unit}"
            if k == "no_number":
                out.append(
                    FindingResult(
                        "indicator_value",
                        ERROR,
                        t.id,
                        ind.value_cells,
                        messages.VALUE_NO_NUMBER.format(indicator=_name(ind), actual=shown),
                        expected="数值",
                        actual=shown,
                        subject=f"r{ind.row}",
                    )
                )
            elif ind.spilled_unit:
                out.append(
                    FindingResult(
                        "indicator_value",
                        WARNING,
                        t.id,
                        ind.value_cells[1:],
                        messages.VALUE_UNIT_SPILLED.format(
                            indicator=_name(ind), unit=ind.spilled_unit
                        ),
                        expected=ind.spilled_unit,
                        actual="",
                        subject=f"r{ind.row}:unit",
                    )
                )
            stated = stated_in_words(ind) if k == "number" else None
            if stated is not None:
                out.append(
                    FindingResult(
                        "indicator_value",
                        WARNING,
                        t.id,
                        ind.value_cells,
                        messages.VALUE_WORDS.format(
                            indicator=_name(ind), stated=stated, actual=shown
                        ),
                        expected=stated,
                        actual=shown,
                        subject=f"r{ind.row}:words",
                    )
                )
            if k == "number" and ind.unit.startswith("%"):
                v = parse_amount(ind.number)
                if v is not None and not (0 <= v <= 100):
                    out.append(
                        FindingResult(
                            "indicator_value",
                            ERROR,
                            t.id,
                            ind.value_cells,
                            messages.VALUE_RATE.format(indicator=_name(ind), actual=shown),
                            expected="0–100%",
                            actual=shown,
                            subject=f"r{ind.row}",
                        )
                    )
    return out


@rule("missing_value", "performance", KINDS)
def missing_value(filing: FilingData) -> list[FindingResult]:
    tables = _indicator_tables(filing)
    out = []
    for t, ig in tables:
        for ind in ig.indicators:
            if _unused_category(ind):
                continue
            if ind.level3_col is not None and not ind.level3:
                out.append(
                    FindingResult(
                        "missing_value",
                        ERROR,
                        t.id,
                        ((ind.row, ind.level3_col),),
                        messages.MISSING_LEVEL3.format(
                            row=row_label(t, ind.row), level2=ind.level2
                        ),
                        expected="三级指标",
                        actual="",
                        subject=f"r{ind.row}:l3",
                    )
                )
            if value_kind(ind) == "empty":
                out.append(
                    FindingResult(
                        "missing_value",
                        ERROR,
                        t.id,
                        ind.value_cells,
                        messages.MISSING_VALUE.format(indicator=_name(ind)),
                        expected="指标值",
                        actual="",
                        subject=f"r{ind.row}:value",
                    )
                )
    return out


def _unused_category(ind: Indicator) -> bool:
    """A second-level category the template prints for every project, left empty where
    it does not apply (社会成本指标, 生态环境成本指标 with no indicator, no value: Hunan,
    Xi'an): nothing is missing from it."""
    return not (ind.level3 or ind.description or ind.symbol or ind.number or ind.unit)


def _is_cost(ind: Indicator) -> bool:
    return "成本" in ind.level2


def _cells(ind: Indicator) -> tuple[tuple[int, int], ...]:
    named = ((ind.row, ind.level2_col),) + (
        ((ind.row, ind.level3_col),) if ind.level3_col is not None else ()
    )
    return named + ind.value_cells


_MONEY_STATED = re.compile(r"\d+(?:\.\d+)?\s*万?元")


def _not_money(ind: Indicator) -> bool:
    """A cost indicator whose value is no money: a rate (=100%), or a count (=30人/月)
    while its own words state the money (按照每人每月30元发放标准, seed 001)."""
    if ind.unit.startswith("%"):
        return True
    words = f"{ind.level3}{ind.description}"
    return bool(ind.unit) and "元" not in ind.unit and bool(_MONEY_STATED.search(words))


@rule("cost_indicator_value", "performance", KINDS)
def cost_indicator_value(filing: FilingData) -> list[FindingResult]:
    tables = _indicator_tables(filing)
    out = []
    for t, ig in tables:
        for ind in ig.indicators:
            if _is_cost(ind) and value_kind(ind) == "number" and _not_money(ind):
                shown = f"{ind.symbol}{ind.number}{ind.unit}"
                out.append(
                    FindingResult(
                        "cost_indicator_value",
                        WARNING,
                        t.id,
                        _cells(ind),
                        messages.COST_RATE.format(
                            indicator=ind.level3 or ind.description, actual=shown
                        ),
                        expected="金额",
                        actual=shown,
                        subject=f"r{ind.row}",
                    )
                )
    return out


@rule("cost_over_budget", "performance", {PROJECT})
def cost_over_budget(filing: FilingData) -> list[FindingResult]:
    gs = groups(filing)
    out = []
    for ts in gs.values():
        budget = project_budget(ts)
        if budget is None or budget <= 0:
            continue
        for t in indicator_parts(ts):
            ig = indicator_grid(t)
            if ig is None:
                continue
            for ind in ig.indicators:
                if not _is_cost(ind) or value_kind(ind) != "number":
                    continue
                v = parse_amount(ind.number)
                if v is None:
                    continue
                if ind.unit.startswith("万元"):
                    amount = v
                elif ind.unit == "元" and "人" not in ind.description:
                    amount = v / 10000
                else:
                    continue
                if amount > budget:
                    out.append(
                        FindingResult(
                            "cost_over_budget",
                            ERROR,
                            t.id,
                            _cells(ind),
                            messages.COST_OVER.format(
                                indicator=ind.level3 or ind.description,
                                actual=show(amount),
                                expected=show(budget),
                            ),
                            expected=f"≤{show(budget)}",
                            actual=show(amount),
                            subject=f"r{ind.row}",
                        )
                    )
    return out
