"""Amounts as printed in the filings (万元, two decimals) and the mending of OCR misreads.

OCR confuses O/0, l/1, S/5, B/8 and reads a decimal point as ，or ：(a speck of scan
noise next to a figure adds a stray "." too). A reading is mended only when the
mended text parses as an amount, so words and codes with letters stay as read.
Pure functions; imports nothing from model or gui.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

AMOUNT_RE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")

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


def parse_amount(text: str) -> Decimal | None:
    """The value of a printed amount ("29,295.60", "-3.5"), None if it is not one."""
    t = text.strip().replace(" ", "")
    if not t or not AMOUNT_RE.match(t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None


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
