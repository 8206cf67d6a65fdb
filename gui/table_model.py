"""BudgetTableModel: one extracted table as a QAbstractTableModel (GUI thread only).

It writes nothing: `setData` normalises via `review.normalise_cell_text` (None refuses)
and hands (cell, old, new) to `push_edit`, which pushes an EditCellCommand. Spans are
not a model feature (`QAbstractItemModel::span()` is "currently not used"), so the
TableView applies `spans()` itself.

Rows and columns are the stored table's, header rows included (findings, selection
and undo name stored positions); `body_start` says where the filing's header ends, and
the TableView shows those rows in its MultiRowHeaderView instead of the body. Headers
read as printed: columns by their header labels, rows by their 序号 or code.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from model import review
from model.cell_places import TablePlaces
from model.domain import CellData, TableData

CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # the CellData under the index (span owner)
AMOUNT_ROLE = Qt.ItemDataRole.UserRole + 2  # True in an amount cell

HEADER_BRUSH = QBrush(QColor("#e4e8f0"))
LOW_CONFIDENCE_BRUSH = QBrush(QColor("#fff1a8"))
FINDING_BRUSH = QBrush(QColor("#f7c6c6"))
SELECTED_FINDING_BRUSH = QBrush(QColor("#f08c8c"))

Index = QModelIndex | QPersistentModelIndex


def cell_tooltip(cell: CellData) -> str:
    """What was read in a cell, how sure, and the correction: the same words over the
    table's cell and over its place on the page."""
    tip = QCoreApplication.translate(
        "BudgetTableModel", "Extracted: {0}\nConfidence: {1:.0%}"
    ).format(cell.extracted_text or "∅", cell.confidence)
    if cell.text != cell.extracted_text:
        corrected = QCoreApplication.translate("BudgetTableModel", "Corrected: {0}")
        tip += "\n" + corrected.format(cell.text or "∅")
    return tip


class BudgetTableModel(QAbstractTableModel):
    def __init__(
        self, push_edit: Callable[[CellData, str, str], None] | None = None, parent=None
    ) -> None:  # noqa: ANN001 - QObject
        super().__init__(parent)
        self._push_edit = push_edit
        self._table: TableData | None = None
        self._cells: dict[int, CellData] = {}  # by id
        self._owner: dict[tuple[int, int], int] = {}  # every covered position -> cell id
        self._amount_cols: frozenset[int] = frozenset()
        self._marked: set[tuple[int, int]] = set()
        self._places: TablePlaces | None = None
        self._body_start = 0
        self._grouped = False  # amounts printed with thousands separators
        self._bold = QFont()
        self._bold.setBold(True)

    # --- content ----------------------------------------------------------------------

    @property
    def table(self) -> TableData | None:
        return self._table

    def set_table(self, table: TableData | None) -> None:
        """Show `table`. The same table again with the same cells in the same places
        (a reload after a re-check or a failed edit) only patches the changed cells with
        dataChanged: a model reset would close the editor the clerk is typing in."""
        if table is not None and self._table is not None and _same_grid(self._table, table):
            old = self._cells
            self._table = table
            self._cells = {c.id: c for c in table.cells}
            self._amount_cols = review.amount_columns(table)
            for c in table.cells:
                if old[c.id] != c:
                    idx = self.index(c.row, c.col)
                    self.dataChanged.emit(idx, idx)
            return
        self.beginResetModel()
        self._table = table
        self._cells = {c.id: c for c in table.cells} if table else {}
        self._owner = {}
        for c in self._cells.values():
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    self._owner[(r, k)] = c.id
        self._amount_cols = review.amount_columns(table) if table else frozenset()
        self._places = TablePlaces(table) if table else None
        self._body_start = self._places.reading.body_start if self._places else 0
        self._grouped = review.prints_grouped(table) if table else False
        self.endResetModel()

    def set_marked(self, cells: set[tuple[int, int]]) -> None:
        """Positions named by an open finding; drawn tinted."""
        changed = self._marked ^ cells
        self._marked = set(cells)
        for r, c in changed:
            if self._table and r < self._table.n_rows and c < self._table.n_cols:
                idx = self.index(r, c)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.BackgroundRole])

    def apply_cells(self, cells: tuple[CellData, ...]) -> None:
        """Patch cells of this table after an edit; emits dataChanged for those only."""
        for c in cells:
            if c.id in self._cells:
                self._cells[c.id] = c
                idx = self.index(c.row, c.col)
                self.dataChanged.emit(idx, idx)

    def cell_at(self, row: int, col: int) -> CellData | None:
        cid = self._owner.get((row, col))
        return self._cells.get(cid) if cid is not None else None

    def cells_in_row(self, row: int) -> tuple[CellData, ...]:
        return tuple(sorted((c for c in self._cells.values() if c.row == row), key=lambda c: c.col))

    def index_of(self, cell_id: int) -> QModelIndex:
        c = self._cells.get(cell_id)
        return self.index(c.row, c.col) if c else QModelIndex()

    def spans(self) -> list[tuple[int, int, int, int]]:
        return [
            (c.row, c.col, c.rowspan, c.colspan)
            for c in self._cells.values()
            if c.rowspan > 1 or c.colspan > 1
        ]

    @property
    def body_start(self) -> int:
        """The first row after the filing's own header (the stored column reading)."""
        return self._body_start

    def header_cells(self) -> tuple[CellData, ...]:
        """The cells of the filing's header rows (above body_start), spans as stored."""
        return tuple(
            sorted(
                (c for c in self._cells.values() if c.row < self._body_start),
                key=lambda c: (c.row, c.col),
            )
        )

    def row_label(self, row: int) -> str:
        """The row as messages and undo text name it ("「303 办公费」行")."""
        return self._places.row_label(row) if self._places else f"第{row + 1}行"

    def place(self, row: int, col: int) -> str:
        """A cell as the clerk finds it on the page (model.cell_places)."""
        return self._places.place(row, col) if self._places else f"第{row + 1}行第{col + 1}列"

    def is_amount(self, row: int, col: int) -> bool:
        return (
            self._table is not None and row >= self._table.header_rows and col in self._amount_cols
        )

    # --- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self._table is None else self._table.n_rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self._table is None else self._table.n_cols

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or self._table is None:
            return None
        row, col = index.row(), index.column()
        cell = self.cell_at(row, col)
        top_left = cell is not None and (cell.row, cell.col) == (row, col)
        header = row < self._table.header_rows
        if role == Qt.ItemDataRole.DisplayRole:
            if not top_left:
                return ""
            if self.is_amount(row, col):
                return review.amount_display(cell.text, self._grouped)
            return cell.text
        if role == Qt.ItemDataRole.EditRole:
            return cell.text if top_left else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self.is_amount(row, col):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if header:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if (row, col) in self._marked or (
                cell is not None and (cell.row, cell.col) in self._marked
            ):
                return FINDING_BRUSH
            if cell is not None and cell.confidence < review.LOW_CONFIDENCE:
                return LOW_CONFIDENCE_BRUSH
            return HEADER_BRUSH if header else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if header else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell is None:
                return None
            return cell_tooltip(cell)
        if role == CELL_ROLE:
            return cell
        if role == AMOUNT_ROLE:
            return self.is_amount(row, col)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ):  # noqa: ANN201
        places = self._places
        if places is None or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        if orientation == Qt.Orientation.Horizontal:
            columns = places.reading.columns
            path = columns[section].path if 0 <= section < len(columns) else ()
            if role == Qt.ItemDataRole.ToolTipRole:
                return " · ".join(path) or None
            return path[-1] if path else str(section + 1)
        if section < self._body_start:
            return "" if role == Qt.ItemDataRole.DisplayRole else places.row_label(section)
        # What the page prints at the head of the row: 序号, else the code.
        if role == Qt.ItemDataRole.ToolTipRole:
            return places.row_label(section)
        return places.row_mark(section)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        cell = self.cell_at(index.row(), index.column())
        # Positions under a span belong to the top-left cell and are not editable.
        if cell is not None and (cell.row, cell.col) == (index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: ANN001, N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._push_edit is None:
            return False
        cell = self.cell_at(index.row(), index.column())
        if cell is None or (cell.row, cell.col) != (index.row(), index.column()):
            return False
        new = review.normalise_cell_text(str(value), self.is_amount(index.row(), index.column()))
        if new is None:
            return False
        if new != cell.text:
            self._push_edit(cell, cell.text, new)
        return True


def _same_grid(old: TableData, new: TableData) -> bool:
    """Same table, same size, every cell (by id) in the same place with the same span."""

    def grid(t: TableData) -> set[tuple[int, int, int, int, int]]:
        return {(c.id, c.row, c.col, c.rowspan, c.colspan) for c in t.cells}

    return (
        old.id == new.id
        and (old.n_rows, old.n_cols, old.header_rows) == (new.n_rows, new.n_cols, new.header_rows)
        and grid(old) == grid(new)
    )
