from decimal import Decimal

import pytest

from model.validation.amounts import cents, is_blank, parse_amount, same, show


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("29295.60", Decimal("29295.60")),
        ("", Decimal(0)),
        ("  ", Decimal(0)),
        ("——", Decimal(0)),
        ("1,234.50", Decimal("1234.50")),
        ("１２３．４", Decimal("123.4")),
        ("9 782.37", Decimal("9782.37")),
        ("16.5万元", Decimal("16.5")),
        ("95%", Decimal(95)),
        ("-3.2", Decimal("-3.2")),
    ],
)
def test_parse_amount(text: str, value: Decimal) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["合计", "1.2.3", "12,34", "abc", "≥90%"])
def test_parse_amount_rejects_text(text: str) -> None:
    assert parse_amount(text) is None


def test_rounding_to_cents() -> None:
    assert cents(Decimal("0.005")) == Decimal("0.01")
    assert same(Decimal("64.164"), Decimal("64.16"))
    assert not same(Decimal("64.17"), Decimal("64.16"))
    assert show(Decimal("8.5")) == "8.50"
    assert is_blank("—") and not is_blank("0")
