"""Ruling lines: raw strokes in, merged horizontal/vertical rules and table frames out.

Pure geometry on `layout.Segment` (PDF points, top-left origin), the first steps of
pdfplumber's chain (merge_edges -> edges_to_intersections): strokes that lie on one
line are snapped together, collinear pieces with small gaps are joined, and rules
that touch are grouped into one frame per table. Imports nothing from PyMuPDF, so
OCR'd ruling (parsers/pdf_scan.py) goes through the same steps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from parsers.tables.layout import Segment
from parsers.tables.settings import Settings


@dataclass(frozen=True)
class Rule:
    """A merged ruling line: at `pos` (y if horizontal, x if vertical) from `start` to `end`."""

    horizontal: bool
    pos: float
    start: float
    end: float

    def covers(self, a: float, b: float) -> float:
        """How much of the interval [a, b] this rule covers, in points."""
        return max(0.0, min(self.end, b) - max(self.start, a))


@dataclass
class Frame:
    """The rules of one table: every rule touches another rule of the same frame."""

    horizontals: list[Rule]
    verticals: list[Rule]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        xs = [r.pos for r in self.verticals] + [
            e for r in self.horizontals for e in (r.start, r.end)
        ]
        ys = [r.pos for r in self.horizontals] + [
            e for r in self.verticals for e in (r.start, r.end)
        ]
        return min(xs), min(ys), max(xs), max(ys)


def merge_rules(segments: Iterable[Segment], settings: Settings) -> tuple[list[Rule], list[Rule]]:
    """(horizontal rules, vertical rules): strokes snapped and joined; diagonals dropped."""
    hs: list[Rule] = []
    vs: list[Rule] = []
    for s in segments:
        dx, dy = abs(s.x1 - s.x0), abs(s.y1 - s.y0)
        if dy <= settings.snap and dx >= settings.min_length:
            hs.append(Rule(True, (s.y0 + s.y1) / 2, min(s.x0, s.x1), max(s.x0, s.x1)))
        elif dx <= settings.snap and dy >= settings.min_length:
            vs.append(Rule(False, (s.x0 + s.x1) / 2, min(s.y0, s.y1), max(s.y0, s.y1)))
    return _merge(hs, settings), _merge(vs, settings)


def _merge(rules: list[Rule], settings: Settings) -> list[Rule]:
    """Snap rules whose positions lie within `snap`, then join overlapping pieces."""
    out: list[Rule] = []
    rules = sorted(rules, key=lambda r: r.pos)
    i = 0
    while i < len(rules):
        group = [rules[i]]
        i += 1
        while i < len(rules) and rules[i].pos - group[-1].pos <= settings.snap:
            group.append(rules[i])
            i += 1
        weight = sum(r.end - r.start for r in group) or 1.0
        pos = sum(r.pos * (r.end - r.start) for r in group) / weight
        pieces = sorted(group, key=lambda r: r.start)
        start, end = pieces[0].start, pieces[0].end
        for r in pieces[1:]:
            if r.start <= end + settings.join:
                end = max(end, r.end)
            else:
                out.append(Rule(group[0].horizontal, pos, start, end))
                start, end = r.start, r.end
        out.append(Rule(group[0].horizontal, pos, start, end))
    return out


def _touch(h: Rule, v: Rule, tol: float) -> bool:
    return h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol


def frames(hs: list[Rule], vs: list[Rule], settings: Settings) -> list[Frame]:
    """Group rules into table frames (connected by touching), top to bottom.

    A frame needs at least two horizontal or two vertical rules and one of the other
    kind, so a lone underline or a page border line is not a table."""
    parent = list(range(len(hs) + len(vs)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _touch(h, v, settings.touch):
                a, b = find(i), find(len(hs) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, Frame] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), Frame([], [])).horizontals.append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), Frame([], [])).verticals.append(v)
    out = [
        f
        for f in groups.values()
        if f.horizontals and f.verticals and (len(f.horizontals) >= 2 or len(f.verticals) >= 2)
    ]
    return sorted(out, key=lambda f: (f.bbox[1], f.bbox[0]))
