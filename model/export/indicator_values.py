"""Split a one-string 指标值 of older filings (`≥95%`, `>=300人`, `较上年提升`) into the
符号 / 值 / 单位 of the 预算项目绩效表 (TEMPLATE.md). Pure; no model imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUALITATIVE = "文字描述"

# Spellings of a comparison sign in the seeds, mapped to the template's sign.
_SIGNS = {
    ">=": "≥",
    "≥": "≥",
    "≧": "≥",
    "＞＝": "≥",
    "\\geq": "≥",
    "\\ge": "≥",
    "<=": "≤",
    "≤": "≤",
    "≦": "≤",
    "＜＝": "≤",
    "\\leq": "≤",
    "\\le": "≤",
    "=": "=",
    "＝": "=",
    ">": ">",
    "＞": ">",
    "<": "<",
    "＜": "<",
}
_SIGN = "|".join(re.escape(s) for s in sorted(_SIGNS, key=len, reverse=True))
_VALUE = re.compile(
    rf"^(?P<sign>{_SIGN})?(?P<num>[-+]?\d+(?:,\d{{3}})*(?:\.\d+)?)(?P<unit>\D{{0,8}})$"
)
# LaTeX and markdown residue of OCR (seed 000: `$\geq 95\%$`).
_LATEX = re.compile(r"\$|\\%|\\mathrm\{([^}]*)\}|\\text\{([^}]*)\}|\*\*")


@dataclass(frozen=True)
class IndicatorValue:
    sign: str  # ≥ ≤ = > <, 文字描述 for a qualitative value, "" when empty
    value: str  # the number as printed, "" for qualitative values
    unit: str  # 单位, or the phrase of a qualitative value
    changed: bool  # the split no longer spells the original (keep it in a comment)


def _unlatex(text: str) -> str:
    return _LATEX.sub(
        lambda m: m.group(1) or m.group(2) or ("%" if m.group(0) == "\\%" else ""), text
    )


def split_indicator_value(text: str) -> IndicatorValue:
    """`≥95%` → (≥, 95, %); `较上年提升` → (文字描述, "", 较上年提升); `100%` → (=, 100, %).

    A value with a number but no sign means "equals"; a text that is not
    [符号][数值][单位] is qualitative and kept whole as the phrase.
    """
    original = text.strip()
    if not original:
        return IndicatorValue("", "", "", False)
    compact = "".join(_unlatex(original).split())
    m = _VALUE.match(compact)
    if m is None:
        return IndicatorValue(QUALITATIVE, "", original, False)
    sign = _SIGNS[m.group("sign")] if m.group("sign") else "="
    value, unit = m.group("num"), m.group("unit")
    return IndicatorValue(sign, value, unit, f"{sign}{value}{unit}" != original)
