"""Writing cells and the look of a template sheet: safe text, numeric amounts, grey
header fill, thin borders, column widths, frozen panes and print set-up (A4, fit
to one page wide, repeated header rows). openpyxl only; no model imports.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from model.export.cell_values import clean_text, parse_amount
from parsers.tables.units import TEMPLATE_UNIT

HEADER_FILL_RGB = "FFD9D9D9"  # light grey: a reader can tell header rows by it
HEADER_FILL = PatternFill("solid", start_color=HEADER_FILL_RGB, end_color=HEADER_FILL_RGB)
_THIN = Side(style="thin", color="FF000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
TITLE_FONT = Font(name="宋体", size=16, bold=True)
HEADER_FONT = Font(name="宋体", size=10, bold=True)
BODY_FONT = Font(name="宋体", size=10)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
_TITLE_ALIGN = Alignment(horizontal="center", vertical="center")

# Excel's specification: a cell holds at most 32,767 characters (openpyxl cuts longer
# strings silently, so the cut is made and recorded here).
EXCEL_CELL_LIMIT = 32_767


@dataclass(frozen=True)
class CutCell:
    """A cell whose text was cut to EXCEL_CELL_LIMIT: sheet name, A1 coordinate and the
    length of the full text in characters."""

    sheet: str
    coordinate: str
    length: int


_CUT: WeakKeyDictionary[Workbook, list[CutCell]] = WeakKeyDictionary()


def cut_cells(wb: Workbook) -> tuple[CutCell, ...]:
    """The cells of `wb` whose text `put_text` cut to Excel's limit, in writing order."""
    return tuple(_CUT.get(wb, ()))


def put_text(ws: Worksheet, row: int, col: int, text: str | None) -> Cell | None:
    """Filing text as a string cell; a leading = + - @ never makes a formula
    (TEMPLATE.md, Safety). Empty text leaves the cell empty. Rows, columns 1-based."""
    if not text:
        return None
    cell = ws.cell(row=row, column=col)
    clean = clean_text(text)
    if len(clean) > EXCEL_CELL_LIMIT:
        _CUT.setdefault(ws.parent, []).append(CutCell(ws.title, cell.coordinate, len(clean)))
        clean = clean[:EXCEL_CELL_LIMIT]
    cell.value = clean
    cell.data_type = "s"  # openpyxl types a str starting with "=" as a formula
    return cell


def put_amount(
    ws: Worksheet, row: int, col: int, text: str, unit: str = TEMPLATE_UNIT
) -> Cell | None:
    """A number in 万元 when the text is an amount printed in `unit` (converted, see
    cell_values.parse_amount), else safe text."""
    parsed = parse_amount(text.strip(), unit) if text.strip() == text else None
    if parsed is None:
        return put_text(ws, row, col, text)
    cell = ws.cell(row=row, column=col, value=parsed[0])
    cell.number_format = parsed[1]
    return cell


def put_comment(cell: Cell, text: str) -> None:
    comment = Comment(clean_text(text), "预算审核")
    comment.width, comment.height = 220, 60
    cell.comment = comment


def title_row(ws: Worksheet, row: int, text: str, n_cols: int) -> None:
    """Row of a table title: merged across the table, bold 16 pt, centred."""
    cell = put_text(ws, row, 1, text) or ws.cell(row=row, column=1)
    cell.font = TITLE_FONT
    cell.alignment = _TITLE_ALIGN
    if n_cols > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n_cols)
    ws.row_dimensions[row].height = 28


def caption_row(ws: Worksheet, row: int, parts: tuple[str, str, str], n_cols: int) -> None:
    """Left, middle and right texts of the line under the title (department, year, unit).
    Unmerged, so the workbook reads back as the same tables; the left text runs on over
    the empty cells beside it, the short ones shrink rather than being cut."""
    left, middle, right = parts
    if n_cols >= 3:
        places = (
            (1, left, Alignment(horizontal="left")),
            (n_cols // 2 + 1, middle, Alignment(horizontal="center", shrink_to_fit=True)),
            (n_cols, right, Alignment(horizontal="right", shrink_to_fit=True)),
        )
    elif n_cols == 2:
        places = (
            (1, left, Alignment(horizontal="left")),
            (2, "　".join(p for p in (middle, right) if p), Alignment(horizontal="right")),
        )
    else:
        places = ((1, "　".join(p for p in parts if p), Alignment(horizontal="left")),)
    for col, text, align in places:
        cell = put_text(ws, row, col, text)
        if cell is not None:
            cell.font = BODY_FONT
            cell.alignment = align


def _style_ids(ws: Worksheet) -> dict[str, tuple[int, int, int, int]]:
    """(font, fill, border, alignment) ids of the table looks in this workbook.

    Setting `cell.border = …` hashes the style for every cell, which made export of
    a 3,400-cell filing take seconds; registering each look once and copying ids
    into the cell's StyleArray is the same result (openpyxl's own writer reads them).
    """
    wb = ws.parent
    ids = getattr(wb, "_budget_review_style_ids", None)
    if ids is None:
        no_fill = PatternFill()

        def look(font: Font, fill: PatternFill, align: Alignment) -> tuple[int, int, int, int]:
            return (
                wb._fonts.add(font),
                wb._fills.add(fill),
                wb._borders.add(BORDER),
                wb._alignments.add(align),
            )

        ids = {
            "header": look(HEADER_FONT, HEADER_FILL, CENTRE),
            "number": look(BODY_FONT, no_fill, RIGHT),
            "text": look(BODY_FONT, no_fill, LEFT),
        }
        wb._budget_review_style_ids = ids
    return ids


def frame(ws: Worksheet, first_row: int, last_row: int, n_cols: int, header_rows: int) -> None:
    """Borders on every table position (merged ones too, or Excel draws gaps), grey
    fill and bold on the first `header_rows` rows. Keeps each cell's number format."""
    ids = _style_ids(ws)
    for r, row in enumerate(
        ws.iter_rows(min_row=first_row, max_row=last_row, min_col=1, max_col=n_cols)
    ):
        for cell in row:
            if r < header_rows:
                look = ids["header"]
            elif cell.value is not None and not isinstance(cell.value, str):
                look = ids["number"]
            else:
                look = ids["text"]
            style = cell._style
            if style is None:
                style = cell._style = StyleArray()
            style.fontId, style.fillId, style.borderId, style.alignmentId = look


def merge(ws: Worksheet, row: int, col: int, rowspan: int, colspan: int) -> None:
    if rowspan > 1 or colspan > 1:
        ws.merge_cells(
            start_row=row, start_column=col, end_row=row + rowspan - 1, end_column=col + colspan - 1
        )


def display_width(text: str) -> int:
    """Width in Excel character units: a CJK character takes two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def fit_columns(
    ws: Worksheet, widths: Iterable[int], *, minimum: int = 6, maximum: int = 40
) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = max(minimum, min(maximum, width + 2))


LINE_HEIGHT = 13.5  # points per line of 10-pt 宋体
DEFAULT_WIDTH = 8.43  # Excel's column width when none is set


def fit_rows(ws: Worksheet) -> None:
    """Give rows with wrapped text the height it needs. Excel and LibreOffice grow a row
    for wrapped text only in unmerged cells and only when they recalculate, so long
    indicator descriptions and merged 资金用途 cells would otherwise print over each other.
    The height is estimated from display width against the (merged) column width."""
    merged = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
    widths = {
        col: ws.column_dimensions[get_column_letter(col)].width or DEFAULT_WIDTH
        for col in range(1, ws.max_column + 1)
    }
    need: dict[int, float] = {}
    for row in ws.iter_rows():
        for cell in row:
            if not isinstance(cell.value, str) or not cell.value or not cell.alignment.wrap_text:
                continue
            span = merged.get((cell.row, cell.column))
            last_col = span.max_col if span else cell.column
            rows = span.max_row - span.min_row + 1 if span else 1
            room = max(
                sum(widths.get(c, DEFAULT_WIDTH) for c in range(cell.column, last_col + 1)) - 1, 1
            )
            lines = sum(
                max(1, math.ceil(display_width(line) / room)) for line in cell.value.splitlines()
            )
            need[cell.row] = max(need.get(cell.row, 0.0), lines * LINE_HEIGHT / rows)
    for row, height in need.items():
        current = ws.row_dimensions[row].height or 0
        if height > LINE_HEIGHT and height > current:
            ws.row_dimensions[row].height = min(math.ceil(height), 409)  # Excel's maximum


def print_setup(ws: Worksheet, n_cols: int, title_rows: tuple[int, int] | None) -> None:
    """A4, landscape when more than 6 columns, one page wide, header rows on every page,
    panes frozen below them (TEMPLATE.md)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if n_cols > 6 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    if title_rows is not None:
        first, last = title_rows
        ws.print_title_rows = f"{first}:{last}"
        ws.freeze_panes = f"A{last + 1}"
