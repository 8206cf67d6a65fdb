"""FindingsDock: the open document's findings below the tables. Clicking one selects its
cells (the window does that via `finding_activated`); F8 / Shift+F8 step through the
open ones. Confirm / dismiss record the clerk's decision. GUI thread only."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.catalog import kind_name
from gui.list_model import Index, LabelledListModel
from model.findings import FindingData

SEVERITY_BRUSH = {
    "error": QBrush(QColor("#c5221f")),
    "warning": QBrush(QColor("#b06000")),
    "info": QBrush(QColor("#1a73e8")),
}


class FindingsModel(LabelledListModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject
        super().__init__(parent)
        self._items: list[FindingData] = []
        self._table_names: dict[int, str] = {}

    def set_findings(self, items: list[FindingData], table_names: dict[int, str]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._table_names = dict(table_names)
        self.endResetModel()

    def finding(self, row: int) -> FindingData | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def items(self) -> list[FindingData]:
        return list(self._items)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._items)

    def _severity(self, s: str) -> str:
        return {
            "error": self.tr("Error"),
            "warning": self.tr("Warning"),
            "info": self.tr("Note"),
        }.get(s, s)

    def _status(self, s: str) -> str:
        return {
            "open": self.tr("Open"),
            "confirmed": self.tr("Confirmed"),
            "dismissed": self.tr("Dismissed"),
        }.get(s, s)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        f = self._items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self._severity(f.severity),
                self._table_names.get(f.table_id or -1, ""),
                f.message,
                f.expected or "",
                f.actual or "",
                self._status(f.status),
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 2:
            return f"{f.rule}\n{f.message}" + (f"\n{f.note}" if f.note else "")
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return SEVERITY_BRUSH.get(f.severity)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def column_labels(self) -> tuple[str, ...]:
        return (
            self.tr("Severity"),
            self.tr("Table"),
            self.tr("Finding"),
            self.tr("Expected"),
            self.tr("Actual"),
            self.tr("Status"),
        )


class FindingsDock(QDockWidget):
    finding_activated = Signal(object)  # FindingData
    status_requested = Signal(object, str)  # FindingData, "confirmed" / "dismissed" / "open"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindingsDock")
        self.setWindowTitle(self.tr("Findings"))
        self.model = FindingsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(0, 60)
        self.view.setColumnWidth(1, 200)
        self.view.clicked.connect(self._on_clicked)
        self.view.activated.connect(self._on_clicked)
        confirm = QPushButton(self.tr("Confirm (raise with department)"))
        dismiss = QPushButton(self.tr("Dismiss"))
        reopen = QPushButton(self.tr("Reopen"))
        confirm.clicked.connect(lambda: self._request("confirmed"))
        dismiss.clicked.connect(lambda: self._request("dismissed"))
        reopen.clicked.connect(lambda: self._request("open"))
        buttons = QHBoxLayout()
        for b in (confirm, dismiss, reopen):
            buttons.addWidget(b)
        buttons.addStretch(1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.setWidget(body)

    def set_findings(
        self, items: list[FindingData], tables: dict[int, tuple[str | None, str]]
    ) -> None:
        """`tables`: table id -> (kind, printed title), for the table column."""
        current = self.current()
        names = {
            tid: (title if kind in (None, "project_performance") else kind_name(kind, title))
            for tid, (kind, title) in tables.items()
        }
        self.model.set_findings(items, names)
        if current is not None:
            self.select_id(current.id, emit=False)

    def current(self) -> FindingData | None:
        idx = self.view.currentIndex()
        return self.model.finding(idx.row()) if idx.isValid() else None

    def select_row(self, row: int, *, emit: bool = True) -> None:
        idx = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            idx,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(idx)
        if emit and (f := self.model.finding(row)) is not None:
            self.finding_activated.emit(f)

    def select_id(self, finding_id: int, *, emit: bool = True) -> None:
        for row, f in enumerate(self.model.items()):
            if f.id == finding_id:
                self.select_row(row, emit=emit)
                return

    def step(self, forward: bool) -> None:
        """Select the next (previous) open finding after the current one, wrapping."""
        items = self.model.items()
        if not items:
            return
        start = self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1
        n = len(items)
        for k in range(1, n + 1):
            row = (start + k) % n if forward else (start - k) % n
            if start == -1 and not forward:
                row = (n - k) % n
            if items[row].status == "open":
                self.select_row(row)
                return

    def _on_clicked(self, index: QModelIndex) -> None:
        f = self.model.finding(index.row())
        if f is not None:
            self.finding_activated.emit(f)

    def _request(self, status: str) -> None:
        f = self.current()
        if f is not None:
            self.status_requested.emit(f, status)
