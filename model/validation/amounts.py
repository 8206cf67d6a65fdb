"""Amounts as the rules compare them: read by parsers/tables/amounts.py (the one
meaning of an amount text, shared with the editor and the export), rounded to cents.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from parsers.tables import amounts

CENT = Decimal("0.01")


# The shared readings themselves (not wrappers: the rules call them per cell).
normalise = amounts.compact  # full-width to ASCII, every space removed
is_blank = amounts.is_blank  # empty or a lone dash: 0 in these tables
parse_amount = amounts.parse_amount  # "1,234.5" -> 1234.5, "16.5万元" -> 16.5, "-" -> 0


def cents(value: Decimal) -> Decimal:
    """Rounded to 0.01 万元, the precision every rule compares at."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def same(a: Decimal, b: Decimal) -> bool:
    return cents(a) == cents(b)


def show(value: Decimal | None) -> str:
    """Two decimals, as printed in the filings ("" for None)."""
    return "" if value is None else f"{cents(value):.2f}"
