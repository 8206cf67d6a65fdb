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
import re
from dataclasses import dataclass

from parsers.tables.cells import fill_grid, frame_cells
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
    return [_extent(g) for g in _line_groups(lines, s)]


def _extent(group: list[TextLine]) -> tuple[float, float]:
    return min(ln.bbox[1] for ln in group), max(ln.bbox[3] for ln in group)


def _line_groups(lines: list[TextLine], s: Settings) -> list[list[TextLine]]:
    groups: list[list[TextLine]] = []
    bottom = 0.0
    for ln in sorted(lines, key=lambda ln: ln.bbox[1]):
        if groups and ln.bbox[1] < bottom + s.row_gap * ln.size:
            groups[-1].append(ln)
            bottom = max(bottom, ln.bbox[3])
        else:
            groups.append([ln])
            bottom = ln.bbox[3]
    return groups


def _columns_of(w: Word, xs: list[float]) -> range:
    """Indexes of the columns (between `xs`) that word `w` lies in."""
    a = max(0, bisect.bisect_right(xs, w.bbox[0] + 0.5) - 1)
    b = max(a, min(len(xs) - 2, bisect.bisect_left(xs, w.bbox[2] - 0.5) - 1))
    return range(a, b + 1)


def _same_gutter(a: float, b: float, words: list[Word]) -> bool:
    """No text stands between x positions `a` and `b`."""
    lo, hi = min(a, b), max(a, b)
    return not any(w.bbox[0] < hi and w.bbox[2] > lo for w in words)


def wrapped_rows(lines: list[TextLine], xs: list[float], s: Settings) -> list[list[TextLine]]:
    """Lines grouped into table rows, also where rows stand as close as wrapped lines
    (Excel prints: the row height is one line pitch).

    Lines closer than `row_gap` x font size stay candidates for one row; within them a
    line starts a new row when one of its columns already holds text in the row that
    was not full: text wraps only when what comes next no longer fits, so a wrapped
    line is about as wide as the widest text of its column (a spanning text: most of
    the columns it spans). "12" over "13" in a 序号 column are two rows; the two lines
    of "一般公共预算" / "财政拨款" in a header cell are one."""
    if len(xs) < 2:
        return _line_groups(lines, s)
    texts = {id(ln): _pieces(ln, xs) for ln in lines}
    widest: dict[tuple[int, int], float] = {}  # (first, last column) -> widest text
    lines_in: dict[tuple[int, int], int] = {}
    for here in texts.values():
        for p in {p.cols: p for p in here.values()}.values():
            widest[p.cols] = max(widest.get(p.cols, 0.0), p.width)
            lines_in[p.cols] = lines_in.get(p.cols, 0) + 1
    # a text spanning columns met on one line only: the room it had is unknown
    room = {c: w if c[0] == c[1] or lines_in[c] > 1 else 0.0 for c, w in widest.items()}
    out: list[list[TextLine]] = []
    for group in _line_groups(lines, s):
        rows: list[list[TextLine]] = [[]]
        held: dict[int, _Piece] = {}  # column -> the row's last text there
        for ln in group:
            here = texts[id(ln)]
            if rows[-1] and any(
                j in held and not _wrapped_before(held[j], p, room[held[j].cols], ln.size)
                for j, p in here.items()
            ):
                rows.append([])
                held = {}
            rows[-1].append(ln)
            held.update(here)
        out.extend(rows)
    return out


@dataclass
class _Piece:
    """A line's text in one column, as far as wrapping goes."""

    width: float  # of the text in the column
    span: float  # of the columns a spanning text covers, else 0
    cols: tuple[int, int]  # first and last column the text covers
    x0: float
    x1: float
    first_unit: float  # width of what cannot be broken off its start ("数）", "2023")
    first_char: float
    starts_word: bool  # begins / ends with a Latin letter or digit
    ends_word: bool
    number: bool  # the whole text is one number ("12", "10.00", "29,295.60")


# What a line cannot be broken before: a Latin word or number whole, a character with
# the closing punctuation after it (kinsoku: "）" never starts a line, so "人数）"
# wraps as "数）").
_UNBREAKABLE = re.compile(
    r"[=<>≥≤+\-]?[A-Za-z0-9]+[A-Za-z0-9,.;:)%/]*|.[）)」』】〕，。、；：！？%,.;:!?]*"
)
_WORD_CHAR = re.compile(r"[A-Za-z0-9]")
_NUMBER = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$")


def _pieces(ln: TextLine, xs: list[float]) -> dict[int, _Piece]:
    """The line's text per column it has text in. Words that share a column are one
    text (a long text over merged columns counts whole in each of them)."""
    runs: list[tuple[int, int, list[Word]]] = []
    for w in sorted(ln.words, key=lambda w: w.bbox[0]):
        cols = _columns_of(w, xs)
        if runs and cols[0] <= runs[-1][1]:
            lo, hi, ws = runs[-1]
            runs[-1] = (lo, max(hi, cols[-1]), [*ws, w])
        else:
            runs.append((cols[0], cols[-1], [w]))
    out = {}
    for lo, hi, ws in runs:
        first, last = ws[0], ws[-1]
        char = (first.bbox[2] - first.bbox[0]) / max(1, len(first.text))
        unit = _UNBREAKABLE.match(first.text)
        piece = _Piece(
            width=max(w.bbox[2] for w in ws) - first.bbox[0],
            span=xs[hi + 1] - xs[lo] if hi > lo else 0.0,
            cols=(lo, hi),
            x0=first.bbox[0],
            x1=max(w.bbox[2] for w in ws),
            first_unit=char * (len(unit.group(0)) if unit else 1),
            first_char=char,
            starts_word=bool(_WORD_CHAR.match(first.text[:1])),
            ends_word=bool(_WORD_CHAR.match(last.text[-1:])),
            number=bool(_NUMBER.match("".join(w.text for w in ws))),
        )
        for j in range(lo, hi + 1):
            out[j] = piece
    return out


def _wrapped_before(held: _Piece, nxt: _Piece, widest: float, size: float) -> bool:
    """Could the held text have wrapped before the next one? Only if what starts the
    next line would not have fitted after it; a word cut in the middle (a number too
    long for a narrow cell, "29295." / "60") was cut at a character. Two whole numbers
    are two cells: amounts and 序号 are not wrapped into each other. The next line
    also keeps the held one's alignment (same left, centre or right)."""
    if held.number and nxt.number:
        return False
    tol = 0.5 * size
    if not (
        abs(nxt.x0 - held.x0) < tol
        or abs(nxt.x0 + nxt.x1 - held.x0 - held.x1) < 2 * tol
        or abs(nxt.x1 - held.x1) < tol
    ):
        return False  # wrapped lines keep the cell's alignment: left, centred or right
    room = widest or 0.8 * held.span
    unit = nxt.first_char if held.ends_word and nxt.starts_word else nxt.first_unit
    return held.width + unit > room - min(0.5 * size, 0.1 * room)


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
    if not words:
        return None
    lines = group_lines(words, s)
    box = union([w.bbox for w in words])
    x_lo, x_hi = box[0] - 1, box[2] + 1
    if hs:
        x_lo, x_hi = min(x_lo, min(r.start for r in hs)), max(x_hi, max(r.end for r in hs))
    if vs:
        x_lo, x_hi = min(r.pos for r in vs), max(r.pos for r in vs)
        first_xs = sorted(r.pos for r in vs)
    else:
        first_xs = column_edges([ln.words for ln in lines], x_lo, x_hi, s)
    bands = [_extent(g) for g in wrapped_rows(lines, first_xs, s)]
    # between two rows; where a text centred over both (a merged cell) makes the bands
    # overlap, just above the next row's top, so only that text crosses the boundary
    bounds = [
        (b + c) / 2 if b <= c else c - 0.5 for (_, b), (c, _) in zip(bands, bands[1:], strict=False)
    ]
    if hs:
        rule_ys = sorted(r.pos for r in hs)
        ys = list(rule_ys)
        # unruled rows inside a ruled block (three-line tables, a short rule left out
        # under a merged cell), unless a rule already parts the two bands of lines
        for (a0, a1), (b0, b1), y in zip(bands, bands[1:], bounds, strict=False):
            i = bisect.bisect_right(rule_ys, y)
            j = bisect.bisect_right(rule_ys, (a0 + a1) / 2)
            parted = j < len(rule_ys) and rule_ys[j] < (b0 + b1) / 2
            if 0 < i < len(rule_ys) and min(y - rule_ys[i - 1], rule_ys[i] - y) > 2 and not parted:
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
        if vs:  # rules down reach the table's top and bottom border: no empty row there
            ys[0] = min(ys[0], min(r.start for r in vs))
            ys[-1] = max(ys[-1], max(r.end for r in vs))
        added = list(ys)
    n_rows = len(ys) - 1
    by_row: list[list[Word]] = [[] for _ in range(n_rows)]
    for w in words:
        cy = (w.bbox[1] + w.bbox[3]) / 2
        by_row[min(max(bisect.bisect_right(ys, cy) - 1, 0), n_rows - 1)].append(w)
    text_xs = column_edges([r for r in by_row if r], x_lo, x_hi, s)
    extra: list[float] = []
    if vs:  # rules down where drawn; the text's gutters between them (a form block)
        ruled_xs = sorted(r.pos for r in vs)
        extra = [x for x in text_xs[1:-1] if not any(_same_gutter(x, v, words) for v in ruled_xs)]
        xs = sorted(ruled_xs + extra)
    else:
        xs = text_xs
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
    if hs:
        h_rules += _missing_rule_pieces(hs, ys, xs, lines, s)
    v_rules = list(vs or [])
    for i in range(n_rows):
        for k, x in enumerate(xs if not vs else extra):
            end = not vs and k in (0, len(xs) - 1)
            if end or not any(crosses_x(w, x) for w in by_row[i]):
                v_rules.append(Rule(False, x, ys[i], ys[i + 1]))
    edges_y, edges_x, boxes = frame_cells(Frame(h_rules, v_rules), s)
    if not boxes or len(edges_x) < 3:
        return None
    return fill_grid(edges_y, edges_x, boxes, words, page, s)


def _missing_rule_pieces(
    hs: list[Rule], ys: list[float], xs: list[float], lines: list[TextLine], s: Settings
) -> list[Rule]:
    """Pieces of the rules across that were too short to be kept (the rule under "12"
    in a 序号 column, cut off by a merged cell beside it): at a row line, a column the
    rule leaves open gets one when a text ends above it and another begins below it
    that the first did not wrap into. A merged cell has one text and stays open."""
    texts = [(ln, _pieces(ln, xs)) for ln in lines]
    room: dict[int, float] = {}
    for _, here in texts:
        for j, p in here.items():
            if p.cols == (j, j):
                room[j] = max(room.get(j, 0.0), p.width)
    out = []
    for k in range(1, len(ys) - 1):
        y = ys[k]
        if not any(abs(r.pos - y) < 0.5 for r in hs):
            continue
        for j in range(len(xs) - 1):
            a, b = xs[j], xs[j + 1]
            if any(abs(r.pos - y) <= s.snap * 1.5 and r.covers(a, b) > 0.5 * (b - a) for r in hs):
                continue
            above = [(ln, h[j]) for ln, h in texts if j in h and ys[k - 1] < ln.bbox[1] < y]
            below = [(ln, h[j]) for ln, h in texts if j in h and y < ln.bbox[3] < ys[k + 1]]
            if not above or not below:
                continue
            (last, held), (first, nxt) = above[-1], below[0]
            if last.bbox[3] > y + 0.5 or first.bbox[1] < y - 0.5:
                continue  # a text crosses the line
            if held.cols == nxt.cols == (j, j) and not _wrapped_before(
                held, nxt, room.get(j, 0.0), first.size
            ):
                out.append(Rule(True, y, a, b))
    return out


# A contents list: an entry's dot leaders run to its page number.
_LEADERS = re.compile(r"[…⋯]{2,}|\.{6,}|·{6,}")
# A contents list printed without leaders or page numbers: headed 目录, or its rows
# are numbered section headings (第一部分, 一、, （一）) with no figure anywhere.
_CONTENTS_HEAD = ("目录", "目次")
_SECTION_ENTRY = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])"
)
_FIGURE = re.compile(r"\d[\d,]*\.\d|\d{3,}")


def _contents_list(grid: Grid) -> bool:
    rows: dict[int, list[str]] = {}
    for c in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        if t := squeeze(c.text):
            rows.setdefault(c.row, []).append(t)
    if not rows:
        return False
    if "".join(rows[min(rows)]) in _CONTENTS_HEAD:  # 目录, or 目 | 录 spread in two cells
        return True
    firsts = [texts[0] for texts in rows.values()]
    entries = sum(bool(_SECTION_ENTRY.match(t)) for t in firsts)
    figures = any(_FIGURE.search(t) for texts in rows.values() for t in texts)
    return len(rows) >= 4 and 4 * entries >= 3 * len(rows) and not figures


def running_text(text: str, s: Settings) -> bool:
    """Text of a sentence, not of a cell: it ends in a comma or stop (。，；), holds a
    stop before its end, or runs long with commas in it. A cell's label or note is
    short ("预算不单列，并入本级") and ends without them; a long cell listing items
    ("养老保险、机关事业单位养老保险和…") has enumeration commas only."""
    t = squeeze(text)
    return (
        t.endswith(("。", "，", "；"))
        or "。" in t[:-1]
        or (len(t) >= s.prose_chars and any(p in t for p in "，；"))
    )


def reads_as_prose(grid: Grid, s: Settings) -> bool:
    """A grid that is paragraphs or a contents list cut into cells, not a table: half
    of its rows hold dot leaders, it reads as a contents list without them, or most of
    its characters (`prose_share`) are running text. Long lines of a paragraph that
    happen to hold only enumeration commas count with them once two cells are plainly
    sentences. For grids not fully ruled only: a ruled table's cells may hold
    sentences (a project's 绩效目标)."""
    texts = [squeeze(c.text) for c in grid.cells if c.text.strip()]
    if not texts:
        return False
    leader_rows = {c.row for c in grid.cells if _LEADERS.search(c.text)}
    if 2 * len(leader_rows) >= grid.n_rows or _contents_list(grid):
        return True
    sentences = [t for t in texts if running_text(t, s)]
    long_lines = [t for t in texts if len(t) >= s.prose_chars and not running_text(t, s)]
    prose = sum(map(len, sentences)) + (sum(map(len, long_lines)) if len(sentences) >= 2 else 0)
    return prose > s.prose_share * sum(map(len, texts))


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
            end = _form_block(lines, frags, i, s)
            grid = text_grid([w for ln in lines[i:end] for w in ln.words], page, s) if end else None
            if grid is not None:
                if (
                    grids
                    and rest[-1:] != [lines[i - 1]]
                    and _right_below(grids[-1], grid, lines[i].size)
                ):
                    stack_rows(grids[-1], grid)  # the last row of a form block above
                else:
                    grids.append(grid)
                i = end
                continue
            rest.append(lines[i])
            i += 1
            continue
        j, last, count, pitch = i + 1, i, 1, 0.0
        left = lines[i].bbox[0]
        while j < len(lines) and _near(lines[j - 1], lines[j], pitch):
            if _tabular(frags[j], s):
                pitch = max(pitch, lines[j].bbox[1] - lines[j - 1].bbox[3])
                last, count = j, count + 1
                left = min(left, lines[j].bbox[0])
            elif is_sentence(lines[j].text(s)) and lines[j].bbox[0] < left + 3 * lines[j].size:
                break  # a paragraph from the margin; a long text inside a column goes on
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
        if grid is None or reads_as_prose(grid, s):
            rest.extend(lines[i:j])
        else:
            grids.append(grid)
        i = j
    return grids, rest


def _right_below(upper: Grid, lower: Grid, size: float) -> bool:
    """`lower` starts within a line and a half under `upper`, inside its width."""
    assert upper.bbox is not None and lower.bbox is not None
    return (
        0 <= lower.bbox[1] - upper.bbox[3] < 1.5 * size
        and lower.bbox[0] >= upper.bbox[0] - size
        and lower.bbox[2] <= upper.bbox[2] + size
    )


def stack_rows(upper: Grid, lower: Grid) -> None:
    """Append `lower`'s rows to `upper`, each cell placed in the columns of `upper`
    that its box covers (a label column and a text spanning the rest)."""
    from parsers.extraction import ExtractedCell

    edges = upper.col_edges
    last = len(edges) - 2

    def col(x: float) -> int:
        return min(max(bisect.bisect_right(edges, x) - 1, 0), last)

    for r in range(lower.n_rows):
        row = sorted((c for c in lower.cells if c.row == r), key=lambda c: c.col)
        placed: list[ExtractedCell] = []
        for k, c in enumerate(row):
            assert c.bbox is not None
            a = 0 if k == 0 else max(col(c.bbox[0] + 1), placed[-1].col + placed[-1].colspan)
            if a > last:
                break
            if placed:
                placed[-1].colspan = a - placed[-1].col
            c.row, c.col, c.colspan = upper.n_rows + c.row, a, last + 1 - a
            placed.append(c)
        upper.cells.extend(placed)
    upper.n_rows += lower.n_rows
    assert upper.bbox is not None and lower.bbox is not None
    upper.bbox = (upper.bbox[0], upper.bbox[1], upper.bbox[2], lower.bbox[3])


def _form_block(lines: list[TextLine], frags: list[list[TextLine]], i: int, s: Settings) -> int:
    """End of a one-row form block starting at line `i`, else 0: a short label
    ("绩效目标") set vertically centred beside a text wrapped in its own column, as a
    project's header block prints without ruling. The label stands left of a gutter,
    every text line starts at the same x right of it."""
    from parsers.tables.assemble import is_caption
    from parsers.tables.classify import looks_like_title

    j = i + 1
    while (
        j < len(lines)
        and j - i < 12
        and lines[j].bbox[1] - lines[j - 1].bbox[3] < 0.8 * lines[j].size
    ):
        j += 1
    block = lines[i:j]
    if len(block) < 2 or any(len(f) != 1 for f in frags[i:j]):
        return 0
    text_x = max(ln.bbox[0] for ln in block)
    labels = [ln for ln in block if ln.bbox[0] < text_x - 2 * ln.size]
    texts = [ln for ln in block if abs(ln.bbox[0] - text_x) < 0.5 * ln.size]
    if len(labels) != 1 or len(labels) + len(texts) != len(block) or not texts:
        return 0
    label = labels[0]
    top, bottom = texts[0].bbox[1], texts[-1].bbox[3]
    t = squeeze(label.text(s))
    if (
        label.bbox[2] > text_x - s.table_gap * label.size
        or not (top <= (label.bbox[1] + label.bbox[3]) / 2 <= bottom)
        or not 0 < len(t) <= 10
        or is_caption(t)
        or looks_like_title(t)
        or any(looks_like_title(ln.text(s)) for ln in texts)
    ):
        return 0
    return j


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


def _near(a: TextLine, b: TextLine, pitch: float = 0.0) -> bool:
    """`b` follows `a` in one table: closer than 1.5 lines, or than the gaps the table
    already has between its rows (an Excel print shrunk to the page keeps its tall rows
    and makes the text small)."""
    size = max(a.size, b.size)
    return b.bbox[1] - a.bbox[3] < max(1.5 * size, min(1.3 * pitch, 4 * size))
