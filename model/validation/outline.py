"""Outline sums: tables whose rows nest by the label column they start in, not by code.

Jiangsu prints its 收入预算总表 as 一般公共预算资金 | 小计 over indented source rows, and
its 政府采购预算表 as 一、货物 over 专项名称 over 经济科目 over the items. A row that
opens a level adds the rows of the next level below it, down to the next row at its
own level or above; the 合计/总计 row adds the top level. A row may fill several label
columns (专项名称 and 经济科目 in one row): it then opens the deepest of them. 其中 rows
say a part of the row above, not a part of a sum: they are left out. Tables listed by
code are the hierarchy rule's (hierarchy.py).
"""

from __future__ import annotations

from decimal import Decimal

from model.domain import FilingData
from model.validation import messages
from model.validation.amounts import is_blank, rounding_note, show, sum_severity
from model.validation.grid import Grid, grid, label
from model.validation.registry import rule
from model.validation.result import FindingResult
from parsers.tables import kinds
from parsers.tables.columns import AMOUNT, CODE, names_a_code

# Every kind, in or outside the catalog: a table is read by what its columns allow.
KINDS = frozenset({*kinds.KINDS, None}) - kinds.TEXT_KINDS
_ROLE_WORDS = ("小计", "合计", "总计")


def _label_cols(g: Grid) -> tuple[int, ...]:
    """The label columns left of the first amount column, when there are two or more
    and no code column (an outline needs levels; a coded table has its codes)."""
    reading = g.reading
    roles = [c.role for c in reading.columns]
    if CODE in roles or AMOUNT not in roles:
        return ()
    first_amount = roles.index(AMOUNT)
    cols = tuple(
        c
        for c in range(first_amount)
        # a column of units' codes (单位编码 125001) beside their names is no level
        if roles[c] in ("name", "text") and not names_a_code(reading.columns[c].path)
    )
    return cols if len(cols) >= 2 else ()


def _span(g: Grid, r: int, cols: tuple[int, ...], context: list[str]) -> tuple[int, int] | None:
    """(first, last) label column the row fills, 小计/合计 marks not counted. Labels that
    repeat the rows above from the left (a merged 专项名称 printed again at the top of
    a page) do not open their level again. `context` (the last label per column) is
    updated."""
    texts = [label(g.text(r, c)) for c in cols]
    filled = [i for i, t in enumerate(texts) if t not in ("", *_ROLE_WORDS)]
    if not filled:
        return None
    first = filled[0]
    while first < filled[-1] and texts[first] == context[first]:
        first = next(i for i in filled if i > first)
    for i in filled:
        context[i] = texts[i]
        for j in range(i + 1, len(cols)):
            if j not in filled:
                context[j] = ""
    return first, filled[-1]


def _is_total(g: Grid, r: int, cols: tuple[int, ...]) -> bool:
    t = label(g.text(r, cols[0]))
    return t.endswith(("总计", "合计")) and len(t) <= 8  # 合计, 收入总计, not a sentence


def _children(rows: list[tuple[int, tuple[int, int]]], start: int, last: int) -> list[int]:
    """The direct children of the row before rows[start] that opens level `last`."""
    out: list[int] = []
    scope = None
    for r, (first, deepest) in rows[start:]:
        if first <= last:
            break
        if scope is None or first <= scope:
            out.append(r)
            scope = deepest
    return out


def _reaches_end(rows: list[tuple[int, tuple[int, int]]], start: int, last: int) -> bool:
    """The group opened before rows[start] runs to the table's last row."""
    return all(first > last for _, (first, _) in rows[start:])


@rule("outline_sum", "outline", KINDS)
def outline_sum(filing: FilingData) -> list[FindingResult]:
    out: list[FindingResult] = []
    tables = list(filing.tables)
    for n, t in enumerate(tables):
        following = tables[n + 1] if n + 1 < len(tables) else None
        # a table whose next one is of its kind and width may go on there (a page the
        # reader did not join): its last group is not complete on this page
        continued = following is not None and (following.kind, following.n_cols) == (
            t.kind,
            t.n_cols,
        )
        if t.kind in kinds.TEXT_KINDS or (t.kind is None and not t.title.strip()):
            continue
        g = grid(t)
        cols = _label_cols(g)
        if not cols:
            continue
        amounts = tuple(c for c in g.reading.amount_cols(0))
        body = [r for r in g.body if not label(g.text(r, cols[0])).startswith("其中")]
        spans: list[tuple[int, tuple[int, int]]] = []
        context = [""] * len(cols)
        for r in body:
            if _is_total(g, r, cols):
                spans.append((r, (-1, -1)))
                continue
            s = _span(g, r, cols, context)
            if s is not None and not label(g.text(r, cols[s[0]])).startswith("其中"):
                spans.append((r, s))
        for i, (r, (_, last)) in enumerate(spans):
            kids = _children(spans, i + 1, last)
            if not kids:
                continue
            if continued and _reaches_end(spans, i + 1, last):
                continue
            for col in amounts:
                if all(is_blank(g.text(k, col)) for k in kids):
                    continue  # printed without a breakdown in this column
                if any(g.amount(x, col) is None for x in (r, *kids)):
                    continue
                expected = sum((g.value(k, col) for k in kids), Decimal(0))
                actual = g.value(r, col)
                texts = [g.text(x, col) for x in (r, *kids)]
                severity = sum_severity(expected, actual, texts)
                if severity is None:
                    continue
                filled = [c for c in cols if label(g.text(r, c)) not in ("", *_ROLE_WORDS)]
                name = label(g.text(r, filled[-1])) if filled else ""
                out.append(
                    FindingResult(
                        rule="outline_sum",
                        severity=severity,
                        table_id=t.id,
                        cells=((r, col), *((k, col) for k in kids)),
                        message=messages.OUTLINE_SUM.format(
                            name=name or g.row_label(r),
                            column=g.header(col) or f"第{col + 1}列",
                            actual=show(actual),
                            expected=show(expected),
                        )
                        + rounding_note(severity),
                        expected=show(expected),
                        actual=show(actual),
                        subject=f"r{r}@{col}",
                    )
                )
    return out
