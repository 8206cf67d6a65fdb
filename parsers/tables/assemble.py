"""The layout stream of any format in, the filing out: `assemble(items, ...)`.

Finds each table's title and caption lines (department code+name, 预算年度, 单位),
its catalog kind, the parts of project performance tables, stitches tables that run
over pages (parsers/tables/stitch.py), and keeps the rest as paragraphs and headings.
Format-agnostic: Lines from DOCX/XLSX have page=None and an anchor; then nothing is
stitched across pages and every Line is one paragraph. Pure; imports no PDF library.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass, field

from parsers.extraction import ExtractedCell, ExtractedFiling, ExtractedTable, Paragraph
from parsers.tables import classify, identity
from parsers.tables.classify import squeeze
from parsers.tables.kinds import TEXT_KINDS
from parsers.tables.layout import Grid, Item, Line
from parsers.tables.stitch import (
    TableDraft,
    draft_of,
    edges_among,
    is_split_row,
    join_split_row,
    remap_columns,
    repeated_header,
    same_columns,
    same_extent,
)
from parsers.tables.text_lines import join_lines

_PAGE_NUMBER = re.compile(
    r"^[-—–－\s]*(第\s*)?\d{1,4}(\s*页)?(\s*/\s*\d+|\s*共\s*\d+\s*页)?[-—–－\s]*$"
)
_DEPT = identity.DEPT_CODE  # a code caption (316 高邑县人社局) is a caption line
_CAPTION_WORDS = (
    "部门：",
    "部门:",
    "部门名称：",
    "部门名称:",
    "单位名称：",
    "单位名称:",
    "预算年度",
    "单位：",
    "单位:",
    "截止时间",
    "截至时间",
    "编制部门",
    "编制单位",
    "金额单位",
)
_HEADING_START = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d))"
)
_TITLE_NUMBER = re.compile(r"^\d{1,3}[、.．]")
_MAX_TITLE_RUN = 6  # lines looked at above a table for its title and captions
_MAX_HEADER_DEPTH = 4  # a row-0 cell spanning more rows is a label column, not a header


def is_page_furniture(line: Line) -> bool:
    """A page number ("- 8 -", "第3页", "3/44"): not content, and no break between table pieces."""
    return bool(_PAGE_NUMBER.match(line.text.strip()))


def running_lines(items: list[Item], page_sizes: list[tuple[float, float]]) -> set[str]:
    """Running heads and feet: the same text in the top or bottom margin (8 % of the
    page) of three or more pages. They would otherwise stand between a table and its
    continuation on the next page. A table title is none: it names the table, and
    `_repeats_the_open_table` tells a repeated one."""
    pages: dict[str, set[int]] = {}
    for it in items:
        if not isinstance(it, Line) or it.page is None or it.bbox is None:
            continue
        if not 0 < it.page <= len(page_sizes):
            continue
        height = page_sizes[it.page - 1][1]
        if it.bbox[3] < 0.08 * height or it.bbox[1] > 0.92 * height:
            if classify.is_table_title(it.text):
                continue  # a table's title printed again on each page it runs over
            pages.setdefault(it.text.strip(), set()).add(it.page)
    return {t for t, ps in pages.items() if len(ps) >= 3}


def is_caption(text: str) -> bool:
    t = squeeze(text)
    return bool(_DEPT.match(t)) or any(w in t for w in _CAPTION_WORDS)


_CONTINUED_MARK = re.compile(r"^[（(]?续表?[）)]?$")
_CONTINUED_TAIL = re.compile(r"[（(]续表?[）)]$|续表$")
_UNIT_CAPTION = re.compile(r"^(?:金额)?单位[：:](?:人民币)?(?:千|万)?元$")


def _repeats_the_open_table(lines: list[Line], o: _Open, page: int) -> bool:
    """Lines above a grid on the next page that only repeat the open table's title
    (…支出表, …支出表（续）, 续表) and its captions: the table goes on, as a filing
    that prints its title on every page means. A caption the table did not carry (the
    next unit's name) starts another table, and so does anything else."""
    if not lines:
        return True
    if o.kind in TEXT_KINDS:  # one project table a page, each under the same title
        return False
    own = classify.bare_title(_CONTINUED_TAIL.sub("", squeeze(o.title)))
    carried = {squeeze(c) for c in o.captions}

    def repeats_title(t: str) -> bool:
        return bool(own) and classify.bare_title(_CONTINUED_TAIL.sub("", t)) == own

    # the table number on a line of its own (表1 over 收支总表) counts as the title's
    # only where the title itself is repeated too
    titled = any(repeats_title(squeeze(ln.text)) for ln in lines)
    for ln in lines:
        t = squeeze(ln.text)
        if ln.page != page:
            return False
        if _CONTINUED_MARK.match(t) or t in carried or _UNIT_CAPTION.match(t):
            continue
        if repeats_title(t) or (titled and classify.is_table_number(t)):
            continue
        return False
    return True


def header_rows_of(rows: list[list[str]], spans: list[tuple[int, int]], part: str | None) -> int:
    """Rows the header takes: through the 栏次 row when there is one (as the corpus
    counts it); a project header block has none; else the depth of the merged cells
    that start in row 0. `spans` are (row, rowspan) of the table's cells."""
    for i, row in enumerate(rows[:6]):
        if any(squeeze(c) == "栏次" for c in row):
            return i + 1
    if part == "header":
        return 0
    if not rows:
        return 0
    h = 1
    changed = True
    while changed:
        changed = False
        for r, rs in spans:
            if r < h and r + rs > h and r + rs <= len(rows) and rs <= _MAX_HEADER_DEPTH:
                h = r + rs
                changed = True
    return h


@dataclass
class _Open:
    """The table being built and what is known about it."""

    draft: TableDraft
    title: str
    kind: str | None
    part: str | None
    captions: list[str] = field(default_factory=list)


def _indicator_row(rows: list[list[str]]) -> int | None:
    for i, row in enumerate(rows):
        if classify.is_indicator_header(row):
            return i
    return None


def _run_above(pending: list[Line], page: int | None) -> list[int]:
    """The lines just above a table that may be its title or captions. When the table's
    page has lines above it, lines of the page before (the end of a contents list) are
    not its title."""
    run: list[int] = []
    for k in range(len(pending) - 1, -1, -1):
        t = squeeze(pending[k].text)
        if len(run) >= _MAX_TITLE_RUN or len(t) > 80 or t.endswith("。"):
            break
        if page is not None and run and pending[k].page != page == pending[run[0]].page:
            break
        run.insert(0, k)
    return run


def _caption_tail(pending: list[Line], run: list[int]) -> list[int]:
    """The caption lines right above the table (部门：…, 单位：万元), in order."""
    tail: list[int] = []
    for k in reversed(run):
        if not is_caption(pending[k].text):
            break
        tail.insert(0, k)
    return tail


def _captions_only(pending: list[Line], page: int | None) -> tuple[list[str], int]:
    """(caption lines, how many trailing lines they used) above a table whose title is
    printed inside its ruling: that title is the nearest, the lines above are not."""
    tail = _caption_tail(pending, _run_above(pending, page))
    return [pending[k].text.strip() for k in tail], len(tail)


def _title_and_captions(
    pending: list[Line], page: int | None = None
) -> tuple[str, list[str], int, str | None]:
    """(title, caption lines, how many trailing lines they used, kind hint) from the
    lines just above a table."""
    run = _run_above(pending, page)
    # the title nearest the table: a section heading (一、收支预算总表) or the title of
    # an empty table before it (本表无数据) may also look like one
    title_at, title_end = None, None
    i = 0
    while i < len(run):
        k = run[i]
        if classify.looks_like_title(pending[k].text):
            if not _form_name_under(pending, title_at, k):
                title_at = title_end = k
        elif (
            k + 1 < len(pending)
            and _wrapped(pending[k], pending[k + 1])
            and classify.looks_like_title(join_lines([pending[k].text, pending[k + 1].text]))
            and not identity.is_filing_heading(pending[k].text)
        ):
            title_at, title_end = k, k + 1
            i += 1  # the wrapped rest is no title of its own
        i += 1
    if title_at is None or title_end is None:
        tail = _caption_tail(pending, run)
        hint = None
        before = tail[0] - 1 if tail else len(pending) - 1
        captions = [pending[k].text.strip() for k in tail]
        if before >= 0 and (not run or before >= run[0]):
            hint = classify.kind_of_title(pending[before].text)
            if hint is None and classify.looks_like_table_title(pending[before].text):
                # a table outside the catalog keeps the title printed above it
                return pending[before].text.strip(), captions, len(pending) - before, None
        used = len(pending) - tail[0] if tail else 0
        return "", captions, used, hint
    title = join_lines([pending[k].text for k in range(title_at, title_end + 1)])
    title, glued = classify.split_trailing_caption(title)
    first = title_at
    prev = title_at - 1
    if (
        prev >= 0
        and prev in run
        and _TITLE_NUMBER.match(squeeze(pending[prev].text))
        and not _TITLE_NUMBER.match(squeeze(title))
        and pending[prev].bold == pending[title_at].bold
    ):
        title = join_lines([pending[prev].text, title])
        first = prev
    captions = [pending[k].text.strip() for k in range(title_end + 1, len(pending))]
    return title, [glued] * bool(glued) + captions, len(pending) - first, None


def _form_name_under(pending: list[Line], title_at: int | None, k: int) -> bool:
    """Line `k` is the form's printed name (预算项目绩效表) right under a numbered
    project title (1、…绩效目标表): the project's title names the table, the form's
    name is a caption."""
    if title_at is None or k != title_at + 1:
        return False
    upper, lower = squeeze(pending[title_at].text), squeeze(pending[k].text)
    kind = classify.kind_of_title(upper)
    return (
        kind == "project_performance"
        and classify.kind_of_title(lower) == kind
        and bool(_TITLE_NUMBER.match(upper))
        and classify.bare_title(lower) == lower
    )


def _section_heading(lines: list[Line], page: int | None) -> str:
    """The numbered section heading a table without a title is printed under, on its
    page, with only text between ("二、部门决算单位构成" over "…单位包括：" over the
    list of units): its words without the number, to name the table in the list."""
    for ln in reversed(lines):
        if page is not None and ln.page != page:
            break
        t = ln.text.strip()
        m = _HEADING_START.match(t)
        if m and len(t) <= 30 and not t.endswith(("，", "。", "：", ":")):
            return t[m.end() :].strip()
    return ""


def _wrapped(a: Line, b: Line) -> bool:
    """`b` is the wrapped rest of `a`: same page and style, right below it."""
    if a.page is None or a.page != b.page or a.bbox is None or b.bbox is None:
        return False
    size = max(a.size, b.size, 6.0)
    return a.bold == b.bold and abs(a.size - b.size) < 0.6 and 0 <= b.bbox[1] - a.bbox[3] < size


def _paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Lines outside tables as paragraphs: wrapped lines of a PDF paragraph are joined;
    a line without a page (DOCX/XLSX) is a paragraph of its own."""
    out: list[Paragraph] = []
    body = Counter(round(ln.size) for ln in lines if ln.size and len(ln.text) > 20)
    body_size = body.most_common(1)[0][0] if body else 0
    right: dict[int | None, float] = {}
    left: dict[int | None, float] = {}
    for ln in lines:
        if ln.bbox is not None:
            right[ln.page] = max(right.get(ln.page, 0.0), ln.bbox[2])
            left[ln.page] = min(left.get(ln.page, 1e9), ln.bbox[0])
    prev: Line | None = None
    for ln in lines:
        text = ln.text.strip()
        if not text:
            continue
        heading = _is_heading(ln, body_size)
        if (
            heading
            and prev is not None
            and out
            and out[-1].heading
            and _wrapped(prev, ln)
            and not out[-1].text.endswith(("：", ":"))
        ):
            out[-1].text = join_lines([out[-1].text, text])  # a heading wrapped in two lines
            prev = ln
            continue
        cont = (
            prev is not None
            and out
            and not out[-1].heading
            and not heading
            and ln.bbox is not None
            and prev.bbox is not None
            and ln.page is not None
            and prev.bbox[2] >= right.get(prev.page, 0.0) - 2 * max(prev.size, 6)
            and ln.bbox[0] <= left.get(ln.page, 0.0) + 0.8 * max(ln.size, 6)
            and not _HEADING_START.match(text)
        )
        if cont:
            last = out[-1]
            last.text = join_lines([last.text, text])
            if last.bbox and ln.page == last.page:
                b = last.bbox
                last.bbox = (min(b[0], ln.bbox[0]), b[1], max(b[2], ln.bbox[2]), ln.bbox[3])
        else:
            out.append(
                Paragraph(text=text, heading=heading, page=ln.page, bbox=ln.bbox, anchor=ln.anchor)
            )
        prev = ln
    return out


def _is_heading(ln: Line, body_size: float) -> bool:
    """Bold or larger than the body text, and short; without font facts (OCR, plain
    text) a numbered short line (一、 （一） 1.) is taken as a heading."""
    t = ln.text.strip()
    if len(t) > 60 or t.endswith(("；", ";")):
        return False
    if ln.bold or (body_size and ln.size >= body_size + 1.5):
        return not t.endswith("。") or len(t) <= 20
    if ln.size and body_size:
        return False
    return bool(_HEADING_START.match(t)) and len(t) <= 30 and not t.endswith(("，", "。"))


def peel_heading_rows(grid: Grid) -> tuple[str, list[str]]:
    """Title and caption rows printed inside the ruling (a sheet's merged top rows):
    leading rows that are one cell across the whole table and read as a title or a
    caption are taken off the grid and returned as (title, captions)."""
    title, captions, taken = heading_rows(grid)
    if taken:
        grid.cells = [c for c in grid.cells if c.row >= taken]
        for c in grid.cells:
            c.row -= taken
        grid.n_rows -= taken
    return title, captions


def heading_rows(grid: Grid) -> tuple[str, list[str], int]:
    """(title, captions, how many top rows hold them and the blank rows between) of
    peel_heading_rows, the grid left as it is."""
    title, captions = "", []
    k = 0
    while k < grid.n_rows:
        top = [c for c in grid.cells if c.row == k]
        filled = [c for c in top if c.text.strip()]
        if not filled and all(c.rowspan == 1 for c in top) and grid.n_rows - k > 1:
            k += 1  # a blank row above or under a title inside the ruling: nothing to keep
            continue
        if not filled or any(c.rowspan != 1 for c in filled):
            break
        texts = [c.text.strip() for c in filled if not classify.is_table_number(c.text)]
        if len(texts) > 1 and _run_on(filled) and classify.is_table_title("".join(texts)):
            texts = ["".join(texts)]  # a title run on over the cells beside its own
        across = len(filled) == 1 and filled[0].colspan >= grid.n_cols
        # a title merged over most of the row, a blank cell or two beside it
        wide = across or (len(filled) == 1 and filled[0].colspan >= max(2, (grid.n_cols + 1) // 2))
        one = texts[0] if len(texts) == 1 and not title else ""
        if one and (
            # a catalog title merged over the row, or 表1 | the title in two cells
            ((wide or len(filled) == 2) and not captions and classify.looks_like_title(one))
            # a printed table title anywhere in the row, under the unit too: an Excel
            # print's title in (or run on from) one cell of its grid
            or (classify.is_table_title(one) and classify.bare_title(one).endswith("表"))
        ):
            title = one
        elif (
            texts
            and all(is_caption(t) for t in texts)
            # a labelled caption alone in its row (金额单位：万元 in the right cell of
            # an Excel print's top row) is one too
            and (across or len(texts) > 1 or re.search(r"[：:]", texts[0]))
        ):
            captions.extend(texts)  # 部门：… | 单位：万元 on a row of their own
        else:
            break
        k += 1
    return title, captions, k


def _run_on(cells: list) -> bool:
    """Cells side by side in one row, each starting where the one before ends."""
    ordered = sorted(cells, key=lambda c: c.col)
    return all(b.col == a.col + a.colspan for a, b in zip(ordered, ordered[1:], strict=False))


def _titled_anew(grid: Grid, o: _Open) -> bool:
    """A grid whose own top rows print a title other than the open table's starts a
    table of its own, though its columns match (Beijing's 预算07表 and 预算08表)."""
    title, _, _ = heading_rows(grid)
    return bool(title) and classify.bare_title(title) != classify.bare_title(o.title)


def _boxed_heading(grid: Grid) -> list[Line]:
    """The title (and captions) of a grid that holds nothing else: a title printed in a
    box of its own above the table (Changchun). As lines, it titles the next grid."""
    filled = [c for c in grid.cells if c.text.strip()]
    if not filled or len(filled) > 3:
        return []
    title, captions, taken = heading_rows(grid)
    if not title or any(c.row >= taken for c in filled):
        return []
    return [Line(t, page=grid.page, bbox=grid.bbox) for t in (title, *captions)]


def _continues(draft: TableDraft, grid: Grid) -> bool:
    """Same columns; or the same width and either every column edge of the grid one of
    the table's (a page holding only the 合计 row, merged across the code columns,
    hides their rules) or the table's header repeated on top (columns read from text
    alignment can differ by a page)."""
    if same_columns(draft, grid):
        return True
    if not same_extent(draft, grid):
        return False
    if edges_among(draft, grid):
        return True
    if draft.header_rows <= 0:
        return False
    remapped = remap_columns(copy.deepcopy(grid), draft.col_edges)
    return repeated_header(draft, remapped) == draft.header_rows


def _used_width(cells: list[ExtractedCell], n_cols: int) -> int:
    """Columns a part of a split table really uses: trailing columns empty in every row
    are dropped (a 2-column project header block cut from a 6-column indicator table).
    A cell with text whose colspan reaches into a column keeps that column."""
    used = 0
    for c in cells:
        if c.text.strip():
            used = max(used, c.col + c.colspan)
    return max(used, 1) if cells else n_cols


def one_cell_per_place(cells: list[ExtractedCell]) -> list[ExtractedCell]:
    """Cells so that no two start at one (row, col) and none starts under another's
    span: overlapping spans arise where a page's grid is remapped onto the table's
    columns (two read columns on one) and its repeated header is cut off. In reading
    order the first cell keeps the place and its spans shrink to stop short of places
    already taken; a later cell starting inside it gives it its text."""
    taken: dict[tuple[int, int], ExtractedCell] = {}
    out = []
    for c in sorted(cells, key=lambda c: (c.row, c.col)):
        owner = taken.get((c.row, c.col))
        if owner is not None:
            if c.text.strip() and squeeze(c.text) not in squeeze(owner.text):
                owner.text = join_lines([owner.text, c.text])
            continue
        cs = 1
        while cs < c.colspan and (c.row, c.col + cs) not in taken:
            cs += 1
        rs = 1
        while rs < c.rowspan and all((c.row + rs, c.col + j) not in taken for j in range(cs)):
            rs += 1
        c.colspan, c.rowspan = cs, rs
        for i in range(c.row, c.row + rs):
            for j in range(c.col, c.col + cs):
                taken[(i, j)] = c
        out.append(c)
    return out


def _finish(o: _Open) -> list[ExtractedTable]:
    """The open table as one or two ExtractedTables (a project table split into parts)."""
    d = o.draft
    rows = d.rows()
    parts: list[tuple[str | None, int, int]] = [(o.part, 0, d.n_rows)]
    if o.kind in ("project_performance",) and o.part in (None, "header"):
        k = _indicator_row(rows)
        if k is not None and k > 0:
            parts = [("header", 0, k), ("indicators", k, d.n_rows)]
        elif k == 0:
            parts = [("indicators", 0, d.n_rows)]
        else:
            parts = [("header", 0, d.n_rows)]
    out = []
    for part, r0, r1 in parts:
        cells = []
        for c in d.cells:
            if r0 <= c.row < r1:
                c.row -= r0
                c.rowspan = min(c.rowspan, r1 - r0 - c.row)
                cells.append(c)
        sub_rows = rows[r0:r1]
        hr = header_rows_of(sub_rows, [(c.row, c.rowspan) for c in cells], part)
        n_cols = d.n_cols if len(parts) == 1 else _used_width(cells, d.n_cols)
        cells = [c for c in cells if c.col < n_cols and 0 <= c.row < r1 - r0]
        for c in cells:
            c.colspan = min(c.colspan, n_cols - c.col)
        cells = one_cell_per_place(cells)
        out.append(
            ExtractedTable(
                title=o.title,
                kind=o.kind,
                part=part,
                n_rows=r1 - r0,
                n_cols=n_cols,
                header_rows=hr,
                cells=cells,
                pages=sorted({c.page for c in cells if c.page is not None}) or list(d.pages),
                caption_lines=list(o.captions) if r0 == 0 else [],
            )
        )
    return out


def assemble(
    items: list[Item],
    *,
    source: str,
    pages: int,
    page_sizes: list[tuple[float, float]] | None = None,
) -> ExtractedFiling:
    """Turn a reader's layout stream into the filing.

    `items` are `Line`s and `Grid`s in reading order over the whole document (a PDF
    gives them page by page; DOCX/XLSX with page=None). A Grid that directly follows a
    table on the next page with the same columns continues it: its repeated header
    rows are dropped and a row cut by the page break is joined. Grids of project
    performance tables become a "header" and an "indicators" part with the same title.
    `sha256` is left empty for parsers.formats to fill. Raises nothing for odd input:
    lines it cannot place become paragraphs."""
    blocks: list[Paragraph | ExtractedTable] = []
    pending: list[Line] = []
    opened: _Open | None = None
    last_table: ExtractedTable | None = None
    all_captions: list[str] = []

    def flush_lines(lines: list[Line]) -> None:
        blocks.extend(_paragraphs(lines))

    def close() -> None:
        nonlocal opened, last_table
        if opened is not None:
            tables = _finish(opened)
            blocks.extend(tables)
            last_table = tables[-1]
            opened = None

    running = running_lines(items, page_sizes or [])
    for item in items:
        if isinstance(item, Line):
            if item.page is not None and (is_page_furniture(item) or item.text.strip() in running):
                continue
            pending.append(item)
            continue
        grid: Grid = item
        if grid.n_rows == 0 or grid.n_cols == 0:
            continue
        boxed = _boxed_heading(grid)
        if boxed:
            pending.extend(boxed)
            continue
        if (
            opened is not None
            and grid.page is not None
            and opened.draft.last_page is not None
            and grid.page == opened.draft.last_page + 1
            and _continues(opened.draft, grid)
            and _repeats_the_open_table(pending, opened, grid.page)
            and not _titled_anew(grid, opened)
        ):
            pending = []
            d = opened.draft
            if not same_columns(d, grid):
                grid = remap_columns(grid, d.col_edges)
            skip = repeated_header(d, grid)
            if skip < grid.n_rows:
                grid.cells = [c for c in grid.cells if c.row + c.rowspan > skip]
                for c in grid.cells:
                    if c.row < skip:
                        c.rowspan -= skip - c.row
                        c.row = skip
                    c.row -= skip
                grid.n_rows -= skip
                if d.n_rows > d.header_rows and is_split_row(d.rows()[-1], grid.rows()[0]):
                    join_split_row(d, grid)
                d.add(grid)
            elif grid.page not in d.pages:
                d.pages.append(grid.page)
                d.last_page = grid.page
            continue
        prev_open = opened
        close()
        # a title printed inside the ruling is the one nearest the table
        inner_title, inner_captions = peel_heading_rows(grid)
        if inner_title:
            title, hint = inner_title, None
            captions, used = _captions_only(pending, grid.page)
        else:
            title, captions, used, hint = _title_and_captions(pending, grid.page)
        section = _section_heading(pending[: len(pending) - used], grid.page)
        flush_lines(pending[: len(pending) - used])
        pending = []
        if grid.n_rows == 0:
            continue
        captions = captions + inner_captions
        all_captions.extend(captions)
        kind = classify.kind_of_title(title) if title else hint
        part = None
        rows = grid.rows()
        if (not title or kind is None) and _indicator_row(rows[:3]) is not None:
            prev = prev_open and last_table
            if prev and prev.kind == "project_performance" and prev.part == "header":
                title, kind, part = prev.title, prev.kind, "indicators"
            elif kind is None:
                kind = "overall_performance"
        if not title and kind is None and section:
            title = section  # named for the clerk only: no kind is read from it
        opened = _Open(draft_of(grid), title, kind, part, captions)
        rows_now = opened.draft.rows()
        spans = [(c.row, c.rowspan) for c in opened.draft.cells]
        opened.draft.header_rows = header_rows_of(rows_now, spans, None)
    close()
    flush_lines(pending)
    code, name = identity.department(blocks, all_captions)
    return ExtractedFiling(
        source=source,
        sha256="",
        pages=pages,
        blocks=blocks,
        department_code=code,
        department_name=name,
        year=identity.year(blocks, all_captions),
        page_sizes=list(page_sizes or []),
    )
