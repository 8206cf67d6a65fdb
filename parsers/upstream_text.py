"""Read a filing that upstream tools already turned into text (.txt/.md, the seeds' formats).

Two formats arrive (DOMAIN.md, seeds 000-004):
- OCR markdown: one table row per line, cells separated by TABs, page breaks as blank
  lines, page captions and table headers repeated on every page, LaTeX residue;
- DOCX to text: one cell per line, each prefixed by a TAB, rows separated by blank lines;
  a horizontally merged cell is written once, a vertically merged one as an empty cell.

Both are turned into the layout stream (parsers/tables/layout.py: a Line per line
outside tables, a Grid per table) and handed to the shared table assembly,
`parsers.tables.assemble.assemble()`, which finds titles, captions, kinds, header rows
and the parts of project tables as for every other format. What stays here is what only
this text needs: joining a table's fragments, the column grid of its rows, the merges
the text lost, and the project forms' header blocks rebuilt on their printed columns.

The text has no pages and no coordinates: cells carry no page/bbox, confidence 1.0.
Pure: imports nothing from model/ or gui/.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from parsers.extraction import Block, ExtractedCell, ExtractedFiling, InputError, Paragraph
from parsers.progress import Progress
from parsers.tables.assemble import assemble, is_caption
from parsers.tables.classify import is_indicator_header, squeeze
from parsers.tables.layout import Grid, Item, Line
from parsers.text_cleanup import clean, decode, is_rule_row

Span = tuple[int, int, int, int]  # row, col, rowspan, colspan

_BULLET = re.compile(r"^[-*•]\s+")
_NUMBER = re.compile(r"^[-+]?[\d,]+(\.\d+)?$")
_MONTH = re.compile(r"^\d{1,2}月底$")
_PLAN_VALUE = re.compile(r"^\d+(\.\d+)?%?$")
_TERMINAL = ("。", "；", "：", ":", "！", "？", "”", "」", "）", ")")


@dataclass
class _Text:
    text: str


@dataclass
class _Fragment:
    """Rows read without a break: one DOCX table, or one page's run of OCR rows."""

    rows: list[list[str]]


def read(data: bytes, name: str, *, progress: Progress) -> ExtractedFiling:
    """Parse upstream text into an ExtractedFiling (no pages: `pages` is 0). Raises
    InputError (one Chinese line) for empty, binary or undecodable data, or text with no
    recognisable filing content; parsers.progress.Cancelled when `progress.check()` says so."""
    text = decode(data, name)
    lines = text.split("\n")
    docx = _is_docx_text(lines)
    progress.report(0, 3, "读取文本")
    items = _tokenise(lines, docx=docx, progress=progress)
    progress.report(1, 3, "识别表格")
    stream = _stream(items, docx=docx)
    progress.report(2, 3, "识别部门与年度")
    filing = assemble(stream, source=name, pages=0, page_sizes=[])
    if not docx:
        filing.blocks = _join_broken_paragraphs(filing.blocks)
    if not filing.tables and not any(p.text for p in filing.paragraphs):
        raise InputError(f"文本中没有可识别的内容：{name}")
    progress.report(3, 3, "完成")
    return filing


# ---------------------------------------------------------------- reading lines


def _is_docx_text(lines: list[str]) -> bool:
    """DOCX-to-text writes one cell per line after a leading TAB; OCR puts TABs between
    cells. Trailing TABs inside a DOCX cell (seed 003) do not count as separators."""
    leading = sum(1 for ln in lines if ln.startswith("\t"))
    inner = sum(1 for ln in lines if re.search(r"[^\t]\t+[^\t\s]", ln))
    return leading > 0 and leading > 3 * inner


def _tokenise(lines: list[str], *, docx: bool, progress: Progress) -> list[_Text | _Fragment]:
    items: list[_Text | _Fragment] = []
    rows: list[list[str]] = []
    row: list[str] | None = None

    def end_fragment() -> None:
        nonlocal rows, row
        if row is not None:
            rows.append(row)
            row = None
        if rows:
            items.append(_Fragment(rows))
            rows = []

    for number, line in enumerate(lines):
        if number % 500 == 0:
            progress.check()
        if docx:
            if line.startswith("\t"):
                row = row if row is not None else []
                row.append(clean(line[1:]))
            elif line == "":
                if row is not None:
                    rows.append(row)
                    row = None
            elif not line.strip():
                end_fragment()  # a white-space line separates two DOCX tables (seed 003)
            else:
                end_fragment()
                items.append(_Text(line))
        else:
            bare = line.strip()
            if len(bare) > 2 and bare[0] == bare[-1] == "|" and bare.count("|") >= 3:
                rows.append([clean(c) for c in bare[1:-1].split("|")])  # a markdown table
            elif "\t" in line.strip(" ") and line.strip():
                rows.append([clean(c) for c in line.split("\t")])
            elif not line.strip():
                end_fragment()
            else:
                end_fragment()
                items.append(_Text(line))
    end_fragment()
    return items


# ---------------------------------------------------------------- the layout stream


def _stream(items: list[_Text | _Fragment], *, docx: bool) -> list[Item]:
    """The text as the layout stream: each line outside tables a Line, each table a Grid
    (page None: the text has no pages). Fragments of rows with only blank lines and
    repeated page captions between them are one table (OCR breaks its rows at every
    page, at different widths), their repeated headers dropped, a row cut by a page
    break joined again; the table's title, captions, kind and parts are found by
    parsers.tables.assemble like for every other format."""
    out: list[Item] = []
    rows: list[list[str]] | None = None  # the table being read

    def close() -> None:
        nonlocal rows
        if rows:
            out.append(_grid(rows, docx=docx))
        rows = None

    for item in items:
        if isinstance(item, _Text):
            text = clean(_BULLET.sub("", item.text.strip()))
            if not text:
                continue
            if rows is not None and _is_caption(text):
                continue  # the page caption repeated over a table that runs on
            close()
            out.append(Line(text))
            continue
        fragment = [r for r in item.rows if not is_rule_row(r) and any(c for c in r)]
        if not fragment:
            continue
        if rows is None:
            while fragment and _is_caption_row(fragment[0]):
                out.extend(Line(c) for c in fragment.pop(0) if c)
            if not fragment:
                continue
            rows = fragment
        else:
            _add_rows(rows, fragment)
    close()
    return out


def _is_caption(text: str) -> bool:
    t = squeeze(text)
    return 0 < len(t) <= 60 and is_caption(t)


def _is_caption_row(row: list[str]) -> bool:
    """A row of caption cells, or the line 预算项目绩效表 that OCR read as a one-cell row
    above the form (seed 004)."""
    filled = [squeeze(c) for c in row if c]
    if len(filled) == 1 and filled[0] in ("预算项目绩效表", "项目绩效表"):
        return True
    return all(_is_caption(c) for c in row if c)


def _same_row(a: list[str], b: list[str]) -> bool:
    return [squeeze(c) for c in a if c] == [squeeze(c) for c in b if c]


def _add_rows(table: list[list[str]], rows: list[list[str]]) -> None:
    """Append the next fragment of a table: its caption rows and the header repeated
    after a page break are dropped, and a row cut by the break (打印设 / 备) is joined."""
    while rows and _is_caption_row(rows[0]):
        rows.pop(0)
    heads = table[:3] + [r for r in table if is_indicator_header(r)][:1]
    while rows and any(_same_row(rows[0], h) for h in heads):
        rows.pop(0)
    if rows and _continues(rows[0], table[-1]):
        last = table[-1]
        first = rows.pop(0)
        width = max(len(last), len(first))
        last.extend([""] * (width - len(last)))
        for i, c in enumerate(first):
            last[i] = last[i] + c if c else last[i]
    table.extend(rows)


def _continues(row: list[str], previous: list[str]) -> bool:
    """The first row of a page that only finishes the cells of the row before it."""
    filled = sum(1 for c in row if c)
    before = sum(1 for c in previous if c)
    return bool(row) and not row[0] and 0 < filled <= 2 and filled * 2 < before


# ---------------------------------------------------------------- one table's grid


def _grid(rows: list[list[str]], *, docx: bool) -> Grid:
    """The rows of one table on its column grid, with the merges the text lost. The rows
    above an indicator grid (一级指标), a project form's header block, are laid out apart
    from it, a project form's header rebuilt on its printed form; assemble() then tells
    the two parts of a project table by its title."""
    split = next((i for i, r in enumerate(rows) if is_indicator_header(r)), None)
    if split is None:
        if _is_project_block(rows):
            grid, spans = _header_block(rows, docx)
        else:
            grid, spans = _layout(rows, docx)
            spans = spans + _vertical_spans(grid, spans, _header_depth(grid, indicators=False))
    elif split == 0:
        grid, spans = _indicator_grid(rows, docx)
    else:
        grid, spans = _header_block(rows[:split], docx)
        below, more = _indicator_grid(rows[split:], docx)
        grid, spans = _stack(grid, spans, below, more)
    return _as_grid(grid, spans)


def _is_project_block(rows: list[list[str]]) -> bool:
    """The header block of a project form (项目编码 or 项目编码及名称, with its 绩效目标 or
    资金 lines), not a table listing projects under a 项目编码 column."""
    flat = [squeeze(c) for r in rows for c in r if c]
    coded = any(c.startswith(("项目编码", "项目编号")) for c in flat)
    return coded and any(c.startswith(("绩效目标", "预算规模", "资金")) for c in flat)


def _header_block(rows: list[list[str]], docx: bool) -> tuple[list[list[str]], list[Span]]:
    flat = {squeeze(c) for r in rows for c in r}
    if flat & {"项目编码", "项目编号"} and "栏次" not in flat:
        return _project_header(rows)
    grid, spans = _layout(rows, docx)
    if "栏次" in flat:
        spans = spans + _performance_form_header(grid)
        depth = next(i + 1 for i, r in enumerate(grid) if "栏次" in {squeeze(c) for c in r})
        spans = spans + _vertical_spans(grid, spans, depth)
    return grid, spans


def _indicator_grid(rows: list[list[str]], docx: bool) -> tuple[list[list[str]], list[Span]]:
    if docx:
        rows = _join_split_rows(rows)
    grid, spans = _layout(rows, docx)
    if "符号" in {squeeze(c) for r in rows for c in r} and grid and len(grid[0]) >= 8:
        _performance_form_indicators(grid)
    spans = spans + _vertical_spans(grid, spans, _header_depth(grid, indicators=True))
    return grid, spans


def _layout(rows: list[list[str]], docx: bool) -> tuple[list[list[str]], list[Span]]:
    return _docx_layout(rows) if docx else _ocr_layout(rows)


def _stack(
    top: list[list[str]], spans: list[Span], below: list[list[str]], more: list[Span]
) -> tuple[list[list[str]], list[Span]]:
    n = max(len(r) for r in top + below)
    grid = [r + [""] * (n - len(r)) for r in top + below]
    return grid, spans + [(r + len(top), c, rs, cs) for r, c, rs, cs in more]


def _header_depth(grid: list[list[str]], *, indicators: bool) -> int:
    """Rows the header takes, which tells where cells are merged downwards: through the
    栏次 row; an indicator grid one row, two with 符号/值/单位 under 指标值; else the rows
    above the first with an amount or 合计."""
    for i, row in enumerate(grid[:6]):
        first = next((squeeze(c) for c in row if c), "")
        if first == "栏次":
            return i + 1
    if indicators:
        second = [squeeze(c) for c in grid[1]] if len(grid) > 1 else []
        return 2 if "符号" in second else 1
    count = 0
    for row in grid[:3]:
        if (row and squeeze(row[0]).startswith("合计")) or any(
            _NUMBER.match(squeeze(c)) for c in row
        ):
            break
        count += 1
    return max(1, count)


def _as_grid(grid: list[list[str]], spans: list[Span]) -> Grid:
    n_cols = max((len(r) for r in grid), default=0)
    covered: set[tuple[int, int]] = set()
    span_at = {(r, c): (rs, cs) for r, c, rs, cs in spans}
    for r, c, rs, cs in spans:
        for dr in range(rs):
            for dc in range(cs):
                if dr or dc:
                    covered.add((r + dr, c + dc))
    cells = []
    for r, row in enumerate(grid):
        for c in range(n_cols):
            if (r, c) in covered:
                continue
            rs, cs = span_at.get((r, c), (1, 1))
            text = row[c] if c < len(row) else ""
            cells.append(ExtractedCell(row=r, col=c, text=text, rowspan=rs, colspan=cs))
    return Grid(len(grid), n_cols, cells)


def _ocr_layout(rows: list[list[str]]) -> tuple[list[list[str]], list[Span]]:
    """OCR rows keep a TAB for every column, so a row's cells already stand in place."""
    n = max((len(r) for r in rows), default=0)
    while n > 1 and all(len(r) < n or not r[n - 1] for r in rows):
        n -= 1  # a trailing TAB on every line is no column
    rows = [r[:n] for r in rows]
    return [r + [""] * (n - len(r)) for r in rows], []


def _docx_layout(rows: list[list[str]]) -> tuple[list[list[str]], list[Span]]:
    """Place the cells of a DOCX-to-text table on its column grid. A row with fewer cells
    than the widest row holds merged cells; the next full row tells where they sit: its
    empty cells lie under cells merged downwards, its filled runs under wide cells."""
    n = max(len(r) for r in rows)
    grid: list[list[str]] = []
    spans: list[Span] = []
    for i, row in enumerate(rows):
        if len(row) == n:
            grid.append(list(row))
            continue
        guide = next(
            (rows[j] for j in range(i + 1, min(i + 3, len(rows))) if len(rows[j]) == n), None
        )
        segments = _segments(len(row), guide) if guide else None
        if segments is None:
            segments = [(c, 1) for c in range(len(row) - 1)] + [(len(row) - 1, n - len(row) + 1)]
        line = [""] * n
        for (col, width), text in zip(segments, row, strict=False):
            line[col] = text
            if width > 1:
                spans.append((i, col, 1, width))
        grid.append(line)
    return grid, spans


def _segments(k: int, guide: list[str]) -> list[tuple[int, int]] | None:
    runs: list[list[int]] = []
    c = 0
    n = len(guide)
    while c < n:
        if not guide[c]:
            runs.append([c])
            c += 1
            continue
        start = c
        while c < n and guide[c]:
            c += 1
        runs.append(list(range(start, c)))
    if len(runs) > k:
        return None
    while len(runs) < k:
        longest = max(range(len(runs)), key=lambda i: len(runs[i]))
        run = runs[longest]
        if len(run) < 2:
            return None
        texts = [squeeze(guide[c]) for c in run]
        cut = next((p for p in range(1, len(run)) if texts[p] == texts[0]), None)
        if cut is None and "编码" in texts[0] and len(run) > 2 and "名称" in texts[1]:
            cut = 2  # 科目编码 + 科目名称 sit under one 功能/经济分类科目 cell
        if cut is None:
            cut = len(run) // 2
        runs[longest : longest + 1] = [run[:cut], run[cut:]]
    return [(run[0], len(run)) for run in runs]


def _join_split_rows(rows: list[list[str]]) -> list[list[str]]:
    """Seed 003: a DOCX row cut by a page break comes out as two short rows."""
    n = Counter(len(r) for r in rows).most_common(1)[0][0]
    out: list[list[str]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        if len(row) < n and i + 1 < len(rows) and len(row) + len(rows[i + 1]) == n:
            out.append(row + rows[i + 1])
            i += 2
            continue
        out.append(row)
        i += 1
    return out


def _vertical_spans(grid: list[list[str]], spans: list[Span], header_rows: int) -> list[Span]:
    """In header rows a cell over an empty one is one cell merged downwards (序号)."""
    taken = {(r, c) for r, c, _, cs in spans for c in range(c, c + cs)}
    out: list[Span] = []
    for r in range(max(0, header_rows - 1)):
        for c, text in enumerate(grid[r]):
            if not text or (r, c) in taken:
                continue
            depth = 1
            while (
                r + depth < header_rows
                and c < len(grid[r + depth])
                and not grid[r + depth][c]
                and (r + depth, c) not in taken
            ):
                depth += 1
            if depth > 1:
                out.append((r, c, depth, 1))
                taken.update((r + d, c) for d in range(depth))
    return out


# ---------------------------------------------------------------- project header block


def _project_header(rows: list[list[str]]) -> tuple[list[list[str]], list[Span]]:
    """The header block of an older project table (项目编码 … 绩效目标), rebuilt on its
    printed 7-column form: OCR cuts its labels and spending plan across lines and pages."""
    code_label, code, name = "项目编码", "", ""
    budget, fin_label, fin, other = "", "其中：财政资金", "", ""
    plan_label = "资金支出计划（%）"
    usage: list[str] = []
    goals: list[str] = []
    budget_row = plan_row = goals_row = None

    def after(row: list[str], i: int) -> str:
        return next((c for c in row[i + 1 :] if c), "")

    for r, row in enumerate(rows):
        for i, cell in enumerate(row):
            s = squeeze(cell)
            if s in ("项目编码", "项目编号"):
                code_label, code = cell, after(row, i)
            elif s == "项目名称":
                name = after(row, i)
            elif s == "预算数":
                budget, budget_row = after(row, i), r
            elif s.startswith("其中") and "财政" in s:
                fin_label, fin = cell, after(row, i)
            elif s == "其他资金":
                nxt = after(row, i)
                other = nxt if nxt and not nxt.startswith("其") else ""
            elif s.startswith("资金支出") and plan_row is None:
                plan_row = r
                if "计划" in s:
                    plan_label = cell
            elif _MONTH.match(s) and plan_row is None:
                plan_row = r
            elif s.startswith("绩效目标") and goals_row is None:
                goals_row = r
    end_usage = next((x for x in (plan_row, goals_row) if x is not None), len(rows))
    if budget_row is not None:
        for row in rows[budget_row + 1 : end_usage]:
            usage.extend(c for c in row if c and not _is_label_piece(c))
    months, values = _spending_plan(rows[plan_row:goals_row] if plan_row is not None else [])
    if goals_row is not None:
        for row in rows[goals_row:]:
            goals.extend(c for c in row if c and not squeeze(c).startswith("绩效目标"))
    grid = [
        [code_label, code, "", "项目名称", name, "", ""],
        ["预算规模及资金用途", "预算数", budget, fin_label, fin, "其他资金", other],
        ["", "".join(usage), "", "", "", "", ""],
        [plan_label, *months, "", ""],
        ["", *values, "", ""],
        ["绩效目标", _join_goals(goals), "", "", "", "", ""],
    ]
    spans: list[Span] = [
        (0, 1, 1, 2),
        (0, 4, 1, 3),
        (1, 0, 2, 1),
        (2, 1, 1, 6),
        (3, 0, 2, 1),
        (3, 4, 1, 3),
        (4, 4, 1, 3),
        (5, 1, 1, 6),
    ]
    return grid, spans


def _is_label_piece(cell: str) -> bool:
    s = squeeze(cell)
    return s.startswith("预算规模") or s in ("途", "用途", "及资金用途", "资金用途", "及资金用")


def _join_goals(parts: list[str]) -> str:
    out = ""
    for p in parts:
        out += (" " if out and re.match(r"^\d+[、.．]", p) else "") + p
    return out


def _spending_plan(rows: list[list[str]]) -> tuple[list[str], list[str]]:
    """Months (3月底 … 12月底) and their percentages, whichever lines OCR put them on: a
    line of values belongs to the month line above it, by column when the counts differ."""
    pairs: list[list[str]] = []  # [month, value]
    group: list[tuple[int, int]] = []  # (column, index into pairs) of the last month line
    for row in rows:
        months = [(c, t) for c, t in enumerate(row) if _MONTH.match(squeeze(t))]
        values = [(c, t) for c, t in enumerate(row) if _PLAN_VALUE.match(squeeze(t))]
        if months:
            group = []
            for c, t in months:
                pairs.append([squeeze(t), ""])
                group.append((c, len(pairs) - 1))
            if values:
                for (_, index), (_, v) in zip(group, values, strict=False):
                    pairs[index][1] = v
                group = []
        elif values and group:
            free = [(c, i) for c, i in group if not pairs[i][1]]
            if len(values) == len(free):
                for (_, index), (_, v) in zip(free, values, strict=True):
                    pairs[index][1] = v
            else:
                for c, v in values:
                    if not free:
                        break
                    col, index = min(free, key=lambda f, c=c: abs(f[0] - c))
                    pairs[index][1] = v
                    free.remove((col, index))
            group = []
    pairs = pairs[:4] + [["", ""]] * (4 - min(4, len(pairs)))
    return [p[0] for p in pairs], [p[1] for p in pairs]


# ---------------------------------------------------------------- 预算项目绩效表 (seed 004)

_LEVEL1 = {"产出指标", "效益指标", "效果指标", "满意度指标"}
_SPILL = re.compile(r"^([<>=≥≤＞＜]*\d+(?:\.\d+)?)\s*(%|‰|万元|元|人|个|次|家|件|天|年|月)$")


def _performance_form_header(grid: list[list[str]]) -> list[Span]:
    """Put the newer form's title row and spending plan on their printed columns; OCR
    shifts them (3月底 6月底 in adjacent cells) and misreads 金额： as 金额单位：."""
    if not grid or len(grid[0]) < 10:
        return []
    spans: list[Span] = []
    top = grid[0]
    heads = ("项目编码及名称", "项目编号及名称")
    named = next((c for c in top if squeeze(c).startswith(heads)), "")
    year = next((c for c in top if squeeze(c).startswith("预算年度")), "")
    amount = next((c for c in top if squeeze(c).startswith("金额")), "")
    if named and year and amount:
        amount = re.sub(r"^金额单位([：:])", r"金额\1", amount)
        grid[0] = [top[0], named, "", "", "", "", year, "", amount, ""] + [""] * (len(top) - 10)
        spans += [(0, 1, 1, 5), (0, 6, 1, 2), (0, 8, 1, 2)]
    for r, row in enumerate(grid[:-1]):
        if not squeeze(row[1]).startswith("资金") or not any(
            _MONTH.match(squeeze(c)) for c in row[2:]
        ):
            continue
        months, values = _spending_plan([x[2:] for x in grid[r : r + 2]])
        if not any(months):
            continue
        label = squeeze(row[1]) + squeeze(grid[r + 1][1])
        row[1] = "资金支出计划" if "计划" in label else row[1]
        grid[r + 1][1] = ""
        for line, texts in ((row, months), (grid[r + 1], values)):
            line[2:10] = [texts[0], "", texts[1], "", texts[2], "", texts[3], ""]
        spans += [(r, 1, 2, 1)] + [(x, c, 1, 2) for x in (r, r + 1) for c in (2, 4, 6, 8)]
        break
    return spans


def _performance_form_indicators(grid: list[list[str]]) -> None:
    """Indicator grid with 符号/值/单位 columns: undo a row shifted one column to the right,
    a value that spilled its unit (95.00 % in 值), a header cell pushed left."""
    n = len(grid[0])
    head = grid[0]
    last = max((i for i, c in enumerate(head) if c), default=n - 1)
    if last < n - 1 and "依据" in head[last]:
        head[n - 1], head[last] = head[last], ""
    level1 = next((i for i, c in enumerate(head) if squeeze(c) == "一级指标"), None)
    sub = grid[1] if len(grid) > 1 else []
    value = next((i for i, c in enumerate(sub) if squeeze(c) == "值"), None)
    unit = next((i for i, c in enumerate(sub) if squeeze(c).startswith("单位")), None)
    for row in grid[1:]:
        if (
            level1 is not None
            and level1 + 1 < len(row)
            and not row[level1]
            and squeeze(row[level1 + 1]) in _LEVEL1
        ):
            del row[level1]
            row.append("")
        if value is not None and unit is not None and unit < len(row) and not row[unit]:
            m = _SPILL.match(squeeze(row[value]))
            if m:
                row[value], row[unit] = m.group(1), m.group(2)


# ---------------------------------------------------------------- narrative, department, year


def _join_broken_paragraphs(blocks: list[Block]) -> list[Block]:
    """OCR ends a paragraph at every page break (完善公 / 共就业服务体系): a long line
    without closing punctuation goes on in the next paragraph."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (
            isinstance(b, Paragraph)
            and isinstance(prev, Paragraph)
            and not prev.heading
            and not b.heading
            and len(prev.text) >= 25
            and not prev.text.endswith(_TERMINAL)
        ):
            prev.text += b.text
            continue
        out.append(b)
    return out
