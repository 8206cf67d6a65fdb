"""ReasonDialog: the clerk's note for a decision on one finding or several. A dismissal
needs a reason: OK with an empty one says so in one line and keeps the dialog open.
Reads and writes nothing; GUI thread only."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    def __init__(
        self,
        title: str,
        prompt: str,
        text: str = "",
        *,
        required: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ReasonDialog")
        self.setWindowTitle(title)
        self.required = required
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.edit = QLineEdit(text)
        self.edit.setMinimumWidth(360)
        self.edit.textChanged.connect(lambda _t: self.problem.hide())
        self.problem = QLabel(self.tr("A dismissal needs a reason."))
        self.problem.setStyleSheet("color: #c5221f")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def reason(self) -> str:
        """The note as typed, without surrounding blanks."""
        return self.edit.text().strip()

    def accept(self) -> None:
        """Close with the note, unless a required reason is empty (then say so, stay)."""
        if self.required and not self.reason():
            self.problem.show()
            self.edit.setFocus()
            return
        super().accept()
