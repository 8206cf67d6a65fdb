"""The fixed assets table (DOMAIN.md): 资产总额 = 房屋 + 车辆 + 单价20万元以上设备 +
其他固定资产 (value column); 办公用房 ≤ 房屋 (quantity and value).
"""

from __future__ import annotations

from decimal import Decimal

from model.domain import FilingData, TableData
from model.validation import messages
from model.validation.amounts import same, show
from model.validation.grid import Grid, grid, label
from model.validation.registry import rule
from model.validation.result import ERROR, WARNING, FindingResult
from parsers.tables.columns import COUNT

KIND = "fixed_assets"


def asset_rows(g: Grid) -> dict[str, int]:
    found: dict[str, int] = {}
    for r in range(len(g.rows)):
        t = label(g.text(r, 0)) or g.row_label(r)
        for key, words in (
            ("total", ("资产总额", "合计", "总计")),
            ("office", ("办公用房",)),
            ("building", ("房屋",)),
            ("vehicle", ("车辆",)),
            ("equipment", ("设备",)),
            ("other", ("其他固定资产",)),
        ):
            if any(w in t for w in words) and key not in found:
                found[key] = r
                break
    return found


def value_col(g: Grid) -> int:
    """The 价值 column: the table's first money column in the one column reading (a
    数量 column is a count), else the last column."""
    money = g.reading.money_cols()
    return money[0] if money else g.n_cols - 1


def quantity_col(g: Grid) -> int | None:
    counts = [c for c in g.reading.amount_cols() if g.reading.meaning(c) == COUNT]
    return counts[0] if counts else None


def _assets(t: TableData) -> tuple[Grid, dict[str, int], int]:
    g = grid(t)
    return g, asset_rows(g), value_col(g)


@rule("fixed_assets_total", "fixed_assets", {KIND})
def fixed_assets_total(filing: FilingData) -> list[FindingResult]:
    tables = filing.tables_of(KIND)
    out = []
    for t in tables:
        g, rows, col = _assets(t)
        parts = [rows[k] for k in ("building", "vehicle", "equipment", "other") if k in rows]
        if "total" not in rows or not parts:
            continue
        expected = sum((g.value(r, col) for r in parts), Decimal(0))
        actual = g.value(rows["total"], col)
        if not same(expected, actual):
            out.append(
                FindingResult(
                    "fixed_assets_total",
                    ERROR,
                    t.id,
                    ((rows["total"], col), *((r, col) for r in parts)),
                    messages.ASSETS_TOTAL.format(actual=show(actual), expected=show(expected)),
                    expected=show(expected),
                    actual=show(actual),
                    subject="total",
                )
            )
    return out


@rule("fixed_assets_office", "fixed_assets", {KIND})
def fixed_assets_office(filing: FilingData) -> list[FindingResult]:
    tables = filing.tables_of(KIND)
    out = []
    for t in tables:
        g, rows, vcol = _assets(t)
        if "office" not in rows or "building" not in rows:
            continue
        for col, what in ((quantity_col(g), "数量"), (vcol, "价值")):
            if col is None:
                continue
            office, building = g.value(rows["office"], col), g.value(rows["building"], col)
            if office > building:
                out.append(
                    FindingResult(
                        "fixed_assets_office",
                        WARNING,
                        t.id,
                        ((rows["office"], col), (rows["building"], col)),
                        messages.ASSETS_OFFICE.format(what=what, actual=office, expected=building),
                        expected=f"≤{building}",
                        actual=str(office),
                        subject=what,
                    )
                )
    return out
