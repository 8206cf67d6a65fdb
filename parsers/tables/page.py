"""One page's content in, its layout stream out: `page_items(content, settings)`.

The page orchestration, apart from the steps it runs so that they do not import each
other in a loop: ruling -> frames -> ruled cells (parsers/tables/cells.py); regions
ruled one way only and runs of whitespace-aligned lines -> tables
(parsers/tables/aligned.py); words outside every table become `Line`s. The text-layer
reader and the OCR reader both call this, so every tolerance comes from `Settings`.
"""

from __future__ import annotations

from parsers.tables import aligned
from parsers.tables.cells import fill_grid, frame_cells, partial_frames
from parsers.tables.layout import Grid, Item, Line, PageContent, Word, centre_in
from parsers.tables.ruling import Rule, frames, merge_rules
from parsers.tables.settings import Settings
from parsers.tables.text_lines import group_lines, split_fragments


def _inside(w: Word, box: tuple[float, float, float, float], pad: float) -> bool:
    return centre_in(w.bbox, box, pad)


def page_items(content: PageContent, settings: Settings) -> list[Item]:
    """The page as `Line`s and `Grid`s in reading order (top to bottom).

    Coordinates are PDF points, top-left origin; `page` on every item is
    `content.number` (1-based). Cells carry their rect as bbox and the lowest word
    confidence as confidence (1.0 for a text layer)."""
    hs, vs = merge_rules(content.segments, settings)
    placed: list[tuple[float, float, Item]] = []
    free = list(content.words)
    used: set[Rule] = set()
    found = [frame_cells(frame, settings) + (frame,) for frame in frames(hs, vs, settings)]
    keys = [  # colour keys of chart legends
        box
        for ys, xs, boxes, _ in found
        if len(boxes) == 1
        and _is_key(box := (xs[0], ys[0], xs[-1], ys[-1]), settings)
        and not any(_inside(w, box, 0.0) for w in content.words)
    ]
    for ys, xs, boxes, frame in found:
        if not boxes or (len(boxes) < 2 and len(ys) < 3):
            continue  # a single box around text is a frame, not a table
        box = (xs[0], ys[0], xs[-1], ys[-1])
        mine = [w for w in free if _inside(w, box, 0.0)]
        if not mine and len(boxes) < 2:
            continue
        used.update(frame.horizontals)
        used.update(frame.verticals)
        grid = fill_grid(ys, xs, boxes, mine, content.number, settings)
        if _legend(grid, mine, keys, settings):
            continue  # its words stay free: the legend is read as a line
        free = [w for w in free if not _inside(w, box, 0.0)]
        placed.append((box[1], box[0], grid))
    for box, vs_known, hs_known in partial_frames(
        [h for h in hs if h not in used], [v for v in vs if v not in used], free, settings
    ):
        mine = [w for w in free if _inside(w, box, 1.0)]
        if not mine:
            continue
        grid = aligned.text_grid(mine, content.number, settings, hs=hs_known, vs=vs_known)
        if grid is None:
            continue
        others = [w for w in free if not _inside(w, box, 1.0)]
        if (
            _legend(grid, mine, keys, settings)
            or aligned.reads_as_prose(grid, settings)
            or _text_beside(mine, others, settings)
        ):
            continue  # its words stay free, to be read as lines of text
        free = others
        assert grid.bbox is not None
        placed.append((grid.bbox[1], grid.bbox[0], grid))
    lines = group_lines(free, settings)
    grids, rest = aligned.find_tables(lines, content.number, settings)
    for g in grids:
        assert g.bbox is not None
        placed.append((g.bbox[1], g.bbox[0], g))
    for ln in rest:
        for f in split_fragments(ln, settings):
            b = f.bbox
            text = f.text(settings)
            placed.append(
                (b[1], b[0], Line(text=text, page=content.number, bbox=b, bold=f.bold, size=f.size))
            )
    placed.sort(key=lambda t: (round(t[0], 1), t[1]))
    return [item for _, _, item in _reading_order(placed)]


def _is_key(box: tuple[float, float, float, float], s: Settings) -> bool:
    """A small empty closed box, about square: a chart legend's colour key."""
    w, h = box[2] - box[0], box[3] - box[1]
    return 1.0 < w <= s.swatch and 1.0 < h <= s.swatch and max(w, h) < 2 * min(w, h)


def _legend(
    grid: Grid, words: list[Word], keys: list[tuple[float, float, float, float]], s: Settings
) -> bool:
    """A chart's legend drawn as a boxed row of labels: every cell's text has a colour
    key just left of it on its line, and no cell holds a figure."""
    if not keys or any(any(ch.isdigit() for ch in c.text) for c in grid.cells):
        return False
    filled = [c for c in grid.cells if c.text.strip() and c.bbox is not None]
    if not filled:
        return False
    for c in filled:
        assert c.bbox is not None
        inside = [w for w in words if _inside(w, c.bbox, 0.0)]
        if not inside:
            return False
        first = min(inside, key=lambda w: w.bbox[0])
        size = first.size or first.bbox[3] - first.bbox[1]
        if not any(
            0 <= first.bbox[0] - k[2] <= s.beside_text * size
            and k[1] < first.bbox[3]
            and k[3] > first.bbox[1]
            for k in keys
        ):
            return False
    return True


def _text_beside(mine: list[Word], others: list[Word], s: Settings) -> bool:
    """Words outside a grid run on along one of its lines, within `beside_text` x font
    size of its text, and that line reads as a sentence (a comma or stop in it): the
    grid is figures underlined in a paragraph (fill-in blanks), not a table. A table
    stands clear of the text beside it, and a label beside a row is no sentence."""
    if not mine:
        return False
    top, bottom = min(m.bbox[1] for m in mine), max(m.bbox[3] for m in mine)
    near = [w for w in others if w.bbox[3] > top and w.bbox[1] < bottom]
    for m in mine:
        beside = []
        for w in near:
            size = max(w.size, m.size) or (m.bbox[3] - m.bbox[1])
            overlap = min(w.bbox[3], m.bbox[3]) - max(w.bbox[1], m.bbox[1])
            if overlap < s.line_overlap * min(w.bbox[3] - w.bbox[1], m.bbox[3] - m.bbox[1]):
                continue
            if max(m.bbox[0] - w.bbox[2], w.bbox[0] - m.bbox[2]) <= s.beside_text * size:
                beside.append(w)
        if beside and any(p in "".join(w.text for w in [*beside, m]) for p in "。，；"):
            return True
    return False


def _reading_order(placed: list[tuple[float, float, Item]]) -> list[tuple[float, float, Item]]:
    """Top to bottom; fragments of one visual line (tops within 3 pt) left to right."""
    out: list[tuple[float, float, Item]] = []
    for t in placed:
        if (
            out
            and isinstance(t[2], Line)
            and isinstance(out[-1][2], Line)
            and abs(t[0] - out[-1][0]) < 3
            and t[1] < out[-1][1]
        ):
            k = len(out)
            while (
                k > 0
                and isinstance(out[k - 1][2], Line)
                and abs(t[0] - out[k - 1][0]) < 3
                and t[1] < out[k - 1][1]
            ):
                k -= 1
            out.insert(k, t)
        else:
            out.append(t)
    return out
