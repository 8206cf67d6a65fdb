"""FindingsDock: the open document's findings below the tables, grouped by table. Clicking
one selects its cells (the window does that via `finding_activated`); F8 / Shift+F8 step
through the ones waiting for the clerk. Confirm / dismiss / reopen apply to every
selected finding (Shift/Ctrl-click, Ctrl+A in the list) with one note (a dismissal needs
its reason). Info notes ("此项检查未进行") are kept apart, under their own filter, never
counted as waiting and never decided. GUI thread only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.catalog import kind_name
from gui.list_model import Index, LabelledListModel
from gui.reason_dialog import ReasonDialog
from model.findings import FindingData
from model.validation.messages import rule_title

if TYPE_CHECKING:
    from gui.document import OpenDocument

# What the filter shows: (severities, statuses); None = any.
FILTERS = {
    "waiting": (("error", "warning"), ("open",)),
    "problems": (("error", "warning"), None),
    "decided": (("error", "warning"), ("confirmed", "dismissed")),
    "notes": (("info",), None),
}

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
        """`items` in table order: the table is named on the first row of its group."""
        self.beginResetModel()
        self._items = list(items)
        self._table_names = dict(table_names)
        self.endResetModel()

    def _table_cell(self, row: int) -> str:
        f = self._items[row]
        if row and self._items[row - 1].table_id == f.table_id:
            return ""
        return self._table_names.get(f.table_id or -1, self.tr("(whole filing)"))

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
                self._table_cell(index.row()),
                f.message,
                f.expected or "",
                f.actual or "",
                self._status(f.status),
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            table = self._table_names.get(f.table_id or -1, "")
            return f"{rule_title(f.rule)}（{table}）\n{f.message}" + (
                f"\n{self.tr('Note:')} {f.note}" if f.note else ""
            )
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
    # FindingData, "confirmed" / "dismissed" / "open", note (None: keep the note it has)
    status_requested = Signal(object, str, object)
    # The same for several findings at once: tuple[FindingData, ...], status, note
    statuses_requested = Signal(object, str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindingsDock")
        self.setWindowTitle(self.tr("Findings"))
        self._all: list[FindingData] = []
        self._tables: dict[int, tuple[str | None, str]] = {}
        self._shown: int | None = None  # id of the finding whose cells the window shows
        self.model = FindingsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(0, 60)
        self.view.setColumnWidth(1, 220)
        self.view.clicked.connect(self._on_clicked)
        self.view.activated.connect(self._on_clicked)
        self.view.installEventFilter(self)
        self.filter_box = QComboBox()
        for key, label in (
            ("waiting", self.tr("To decide")),
            ("problems", self.tr("All errors and warnings")),
            ("decided", self.tr("Decided")),
            ("notes", self.tr("Notes (checks not run)")),
        ):
            self.filter_box.addItem(label, key)
        self.filter_box.setToolTip(self.tr("Which findings to list"))
        self.filter_box.currentIndexChanged.connect(lambda _i: self._show())
        self.tally = QLabel()
        # The counts give way (cut) before the dock widens the window: the dock shares
        # the bottom of a 1366×768 screen with the list of tables.
        self.tally.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.tally.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.filter_box)
        # In the list all three keys decide at once (see eventFilter). Window-wide only
        # confirm and reopen: a dismissal asks for a reason, so it starts in the list.
        # The mnemonics (Alt+C/D/R) are window-wide too: no menu title or other button
        # may use those letters (tests/gui/test_shortcuts.py).
        self._decision_keys: dict[int, str] = {}
        for text, status, keys, window_wide in (
            (self.tr("&Confirm (raise with department)"), "confirmed", "Ctrl+Shift+C", True),
            (self.tr("&Dismiss…"), "dismissed", "Ctrl+Shift+D", False),
            (self.tr("&Reopen"), "open", "Ctrl+Shift+R", True),
        ):
            self._decision_keys[QKeySequence(keys)[0].toCombined()] = status
            button = QPushButton(text)
            if window_wide:
                button.setShortcut(QKeySequence(keys))
            button.setToolTip(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))
            button.clicked.connect(lambda _c=False, s=status: self.decide(s))
            buttons.addWidget(button)
        buttons.addWidget(self.tally, 1)  # the room left, counts flush right
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        self.setWidget(body)

    def follow(self, document: OpenDocument) -> None:
        """List the open document's findings, again whenever they are read again."""
        document.loaded.connect(
            lambda _filing: self.set_findings(document.findings, document.table_names())
        )
        document.findings_changed.connect(
            lambda findings: self.set_findings(findings, document.table_names())
        )

    def set_findings(
        self, items: list[FindingData], tables: dict[int, tuple[str | None, str]]
    ) -> None:
        """`tables`: table id -> (kind, printed title), in the filing's order."""
        self._all = list(items)
        self._tables = dict(tables)
        self._show()

    def set_filter(self, key: str) -> None:
        self.filter_box.setCurrentIndex(self.filter_box.findData(key))

    def _show(self) -> None:
        current, row = self.current(), self.view.currentIndex().row()
        severities, statuses = FILTERS[self.filter_box.currentData() or "waiting"]
        order = {tid: i for i, tid in enumerate(self._tables)}
        rank = {"error": 0, "warning": 1}
        shown = sorted(
            (
                f
                for f in self._all
                if f.severity in severities and (statuses is None or f.status in statuses)
            ),
            key=lambda f: (order.get(f.table_id, len(order)), rank.get(f.severity, 2)),
        )
        names = {
            tid: (title if kind in (None, "project_performance") else kind_name(kind, title))
            for tid, (kind, title) in self._tables.items()
        }
        self.model.set_findings(shown, names)
        waiting = sum(f.waiting for f in self._all)
        notes = sum(f.severity == "info" for f in self._all)
        decided = sum(f.severity != "info" and f.status != "open" for f in self._all)
        self.tally.setText(
            self.tr("{0} to decide · {1} decided · {2} notes").format(waiting, decided, notes)
        )
        if current is not None and any(f.id == current.id for f in shown):
            self.select_id(current.id, emit=False)
        elif shown and row >= 0:
            # The decided finding left the list: the next one is current, not yet shown.
            self.select_row(min(row, len(shown) - 1), emit=False)

    @property
    def shown_id(self) -> int | None:
        """The finding whose cells the window shows now (None before any)."""
        return self._shown

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
            self._activate(f)

    def select_id(self, finding_id: int, *, emit: bool = True) -> None:
        for row, f in enumerate(self.model.items()):
            if f.id == finding_id:
                self.select_row(row, emit=emit)
                return

    def step(self, forward: bool) -> None:
        """Show the next (previous) finding waiting for the clerk, wrapping; info notes
        are skipped. A current finding not shown yet (the list moved under a decision)
        is shown first."""
        items = self.model.items()
        current = self.current()
        if current is not None and current.waiting and current.id != self._shown:
            self._activate(current)
            return
        if not items:
            return
        start = self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1
        n = len(items)
        for k in range(1, n + 1):
            row = (start + k) % n if forward else (start - k) % n
            if start == -1 and not forward:
                row = (n - k) % n
            if items[row].waiting:
                self.select_row(row)
                return

    def selected(self) -> list[FindingData]:
        """The findings a decision applies to, in list order: the selected rows, else the
        current one. Only findings count (the table name beside a group's first finding
        is a cell of that finding, not a row of its own); info notes are never decided."""
        rows = sorted({idx.row() for idx in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        found = (self.model.finding(row) for row in rows)
        return [f for f in found if f is not None and f.severity != "info"]

    def decide(self, status: str) -> None:
        """Confirm, dismiss (a reason is asked and needed) or reopen the selected findings,
        with one note for all. One finding emits `status_requested`, several emit
        `statuses_requested` (one unit of work, all or none)."""
        chosen = self.selected()
        if not chosen:
            return
        note: str | None = None
        if status != "open":
            note = self.ask_note(status, chosen)
            if note is None or (status == "dismissed" and not note.strip()):
                return
        if len(chosen) == 1:
            self.status_requested.emit(chosen[0], status, note)
        else:
            self.statuses_requested.emit(tuple(chosen), status, note)

    def ask_note(self, status: str, chosen: Sequence[FindingData]) -> str | None:
        """The clerk's one note for the decision on `chosen` (modal ReasonDialog); None
        when cancelled. A dismissal's dialog stays open until a reason is given."""
        dismissing = status == "dismissed"
        prompt = (
            self.tr("Why is this not a problem? (recorded in the audit sheet)")
            if dismissing
            else self.tr("Note for the department (optional):")
        )
        if len(chosen) == 1:
            title = rule_title(chosen[0].rule)
        elif dismissing:
            title = self.tr("Dismiss {0} findings").format(len(chosen))
        else:
            title = self.tr("Confirm {0} findings").format(len(chosen))
        notes = {f.note for f in chosen}
        dialog = ReasonDialog(
            title,
            prompt,
            notes.pop() if len(notes) == 1 else "",
            required=dismissing,
            parent=self,
        )
        accepted = dialog.exec() == ReasonDialog.DialogCode.Accepted
        if not shiboken6.isValid(dialog):  # deleted with its window while it was open
            return None
        dialog.deleteLater()
        return dialog.reason() if accepted else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Decision keys pressed in the list decide the selected findings: the list
        claims them before the window's shortcuts see them (QEvent::ShortcutOverride,
        "Shortcut events" in the QShortcutEvent docs), then gets them as key presses."""
        if (
            watched is self.view
            and isinstance(event, QKeyEvent)
            and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        ):
            status = self._decision_keys.get(event.keyCombination().toCombined())
            if status is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.decide(status)
                return True
        return super().eventFilter(watched, event)

    def _activate(self, f: FindingData) -> None:
        self._shown = f.id
        self.finding_activated.emit(f)

    def _on_clicked(self, index: QModelIndex) -> None:
        f = self.model.finding(index.row())
        if f is not None:
            self._activate(f)
