"""Tables printed without ruling: columns found from the white gutters between text.

A run of at least `min_aligned_rows` consecutive lines that each hold two or more
fragments (text pieces far apart on one line), whose fragments never cross a common
gutter, is a table: one row per line, one column per gutter-bounded band. Lines with
a single fragment that sits inside one band join the run too (an empty 合计 row).
Pure; imports no PDF library.
"""

from __future__ import annotations

from parsers.extraction import ExtractedCell
from parsers.tables.layout import Grid
from parsers.tables.settings import Settings
from parsers.tables.text_lines import TextLine, union


def _bands(rows: list[list[TextLine]], gap: float) -> list[tuple[float, float]]:
    """Column bands: the x-extent of the fragments, split where no fragment covers `gap` points."""
    spans = sorted((f.bbox[0], f.bbox[2]) for row in rows for f in row)
    bands: list[list[float]] = []
    for a, b in spans:
        if bands and a - bands[-1][1] < gap:
            bands[-1][1] = max(bands[-1][1], b)
        else:
            bands.append([a, b])
    return [(a, b) for a, b in bands]


def _fits(row: list[TextLine], bands: list[tuple[float, float]]) -> bool:
    """Every fragment lies inside one band, and no band gets two fragments."""
    used: set[int] = set()
    for f in row:
        k = next(
            (i for i, (a, b) in enumerate(bands) if f.bbox[0] >= a - 1 and f.bbox[2] <= b + 1), None
        )
        if k is None or k in used:
            return False
        used.add(k)
    return True


def find_tables(
    lines: list[list[TextLine]], page: int | None, s: Settings
) -> tuple[list[Grid], list[list[TextLine]]]:
    """(tables found, the lines left over), both top to bottom. `lines` are the page's
    free text lines, each already split into fragments."""
    grids: list[Grid] = []
    rest: list[list[TextLine]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(lines[j]) >= 2 and (j == i or _close(lines, j, s)):
            j += 1
        if j - i >= s.min_aligned_rows:
            run = lines[i:j]
            size = max(f.size for row in run for f in row)
            bands = _bands(run, s.min_column_gap * size)
            if len(bands) >= 2 and all(_fits(r, bands) for r in run):
                # take in neighbours with fewer fragments that still fit the bands
                while (
                    i > 0
                    and lines[i - 1]
                    and _fits(lines[i - 1], bands)
                    and _near(lines[i - 1], lines[i], size)
                ):
                    i -= 1
                    rest.pop()
                while (
                    j < len(lines)
                    and lines[j]
                    and _fits(lines[j], bands)
                    and _near(lines[j - 1], lines[j], size)
                ):
                    j += 1
                grids.append(_grid(lines[i:j], bands, page, s))
                i = j
                continue
        rest.append(lines[i])
        i += 1
    return grids, rest


def _close(lines: list[list[TextLine]], j: int, s: Settings) -> bool:
    """The line is a table row candidate: near enough below the line before it."""
    return j == 0 or _near(lines[j - 1], lines[j], max(f.size for f in lines[j]))


def _near(a: list[TextLine], b: list[TextLine], size: float) -> bool:
    top = min(f.bbox[1] for f in b)
    bottom = max(f.bbox[3] for f in a)
    return top - bottom < 1.5 * size


def _grid(
    rows: list[list[TextLine]], bands: list[tuple[float, float]], page: int | None, s: Settings
) -> Grid:
    edges = (
        [bands[0][0]]
        + [(bands[k][1] + bands[k + 1][0]) / 2 for k in range(len(bands) - 1)]
        + [bands[-1][1]]
    )
    cells: list[ExtractedCell] = []
    tops = [min(f.bbox[1] for f in r) for r in rows]
    bottoms = [max(f.bbox[3] for f in r) for r in rows]
    for r, row in enumerate(rows):
        y0 = tops[r] if r == 0 else (bottoms[r - 1] + tops[r]) / 2
        y1 = bottoms[r] if r == len(rows) - 1 else (bottoms[r] + tops[r + 1]) / 2
        texts = [""] * len(bands)
        conf = [1.0] * len(bands)
        for f in row:
            k = next(
                i for i, (a, b) in enumerate(bands) if f.bbox[0] >= a - 1 and f.bbox[2] <= b + 1
            )
            texts[k] = f.text(s)
            conf[k] = min(w.confidence for w in f.words)
        for c in range(len(bands)):
            cells.append(
                ExtractedCell(
                    row=r,
                    col=c,
                    text=texts[c],
                    page=page,
                    bbox=(edges[c], y0, edges[c + 1], y1),
                    confidence=conf[c],
                )
            )
    box = union([f.bbox for row in rows for f in row])
    return Grid(
        n_rows=len(rows), n_cols=len(bands), cells=cells, page=page, bbox=box, col_edges=edges
    )
