"""Ruled cells: a frame's rules -> a cell grid with spans -> words into the cells
(`frame_cells`, `fill_grid`), and the regions ruled only across or only down
(`partial_frames`). Pure steps, pdfplumber-style, every tolerance from `Settings`;
parsers/tables/page.py runs them over a page.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate

from parsers.extraction import ExtractedCell
from parsers.tables.layout import Grid, Word
from parsers.tables.ruling import Frame, Rule
from parsers.tables.settings import Settings
from parsers.tables.text_lines import group_lines, join_lines


def __getattr__(name: str) -> object:
    """`page_items` lived here; parsers/pdf.py, bench/ and two tests still import it
    from this module. Kept until they import parsers.tables.page (then delete this and
    its entry in tests/test_import_cycles.py ALLOWED)."""
    if name == "page_items":
        from parsers.tables.page import page_items

        return page_items
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class CellBox:
    """A (possibly merged) cell of a frame: grid position, spans and rect in points."""

    row: int
    col: int
    rowspan: int
    colspan: int
    rect: tuple[float, float, float, float]


def _positions(values: list[float], gap: float) -> list[float]:
    """Distinct sorted positions; values closer than `gap` become their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] < gap:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _covered(rules: list[Rule], pos: float, a: float, b: float, s: Settings) -> bool:
    """Is there a rule at `pos` covering enough of [a, b]?"""
    need = s.coverage * (b - a)
    return any(abs(r.pos - pos) <= s.snap * 1.5 and r.covers(a, b) >= need for r in rules)


def frame_cells(frame: Frame, s: Settings) -> tuple[list[float], list[float], list[CellBox]]:
    """(row edges ys, column edges xs, merged cells) of a frame.

    Where the outer border is not drawn (Excel prints often leave the sides open), the
    ends of the other rules stand in for it. Two neighbouring grid cells are one merged
    cell when no rule separates them."""
    ys = _positions([r.pos for r in frame.horizontals], s.min_cell)
    xs = _positions([r.pos for r in frame.verticals], s.min_cell)
    x_lo = min(r.start for r in frame.horizontals)
    x_hi = max(r.end for r in frame.horizontals)
    y_lo = min(r.start for r in frame.verticals)
    y_hi = max(r.end for r in frame.verticals)
    if x_lo < xs[0] - s.min_cell:
        xs.insert(0, x_lo)
    if x_hi > xs[-1] + s.min_cell:
        xs.append(x_hi)
    if y_lo < ys[0] - s.min_cell:
        ys.insert(0, y_lo)
    if y_hi > ys[-1] + s.min_cell:
        ys.append(y_hi)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1:
        return ys, xs, []
    parent = list(range(n_rows * n_cols))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for i in range(n_rows):
        for j in range(1, n_cols):
            if not _covered(frame.verticals, xs[j], ys[i], ys[i + 1], s):
                union(i * n_cols + j - 1, i * n_cols + j)
    for i in range(1, n_rows):
        for j in range(n_cols):
            if not _covered(frame.horizontals, ys[i], xs[j], xs[j + 1], s):
                union((i - 1) * n_cols + j, i * n_cols + j)
    spans: dict[int, list[int]] = {}
    for i in range(n_rows):
        for j in range(n_cols):
            root = find(i * n_cols + j)
            box = spans.setdefault(root, [i, j, i, j])
            box[0], box[1] = min(box[0], i), min(box[1], j)
            box[2], box[3] = max(box[2], i), max(box[3], j)
    taken: set[tuple[int, int]] = set()
    cells: list[CellBox] = []
    for r0, c0, r1, c1 in sorted(spans.values()):
        if (r0, c0) in taken:
            continue  # an irregular (non-rectangular) merge: the first box wins
        for i in range(r0, r1 + 1):
            for j in range(c0, c1 + 1):
                taken.add((i, j))
        cells.append(
            CellBox(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
        )
    return ys, xs, cells


def fill_grid(
    ys: list[float],
    xs: list[float],
    boxes: list[CellBox],
    words: list[Word],
    page: int | None,
    s: Settings,
) -> Grid:
    """Put each word in the cell holding its centre; a cell's text is its lines joined."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    owner: dict[tuple[int, int], int] = {}
    for k, b in enumerate(boxes):
        for i in range(b.row, b.row + b.rowspan):
            for j in range(b.col, b.col + b.colspan):
                owner[(i, j)] = k
    bucket: list[list[Word]] = [[] for _ in boxes]
    if s.ocr_boxes:
        words = [part for w in words for part in _cut_at_borders(w, ys, xs, owner)]
    for w in words:
        i = _slot(ys, (w.bbox[1] + w.bbox[3]) / 2)
        j = _slot(xs, (w.bbox[0] + w.bbox[2]) / 2)
        k = owner.get((i, j))
        if k is not None:
            bucket[k].append(w)
    cells = []
    for b, ws in zip(boxes, bucket, strict=True):
        text = join_lines([ln.text(s) for ln in group_lines(ws, s)]) if ws else ""
        conf = min((w.confidence for w in ws), default=1.0)
        cells.append(
            ExtractedCell(
                row=b.row,
                col=b.col,
                text=text,
                rowspan=b.rowspan,
                colspan=b.colspan,
                page=page,
                bbox=b.rect,
                confidence=conf,
            )
        )
    return Grid(
        n_rows=n_rows,
        n_cols=n_cols,
        cells=cells,
        page=page,
        bbox=(xs[0], ys[0], xs[-1], ys[-1]),
        col_edges=list(xs),
    )


_FIGURE = re.compile(r"[-+]?[0-9][0-9,]*(?:\.[0-9]+)?%?")
# An amount printed to the cent: where two of them are read as one box, the cut after
# the first one's two decimals is the only one that leaves two such amounts.
_CENTS = re.compile(r"[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\.[0-9]{2}")


def _inside_number(t: str, k: int) -> bool:
    """A cut before t[k] would split a number at its point or separator ("27,664|.22")."""
    return t[k] in ".," and k + 1 < len(t) and t[k + 1].isdigit() and t[k - 1].isdigit()


def _slot(edges: list[float], v: float) -> int:
    """The grid row (or column) between `edges` holding `v`; outside, the nearest."""
    return min(max(bisect.bisect_right(edges, v) - 1, 0), len(edges) - 2)


def _em(ch: str) -> float:
    """Printed width of a character in ems: CJK and full-width forms 1, others about half."""
    return 1.0 if ord(ch) >= 0x2E80 else 0.55


def _cut_at_borders(
    w: Word, ys: list[float], xs: list[float], owner: dict[tuple[int, int], int]
) -> list[Word]:
    """An OCR box running over a column border between a figure and a text, or between
    two amounts printed to the cent, cut there ("770复印机" in a small-font Excel print:
    the amount and the item name read as one line). Only a cut that leaves a whole
    figure on one side and falls near the border (by estimated character widths) is
    made: long text overflowing into the next cell, or a border inside a merged cell,
    is left whole."""
    x0, y0, x1, y1 = w.bbox
    pad = 0.15 * (y1 - y0)
    i = _slot(ys, (y0 + y1) / 2)
    t = w.text
    figure_ends = [  # k: t[:k] and t[k:] are a figure and a text, one way round,
        k  # or two amounts to the cent ("82,096,797.4282,096,797.42" in narrow columns)
        for k in range(1, len(t))
        if (_FIGURE.fullmatch(t[:k].strip()) and not t[k].isdigit() and not _inside_number(t, k))
        or (_FIGURE.fullmatch(t[k:].strip()) and not t[k - 1].isdigit())
        or (_CENTS.fullmatch(t[:k].replace(" ", "")) and _CENTS.fullmatch(t[k:].replace(" ", "")))
    ]
    if not figure_ends:
        return [w]
    ems = list(accumulate(_em(ch) for ch in t))
    for j in range(1, len(xs) - 1):
        edge = xs[j]
        if not (x0 + 2 * pad < edge < x1 - 2 * pad) or owner.get((i, j - 1)) == owner.get((i, j)):
            continue
        share = (edge - x0 - pad) / max(x1 - x0 - 2 * pad, 1e-6)
        miss, cut = min((abs(ems[k - 1] / ems[-1] - share), k) for k in figure_ends)
        if miss >= 0.25:
            continue
        head = Word(t[:cut].strip(), (x0, y0, edge, y1), w.confidence, w.bold, w.size)
        tail = Word(t[cut:].strip(), (edge, y0, x1, y1), w.confidence, w.bold, w.size)
        return [head, *_cut_at_borders(tail, ys, xs, owner)]
    return [w]


def _split_at_breaks(rules: list[Rule], words: list[Word], s: Settings) -> list[list[Rule]]:
    """Stacked rules cut where the space between two holds no text (the gap between two
    tables) or a title line (the next table's heading)."""
    from parsers.tables.classify import looks_like_title

    rules = sorted(rules, key=lambda r: r.pos)
    parts: list[list[Rule]] = [[rules[0]]] if rules else []
    for a, b in zip(rules, rules[1:], strict=False):
        if b.pos - a.pos <= s.snap:
            parts[-1].append(b)  # pieces of one rule, cut by a merged cell
            continue
        between = [w for w in words if a.pos < (w.bbox[1] + w.bbox[3]) / 2 < b.pos]
        texts = [ln.text(s) for ln in group_lines(between, s)]
        if not between or any(looks_like_title(t) for t in texts):
            parts.append([b])
        else:
            parts[-1].append(b)
    return parts


def partial_frames(
    hs: list[Rule], vs: list[Rule], words: list[Word], s: Settings
) -> list[tuple[tuple[float, float, float, float], list[Rule] | None, list[Rule] | None]]:
    """Tables ruled only across (rows, as Excel prints and three-line tables often are)
    or only down: (region, vertical rules or None, horizontal rules or None)."""
    Region = tuple[tuple[float, float, float, float], list[Rule] | None, list[Rule] | None]
    out: list[Region] = []
    for rules, across in ((hs, True), (vs, False)):
        groups: list[list[Rule]] = []
        for r in sorted(rules, key=lambda r: r.pos):
            if r.end - r.start < 40:
                continue
            for g in groups:
                ref = g[0]
                overlap = min(ref.end, r.end) - max(ref.start, r.start)
                if overlap >= 0.8 * min(ref.end - ref.start, r.end - r.start):
                    g.append(r)
                    break
            else:
                groups.append([r])
        if across:
            groups = [part for g in groups for part in _split_at_breaks(g, words, s)]
        for g in groups:
            if len(g) < (2 if across else 3):
                continue
            lo, hi = min(r.start for r in g), max(r.end for r in g)
            a, b = min(r.pos for r in g), max(r.pos for r in g)
            if across:
                out.append(((lo, a, hi, b), None, g))
            else:
                out.append(((a, lo, b, hi), g, None))
    return out
