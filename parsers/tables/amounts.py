"""Amounts as printed in the filings (万元, two decimals): the one reading of an amount
text every layer uses (the editor, the rules, the export), and the mending of OCR
misreads.

`parse_amount` is the meaning: full-width digits and signs read as ASCII, white space
ignored (OCR puts spaces inside numbers), a leading + or -, commas only as thousands
separators, a trailing unit (万元, 千元, 元 or %) dropped, and an empty cell or a lone dash
meaning 0 (DOMAIN.md). An accounting negative printed in brackets with its decimals,
(12.00) as Excel's number formats print it, is -12.00; "(1)" stays a numbering.

OCR confuses O/0, l/1, S/5, B/8 and reads a decimal point as ，or ：(a speck of scan
noise next to a figure adds a stray "." too). A reading is mended only when the
mended text parses as an amount, so words and codes with letters stay as read.
Pure functions; imports nothing from model or gui.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from parsers.tables import units

# The shape an OCR reading must have after mending (ASCII, no unit, no blank marks).
AMOUNT_RE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")

# Full-width digits and signs that OCR and Word documents produce.
WIDE = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
# What a filing prints in a cell for zero or nothing, after `compact`.
BLANK_MARKS = frozenset({"", "-", "--", "—", "——", "–", "/", "…"})
UNITS = (*units.UNITS, "%")  # the unit itself is the table's (units.unit_of)
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_BRACKETED = re.compile(r"^[(（]((?:\d{1,3}(?:,\d{3})+|\d+)\.\d+)[)）]$")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def compact(text: str) -> str:
    """Full-width to ASCII and every space removed, as an amount is compared."""
    return _SPACE.sub("", (text or "").translate(WIDE))


def is_blank(text: str) -> bool:
    """An empty cell, or one holding only a dash: both mean 0 in these tables."""
    return compact(text) in BLANK_MARKS


@lru_cache(maxsize=65536)
def parse_amount(text: str) -> Decimal | None:
    """The amount a cell text means, exact: "1,234.5" -> 1234.5, "+5" -> 5,
    "16.5万元" -> 16.5, "００７" -> 7, blank or "-" -> 0; not an amount -> None."""
    t = compact(text)
    if t in BLANK_MARKS:
        return Decimal(0)
    for unit in UNITS:
        if t.endswith(unit):
            t = t[: -len(unit)]
            break
    if bracketed := _BRACKETED.match(t):
        t = "-" + bracketed.group(1)
    if not _NUMBER.match(t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only numbers
        return None


def decimals(value: Decimal) -> int:
    """How many decimals the amount was written with ("12.60" -> 2, "7" -> 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


# Letters OCR reads in place of digits (Latin and full-width forms).
DIGIT_LOOKALIKES = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "〇": "0",
        "Ｏ": "0",
        "l": "1",
        "I": "1",
        "|": "1",
        "i": "1",
        "Ｉ": "1",
        "ｌ": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
        "G": "6",
    }
)
# Marks read in place of the decimal point.
POINT_LOOKALIKES = ",，:：;；·．。、'`"
DASHES = "-－—–"


def mend_amount(text: str) -> str | None:
    """The amount an OCR reading stands for, or None when it is no amount.

    Returns the text unchanged when it already parses, the mended text when mending
    look-alike letters and points makes it parse, else None. Guards against turning
    words into numbers: at least as many real digits as mended letters (twice as
    many in a whole number)."""
    t = "".join(text.split())
    if not t:
        return None
    if not AMOUNT_RE.match(t):
        t = unicodedata.normalize("NFKC", t)  # full-width digits and points
    if AMOUNT_RE.match(t):
        return t
    sign = ""
    if t[0] in DASHES:
        sign, t = "-", t[1:]
    t = t.strip(POINT_LOOKALIKES + ".")
    t = re.sub(r"[.,，:：;；·．。、'`]{2,}", ".", t)  # "100..88": a speck beside the point
    t = re.sub(r"^(\d+)\.(\d)\.(\d)$", r"\1.\2\3", t)  # "1.0.0": a speck between decimals
    if not t:
        return None
    letters = sum(1 for ch in t if ch.translate(DIGIT_LOOKALIKES) != ch)
    t = t.translate(DIGIT_LOOKALIKES)
    digits = sum(ch.isdigit() for ch in t) - letters
    if digits < 1 or digits < letters:
        return None
    # The last mark followed by one or two digits is the decimal point; a mark
    # followed by three digits is a thousands separator.
    m = re.match(r"^(.*?)([.,，:：;；·．。、'`])(\d{1,2})$", t)
    if m:
        whole, _, frac = m.groups()
        whole = re.sub(r"[，:：;；·．。、'`]", ",", whole)
        t = f"{whole}.{frac}"
    else:
        t = re.sub(r"[，:：;；·．。、'`]", ",", t)
    t = sign + t
    if not AMOUNT_RE.match(t):
        return None
    # A whole number (a code, a 序号) with letters in it is mended only when the real
    # digits outnumber the letters two to one: "B5" stays a paper size.
    if letters and "." not in t and digits < 2 * letters:
        return None
    return t
