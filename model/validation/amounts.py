"""Amounts as the rules compare them: read by parsers/tables/amounts.py (the one
meaning of an amount text, shared with the editor and the export), rounded to cents.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from model.validation.messages import WITHIN_ROUNDING
from model.validation.result import ERROR, INFO
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


def half_unit(places: int) -> Decimal:
    """Half a unit of the last of `places` decimals: how far rounding may move a figure."""
    return Decimal(5).scaleb(-places - 1)


def _half_unit(text: str) -> Decimal:
    """half_unit of a printed figure (0 for a blank or no figure)."""
    t = normalise(text)
    if parse_amount(t) is None or is_blank(t):
        return Decimal(0)
    t = t.rstrip("%").removesuffix("万元").removesuffix("元")
    return half_unit(len(t.split(".", 1)[1]) if "." in t else 0)


def rounding_slack(texts: Iterable[str]) -> Decimal:
    """How far a printed total may stand from the sum of its printed parts through the
    rounding of those figures alone (DOMAIN.md: a 款 of 1531.04 over 项 that add to
    1531.05): each figure was rounded by at most half a unit of its last printed digit."""
    return sum((_half_unit(t) for t in texts), Decimal(0))


def sum_severity(expected: Decimal, actual: Decimal, texts: Iterable[str]) -> str | None:
    """None when a total equals its parts to the cent; info when they differ by no more
    than the rounding of the printed figures can make (the clerk may look, the
    department did nothing wrong); error beyond."""
    if same(expected, actual):
        return None
    return INFO if abs(expected - actual) <= rounding_slack(texts) else ERROR


def rounding_note(severity: str) -> str:
    """What a sum finding adds to its message when rounding explains it."""
    return WITHIN_ROUNDING if severity == INFO else ""


def show(value: Decimal | None) -> str:
    """Two decimals, as printed in the filings ("" for None)."""
    return "" if value is None else f"{cents(value):.2f}"
