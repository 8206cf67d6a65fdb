"""Tables without full ruling: rows and columns found from the text itself.

`text_grid()` builds a grid from the words of a region: columns from the white
gutters that no row's text crosses, rows from bands of lines (wrapped lines of one
cell sit closer together than rows do), each side replaced by ruling positions when
the region has them (a table ruled only across, or only down). A word that bridges
a gutter (a header over two columns) becomes a cell with a colspan.
`find_tables()` finds unruled tables among a page's free lines: runs of lines that
break into several far-apart fragments. Pure; imports no PDF library.
"""

from __future__ import annotations

import bisect

from parsers.extraction import ExtractedCell
from parsers.tables.classify import squeeze
from parsers.tables.layout import Grid, Word
from parsers.tables.settings import Settings
from parsers.tables.text_lines import TextLine, group_lines, join_lines, split_fragments, union


def _size(words: list[Word]) -> float:
    sizes = sorted(w.size or (w.bbox[3] - w.bbox[1]) for w in words)
    return sizes[len(sizes) // 2] if sizes else 10.0


def row_bands(lines: list[TextLine], s: Settings) -> list[tuple[float, float]]:
    """Vertical extents of table rows: lines closer than `row_gap` x font size are one row."""
    bands: list[list[float]] = []
    for ln in sorted(lines, key=lambda ln: ln.bbox[1]):
        top, bottom = ln.bbox[1], ln.bbox[3]
        if bands and top < bands[-1][1] + s.row_gap * ln.size:
            bands[-1][1] = max(bands[-1][1], bottom)
        else:
            bands.append([top, bottom])
    return [(a, b) for a, b in bands]


def column_edges(rows: list[list[Word]], lo: float, hi: float, s: Settings) -> list[float]:
    """x of the column boundaries between `lo` and `hi`: the middle of every gutter
    that (almost) no row's text crosses and that is at least `min_column_gap` x font size."""
    size = _size([w for r in rows for w in r])
    step = 0.5
    n = max(1, int((hi - lo) / step) + 1)
    count = [0] * n
    for row in rows:
        hit = [False] * n
        for w in row:
            a = max(0, int((w.bbox[0] - lo) / step))
            b = min(n - 1, int((w.bbox[2] - lo) / step))
            for k in range(a, b + 1):
                hit[k] = True
        for k in range(n):
            if hit[k]:
                count[k] += 1
    allowed = len(rows) // 10  # a few spanning header cells may cross a gutter
    edges = [lo]
    k = 0
    while k < n:
        if count[k] <= allowed:
            j = k
            while j < n and count[j] <= allowed:
                j += 1
            if k > 0 and j < n and (j - k) * step >= s.min_column_gap * size:
                edges.append(lo + (k + j) / 2 * step)
            k = j
        else:
            k += 1
    edges.append(hi)
    return edges


def text_grid(
    words: list[Word],
    page: int | None,
    s: Settings,
    xs: list[float] | None = None,
    ys: list[float] | None = None,
) -> Grid | None:
    """A grid from the words of one region; `xs`/`ys` are ruling positions when known
    (then text bands only split what the rules leave open)."""
    if not words:
        return None
    lines = group_lines(words, s)
    bands = row_bands(lines, s)
    box = union([w.bbox for w in words])
    if ys and len(ys) >= 2:
        cuts = list(ys)
        for (_a, b), (c, _d) in zip(bands, bands[1:], strict=False):
            mid = (b + c) / 2
            i = bisect.bisect_right(cuts, mid)
            if 0 < i < len(cuts) and min(mid - cuts[i - 1], cuts[i] - mid) > 2:
                # a band boundary inside a rule interval: unruled rows of a three-line table
                inner = [bd for bd in bands if cuts[i - 1] <= (bd[0] + bd[1]) / 2 <= cuts[i]]
                if len(inner) > 1:
                    cuts.insert(i, mid)
        ys = sorted(cuts)
    else:
        ys = [bands[0][0] - 1] + [
            (b + c) / 2 for (_, b), (c, _) in zip(bands, bands[1:], strict=False)
        ]
        ys.append(bands[-1][1] + 1)
    n_rows = len(ys) - 1
    by_row: list[list[Word]] = [[] for _ in range(n_rows)]
    for w in words:
        cy = (w.bbox[1] + w.bbox[3]) / 2
        i = min(max(bisect.bisect_right(ys, cy) - 1, 0), n_rows - 1)
        by_row[i].append(w)
    if not xs or len(xs) < 2:
        xs = column_edges([r for r in by_row if r], box[0] - 1, box[2] + 1, s)
    n_cols = len(xs) - 1
    if n_cols < 2 or n_rows < 1:
        return None
    cells: list[ExtractedCell] = []
    for i, row in enumerate(by_row):
        # each word covers the columns it overlaps by more than a third of its width
        groups: list[list[int | list[Word]]] = []
        for w in sorted(row, key=lambda w: w.bbox[0]):
            width = max(w.bbox[2] - w.bbox[0], 0.1)
            cols = [
                j
                for j in range(n_cols)
                if min(w.bbox[2], xs[j + 1]) - max(w.bbox[0], xs[j]) > width / 3
                or xs[j] <= (w.bbox[0] + w.bbox[2]) / 2 < xs[j + 1]
            ]
            c0, c1 = min(cols), max(cols)
            if groups and c0 <= groups[-1][1]:  # type: ignore[operator]
                groups[-1][1] = max(groups[-1][1], c1)  # type: ignore[call-overload, type-var]
                groups[-1][2].append(w)  # type: ignore[union-attr]
            else:
                groups.append([c0, c1, [w]])
        used = set()
        for c0, c1, ws in groups:  # type: ignore[misc]
            text = join_lines([ln.text(s) for ln in group_lines(ws, s)])
            conf = min(w.confidence for w in ws)
            cells.append(
                ExtractedCell(
                    i, c0, text, 1, c1 - c0 + 1, page, (xs[c0], ys[i], xs[c1 + 1], ys[i + 1]), conf
                )
            )
            used.update(range(c0, c1 + 1))
        for j in range(n_cols):
            if j not in used:
                cells.append(
                    ExtractedCell(i, j, "", 1, 1, page, (xs[j], ys[i], xs[j + 1], ys[i + 1]))
                )
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(n_rows, n_cols, cells, page, (xs[0], ys[0], xs[-1], ys[-1]), list(xs))


def _tabular(fragments: list[TextLine], s: Settings) -> bool:
    """A line that reads as a table row: two or more fragments, none of them a caption."""
    from parsers.tables.assemble import is_caption  # caption words live with the assembly

    return len(fragments) >= 2 and not any(is_caption(f.text(s)) for f in fragments)


def find_tables(
    lines: list[TextLine], page: int | None, s: Settings
) -> tuple[list[Grid], list[TextLine]]:
    """(tables found, the lines left over), both top to bottom, among a page's free
    text lines: a run of at least `min_aligned_rows` lines that break into fragments
    (at `table_gap`), with short wrapped lines between them, is read by `text_grid`."""
    frags = [split_fragments(ln, s, s.table_gap) for ln in lines]
    grids: list[Grid] = []
    rest: list[TextLine] = []
    i = 0
    while i < len(lines):
        if not _tabular(frags[i], s):
            rest.append(lines[i])
            i += 1
            continue
        j, last, count = i + 1, i, 1
        while j < len(lines) and _near(lines[j - 1], lines[j]):
            if _tabular(frags[j], s):
                last, count = j, count + 1
            elif is_sentence(lines[j].text(s)):
                break
            j += 1
        j = last + 1
        grid = None
        if count >= s.min_aligned_rows:
            words = [w for ln in lines[i:j] for w in ln.words]
            grid = text_grid(words, page, s)
        if grid is None:
            rest.extend(lines[i:j])
        else:
            grids.append(grid)
        i = j
    return grids, rest


def is_sentence(text: str) -> bool:
    t = squeeze(text)
    return len(t) > 30 or t.endswith(("。", "；"))


def _near(a: TextLine, b: TextLine) -> bool:
    return b.bbox[1] - a.bbox[3] < 1.5 * max(a.size, b.size)
