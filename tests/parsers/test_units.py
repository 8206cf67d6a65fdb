"""The printed unit of a table (parsers/tables/units.py): read from captions and header
cells however a filing spells it, and converted to 万元 exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers.tables.units import label_unit, restated, stated_unit, to_wan, unit_of


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("单位：元", "元"),
        ("金额单位：万元", "万元"),
        ("单位:千元", "千元"),
        ("（单位：元）", "元"),
        ("单位 ： 万 元", "万元"),
        ("单位：人民币元", "元"),
        ("预算年度：2024", None),
        ("编制单位：元氏县财政局", None),  # a county named 元氏, not a unit
        ("单位名称", None),
    ],
)
def test_stated_unit(text: str, unit: str | None) -> None:
    assert stated_unit(text) == unit


def test_caption_then_header_then_default() -> None:
    assert unit_of(["323某局", "单位：元"], ["单位：万元"], "千元") == "元"
    assert unit_of(["323某局"], ["（单位：千元）"], "元") == "千元"
    assert unit_of(["323某局"], ["合计"], "元") == "元"
    assert unit_of([], []) is None


def test_column_labels_and_restating() -> None:
    assert label_unit("价值（万元）") == "万元"
    assert label_unit("金额(元)") == "元"
    assert label_unit("合计") is None
    assert restated("单位：元") == "单位：万元"
    assert restated("（单位：千元）") == "（单位：万元）"
    assert restated("金额（元）") == "金额（万元）"
    assert restated("编制单位：元氏县财政局") == "编制单位：元氏县财政局"


def test_to_wan_is_exact() -> None:
    assert to_wan(Decimal("371514655"), "元") == Decimal("37151.4655")
    assert to_wan(Decimal("371514.66"), "千元") == Decimal("37151.466")
    assert to_wan(Decimal("12.34"), "万元") == Decimal("12.34")
    with pytest.raises(ValueError):
        to_wan(Decimal(1), "美元")
