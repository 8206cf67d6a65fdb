"""Hierarchy sums (DOMAIN.md): a 类 row equals the sum of its 款 rows, a 款 row the
sum of its 项 rows, in every amount column; the 合计 row equals the sum of the 类 rows.
Economic codes (301 → 30101) follow the same rule in the basic expenditure table.
"""

from __future__ import annotations

from decimal import Decimal

from model.domain import FilingData
from model.validation import messages
from model.validation.amounts import same, show
from model.validation.grid import coded_rows, coded_tables, label
from model.validation.registry import CODED_KINDS, rule
from model.validation.result import ERROR, FindingResult


@rule("hierarchy_sum", "hierarchy", CODED_KINDS)
def hierarchy_sum(filing: FilingData) -> list[FindingResult]:
    out: list[FindingResult] = []
    for t, g, layout in coded_tables(filing, CODED_KINDS):
        rows = coded_rows(g, layout)
        for i, (r, code) in enumerate(rows):
            children = []
            for r2, c2 in rows[i + 1 :]:
                if len(c2) <= len(code):
                    break
                if len(c2) == len(code) + 2 and c2.startswith(code):
                    children.append(r2)
            if not children:
                continue
            for col in layout.amount_cols:
                total = sum((g.value(r2, col) for r2 in children), Decimal(0))
                actual = g.value(r, col)
                if not same(total, actual):
                    out.append(
                        FindingResult(
                            rule="hierarchy_sum",
                            severity=ERROR,
                            table_id=t.id,
                            cells=((r, col), *((r2, col) for r2 in children)),
                            message=messages.HIERARCHY_SUM.format(
                                code=code,
                                name=label(g.text(r, layout.name_col)),
                                column=g.header(col) or f"第{col + 1}列",
                                actual=show(actual),
                                expected=show(total),
                            ),
                            expected=show(total),
                            actual=show(actual),
                            subject=f"{code}@{col}",
                        )
                    )
        if layout.total_row is not None and rows:
            top = min(len(c) for _, c in rows)
            tops = [r for r, c in rows if len(c) == top]
            for col in layout.amount_cols:
                total = sum((g.value(r, col) for r in tops), Decimal(0))
                actual = g.value(layout.total_row, col)
                if not same(total, actual):
                    out.append(
                        FindingResult(
                            rule="hierarchy_sum",
                            severity=ERROR,
                            table_id=t.id,
                            cells=((layout.total_row, col), *((r, col) for r in tops)),
                            message=messages.TOTAL_SUM.format(
                                column=g.header(col) or f"第{col + 1}列",
                                actual=show(actual),
                                expected=show(total),
                            ),
                            expected=show(total),
                            actual=show(actual),
                            subject=f"total@{col}",
                        )
                    )
    return out
