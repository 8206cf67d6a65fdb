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

from parsers.tables.classify import squeeze
from parsers.tables.layout import Grid, Word
from parsers.tables.ruling import Frame, Rule
from parsers.tables.settings import Settings
from parsers.tables.text_lines import TextLine, group_lines, split_fragments, union


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
    """x of the column boundaries between `lo` and `hi`.

    First the gutters no row's text touches (at least `min_column_gap` x font size
    wide). Then the fullest row (the 栏次 row, or a body row with every amount) marks
    the columns that header cells spanning several of them hide: between two of its
    words, the place fewest rows cross becomes a boundary when only a few rows (spanning
    header cells) cross it there."""
    size = _size([w for r in rows for w in r])
    step = 0.5
    n = max(1, int((hi - lo) / step) + 1)
    wide = s.wide_word * (hi - lo)

    def coverage(skip_wide: bool) -> list[int]:
        count = [0] * n
        for row in rows:
            hit = bytearray(n)
            for w in row:
                if skip_wide and w.bbox[2] - w.bbox[0] > wide:
                    continue  # a long text across a form row spans columns; it marks none
                a = max(0, int((w.bbox[0] - lo) / step))
                b = min(n - 1, int((w.bbox[2] - lo) / step))
                hit[a : b + 1] = b"\x01" * (b + 1 - a)
            for k in range(n):
                count[k] += hit[k]
        return count

    edges = [lo]
    count_all = coverage(False)
    count = coverage(True)
    for counts in (count_all, count):
        k = 0
        while k < n:
            if counts[k] == 0:
                j = k
                while j < n and counts[j] == 0:
                    j += 1
                mid = lo + (k + j) / 2 * step
                wide_enough = (j - k) * step >= s.min_column_gap * size
                if k > 0 and j < n and wide_enough and all(abs(mid - e) > size for e in edges):
                    edges.append(mid)
                k = j
            else:
                k += 1
    allowed = max(1, len(rows) // 10)  # a few spanning header cells may cross a gutter
    fullest = max(rows, key=lambda r: sum(w.bbox[2] - w.bbox[0] <= wide for w in r), default=[])
    words = sorted((w for w in fullest if w.bbox[2] - w.bbox[0] <= wide), key=lambda w: w.bbox[0])
    for a, b in zip(words, words[1:], strict=False):
        x0, x1 = a.bbox[2], b.bbox[0]
        if x1 - x0 < s.min_column_gap * size or any(x0 <= e <= x1 for e in edges):
            continue
        k0, k1 = int((x0 - lo) / step) + 1, int((x1 - lo) / step)
        if k1 <= k0:
            continue
        low = min(count[k0:k1])
        if low > allowed:
            continue
        run = [k for k in range(k0, k1) if count[k] == low]
        edges.append(lo + (run[0] + run[-1]) / 2 * step)
    edges.append(hi)
    return sorted(edges)


def text_grid(
    words: list[Word],
    page: int | None,
    s: Settings,
    hs: list[Rule] | None = None,
    vs: list[Rule] | None = None,
) -> Grid | None:
    """A grid from the words of one region. `hs`/`vs` are the ruling lines the region
    has (rows ruled across, columns ruled down); what is missing is drawn in from the
    text: row boundaries between bands of lines, column boundaries in the gutters, each
    left out where a word crosses it, so a header over two columns becomes one merged
    cell. Then the same cell steps as a ruled table (cells.frame_cells/fill_grid)."""
    from parsers.tables.cells import fill_grid, frame_cells  # cells imports this module

    if not words:
        return None
    lines = group_lines(words, s)
    bands = row_bands(lines, s)
    box = union([w.bbox for w in words])
    x_lo, x_hi = box[0] - 1, box[2] + 1
    if hs:
        x_lo, x_hi = min(x_lo, min(r.start for r in hs)), max(x_hi, max(r.end for r in hs))
    if vs:
        x_lo, x_hi = min(r.pos for r in vs), max(r.pos for r in vs)
    bounds = [(b + c) / 2 for (_, b), (c, _) in zip(bands, bands[1:], strict=False)]
    if hs:
        rule_ys = sorted(r.pos for r in hs)
        ys = list(rule_ys)
        for y in bounds:  # unruled rows inside a ruled block (three-line tables)
            i = bisect.bisect_right(rule_ys, y)
            if 0 < i < len(rule_ys) and min(y - rule_ys[i - 1], rule_ys[i] - y) > 2:
                ys.append(y)
        ys.sort()
        added = [y for y in ys if y not in rule_ys]
        if ys[0] > box[1] + 1:
            ys.insert(0, box[1] - 1)
            added.insert(0, ys[0])
        if ys[-1] < box[3] - 1:
            ys.append(box[3] + 1)
            added.append(ys[-1])
    else:
        ys = [bands[0][0] - 1, *bounds, bands[-1][1] + 1]
        added = list(ys)
    n_rows = len(ys) - 1
    by_row: list[list[Word]] = [[] for _ in range(n_rows)]
    for w in words:
        cy = (w.bbox[1] + w.bbox[3]) / 2
        by_row[min(max(bisect.bisect_right(ys, cy) - 1, 0), n_rows - 1)].append(w)
    if vs:
        xs = sorted(r.pos for r in vs)
    else:
        xs = column_edges([r for r in by_row if r], x_lo, x_hi, s)
    if len(xs) < 3 or n_rows < 1:
        return None

    def crosses_x(w: Word, x: float) -> bool:
        return w.bbox[0] < x - 0.5 and w.bbox[2] > x + 0.5

    def crosses_y(w: Word, y: float) -> bool:
        return w.bbox[1] < y - 0.5 and w.bbox[3] > y + 0.5

    h_rules = list(hs or [])
    for y in added:
        for j in range(len(xs) - 1):
            a, b = xs[j], xs[j + 1]
            if y in (ys[0], ys[-1]) or not any(
                crosses_y(w, y) and w.bbox[0] < b and w.bbox[2] > a for w in words
            ):
                h_rules.append(Rule(True, y, a, b))
    v_rules = list(vs or [])
    if not vs:
        for i in range(n_rows):
            for k, x in enumerate(xs):
                if k in (0, len(xs) - 1) or not any(crosses_x(w, x) for w in by_row[i]):
                    v_rules.append(Rule(False, x, ys[i], ys[i + 1]))
    edges_y, edges_x, boxes = frame_cells(Frame(h_rules, v_rules), s)
    if not boxes or len(edges_x) < 3:
        return None
    return fill_grid(edges_y, edges_x, boxes, words, page, s)


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
            x0 = min(ln.bbox[0] for ln in lines[i:j])
            x1 = max(ln.bbox[2] for ln in lines[i:j])
            # wrapped first/last lines of header or body cells stand alone above/below
            k = 0
            while (
                k < 2
                and i > 0
                and rest
                and rest[-1] is lines[i - 1]
                and _cell_piece(lines[i - 1], lines[i], x0, x1, s)
            ):
                rest.pop()
                i, k = i - 1, k + 1
            k = 0
            while k < 2 and j < len(lines) and _cell_piece(lines[j], lines[j - 1], x0, x1, s):
                j, k = j + 1, k + 1
            words = [w for ln in lines[i:j] for w in ln.words]
            grid = text_grid(words, page, s)
        if grid is None:
            rest.extend(lines[i:j])
        else:
            grids.append(grid)
        i = j
    return grids, rest


def _cell_piece(line: TextLine, neighbour: TextLine, x0: float, x1: float, s: Settings) -> bool:
    """A short line right by the table, inside its width, that is no title, caption or
    sentence: the wrapped rest of a cell."""
    from parsers.tables.assemble import is_caption
    from parsers.tables.classify import looks_like_title

    gap = max(line.bbox[1] - neighbour.bbox[3], neighbour.bbox[1] - line.bbox[3])
    text = line.text(s)
    return (
        gap < 0.8 * max(line.size, neighbour.size)
        and line.bbox[0] >= x0 - 2
        and line.bbox[2] <= x1 + 2
        and all(
            f.bbox[2] - f.bbox[0] < 0.4 * (x1 - x0) for f in split_fragments(line, s, s.table_gap)
        )
        and not is_sentence(text)
        and not looks_like_title(text)
        and not is_caption(text)
    )


def is_sentence(text: str) -> bool:
    t = squeeze(text)
    return len(t) > 30 or t.endswith(("。", "；"))


def _near(a: TextLine, b: TextLine) -> bool:
    return b.bbox[1] - a.bbox[3] < 1.5 * max(a.size, b.size)
