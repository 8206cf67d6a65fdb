"""指标值 split into 符号 / 值 / 单位 (TEMPLATE.md, 表13)."""

from __future__ import annotations

import pytest

from model.export.cell_values import number_text, parse_amount
from model.export.indicator_values import split_indicator_value


@pytest.mark.parametrize(
    ("text", "sign", "value", "unit", "changed"),
    [
        ("≥95%", "≥", "95", "%", False),
        (">=300人", "≥", "300", "人", True),
        ("≤82万元", "≤", "82", "万元", False),
        ("较上年提升", "文字描述", "", "较上年提升", False),
        ("$\\geq 95\\%$", "≥", "95", "%", True),  # seed 000 LaTeX residue
        ("100%", "=", "100", "%", True),
        ("95.00 %", "=", "95.00", "%", True),  # seed 004 spill
        (">1%", ">", "1", "%", False),
        ("＜5天", "<", "5", "天", True),
        ("%", "文字描述", "", "%", False),  # seed 000 item 13: no number, kept for the rule
        ("", "", "", "", False),
    ],
)
def test_split_indicator_value(text: str, sign: str, value: str, unit: str, changed: bool) -> None:
    split = split_indicator_value(text)
    assert (split.sign, split.value, split.unit, split.changed) == (sign, value, unit, changed)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29296.37", (29296.37, "#,##0.00")),
        ("6", (6.0, "#,##0")),
        ("-0.50", (-0.5, "#,##0.00")),
        ("1,234.50", (1234.5, "#,##0.00")),
        ("2080505", (2080505.0, "#,##0")),
        ("００７", (7.0, "#,##0")),  # an amount column: 7, as the rules read it
        ("=1+1", None),
        ("12.60万元", (12.6, "#,##0.00")),
        ("-", None),  # a dash for 0 stays as printed
        ("", None),
    ],
)
def test_parse_amount(text: str, expected: tuple[float, str] | None) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["29296.37", "0.01", "6", "-12.60", "100.0"])
def test_number_text_gives_the_filing_text_back(text: str) -> None:
    value, fmt = parse_amount(text)  # type: ignore[misc]
    assert number_text(value, fmt) == text
