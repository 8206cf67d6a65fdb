"""Where a cell is, said as the printed table says it: the row's own label (its 序号,
code and name) and the column's header, never the grid position the parser gave it.

A clerk reading 审核记录 or the findings panel holds the printed page; "第14行第3列"
of our grid means nothing there, "「2010101 行政运行」行「基本支出」列" does.

A table's rows and header are read once per `TablePlaces`, so naming every cell of
many findings costs time linear in the table, not rows × findings. Pure functions
over model.domain; imports no ORM, gui or Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from model.domain import CellData, TableData
from parsers.tables.columns import SEQ, ColumnReading, reading_of

_FIGURE = re.compile(r"[-+−—\d,，.\s()（）%％]*")
_LABEL_PARTS = 3  # 序号, code and name: enough to find the row on the page


def _is_figure(text: str) -> bool:
    return bool(_FIGURE.fullmatch(text)) and any(ch.isdigit() for ch in text)


def _label_of_row(texts: list[str], row: int) -> str:
    parts: list[str] = []
    for text in texts:
        text = " ".join(text.split())
        if not text:
            continue
        # 序号 and codes are whole numbers; an amount has decimals or separators, or
        # follows the name.
        if _is_figure(text) and (
            "." in text or "," in text or (parts and not _is_figure(parts[-1]))
        ):
            break
        if text in parts:  # 三级指标 and its description often print the same words
            break
        parts.append(text)
        if len(parts) == _LABEL_PARTS:
            break
    return "「" + " ".join(parts) + "」行" if parts else f"第{row + 1}行"


class TablePlaces:
    """The printed places of one table's cells. Its logical rows and the cells covering
    its header are read on first use, once; each row and column label once too."""

    def __init__(self, table: TableData) -> None:
        self.table = table
        self._rows: list[list[str]] | None = None
        self._header: dict[tuple[int, int], CellData] | None = None
        self._row_labels: dict[int, str] = {}
        self._column_labels: dict[int, str] = {}
        self._reading: ColumnReading | None = None

    @property
    def reading(self) -> ColumnReading:
        """The table's one column reading (stored at import, parsers.tables.columns)."""
        if self._reading is None:
            self._reading = reading_of(self.table)
        return self._reading

    def _text(self, row: int, col: int | None) -> str:
        rows = self._logical_rows()
        if col is None or not 0 <= row < len(rows) or not 0 <= col < len(rows[row]):
            return ""
        return " ".join(rows[row][col].split())

    def _panel(self, col: int | None) -> int:
        columns = self.reading.columns
        return columns[col].panel if col is not None and 0 <= col < len(columns) else 0

    def _seq(self, row: int, panel: int) -> str:
        seq = self.reading.of_role(SEQ, panel) or self.reading.of_role(SEQ)
        text = self._text(row, seq[0]) if seq else ""
        return text if text.isdigit() else ""

    def row_name(self, row: int, col: int | None = None) -> str:
        """A body row as the page prints it, by the stored column reading: its code and
        name ("303 办公费"), else its 序号 and name ("序号 24 合计"), else its leading
        texts (its name, or an indicator's 一级 二级 三级); "" when the row prints
        nothing to name it by. `col` picks the panel of a table printed side by side
        (收入 | 支出), each with its own codes and names."""
        if not 0 <= row < len(self._logical_rows()):
            return ""
        panel = self._panel(col)
        reading = self.reading
        code = reading.code_of(self._logical_rows()[row], panel) or ""
        name = reading.name_of(self._logical_rows()[row], panel)
        if code:
            return f"{code} {name}".strip()
        seq = self._seq(row, panel)
        if seq:
            return f"序号 {seq} {name}".strip()
        if panel and name:
            return name  # the right panel (支出 of 收入 | 支出) names its rows itself
        # No code, no 序号: the row's leading words (its name, or a performance
        # indicator's 一级, 二级 and 三级 together, which no one name column holds).
        label = _label_of_row(self._logical_rows()[row], row)
        return label[1:-2] if label.startswith("「") else name

    def row_mark(self, row: int) -> str:
        """What the page prints at the head of a body row, for a row header: its 序号,
        else its code, else "" (a row the page does not number)."""
        if not 0 <= row < len(self._logical_rows()):
            return ""
        return self._seq(row, 0) or self.reading.code_of(self._logical_rows()[row]) or ""

    def _logical_rows(self) -> list[list[str]]:
        if self._rows is None:
            self._rows = self.table.rows()
        return self._rows

    def _header_cell(self, row: int, col: int) -> CellData | None:
        """As TableData.cell (the first cell whose span covers the place), for header
        rows only: a span reaches down and right, so only header cells cover them."""
        if self._header is None:
            self._header = {}
            for c in self.table.cells:
                if c.row >= self.table.header_rows:
                    continue
                for r in range(c.row, c.row + c.rowspan):
                    for k in range(c.col, c.col + c.colspan):
                        self._header.setdefault((r, k), c)
        return self._header.get((row, col))

    def row_label(self, row: int, col: int | None = None) -> str:
        """A row as messages, undo text and the audit say it: "「303 办公费」行" (see
        row_name), "表头第N行" in the header, "第N行" for a row that prints no name."""
        if row < self.table.header_rows:
            return f"表头第{row + 1}行"
        panel = self._panel(col)
        label = self._row_labels.get(row * 64 + panel)
        if label is None:
            name = self.row_name(row, col)
            label = f"「{name}」行" if name else f"第{row + 1}行"
            self._row_labels[row * 64 + panel] = label
        return label

    def column_label(self, col: int) -> str:
        """The column's header words top to bottom (spans included), or "第N列"."""
        label = self._column_labels.get(col)
        if label is None:
            words: list[str] = []
            for r in range(self.table.header_rows):
                cell = self._header_cell(r, col)
                text = " ".join(cell.text.split()) if cell is not None else ""
                # 栏次 numbers (1, 2, 3…) under the headers name nothing a clerk says.
                if text and not text.isdigit() and text != "栏次" and text not in words:
                    words.append(text)
            label = "「" + "·".join(words) + "」列" if words else f"第{col + 1}列"
            self._column_labels[col] = label
        return label

    def place(self, row: int, col: int | None) -> str:
        """A cell (or a whole row when col is None) as the clerk finds it on the page."""
        if col is not None and self.table.header_rows == 0:
            form = self.form_place(row, col)
            if form:
                return form
        where = self.row_label(row, col)
        return where if col is None else where + self.column_label(col)

    def form_place(self, row: int, col: int) -> str:
        """A cell of a form (a table with no header rows: a project's 预算数 | 150.00 |
        其中：财政资金 | 150.00, or its spending plan's 3月底 … 12月底 over the figures) by
        the labels printed beside it: the label above it with the label heading that
        row ("「资金支出计划（%）·12月底」"), else the label to its left with the row's
        heading ("「预算规模及资金用途·预算数」"); "" when neither is printed."""

        def label(r: int, c: int) -> str:
            text = self._text(r, c)
            return "" if not text or _is_figure(text) else text

        def heading(r: int) -> str:
            return next((t for t in self._logical_rows()[r] if t.strip()), "").strip()

        above = label(row - 1, col) if row > 0 else ""
        if above:
            parts = [heading(row - 1), above]
        else:
            left = next((label(row, c) for c in range(col - 1, -1, -1) if label(row, c)), "")
            if not left:
                return ""
            parts = [heading(row), left]
        words = [" ".join(p.split()) for p in dict.fromkeys(parts) if p.strip()]
        return "「" + "·".join(words) + "」"


class CellPlaces:
    """The places of cells across a filing's tables, each table prepared lazily once."""

    def __init__(self, tables: Iterable[TableData]) -> None:
        self._tables = {t.id: t for t in tables}
        self._places: dict[int, TablePlaces] = {}

    def of(self, table_id: int | None) -> TablePlaces | None:
        """The prepared places of a table, None for no table or one not in the filing."""
        places = self._places.get(table_id) if table_id is not None else None
        if places is None:
            table = self._tables.get(table_id) if table_id is not None else None
            if table is None:
                return None
            places = self._places[table.id] = TablePlaces(table)
        return places

    def place(self, table_id: int | None, row: int, col: int | None) -> str:
        """A cell of a table as the clerk finds it; grid position without a table."""
        places = self.of(table_id)
        if places is None:
            return grid_place(row, col)
        return places.place(row, col)


def grid_place(row: int, col: int | None) -> str:
    """A grid position (0-based in) as 第N行第M列, for a cell of no known table."""
    return f"第{row + 1}行" + (f"第{col + 1}列" if col is not None else "")


def row_label(table: TableData, row: int, col: int | None = None) -> str:
    """A row as the page prints it (TablePlaces.row_label). Reads the table for this one
    row: name many through TablePlaces or CellPlaces."""
    return TablePlaces(table).row_label(row, col)


def column_label(table: TableData, col: int) -> str:
    """The column's header words top to bottom (spans included), or "第N列"."""
    return TablePlaces(table).column_label(col)


def cell_place(table: TableData | None, row: int, col: int | None) -> str:
    """A cell (or a whole row when col is None) as the clerk finds it on the page. Reads
    the table for this one cell: name many through TablePlaces or CellPlaces."""
    if table is None:
        return grid_place(row, col)
    return TablePlaces(table).place(row, col)
