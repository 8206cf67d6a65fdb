"""Preferences: the reviewer's name, asked once and kept in QSettings, so the audit
trail names the clerk rather than the login of a shared office PC."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from model.review import reviewer_name as login_name

REVIEWER_KEY = "reviewer"


def reviewer(settings: QSettings) -> str:
    """The name set in preferences, else the OS login (until the clerk sets one)."""
    name = settings.value(REVIEWER_KEY)
    return name.strip() if isinstance(name, str) and name.strip() else login_name()


class PreferencesDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        self.name = QLineEdit(reviewer(settings))
        self.name.setMaxLength(100)
        self.name.setMinimumWidth(240)
        self.name.setToolTip(self.tr("Recorded with every correction and decision."))
        form = QFormLayout(self)
        form.addRow(self.tr("&Reviewer name:"), self.name)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        name = self.name.text().strip()
        if name:
            self.settings.setValue(REVIEWER_KEY, name)
        super().accept()
