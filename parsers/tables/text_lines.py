"""Words into text lines and cell text: the reading order of words on a page.

Pure; works on `layout.Word` from a text layer or OCR. Chinese text has no spaces
between words, so wrapped lines are joined without a space unless both sides are
Latin words ("Total" / "amount"), and a number wrapped in a narrow cell
("29295." / "60") is joined as it was printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.extraction import BBox
from parsers.tables.layout import Word
from parsers.tables.settings import Settings

_LATIN_END = re.compile(r"[A-Za-z,;:)]$")
_LATIN_START = re.compile(r"^[A-Za-z(]")


@dataclass
class TextLine:
    """Words on one visual line, left to right."""

    words: list[Word] = field(default_factory=list)

    @property
    def bbox(self) -> BBox:
        return union([w.bbox for w in self.words])

    @property
    def size(self) -> float:
        sizes = [w.size for w in self.words if w.size]
        return max(sizes) if sizes else self.bbox[3] - self.bbox[1]

    @property
    def bold(self) -> bool:
        chars = sum(len(w.text) for w in self.words) or 1
        return sum(len(w.text) for w in self.words if w.bold) * 2 > chars

    def text(self, settings: Settings) -> str:
        return join_words(self.words, settings)


def union(boxes: list[BBox]) -> BBox:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _side_by_side(w: Word, line: TextLine) -> bool:
    """`w` could stand on `line`: it covers none of the line's words across. The lines
    of a wrapped cell start at the same edge; OCR's padded boxes of two such lines
    overlap vertically, but never also across (neighbours on one line touch at most
    by their padding)."""
    h = w.bbox[3] - w.bbox[1]
    return all(
        min(w.bbox[2], v.bbox[2]) - max(w.bbox[0], v.bbox[0]) <= 0.5 * min(h, v.bbox[3] - v.bbox[1])
        for v in line.words
    )


def group_lines(words: list[Word], settings: Settings) -> list[TextLine]:
    """Words into visual lines, top to bottom: a word joins the line it overlaps
    vertically (and, with `settings.ocr_boxes`, stands beside)."""
    lines: list[TextLine] = []
    tops: list[tuple[float, float]] = []  # y-range of each line so far
    for w in sorted(words, key=lambda w: ((w.bbox[1] + w.bbox[3]) / 2, w.bbox[0])):
        y0, y1 = w.bbox[1], w.bbox[3]
        placed = False
        for k in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            a, b = tops[k]
            overlap = min(b, y1) - max(a, y0)
            if overlap >= settings.line_overlap * min(b - a, y1 - y0) and (
                not settings.ocr_boxes or _side_by_side(w, lines[k])
            ):
                lines[k].words.append(w)
                tops[k] = (min(a, y0), max(b, y1))
                placed = True
                break
        if not placed:
            lines.append(TextLine([w]))
            tops.append((y0, y1))
    for line in lines:
        line.words.sort(key=lambda w: w.bbox[0])
    lines.sort(key=lambda ln: (ln.bbox[1], ln.bbox[0]))
    return lines


def join_words(words: list[Word], settings: Settings) -> str:
    """Words of one line: a space where the gap is wider than `word_gap` x font size."""
    out = ""
    prev: Word | None = None
    for w in words:
        if prev is not None:
            size = w.size or (w.bbox[3] - w.bbox[1])
            if w.bbox[0] - prev.bbox[2] > settings.word_gap * size:
                out += " "
        out += w.text
        prev = w
    return out


def join_lines(texts: list[str]) -> str:
    """Wrapped lines of one cell or paragraph, joined as they read."""
    out = ""
    for t in texts:
        t = t.strip()
        if not t:
            continue
        if out and _LATIN_END.search(out) and _LATIN_START.search(t):
            out += " "
        out += t
    return out


def split_fragments(line: TextLine, settings: Settings, gap: float | None = None) -> list[TextLine]:
    """A line cut where the gap between words is wider than `gap` (default
    `fragment_gap`) x font size (the department, 预算年度 and 单位 of a caption stand
    apart on one line)."""
    factor = settings.fragment_gap if gap is None else gap
    parts: list[TextLine] = []
    for w in line.words:
        size = w.size or (w.bbox[3] - w.bbox[1])
        if parts and w.bbox[0] - parts[-1].words[-1].bbox[2] <= factor * size:
            parts[-1].words.append(w)
        else:
            parts.append(TextLine([w]))
    return parts
