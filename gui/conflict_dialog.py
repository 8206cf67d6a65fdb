"""ConflictDialog: another clerk saved a cell while this clerk was editing it. It shows
both values side by side and the clerk chooses; neither value is dropped silently
(issue 10). "Keep theirs" (also Escape) rejects, "Use mine" accepts; the window does the
writing. Opens window-modal with `open()`, never blocking. GUI thread only."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.domain import CellData, TableData
from model.review import EditConflict


class ConflictDialog(QDialog):
    """The two values of one conflicting cell and the clerk's choice between them.

    `use_mine()` is True after the clerk accepted; `result()` follows QDialog's
    Accepted / Rejected as usual."""

    def __init__(
        self,
        conflict: EditConflict,
        table: TableData,
        cell: CellData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.conflict, self.table, self.cell = conflict, table, cell
        self.setObjectName("ConflictDialog")
        self.setWindowTitle(self.tr("Cell changed by someone else"))
        intro = QLabel(
            self.tr(
                "Someone else saved this cell while you were editing it. "
                "Choose which value to keep."
            )
        )
        intro.setWordWrap(True)
        self.their_label = QLabel(self._value(conflict.current_text))
        self.your_label = QLabel(self._value(conflict.attempted_text))
        form = QFormLayout()
        form.addRow(self.tr("Table:"), QLabel(table.title))
        form.addRow(self.tr("Cell:"), QLabel(self._location()))
        form.addRow(self.tr("Their value:"), self.their_label)
        form.addRow("", QLabel(self._saved_by()))
        form.addRow(self.tr("Your value:"), self.your_label)

        buttons = QDialogButtonBox()
        self.keep_theirs_button = QPushButton(self.tr("Keep theirs"))
        self.use_mine_button = QPushButton(self.tr("Use mine"))
        # Escape and Enter both keep what is stored: writing over a colleague's value
        # must be a deliberate click.
        self.keep_theirs_button.setDefault(True)
        self.use_mine_button.setAutoDefault(False)
        buttons.addButton(self.keep_theirs_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.use_mine_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def use_mine(self) -> bool:
        return self.result() == QDialog.DialogCode.Accepted

    def _value(self, text: str) -> str:
        return text if text else self.tr("(empty)")

    def _location(self) -> str:
        """Row and column numbers (1-based, as the clerk counts) with their headings:
        the row's name to the left of the cell, the column's header text."""
        c = self.cell
        row_name = next(  # the nearest name to the left; codes and 序号 are numbers
            (
                o.text.strip()
                for o in sorted(self.table.cells, key=lambda o: -o.col)
                if o.row == c.row and o.col < c.col and _is_name(o.text)
            ),
            "",
        )
        col_name = " ".join(
            o.text
            for o in sorted(self.table.cells, key=lambda o: o.row)
            if o.row < self.table.header_rows
            and o.col <= c.col < o.col + o.colspan
            and o.text.strip()
        )
        text = self.tr("row {0}, column {1}").format(c.row + 1, c.col + 1)
        names = " / ".join(n for n in (row_name, col_name) if n)
        return f"{text} ({names})" if names else text

    def _saved_by(self) -> str:
        who, at = self.conflict.current_by, self.conflict.current_at
        if who is None:
            return self.tr("saved outside the review history")
        when = _local_time(at) if at is not None else "?"
        return self.tr("saved by {0} at {1}").format(who, when)


def _is_name(text: str) -> bool:
    t = text.strip().replace(".", "").replace(",", "")
    return bool(t) and not t.lstrip("-").isdigit()


def _local_time(at: datetime) -> str:
    """Edit times are stored in UTC; SQLite hands them back without a zone."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
