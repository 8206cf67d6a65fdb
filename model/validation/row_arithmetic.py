"""Row arithmetic (DOMAIN.md): in 收入总表 合计 = 小计 + 上年结转 and 小计 = the
source columns; in the expenditure tables (and 财政拨款收支总表, 三公 table) 合计 = the
other amount columns; in the basic expenditure table 合计 = 人员经费 + 公用经费.
"""

from __future__ import annotations

from decimal import Decimal

from model.cell_places import TablePlaces
from model.domain import FilingData, TableData
from model.validation import messages
from model.validation.amounts import is_blank, rounding_note, show, sum_severity
from model.validation.grid import grid
from model.validation.registry import CODED_KINDS, rule
from model.validation.result import FindingResult

# The coded tables, two summaries whose rows add up though they carry no codes, and
# tables outside the catalog (None): their 合计 still adds up what their header says.
ROW_KINDS = CODED_KINDS | {"fiscal_appropriation_summary", "three_public_expenditure", None}


def column_sums(t: TableData) -> tuple[tuple[int, tuple[int, ...]], ...]:
    """(total column, part columns) the table's rows must satisfy, as its merged header
    states them (parsers.tables.columns): a 合计 adds its siblings, a group counts by
    its own 小计, last year's figures, changes and rates are no parts. A table outside
    the catalog is checked only when it kept a printed title (a chart legend or a
    paragraph read as a grid has none)."""
    if t.kind is None and not t.title.strip():
        return ()
    return grid(t).reading.sums


@rule("row_sum", "row_arithmetic", ROW_KINDS)
def row_sum(filing: FilingData) -> list[FindingResult]:
    tables = [t for t in filing.tables if t.kind in ROW_KINDS]
    out: list[FindingResult] = []
    for t in tables:
        g = grid(t)
        places = TablePlaces(t)  # the table's rows read once, however many findings
        for total, parts in column_sums(t):
            for r in g.body:
                cols = (total, *parts)
                if all(is_blank(g.text(r, c)) for c in cols):
                    continue
                if any(g.amount(r, c) is None for c in cols):
                    continue  # a label in an amount column: not a data row
                expected = sum((g.value(r, c) for c in parts), Decimal(0))
                actual = g.value(r, total)
                severity = sum_severity(expected, actual, (g.text(r, c) for c in cols))
                if severity is None:
                    continue
                names = "、".join(g.header(c) or f"第{c + 1}列" for c in parts)
                out.append(
                    FindingResult(
                        rule="row_sum",
                        severity=severity,
                        table_id=t.id,
                        cells=tuple((r, c) for c in cols),
                        message=messages.ROW_SUM.format(
                            row=places.row_label(r, total),
                            total=g.header(total),
                            parts=names,
                            actual=show(actual),
                            expected=show(expected),
                        )
                        + rounding_note(severity),
                        expected=show(expected),
                        actual=show(actual),
                        subject=f"r{r}:c{total}",
                    )
                )
    return out
