"""The 三公 table (DOMAIN.md): 小计 = 因公出国（境）费 + 公务用车购置及运维费 + 公务接待费;
公务用车购置及运维费 = 购置费 + 运行维护费; 合计 row = 小计 row; 因公出国（境）费 = its
其中 rows when printed. (合计 = the fund columns is row arithmetic, row_sum.)
"""

from __future__ import annotations

from decimal import Decimal

from model.domain import FilingData
from model.validation import messages
from model.validation.amounts import is_blank, same, show
from model.validation.grid import Grid, grid, label
from model.validation.registry import rule
from model.validation.result import ERROR, FindingResult

KIND = "three_public_expenditure"


def three_public_rows(g: Grid) -> dict[str, int | list[int]]:
    """Row indexes by role: total, subtotal, abroad, abroad_parts, car, car_buy,
    car_run, reception."""
    found: dict[str, int | list[int]] = {"abroad_parts": []}
    for r in g.body:
        t = label(g.row_label(r))
        raw = g.row_label(r)
        if not t:
            continue
        if t in ("合计", "总计"):
            found.setdefault("total", r)
        elif "小计" in t:
            found.setdefault("subtotal", r)
        elif "因公出国" in t and ("其中" in raw or "其他" in t or "教学科研" in t):
            found["abroad_parts"].append(r)  # type: ignore[union-attr]
        elif "因公出国" in t:
            found.setdefault("abroad", r)
        elif "购置及运" in t or ("购置" in t and "运行" in t):
            found.setdefault("car", r)
        elif "购置" in t:
            found.setdefault("car_buy", r)
        elif "运行维护" in t or "运维" in t:
            found.setdefault("car_run", r)
        elif "接待" in t:
            found.setdefault("reception", r)
    return found


@rule("three_public_sum", "three_public", {KIND})
def three_public_sum(filing: FilingData) -> list[FindingResult]:
    tables = filing.tables_of(KIND)
    out: list[FindingResult] = []
    for t in tables:
        g = grid(t)
        rows = three_public_rows(g)
        total_col = g.find_col("合计", exact=True)
        if total_col is None:
            continue
        cols = range(total_col, g.n_cols)
        checks: list[tuple[str, str, list[int]]] = []
        parts = [rows[k] for k in ("abroad", "car", "reception") if k in rows]
        if "subtotal" in rows and parts:
            checks.append(("subtotal", "因公出国（境）费、公务用车购置及运维费、公务接待费", parts))
        elif "total" in rows and parts:
            checks.append(("total", "因公出国（境）费、公务用车购置及运维费、公务接待费", parts))
        if "total" in rows and "subtotal" in rows:
            checks.append(("total", "“三公”经费小计", [rows["subtotal"]]))
        car_parts = [rows[k] for k in ("car_buy", "car_run") if k in rows]
        if "car" in rows and car_parts:
            checks.append(("car", "公务用车购置费、运行维护费", car_parts))
        if "abroad" in rows and rows["abroad_parts"]:
            checks.append(("abroad", "其中各项", list(rows["abroad_parts"])))
        for target_key, part_text, part_rows in checks:
            target = rows[target_key]
            for c in cols:
                if is_blank(g.text(target, c)) and all(is_blank(g.text(r, c)) for r in part_rows):
                    continue
                expected = sum((g.value(r, c) for r in part_rows), Decimal(0))
                actual = g.value(target, c)
                if same(expected, actual):
                    continue
                out.append(
                    FindingResult(
                        "three_public_sum",
                        ERROR,
                        t.id,
                        ((target, c), *((r, c) for r in part_rows)),
                        messages.THREE_PUBLIC.format(
                            total=label(g.row_label(target)),
                            parts=part_text,
                            actual=show(actual),
                            expected=show(expected),
                        ),
                        expected=show(expected),
                        actual=show(actual),
                        subject=f"{target_key}@{c}",
                    )
                )
    return out
