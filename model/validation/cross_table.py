"""Agreement across tables (DOMAIN.md): totals of 收入总表, 支出总表 and 收支总表; per
function code 收入总表 = 支出总表; each class of 收支总表 (and 财政拨款收支总表) = the 类
row of that name; 一般公共预算支出表 基本支出 = 基本支出表 合计; procurement 预算资金 =
the project table's 预算数.

A disagreement is reported on the table that is the odd one out (or on each table
when two disagree), so every finding names cells of its own table.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from model.domain import FilingData, TableData
from model.validation import messages
from model.validation.amounts import cents, rounding_note, show, sum_severity
from model.validation.balances import summary_layout
from model.validation.grid import Grid, coded_layout, coded_rows, grid, label
from model.validation.performance import groups, header_parts, labelled_amount, project_name
from model.validation.procurement import procurement_layout
from model.validation.registry import KIND_NAMES, absent, rule
from model.validation.result import ERROR, FindingResult

KINDS = frozenset(
    {
        "revenue_expenditure_summary",
        "revenue_summary",
        "expenditure_summary",
        "fiscal_appropriation_summary",
        "gpb_expenditure",
        "gpb_basic_expenditure",
        "procurement",
        "project_performance",
    }
)


@dataclass(frozen=True)
class Figure:
    table: TableData
    cells: tuple[tuple[int, int], ...]
    value: Decimal


def agree(what: str, subject: str, figures: list[Figure]) -> list[FindingResult]:
    """Findings for the figures that differ from the others (all of them on a tie)."""
    if len(figures) < 2:
        return []
    counts = Counter(cents(f.value) for f in figures)
    if len(counts) == 1:
        return []
    (top, n), *rest = counts.most_common()
    majority = top if n > 1 and (not rest or rest[0][1] < n) else None
    out = []
    for f in figures:
        if majority is not None and cents(f.value) == majority:
            continue
        others = [o for o in figures if o is not f]
        expected = majority if majority is not None else cents(others[0].value)
        # one figure printed twice, rounded once from its parts and once from the
        # whole, may differ by a cent: a note, not an error (issue 27)
        severity = sum_severity(expected, f.value, (show(expected), show(f.value))) or ERROR
        other_names = "、".join(
            dict.fromkeys(KIND_NAMES.get(o.table.kind or "", o.table.title) for o in others)
        )
        out.append(
            FindingResult(
                "cross_table_amount",
                severity,
                f.table.id,
                f.cells,
                messages.CROSS_TOTAL.format(
                    what=what, actual=show(f.value), other=other_names, expected=show(expected)
                )
                + rounding_note(severity),
                expected=show(expected),
                actual=show(f.value),
                subject=subject,
            )
        )
    return out


def _first(filing: FilingData, kind: str) -> TableData | None:
    ts = filing.tables_of(kind)
    return ts[0] if ts else None


def _coded(t: TableData, column: str) -> tuple[Grid, dict[str, int], int | None, int | None]:
    """(grid, code -> row, total row, column index of `column`)."""
    g = grid(t)
    layout = coded_layout(g)
    if layout is None:
        return g, {}, None, None
    col = g.find_col(column, exact=True, start=layout.name_col + 1)
    rows = {}
    for r, code in coded_rows(g, layout):
        rows.setdefault(code, r)
    return g, rows, layout.total_row, col


def _class_rows(t: TableData) -> tuple[dict[str, tuple[int, int]], set[str]]:
    """(类 name -> (row, code column), the names of the rows below the classes) of a
    coded table."""
    g = grid(t)
    layout = coded_layout(g)
    if layout is None:
        return {}, set()
    classes, deeper = {}, set()
    for r, code in coded_rows(g, layout):
        name = label(g.text(r, layout.name_col))
        if len(code) == 3:
            classes[name] = (r, layout.code_col)
        else:
            deeper.add(name)
    return classes, deeper - set(classes)


def _names_a_class(name: str) -> bool:
    """A function class as a summary lists it (一般公共服务支出, 教育支出), not an item
    under one nor a total line (本年支出, 支出合计)."""
    return name.endswith("支出") and not name.startswith("本年") and "计" not in name


def _classes_vs(
    summary: TableData, coded: TableData, side_col: str | None, what: str
) -> list[FindingResult]:
    layout = summary_layout(summary)
    if layout is None:
        return []
    sg = grid(summary)
    exp = layout.classes
    scol = exp.amount_cols[0]
    if side_col is not None:
        found = sg.find_col(side_col, start=exp.label_col + 1)
        scol = found if found is not None else scol
    cg, _, _, ccol = _coded(coded, "合计")
    if ccol is None:
        return []
    classes, deeper = _class_rows(coded)
    if not classes:
        # a listing at 项 level only (Beijing's 支出总表 by function and economic class):
        # it prints no 类 rows to hold the summary's classes against
        return []
    out = []
    matched = set()
    for r in exp.items:
        name = label(sg.text(r, exp.label_col))
        if not name:
            continue
        s_val = sg.value(r, scol)
        hit = classes.get(name)
        if hit is None and (not _names_a_class(name) or name in deeper):
            continue  # an item below the classes (财政事务, 行政运行) or a total line
        c_val = cg.value(hit[0], ccol) if hit else Decimal(0)
        if hit:
            matched.add(name)
        figs = [Figure(summary, ((r, scol),), s_val)]
        if hit:
            figs.append(Figure(coded, ((hit[0], ccol),), c_val))
        elif s_val != 0:
            figs.append(Figure(coded, (), Decimal(0)))
        out += [
            f
            for f in agree(f"{what}「{name}」", f"class:{name}:{coded.kind}", figs)
            if f.table_id == summary.id or f.cells
        ]
    for name, (r, _) in classes.items():
        # a summary that names none of the classes lists something else (fund sources)
        if matched and name not in matched and cg.value(r, ccol) != 0:
            out.append(
                FindingResult(
                    "cross_table_amount",
                    ERROR,
                    coded.id,
                    ((r, ccol),),
                    messages.CROSS_TOTAL.format(
                        what=f"{what}「{name}」",
                        actual=show(cg.value(r, ccol)),
                        other=KIND_NAMES.get(summary.kind or "", summary.title),
                        expected="0.00",
                    ),
                    expected="0.00",
                    actual=show(cg.value(r, ccol)),
                    subject=f"class:{name}:{summary.kind}",
                )
            )
    return out


@rule("cross_table_amount", "cross_table", KINDS)
def cross_table_amount(filing: FilingData) -> list[FindingResult]:
    rev = _first(filing, "revenue_summary")
    exp = _first(filing, "expenditure_summary")
    summ = _first(filing, "revenue_expenditure_summary")
    fiscal = _first(filing, "fiscal_appropriation_summary")
    gpb = _first(filing, "gpb_expenditure")
    basic = _first(filing, "gpb_basic_expenditure")
    out: list[FindingResult] = []
    present = [t for t in (rev, exp, summ, fiscal, gpb, basic) if t is not None]

    # Totals: 收入总表 合计 = 支出总表 合计 = 收支总表 收入总计.
    totals = []
    for t in (rev, exp):
        if t is not None:
            g, _, total_row, col = _coded(t, "合计")
            if total_row is not None and col is not None:
                totals.append(Figure(t, ((total_row, col),), g.value(total_row, col)))
    if summ is not None:
        layout = summary_layout(summ)
        if layout is not None and layout.revenue.grand_row is not None:
            r, c = layout.revenue.grand_row, layout.revenue.amount_cols[0]
            totals.append(Figure(summ, ((r, c),), grid(summ).value(r, c)))
    out += agree("收支总额", "total", totals)

    # Per function code: 收入总表 合计 = 支出总表 合计.
    if rev is not None and exp is not None:
        rg, rrows, _, rcol = _coded(rev, "合计")
        eg, erows, _, ecol = _coded(exp, "合计")
        if rcol is not None and ecol is not None:
            for code in dict.fromkeys([*rrows, *erows]):
                figs = []
                if code in rrows:
                    figs.append(Figure(rev, ((rrows[code], rcol),), rg.value(rrows[code], rcol)))
                else:
                    figs.append(Figure(rev, (), Decimal(0)))
                if code in erows:
                    figs.append(Figure(exp, ((erows[code], ecol),), eg.value(erows[code], ecol)))
                else:
                    figs.append(Figure(exp, (), Decimal(0)))
                out += [f for f in agree(f"科目 {code} 合计", f"code:{code}", figs) if f.cells]

    if summ is not None and exp is not None:
        out += _classes_vs(summ, exp, None, "支出功能分类")
    if fiscal is not None and gpb is not None:
        out += _classes_vs(fiscal, gpb, "一般公共预算", "一般公共预算财政拨款支出")

    # 一般公共预算支出表 基本支出 合计 = 基本支出表 合计.
    if gpb is not None and basic is not None:
        gg, _, gtotal, gcol = _coded(gpb, "基本支出")
        bg, _, btotal, bcol = _coded(basic, "合计")
        if None not in (gtotal, gcol, btotal, bcol):
            out += agree(
                "基本支出合计",
                "basic",
                [
                    Figure(gpb, ((gtotal, gcol),), gg.value(gtotal, gcol)),  # type: ignore[arg-type]
                    Figure(basic, ((btotal, bcol),), bg.value(btotal, bcol)),  # type: ignore[arg-type]
                ],
            )

    out += procurement_projects(filing)
    if not present and not filing.tables_of("procurement"):
        return [absent("cross_table_amount", KINDS - {"project_performance"})]
    return out


def procurement_projects(filing: FilingData) -> list[FindingResult]:
    """Procurement 预算资金 of a project = its performance table's 预算数 (seed 000:
    8.5 against 8.04)."""
    budgets: dict[str, Decimal] = {}
    for ts in groups(filing).values():
        for h in header_parts(ts):
            b = labelled_amount(grid(h), "预算数")
            if b is not None and b.value is not None and b.text.strip():
                budgets.setdefault(project_name(ts), b.value)
                break
    if not budgets:
        return []
    out = []
    for t in filing.tables_of("procurement"):
        lay = procurement_layout(t)
        if lay is None or lay.budget_col is None:
            continue
        g = grid(t)
        rows_by_name: dict[str, list[int]] = {}
        for r in lay.item_rows:
            name = label(g.text(r, lay.name_col))
            if name in budgets:
                rows_by_name.setdefault(name, []).append(r)
        for name, rows in rows_by_name.items():
            values = {cents(g.value(r, lay.budget_col)) for r in rows}
            expected = cents(budgets[name])
            if values != {expected}:
                actual = next(iter(v for v in values if v != expected))
                out.append(
                    FindingResult(
                        "cross_table_amount",
                        ERROR,
                        t.id,
                        tuple((r, lay.budget_col) for r in rows),
                        messages.PROCUREMENT_PROJECT.format(
                            name=name, actual=show(actual), expected=show(expected)
                        ),
                        expected=show(expected),
                        actual=show(actual),
                        subject=f"project:{name}",
                    )
                )
    return out
