"""Where a cell is, said as the printed table says it: the row's own label (its 序号,
code and name) and the column's header, never the grid position the parser gave it.

A clerk reading 审核记录 or the findings panel holds the printed page; "第14行第3列"
of our grid means nothing there, "「2010101 行政运行」行「基本支出」列" does.
"""

from __future__ import annotations

import re

from model.domain import TableData

_FIGURE = re.compile(r"[-+−—\d,，.\s()（）%％]*")
_LABEL_PARTS = 3  # 序号, code and name: enough to find the row on the page


def _is_figure(text: str) -> bool:
    return bool(_FIGURE.fullmatch(text)) and any(ch.isdigit() for ch in text)


def row_label(table: TableData, row: int) -> str:
    """The leading text of a body row (序号, code, name), or "表头第N行"."""
    if row < table.header_rows:
        return f"表头第{row + 1}行"
    rows = table.rows()
    if not 0 <= row < len(rows):
        return f"第{row + 1}行"
    parts: list[str] = []
    for text in rows[row]:
        text = " ".join(text.split())
        if not text:
            continue
        # 序号 and codes are whole numbers; an amount has decimals or separators, or
        # follows the name.
        if _is_figure(text) and (
            "." in text or "," in text or (parts and not _is_figure(parts[-1]))
        ):
            break
        parts.append(text)
        if len(parts) == _LABEL_PARTS:
            break
    return "「" + " ".join(parts) + "」行" if parts else f"第{row + 1}行"


def column_label(table: TableData, col: int) -> str:
    """The column's header words top to bottom (spans included), or "第N列"."""
    words: list[str] = []
    for r in range(table.header_rows):
        cell = table.cell(r, col)
        text = " ".join(cell.text.split()) if cell is not None else ""
        # 栏次 numbers (1, 2, 3…) under the headers name nothing a clerk says.
        if text and not text.isdigit() and text != "栏次" and text not in words:
            words.append(text)
    return "「" + "·".join(words) + "」列" if words else f"第{col + 1}列"


def cell_place(table: TableData | None, row: int, col: int | None) -> str:
    """A cell (or a whole row when col is None) as the clerk finds it on the page."""
    if table is None:
        return f"第{row + 1}行" + (f"第{col + 1}列" if col is not None else "")
    where = row_label(table, row)
    return where if col is None else where + column_label(table, col)
