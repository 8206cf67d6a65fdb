"""Whether a page's text layer can be trusted: the judge of mojibake.

A PDF whose fonts lack a ToUnicode map still renders perfectly, but its text layer
decodes to glyph numbers: control characters, stray ASCII and Latin-1, private-use or
rare code points. A budget filing is Chinese and ASCII, so the share of characters
that are plausible there tells the two apart. Pure string functions; imports nothing
but the table Settings (where the threshold sits).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from parsers.tables.settings import Settings

__all__ = ["TextLayerVerdict", "judge_text_layer", "plausible"]

_SPACE = frozenset(" \t\r\n\u3000\u00a0\u200b\ufeff")
# Common in filings though outside GB2312 (GBK has most): dashes, bullet, ≥ ≤ variants,
# currency, the small brackets of document numbers (﹝2017﹞) and low quotation marks
# (both seen in the real filings of corpus/real), the midline ellipsis of contents
# leaders (⋯⋯) and the other dashes and dots Word and WPS print.
_EXTRA = frozenset("—–•·≥≤≦≧¥￥®©°±×÷€‰℃№ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ〇﹝﹞„‟⋯‒―‐‑・∙")


def plausible(ch: str) -> bool:
    """A character a Chinese budget filing's text is made of: printable ASCII,
    anything GB2312 encodes (its 6,763 common hanzi, full-width punctuation, ①, Greek…),
    full-width forms and a few common symbols. Control, private-use, unassigned,
    Latin-1 soup, CJK compatibility and rare ideographs are not."""
    code = ord(ch)
    if 0x21 <= code <= 0x7E or ch in _EXTRA:
        return True
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII forms
        return True
    if code < 0x80:  # control characters
        return False
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return unicodedata.category(ch) != "Co"


@dataclass(frozen=True)
class TextLayerVerdict:
    chars: int  # characters judged (white space left out)
    share: float  # of them plausible, 0..1
    garbled: bool  # too few plausible: read the page by OCR instead


def judge_text_layer(text: str, settings: Settings) -> TextLayerVerdict:
    """Judge a page's text layer. Too little text (fewer than
    `settings.min_judged_chars`) says nothing and is never garbled: whether such a
    page is a scan is the scan detection's call (parsers/pdf.py)."""
    chars = [c for c in text if c not in _SPACE]
    if not chars:
        return TextLayerVerdict(0, 1.0, False)
    share = sum(map(plausible, chars)) / len(chars)
    garbled = len(chars) >= settings.min_judged_chars and share < settings.min_plausible_share
    return TextLayerVerdict(len(chars), share, garbled)
