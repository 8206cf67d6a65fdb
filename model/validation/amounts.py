"""Amounts as the filings print them (万元, two decimals) turned into Decimal.

Pure text handling; imports nothing from the project.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

CENT = Decimal("0.01")

# Full-width digits and signs that OCR and Word documents produce.
_WIDE = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
_BLANKS = {"", "-", "—", "——", "－", "/", "…"}
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Full-width to ASCII and every space removed (OCR puts spaces inside numbers)."""
    return re.sub(r"\s+", "", (text or "").translate(_WIDE))


def is_blank(text: str) -> bool:
    """An empty cell, or one holding only a dash: both mean 0 in these tables."""
    return normalise(text) in _BLANKS


@lru_cache(maxsize=65536)
def parse_amount(text: str) -> Decimal | None:
    """The amount in a cell, exact: "1,234.5" -> 1234.5; blank -> 0; not a number -> None.

    A trailing 万元 or % is dropped, as is a thousands separator."""
    t = normalise(text)
    if t in _BLANKS:
        return Decimal(0)
    for suffix in ("万元", "元", "%"):
        if t.endswith(suffix):
            t = t[: -len(suffix)]
            break
    if not _NUMBER.match(t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only numbers
        return None


def cents(value: Decimal) -> Decimal:
    """Rounded to 0.01 万元, the precision every rule compares at."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def same(a: Decimal, b: Decimal) -> bool:
    return cents(a) == cents(b)


def show(value: Decimal | None) -> str:
    """Two decimals, as printed in the filings ("" for None)."""
    return "" if value is None else f"{cents(value):.2f}"
