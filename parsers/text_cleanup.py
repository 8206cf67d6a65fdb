"""Undo what upstream OCR/DOCX-to-text tools did to a filing's text: decoding, LaTeX and
markdown residue, OCR spaces inside words. Pure string functions; imports nothing of ours.
"""

from __future__ import annotations

import re

from parsers.extraction import InputError

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_LATEX_MATH = re.compile(r"\$([^$]{1,80})\$")
_LATEX_WORDS = {
    r"\geq": "≥",
    r"\geqslant": "≥",
    r"\ge": "≥",
    r"\leq": "≤",
    r"\leqslant": "≤",
    r"\le": "≤",
    r"\times": "×",
    r"\%": "%",
    r"\sim": "~",
    r"\pm": "±",
    r"\cdot": "·",
}
_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+|\\%")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
# A character that OCR never separates from its neighbour by a real space: CJK ideographs,
# full-width punctuation and the comparison signs of 指标值 (≥95%).
_GLUE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef≥≤＞＜%（）()“”、：；，。]")


def decode(data: bytes, name: str) -> str:
    """Text of an upstream .txt/.md file. UTF-8 first (with or without BOM); a clerk's GBK
    file is read as GB18030 when that gives Chinese text. Raises InputError for binary data."""
    if not data.strip():
        raise InputError(f"文件为空：{name}")
    if b"\x00" in data[:65536]:
        raise InputError(f"不是文本文件（含二进制数据）：{name}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _gb18030(data)
        if text is None or not _mostly_chinese(text):
            text = _utf8_with_few_bad_bytes(data)
        if text is None:
            raise InputError(f"无法识别文本编码（应为 UTF-8 或 GBK）：{name}") from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    if controls > max(8, len(text) // 200):
        raise InputError(f"不是文本文件（含二进制数据）：{name}")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


def _gb18030(data: bytes) -> str | None:
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return None


def _utf8_with_few_bad_bytes(data: bytes) -> str | None:
    """UTF-8 with a damaged byte here and there (a bad copy, a cut download): keep the
    filing and show each bad spot as U+FFFD for the clerk, rather than refuse it whole."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    return text if bad <= max(4, len(text) // 1000) else None


def _mostly_chinese(text: str) -> bool:
    letters = [ch for ch in text if not ch.isspace() and not ch.isascii()]
    if not letters:
        return True  # plain ASCII decodes the same either way
    cjk = sum(
        1
        for ch in letters
        if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
    )
    return cjk / len(letters) > 0.8


def _latex(match: re.Match[str]) -> str:
    body = match.group(1)
    for word in sorted(_LATEX_WORDS, key=len, reverse=True):
        body = body.replace(word, _LATEX_WORDS[word])
    body = _LATEX_COMMAND.sub("", body)
    return body.replace("{", "").replace("}", "").replace(" ", "")


def join_spaces(text: str) -> str:
    """Drop white space that OCR put inside words (效益 指标, 2020 年, ≥ 95%) but keep the
    space between two numbers or two Latin words (1.00 2.00), which carries meaning."""
    parts = _SPACES.split(text)
    if len(parts) == 1:
        return text
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if out and (_GLUE.match(out[-1]) or _GLUE.match(part[0])):
            out += part
        elif out:
            out += " " + part
        else:
            out = part
    return out


def clean(text: str) -> str:
    """One cell or line of upstream text made plain: no bookmarks, LaTeX, markdown
    emphasis or table pipes, no OCR spaces inside words, no outer white space."""
    text = _BOOKMARK.sub("", text)
    if "$" in text:
        text = _LATEX_MATH.sub(_latex, text)
    text = text.replace("**", "").replace("|", " ")
    return join_spaces(text.strip(" \t\u00a0\u3000"))


def is_rule_row(cells: list[str]) -> bool:
    """A markdown table separator (`------\t---`) that OCR left between rows."""
    joined = "".join(cells).strip()
    return bool(joined) and set(joined) <= set("-:| \t")
