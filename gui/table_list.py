"""TableListModel: the filing's tables by catalog name, with review status (who marked
it reviewed and when, as its tooltip) and the number of open findings, for the list
above the table view, and the read-only list view that shows it. GUI thread only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from gui.catalog import catalog_name, kind_name
from gui.list_model import Index, LabelledListModel
from model.domain import TableData

if TYPE_CHECKING:
    from gui.document import OpenDocument

TABLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
REVIEWED_BRUSH = QBrush(QColor("#188038"))
FINDINGS_BRUSH = QBrush(QColor("#c5221f"))


def pages_text(pages: list[int]) -> str:
    """The pages a table runs over as a clerk reads them: runs of three or more as a
    range (1–37 for an A3 volume, not 37 numbers), others listed (4、5、9)."""
    parts: list[str] = []
    i = 0
    while i < len(pages):
        j = i
        while j + 1 < len(pages) and pages[j + 1] == pages[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{pages[i]}–{pages[j]}")
        else:
            parts.extend(str(p) for p in pages[i : j + 1])
        i = j + 1
    return "、".join(parts)


class TableListModel(LabelledListModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject
        super().__init__(parent)
        self._tables: list[TableData] = []
        self._open: dict[int, int] = {}

    def follow(self, document: OpenDocument) -> None:
        """List the open document's tables and keep their status and counts current."""
        document.loaded.connect(
            lambda filing: self.set_tables(filing.tables, document.open_counts())
        )
        document.table_changed.connect(self.update_table)
        document.review_taken_back.connect(lambda tables: [self.update_table(t) for t in tables])
        document.findings_changed.connect(lambda _f: self.set_open_counts(document.open_counts()))

    def set_tables(self, tables: tuple[TableData, ...], open_counts: dict[int, int]) -> None:
        self.beginResetModel()
        self._tables = list(tables)
        self._open = dict(open_counts)
        self.endResetModel()

    def update_table(self, table: TableData) -> None:
        for i, t in enumerate(self._tables):
            if t.id == table.id:
                self._tables[i] = table
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    def set_open_counts(self, open_counts: dict[int, int]) -> None:
        self._open = dict(open_counts)
        if self._tables:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._tables) - 1, 2))

    def row_of(self, table_id: int) -> int:
        return next((i for i, t in enumerate(self._tables) if t.id == table_id), -1)

    def table_at(self, row: int) -> TableData | None:
        return self._tables[row] if 0 <= row < len(self._tables) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._tables)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._tables):
            return None
        t = self._tables[index.row()]
        col = index.column()
        reviewed = t.review_status == "reviewed"
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                name = kind_name(t.kind, t.title)  # as printed: two 支出 tables differ
                part = {"header": self.tr("header"), "indicators": self.tr("indicators")}.get(
                    t.part or ""
                )
                return f"{name}（{part}）" if part else name
            if col == 1:
                return self.tr("Reviewed") if reviewed else self.tr("To review")
            if col == 3:  # tables printed under one title (each unit's) told apart
                return pages_text(t.pages)
            return str(self._open.get(t.id, 0))
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            kind = catalog_name(t.kind) or self.tr("outside the catalog")
            return self.tr("{0}\nPages: {1}").format(f"{t.title}\n{kind}", pages_text(t.pages))
        if role == Qt.ItemDataRole.ToolTipRole and col == 1 and reviewed and t.reviewed_by:
            at = t.reviewed_at.astimezone().strftime("%Y-%m-%d %H:%M") if t.reviewed_at else ""
            return self.tr("Reviewed by {0} on {1}").format(t.reviewed_by, at)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 1 and reviewed:
                return REVIEWED_BRUSH
            if col == 2 and self._open.get(t.id, 0):
                return FINDINGS_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == TABLE_ID_ROLE:
            return t.id
        return None

    def column_labels(self) -> tuple[str, ...]:
        return (self.tr("Table"), self.tr("Status"), self.tr("Open findings"), self.tr("Pages"))


def table_list_view(model: TableListModel) -> QTableView:
    """The list of tables: whole rows, one picked at a time, nothing edited in it (a
    click opens the table); the name column takes the width the counts leave."""
    view = QTableView()
    view.setObjectName("TableList")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
    return view
