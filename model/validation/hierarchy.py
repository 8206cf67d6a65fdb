"""Hierarchy sums (DOMAIN.md): a 类 row equals the sum of its 款 rows, a 款 row the
sum of its 项 rows, in every amount column; the 合计 row equals the sum of the 类 rows.
Economic codes (301 → 30101) follow the same rule in the basic expenditure table.
"""

from __future__ import annotations

from decimal import Decimal

from model.domain import FilingData
from model.validation import messages
from model.validation.amounts import rounding_note, show, sum_severity
from model.validation.grid import coded_rows, coded_tables, label
from model.validation.registry import CODED_KINDS, rule
from model.validation.result import FindingResult

# Tables outside the catalog (None) are checked too where they print codes: a 款
# extends its 类 in any table.
KINDS = CODED_KINDS | {None}


@rule("hierarchy_sum", "hierarchy", KINDS)
def hierarchy_sum(filing: FilingData) -> list[FindingResult]:
    out: list[FindingResult] = []
    for t, g, layout in coded_tables(filing, KINDS):
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
                texts = [g.text(x, col) for x in (r, *children)]
                severity = sum_severity(total, actual, texts)
                if severity is not None:
                    out.append(
                        FindingResult(
                            rule="hierarchy_sum",
                            severity=severity,
                            table_id=t.id,
                            cells=((r, col), *((r2, col) for r2 in children)),
                            message=messages.HIERARCHY_SUM.format(
                                code=code,
                                name=label(g.text(r, layout.name_col)),
                                column=g.header(col) or f"第{col + 1}列",
                                actual=show(actual),
                                expected=show(total),
                            )
                            + rounding_note(severity),
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
                texts = [g.text(x, col) for x in (layout.total_row, *tops)]
                severity = sum_severity(total, actual, texts)
                if severity is not None:
                    out.append(
                        FindingResult(
                            rule="hierarchy_sum",
                            severity=severity,
                            table_id=t.id,
                            cells=((layout.total_row, col), *((r, col) for r in tops)),
                            message=messages.TOTAL_SUM.format(
                                column=g.header(col) or f"第{col + 1}列",
                                actual=show(actual),
                                expected=show(total),
                            )
                            + rounding_note(severity),
                            expected=show(total),
                            actual=show(actual),
                            subject=f"total@{col}",
                        )
                    )
    return out
