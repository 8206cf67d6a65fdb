"""Read an `.xlsx` filing: each sheet's tables with merged ranges, as the layout stream.

Three public functions:
- `read(data, name, *, progress) -> ExtractedFiling`: the filing, via the shared
  table assembly (`parsers.tables.assemble.assemble`), as for a PDF or DOCX.
- `source_view(data, name="") -> list[SourceSheet]`: a plain model of every sheet as
  the clerk sees it in Excel (displayed text, merges, bold, alignment), for the GUI's
  source pane; cells carry the anchors the extraction stores.
- `layout(sheets) -> list[Line | Grid]`: the layout stream built from `source_view`.

Anchors: "s2/r5/c3" = 2nd sheet in workbook order (1-based, hidden ones counted),
Excel row 5, column 3 (1-based, so "s2/r5/c3" is cell C5 of the 2nd tab).

How a sheet becomes tables: rows with nothing in them split a sheet into bands
(the provincial template puts one empty row between project blocks, TEMPLATE.md).
In a band, leading rows holding one text (the title, 预算项目绩效表) or a short
caption (部门, 预算年度：, 单位：万元, 截止时间：) become Lines; the rest is one Grid.
A trailing one-cell row starting with 注 / 说明 is a Line again (空表列示 notes).
The template's 封面 and 审核记录 sheets are not filing tables and are skipped, and
so is 表13 绩效指标明细, a flat list derived from the 表12 project blocks.

Numbers are read as the text a clerk sees: the cell's number_format decides the
decimals (`0.00` gives 29295.60) without thousands separators, so the text
parses like the PDF's. Formulas give their cached value (data_only); a formula
with no cached value (a file written by a program that does not compute) keeps
its formula text with confidence 0, so review shows it as unread.

Bad input: InputError (one Chinese line) for no zip, a zip bomb, a damaged
workbook, or a sheet beyond MAX_ROWS / MAX_COLS / MAX_CELLS (checked from the
declared dimension and by a bounded streaming count before the full load).
Imports openpyxl; never model, gui, PySide6 or sqlalchemy.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from parsers.extraction import ExtractedCell, ExtractedFiling, InputError
from parsers.progress import NoProgress, Progress
from parsers.source_view import SourceCell
from parsers.tables import classify
from parsers.tables.layout import Grid, Item, Line
from parsers.zipguard import open_zip

MAX_ROWS = 50_000  # per sheet; a procurement table of a big bureau has a few hundred
MAX_COLS = 500
MAX_CELLS = 2_000_000  # rows x cols summed over the workbook

SKIPPED_SHEETS = ("封面", "审核记录", "表13")  # template sheets that are not filing tables
CAPTION = re.compile(r"单位\s*[:：]|预算年度|截止时间|编制部门|编制单位|金额\s*[:：]")
NOTE = re.compile(r"^\s*(注|说明)\s*[:：]?")
DEPARTMENT = re.compile(r"^\d{3,9}\s*[\u4e00-\u9fff（）()]{2,40}$")  # 323昌黎县人力资源和社会保障局


@dataclass(frozen=True)
class SourceSheet:
    """A worksheet: `cells` are the non-covered positions of its used range
    (`first_row`..`last_row`, `first_col`..`last_col`, 1-based); `skipped` says the
    sheet is not read as filing tables (template cover, audit log, derived list)."""

    index: int  # 1-based tab position
    title: str
    first_row: int
    last_row: int
    first_col: int
    last_col: int
    cells: tuple[SourceCell, ...] = field(default_factory=tuple)
    skipped: bool = False
    hidden: bool = False
    print_header: str = ""  # the centre of the printed page header (页眉), codes removed


def read(data: bytes, name: str, *, progress: Progress | None = None) -> ExtractedFiling:
    """Parse an XLSX filing. Pure, any thread. Raises InputError for bad input and
    parsers.progress.Cancelled on cancel."""
    return assembled(source_view(data, name, progress=progress), name)


def assembled(sheets: list[SourceSheet], name: str) -> ExtractedFiling:
    """The filing of a workbook's sheets, XLSX or .xls: their layout through the one
    table assembly."""
    from parsers.tables.assemble import assemble

    return assemble(layout(sheets), source=name, pages=0, page_sizes=[])


def source_view(
    data: bytes, name: str = "", *, progress: Progress | None = None
) -> list[SourceSheet]:
    """Every sheet of the workbook as displayed (see module docstring)."""
    progress = progress or NoProgress()
    archive = open_zip(data, name, "XLSX")
    if "xl/workbook.xml" not in archive.namelist():
        raise InputError(f"不是有效的 XLSX 文件（缺少 xl/workbook.xml）：{name}")
    _check_size(data, archive, name)
    import openpyxl

    try:
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        formulas = (
            openpyxl.load_workbook(io.BytesIO(data), data_only=False)
            if _has_formulas(archive)
            else None
        )
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types for damaged parts
        raise InputError(f"XLSX 文件已损坏，无法读取：{name}") from exc
    sheets: list[SourceSheet] = []
    total = len(values.worksheets)
    for index, ws in enumerate(values.worksheets, start=1):
        progress.check()
        progress.report(index - 1, total, ws.title)
        fws = formulas.worksheets[index - 1] if formulas is not None else None
        sheets.append(_sheet(ws, fws, index))
    progress.report(total, total, "")
    return sheets


def layout(sheets: list[SourceSheet]) -> list[Item]:
    """Lines and Grids of every sheet that holds filing tables, in tab order."""
    items: list[Item] = []
    for sheet in sheets:
        if sheet.skipped or sheet.hidden:
            continue
        mine = [item for band in _bands(sheet) for item in _band_items(sheet, band)]
        items.extend(_titled(sheet, mine))
    return items


def _titled(sheet: SourceSheet, items: list[Item]) -> list[Item]:
    """A sheet whose cells print no title above its first table is named by what
    prints it: the page header (页眉 「收支总表」), else the sheet's tab (表1 收支总表)."""
    first = next((k for k, it in enumerate(items) if isinstance(it, Grid)), None)
    if first is None:
        return items
    above = [it.text for it in items[:first] if isinstance(it, Line)]
    if any(classify.is_table_title(t) for t in above):
        return items
    for name in (sheet.print_header, sheet.title):
        if classify.is_table_title(name):
            return [
                Line(name.strip(), anchor=f"s{sheet.index}/r{sheet.first_row}/c{sheet.first_col}"),
                *items,
            ]
    return items


# Excel's header codes: &"宋体,加粗" (font), &16 (size), &P, &N, &D, &B … (fields, styles)
_HEADER_CODES = re.compile(r'&"[^"]*"|&\d+|&[A-Za-z&]')


def _print_header(ws: Any) -> str:  # noqa: ANN401 - an openpyxl worksheet
    try:
        text = ws.oddHeader.center.text or ""
    except AttributeError:
        return ""
    return " ".join(_HEADER_CODES.sub("", text).split())


# --- size limits -------------------------------------------------------------------


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_ROW = re.compile(rb"<(?:\w+:)?row[\s>]")


def _check_size(data: bytes, archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a workbook too big to be a filing before openpyxl builds it in memory:
    the declared dimension first, then a bounded count of <row> elements (a file may
    declare a small dimension and hold a million rows)."""
    cells = 0
    for info in archive.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        rows = cols = 0
        with archive.open(info) as f:
            head = f.read(4096)
            m = _DIMENSION.search(head)
            if m and m.group(3):
                rows = int(m.group(4)) - int(m.group(2)) + 1
                cols = _col_number(m.group(3).decode()) - _col_number(m.group(1).decode()) + 1
            if rows > MAX_ROWS or cols > MAX_COLS:
                too_big(name, rows, cols)
            counted = len(_ROW.findall(head))
            tail = head[-16:]
            while counted <= MAX_ROWS:
                chunk = f.read(1 << 20)
                if not chunk:
                    break
                counted += len(_ROW.findall(tail + chunk)) - len(_ROW.findall(tail))
                tail = chunk[-16:]
            if counted > MAX_ROWS:
                too_big(name, counted, cols)
        cells += max(rows, counted) * max(cols, 1)
        if cells > MAX_CELLS:
            too_big(name, max(rows, counted), cols)


def too_big(name: str, rows: int, cols: int, fmt: str = "XLSX") -> None:
    raise InputError(
        f"{fmt} 工作表过大（{rows} 行 × {cols} 列），超过上限 {MAX_ROWS} 行、{MAX_COLS} 列，"
        f"不像部门预算公开文件，拒绝读取：{name}"
    )


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _has_formulas(archive: zipfile.ZipFile) -> bool:
    for info in archive.infolist():
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            with archive.open(info) as f:
                if re.search(rb"<(?:\w+:)?f[\s>/]", f.read()):
                    return True
    return False


# --- one sheet -------------------------------------------------------------------------


@dataclass(frozen=True)
class RawCell:
    """A worksheet cell as its file stores it, whichever format (XLSX here, old .xls in
    parsers/xls.py): 1-based position, value, number format, bold, horizontal alignment
    as the format names it, and a formula text when no value was saved."""

    row: int
    col: int
    value: Any
    number_format: str | None = None
    bold: bool = False
    horizontal: str | None = None
    formula: str | None = None


def _sheet(ws: Any, fws: Any, index: int) -> SourceSheet:
    merges = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]

    def raw() -> Iterator[RawCell]:
        for row in ws.iter_rows():
            for cell in row:
                formula = None
                if cell.value is None and fws is not None:
                    f = fws.cell(row=cell.row, column=cell.column).value
                    formula = f if isinstance(f, str) and f.startswith("=") else None
                font, align = cell.font, cell.alignment
                yield RawCell(
                    cell.row,
                    cell.column,
                    cell.value,
                    cell.number_format,
                    bool(font is not None and font.b),
                    align.horizontal if align is not None else None,
                    formula,
                )

    return build_sheet(
        index,
        str(ws.title),
        hidden=ws.sheet_state != "visible",
        merges=merges,
        cells=raw(),
        print_header=_print_header(ws),
    )


def build_sheet(
    index: int,
    title: str,
    *,
    hidden: bool,
    merges: list[tuple[int, int, int, int]],
    cells: Iterator[RawCell],
    print_header: str = "",
) -> SourceSheet:
    """The SourceSheet of a worksheet's stored cells; `merges` as (first row, first
    column, last row, last column), 1-based. One builder for XLSX and .xls, so both
    formats are displayed, titled and read alike."""
    skipped = title.strip().startswith(SKIPPED_SHEETS) or "绩效指标明细" in title
    spans: dict[tuple[int, int], tuple[int, int]] = {}  # top-left -> (rowspan, colspan)
    covered: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in merges:
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
        covered.discard((r0, c0))
    texts: dict[tuple[int, int], tuple[str, bool, str, bool]] = {}
    for cell in cells:
        if (cell.row, cell.col) in covered:
            continue
        uncached = cell.value is None and cell.formula is not None
        value = cell.formula if uncached else cell.value
        text = value if uncached else display_text(value, cell.number_format)
        if text == "" and (cell.row, cell.col) not in spans:
            continue
        texts[(cell.row, cell.col)] = (
            text,
            cell.bold,
            _alignment(cell.horizontal, value),
            uncached,
        )
    filled = [k for k, v in texts.items() if v[0].strip()]
    if not filled:
        return SourceSheet(index, title, 1, 0, 1, 0, (), skipped, hidden)
    first_row = min(r for r, _ in filled)
    last_row = max(r + spans.get((r, c), (1, 1))[0] - 1 for r, c in filled)
    first_col = min(c for _, c in filled)
    last_col = max(c + spans.get((r, c), (1, 1))[1] - 1 for r, c in filled)
    out: list[SourceCell] = []
    for r in range(first_row, last_row + 1):
        for c in range(first_col, last_col + 1):
            if (r, c) in covered:
                continue
            text, bold, align, uncached = texts.get((r, c), ("", False, "left", False))
            rowspan, colspan = spans.get((r, c), (1, 1))
            out.append(
                SourceCell(
                    anchor=f"s{index}/r{r}/c{c}",
                    row=r,
                    col=c,
                    text=text,
                    rowspan=min(rowspan, last_row - r + 1),
                    colspan=min(colspan, last_col - c + 1),
                    bold=bold,
                    alignment=align,
                    formula_uncached=uncached,
                )
            )
    return SourceSheet(
        index,
        title,
        first_row,
        last_row,
        first_col,
        last_col,
        tuple(out),
        skipped,
        hidden,
        print_header,
    )


def display_text(value: Any, number_format: str | None) -> str:
    """The text Excel shows for `value` under `number_format`, minus thousands
    separators: 29295.6 with "#,##0.00" gives "29295.60", 0.95 with "0%" gives "95%",
    a date gives 2022-12-31. Unknown formats fall back to the shortest exact text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if not isinstance(value, (int, float)):
        return str(value).strip()
    fmt = (number_format or "General").split(";")[0]
    literal = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", fmt)  # drop quoted text, colours
    if fmt == "General" or not re.search(r"[0#?]", literal):
        return _general(value)
    percent = "%" in literal
    number = value * 100 if percent else value
    m = re.search(r"\.([0#?]+)", literal)
    places = m.group(1) if m else ""
    text = f"{number:.{len(places)}f}"
    if places and "0" not in places:  # "#.##" shows no trailing zeros
        text = text.rstrip("0").rstrip(".")
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    prefix = "".join(re.findall(r'^"([^"]*)"', fmt))
    suffix = "".join(re.findall(r'"([^"]*)"$', fmt))
    return prefix + text + ("%" if percent else "") + suffix


def _general(value: int | float) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}" if abs(value) >= 1e-4 else repr(value)


def _alignment(horizontal: str | None, value: Any) -> str:
    if horizontal in ("center", "centerContinuous", "distributed"):
        return "center"
    if horizontal == "right":
        return "right"
    if horizontal in (None, "general") and isinstance(value, (int, float)):
        return "right"  # Excel's General alignment puts numbers right
    return "left"


# --- bands, lines, grids ---------------------------------------------------------------------


def _bands(sheet: SourceSheet) -> Iterator[list[int]]:
    """Runs of Excel rows between rows that hold nothing (a merge reaching down keeps
    its rows together)."""
    busy: set[int] = set()
    for c in sheet.cells:
        if c.text.strip():
            busy.update(range(c.row, c.row + c.rowspan))
    band: list[int] = []
    for r in range(sheet.first_row, sheet.last_row + 1):
        if r in busy:
            band.append(r)
        elif band:
            yield band
            band = []
    if band:
        yield band


def _band_items(sheet: SourceSheet, band: list[int]) -> list[Item]:
    rows = {r: [c for c in sheet.cells if c.row == r] for r in band}
    filled = {r: [c for c in cells if c.text.strip()] for r, cells in rows.items()}
    items: list[Item] = []
    start = 0
    while start < len(band) - 1:  # the last row of a band is never a title alone
        r = band[start]
        texts = filled[r]
        covers_below = any(c.rowspan > 1 for c in texts)
        if covers_below or any(_squeeze(c.text) == "序号" for c in texts):
            break
        width = sum(c.colspan for c in texts)
        gaps = width < sheet.last_col - sheet.first_col + 1  # a header row fills its width
        captions = [bool(CAPTION.search(c.text) or DEPARTMENT.match(c.text.strip())) for c in texts]
        if len(texts) == 1 or (len(texts) <= 3 and (all(captions) or (gaps and any(captions)))):
            for c in texts:
                items.append(Line(c.text.strip(), anchor=c.anchor, bold=c.bold))
            start += 1
            continue
        break
    end = len(band)
    notes: list[Item] = []
    while end - 1 > start:
        texts = filled[band[end - 1]]
        if len(texts) == 1 and NOTE.match(texts[0].text) and texts[0].rowspan == 1:
            notes.insert(0, Line(texts[0].text.strip(), anchor=texts[0].anchor))
            end -= 1
            continue
        break
    body = band[start:end]
    if len(body) == 1 and len(filled[body[0]]) == 1 and filled[body[0]][0].colspan == 1:
        # one lone text is a paragraph (a note such as 注：无…，空表列示。), not a 1x1 table
        lone = filled[body[0]][0]
        return [*items, Line(lone.text.strip(), anchor=lone.anchor, bold=lone.bold), *notes]
    if body:
        items.append(_grid(sheet, body, rows))
    return items + notes


def _grid(sheet: SourceSheet, body: list[int], rows: dict[int, list[SourceCell]]) -> Grid:
    top, bottom = body[0], body[-1]
    cols = [c for r in body for c in rows[r] if c.text.strip()]
    left = min(c.col for c in cols)
    right = max(c.col + c.colspan - 1 for c in cols)
    cells: list[ExtractedCell] = []
    for r in body:
        for c in rows[r]:
            if c.col < left or c.col > right:
                continue
            cells.append(
                ExtractedCell(
                    row=r - top,
                    col=c.col - left,
                    text=c.text.strip(),
                    rowspan=min(c.rowspan, bottom - r + 1),
                    colspan=min(c.colspan, right - c.col + 1),
                    confidence=0.0 if c.formula_uncached else 1.0,
                    anchor=c.anchor,
                )
            )
    return Grid(bottom - top + 1, right - left + 1, cells)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)
