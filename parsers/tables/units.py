"""The unit a table's amounts are printed in, and the way to the template's 万元.

Most filings print 单位：万元 under each title, but a few counties print 元 (or 千元),
and one table of a filing may differ from the rest (DOMAIN.md, Units). The unit is
read where a filing states it: a caption line (单位：元, 金额单位：万元, （单位：元）) or a
header cell carrying the same words, full-width or ASCII colon, spaces anywhere.
A column header may name its own unit (价值（万元）), which wins for that column.

Pure functions; imports nothing from model or gui.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

TEMPLATE_UNIT = "万元"  # TEMPLATE.md: every amount of the workbook is in 万元
# Longest first: "元" is the tail of the other two.
UNITS = ("万元", "千元", "元")

# Yuan per unit; to_wan divides by the 万元 factor.
_YUAN = {"万元": Decimal(10000), "千元": Decimal(1000), "元": Decimal(1)}
_UNIT = "|".join(UNITS)
# 单位：元 / 金额单位:万元 / 单位：人民币元, on text without spaces and full-width colons.
_STATED = re.compile(rf"单位[:]\s*(?:人民币)?({_UNIT})(?![\u4e00-\u9fff])")
# A column header naming its unit in brackets: 价值（万元）, 金额(元).
_IN_LABEL = re.compile(rf"[(](?:单位[:])?(?:人民币)?({_UNIT})[)]$")
_FOLD = str.maketrans({"：": ":", "（": "(", "）": ")"})


def _folded(text: str) -> str:
    """Spaces dropped, full-width colon and brackets as ASCII (OCR and DOCX vary)."""
    return "".join((text or "").split()).translate(_FOLD)


def stated_unit(text: str) -> str | None:
    """The unit a line states ("金额单位：元" -> "元", "（单位： 万元）" -> "万元"), else None."""
    m = _STATED.search(_folded(text))
    return m.group(1) if m else None


def unit_of(
    caption_lines: Iterable[str], header_texts: Iterable[str] = (), default: str | None = None
) -> str | None:
    """The unit a table is printed in: the first stated in its caption lines, else in
    its header cells, else `default` (the filing-wide unit the clerk set)."""
    for text in (*caption_lines, *header_texts):
        unit = stated_unit(text)
        if unit is not None:
            return unit
    return default


def label_unit(label: str) -> str | None:
    """The unit a column header names for its own column ("价值（万元）" -> "万元"), else None."""
    m = _IN_LABEL.search(_folded(label))
    return m.group(1) if m else None


def restated(text: str, unit: str = TEMPLATE_UNIT) -> str:
    """The text with every unit it states (单位：元, （元）) said as `unit` instead: a
    caption or header cell written over converted amounts must not keep the old unit."""
    if stated_unit(text) is None and label_unit(text) is None:
        return text
    text = re.sub(
        rf"(单位\s*[:：]\s*(?:人民币)?)({_UNIT})(?![\u4e00-\u9fff])", rf"\g<1>{unit}", text
    )
    return re.sub(rf"([(（]\s*)({_UNIT})(\s*[)）]\s*)$", rf"\g<1>{unit}\g<3>", text)


def to_wan(value: Decimal, unit: str) -> Decimal:
    """`value` printed in `unit` as 万元, exact (371514655 元 -> 37151.4655); no rounding,
    so converted parts still add up to their converted total. ValueError on an unknown unit."""
    if unit not in _YUAN:
        raise ValueError(f"unknown unit: {unit}")
    if unit == TEMPLATE_UNIT:
        return value
    return value * _YUAN[unit] / _YUAN[TEMPLATE_UNIT]
