"""Row arithmetic (DOMAIN.md): in 收入总表 合计 = 小计 + 上年结转 and 小计 = the
source columns; in the expenditure tables (and 财政拨款收支总表, 三公 table) 合计 = the
other amount columns; in the basic expenditure table 合计 = 人员经费 + 公用经费.
"""

from __future__ import annotations

from decimal import Decimal

from model.domain import FilingData, TableData
from model.validation import messages
from model.validation.amounts import is_blank, same, show
from model.validation.grid import grid
from model.validation.registry import CODED_KINDS, rule
from model.validation.result import ERROR, FindingResult

# The coded tables, and two summaries whose rows add up though they carry no codes.
ROW_KINDS = CODED_KINDS | {"fiscal_appropriation_summary", "three_public_expenditure"}


def column_sums(t: TableData) -> list[tuple[int, tuple[int, ...], str]]:
    """(total column, part columns, tag) the table's rows must satisfy."""
    g = grid(t)
    total = g.find_col("合计", exact=True)
    if total is None:
        return []
    if t.kind == "revenue_summary":
        sub = g.find_col("小计", start=total + 1)
        carry = g.find_col("上年结转", start=total + 1)
        if sub is not None and carry is not None and sub < carry:
            sources = tuple(range(sub + 1, carry))
            rest = tuple(c for c in range(carry + 1, g.n_cols))
            return [(total, (sub, carry, *rest), "total"), (sub, sources, "sub")]
    if t.kind == "gpb_basic_expenditure":
        staff = g.find_col("人员经费", start=total + 1)
        public = g.find_col("公用经费", start=total + 1)
        if staff is not None and public is not None:
            return [(total, (staff, public), "total")]
    parts = tuple(range(total + 1, g.n_cols))
    return [(total, parts, "total")] if parts else []


@rule("row_sum", "row_arithmetic", ROW_KINDS)
def row_sum(filing: FilingData) -> list[FindingResult]:
    tables = [t for t in filing.tables if t.kind in ROW_KINDS]
    out: list[FindingResult] = []
    for t in tables:
        g = grid(t)
        for total, parts, tag in column_sums(t):
            for r in g.body:
                cols = (total, *parts)
                if all(is_blank(g.text(r, c)) for c in cols):
                    continue
                if any(g.amount(r, c) is None for c in cols):
                    continue  # a label in an amount column: not a data row
                expected = sum((g.value(r, c) for c in parts), Decimal(0))
                actual = g.value(r, total)
                if same(expected, actual):
                    continue
                names = "、".join(g.header(c) or f"第{c + 1}列" for c in parts)
                out.append(
                    FindingResult(
                        rule="row_sum",
                        severity=ERROR,
                        table_id=t.id,
                        cells=tuple((r, c) for c in cols),
                        message=messages.ROW_SUM.format(
                            row=r + 1,
                            total=g.header(total),
                            parts=names,
                            actual=show(actual),
                            expected=show(expected),
                        ),
                        expected=show(expected),
                        actual=show(actual),
                        subject=f"r{r}:{tag}",
                    )
                )
    return out
