"""LibraryDock: every imported filing with year, status and open findings; double-click
opens one. GUI thread only; the list is read through model.library."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QTableView, QWidget

from gui.list_model import Index, LabelledListModel
from model.domain import DocumentSummary


class LibraryModel(LabelledListModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject
        super().__init__(parent)
        self._docs: list[DocumentSummary] = []
        self.current_id: int | None = None

    def set_documents(self, docs: list[DocumentSummary]) -> None:
        self.beginResetModel()
        self._docs = list(docs)
        self.endResetModel()

    def document(self, row: int) -> DocumentSummary | None:
        return self._docs[row] if 0 <= row < len(self._docs) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._docs)

    def _status(self, s: str) -> str:
        return {
            "new": self.tr("New"),
            "in_review": self.tr("In review"),
            "reviewed": self.tr("Reviewed"),
        }.get(s, s)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._docs):
            return None
        d = self._docs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                d.department or d.name,
                str(d.year or ""),
                self._status(d.status),
                str(d.open_findings),
                d.name,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return d.name
        if role == Qt.ItemDataRole.FontRole and d.id == self.current_id:
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        return None

    def column_labels(self) -> tuple[str, ...]:
        return (
            self.tr("Department"),
            self.tr("Year"),
            self.tr("Status"),
            self.tr("Open findings"),
            self.tr("File"),
        )


class LibraryDock(QDockWidget):
    document_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LibraryDock")
        self.setWindowTitle(self.tr("Library"))
        self.model = LibraryModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(self._open)
        self.view.doubleClicked.connect(self._open)
        self.setWidget(self.view)

    def set_documents(self, docs: list[DocumentSummary], current_id: int | None) -> None:
        self.model.current_id = current_id
        self.model.set_documents(docs)
        self.view.resizeColumnsToContents()

    def _open(self, index: QModelIndex) -> None:
        d = self.model.document(index.row())
        if d is not None:
            self.document_requested.emit(d.id)
