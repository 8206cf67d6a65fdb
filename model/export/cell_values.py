"""What goes into one workbook cell: filing text as a string (never a formula), an
amount as a number with its number format, and the way back from a numeric cell to
the filing's text.

Pure functions, no openpyxl and no model imports, so a reader of the exported
workbook (parsers/xlsx.py, which may not import model/) can mirror `number_text`. An
amount is read by parsers/tables/amounts.py, as the editor and the rules read it.
"""

from __future__ import annotations

import re

from parsers.tables import amounts, units

AMOUNT_FORMAT = "#,##0.00"  # TEMPLATE.md: amounts in 万元 with two decimals

# Control characters Excel refuses in a cell (the file would need repair).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def squeeze(text: str) -> str:
    """Without white space: DOCX and OCR put spaces inside header words (科目    编码)."""
    return "".join(text.split())


def parse_amount(text: str, unit: str = units.TEMPLATE_UNIT) -> tuple[float, str] | None:
    """(value in 万元, number format) when the text is an amount printed in `unit`, else
    None (kept as text).

    The amount is parsers.tables.amounts.parse_amount's ("００７" -> 7, "5万元" -> 5); a
    blank or a lone dash stays as printed (Excel sums a text cell as 0, the same meaning).
    In 万元 the format keeps the decimals written (2 → `#,##0.00`, 0 → `#,##0`), so a
    plainly written amount reads back as the same text.

    In 元 or 千元 the value is the exact quotient (371514655 元 -> 37151.4655) shown
    as `#,##0.00` (37,151.47), not rounded to 0.01: each part rounded on its own would
    no longer add up to its total (three parts of 0.4 万元 rounding to 0.00 under a
    total of 1.20), while exact figures add up as the filing printed them, in the
    cells and in any sum over them.
    """
    if not text or len(text) > 24 or amounts.is_blank(text):
        return None
    value = amounts.parse_amount(text)
    if value is None:
        return None
    if unit != units.TEMPLATE_UNIT:
        return float(units.to_wan(value, unit)), AMOUNT_FORMAT
    places = amounts.decimals(value)
    fmt = "#,##0" + ("." + "0" * places if places else "")
    return float(value), fmt


def number_text(value: float | int, number_format: str) -> str:
    """The filing text of a numeric cell written by `parse_amount`: as many decimals as
    the format shows, no thousands separators (the filings print none)."""
    fmt = number_format.split(";")[0]
    decimals = sum(1 for ch in fmt.split(".", 1)[1] if ch in "0#") if "." in fmt else 0
    if decimals == 0 and float(value).is_integer():
        return str(int(value))
    return f"{value:.{decimals}f}"


def clean_text(text: str) -> str:
    """Filing text as Excel accepts it: control characters dropped (they make Excel ask
    to repair the file). Everything else stays as the clerk sees it."""
    return _ILLEGAL.sub("", text)
