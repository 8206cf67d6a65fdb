"""Preferences: the reviewer's name, asked once (at the first start without one, see
MainWindow.ask_reviewer_once) and kept in QSettings, so the audit trail names the
clerk rather than the login of a shared office PC."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from model.review import reviewer_name as login_name

REVIEWER_KEY = "reviewer"


def reviewer_is_set(settings: QSettings) -> bool:
    name = settings.value(REVIEWER_KEY)
    return isinstance(name, str) and bool(name.strip())


def reviewer(settings: QSettings) -> str:
    """The name set in preferences, else the OS login (only while the clerk, asked at
    the first start, has not given one)."""
    name = settings.value(REVIEWER_KEY)
    return name.strip() if reviewer_is_set(settings) else login_name()


class PreferencesDialog(QDialog):
    """`first_use`: asked at a start without a reviewer's name; the field starts empty
    (the OS login only as a hint) and says why the name is wanted."""

    def __init__(
        self, settings: QSettings, parent: QWidget | None = None, *, first_use: bool = False
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Reviewer name") if first_use else self.tr("Preferences"))
        self.name = QLineEdit("" if first_use else reviewer(settings))
        self.name.setPlaceholderText(login_name())
        self.name.setMaxLength(100)
        self.name.setMinimumWidth(240)
        self.name.setToolTip(self.tr("Recorded with every correction and decision."))
        form = QFormLayout(self)
        if first_use:
            intro = QLabel(
                self.tr(
                    "Please enter your name. It is recorded with every correction, decision "
                    "and review mark; you can change it later under Preferences."
                )
            )
            intro.setWordWrap(True)
            form.addRow(intro)
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
