"""Read an old-format `.xls` workbook (Excel 97–2003, also what WPS saves by default):
many county bureaus still publish their disclosure tables so.

The sheets become the same SourceSheets as an XLSX's (parsers.xlsx.build_sheet), so
titles, bands, merges, displayed numbers, anchors and the source pane work alike; only
the file is read differently, by xlrd (formatting_info for merges, number formats, bold
and alignment). The .xls format keeps no page header xlrd reads, so a sheet without a
title row is named by its tab only.

Bad input: InputError (one Chinese line) for an encrypted or damaged workbook, or a
sheet beyond the XLSX reader's size limits (an .xls sheet has at most 65,536 rows, so
nothing is read before the check can run out of memory). Imports xlrd; never model,
gui, PySide6 or sqlalchemy.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from parsers.extraction import ExtractedFiling, InputError
from parsers.progress import NoProgress, Progress
from parsers.xlsx import (
    MAX_CELLS,
    MAX_COLS,
    MAX_ROWS,
    RawCell,
    SourceSheet,
    assembled,
    build_sheet,
    too_big,
)

# xlrd's XF horizontal alignment codes, named as parsers.xlsx reads them
_HORIZONTAL = {0: "general", 1: "left", 2: "center", 3: "right", 5: "justify", 6: "center"}


def read(data: bytes, name: str, *, progress: Progress | None = None) -> ExtractedFiling:
    """Parse an .xls filing. Pure, any thread. Raises InputError for bad input and
    parsers.progress.Cancelled on cancel."""
    return assembled(source_view(data, name, progress=progress), name)


def source_view(
    data: bytes, name: str = "", *, progress: Progress | None = None
) -> list[SourceSheet]:
    """Every sheet of the workbook as displayed, as parsers.xlsx.source_view gives it."""
    progress = progress or NoProgress()
    book = _open(data, name)
    sheets: list[SourceSheet] = []
    total = book.nsheets
    cells = 0
    for index in range(total):
        progress.check()
        sh = book.sheet_by_index(index)
        progress.report(index, total, sh.name)
        cells += sh.nrows * sh.ncols
        if sh.nrows > MAX_ROWS or sh.ncols > MAX_COLS or cells > MAX_CELLS:
            too_big(name, sh.nrows, sh.ncols, "XLS")
        sheets.append(
            build_sheet(
                index + 1,
                sh.name,
                hidden=sh.visibility != 0,
                merges=[(r0 + 1, c0 + 1, r1, c1) for r0, r1, c0, c1 in sh.merged_cells],
                cells=_cells(book, sh),
            )
        )
    progress.report(total, total, "")
    return sheets


def _open(data: bytes, name: str) -> Any:  # noqa: ANN401 - an xlrd Book
    import xlrd

    try:
        return xlrd.open_workbook(
            file_contents=data, formatting_info=True, logfile=_Quiet(), on_demand=False
        )
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise InputError(f"XLS 文件已加密，请另存为未加密的文件：{name}") from exc
        raise InputError(f"XLS 文件已损坏，无法读取：{name}") from exc
    except (AssertionError, IndexError, KeyError, ValueError, UnicodeError, EOFError) as exc:
        # xlrd checks a damaged file's records with assertions and plain indexing
        raise InputError(f"XLS 文件已损坏，无法读取：{name}") from exc


def _cells(book: Any, sh: Any) -> Iterator[RawCell]:  # noqa: ANN401 - xlrd Book, Sheet
    import xlrd

    for r in range(sh.nrows):
        for c, cell in enumerate(sh.row(r)):
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                value: Any = None
            elif cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    value = xlrd.xldate_as_datetime(cell.value, book.datemode)
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    value = cell.value
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(cell.value)
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                value = xlrd.error_text_from_code.get(cell.value, "#ERR")
            elif cell.ctype == xlrd.XL_CELL_NUMBER:
                value = int(cell.value) if float(cell.value).is_integer() else cell.value
            else:
                value = cell.value
            xf = book.xf_list[sh.cell_xf_index(r, c)] if book.xf_list else None
            if value is None and xf is None:
                continue
            fmt = book.format_map.get(xf.format_key) if xf is not None else None
            font = book.font_list[xf.font_index] if xf is not None else None
            yield RawCell(
                r + 1,
                c + 1,
                value,
                fmt.format_str if fmt is not None else None,
                bool(font is not None and (font.bold or font.weight >= 700)),
                _HORIZONTAL.get(xf.alignment.hor_align) if xf is not None else None,
            )


class _Quiet:
    """xlrd writes its warnings to a log file object; a clerk's console stays clean."""

    def write(self, text: str) -> None:
        pass
