"""The filing's details (department code and name, budget year, unit) for the clerk
to correct when extraction guessed them wrong; model/filing_details.py stores and
audits them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from model.filing_details import UNITS, FilingDetails

NO_YEAR = 1989  # the spin box's "special value": the filing prints no year


class FilingDetailsDialog(QDialog):
    def __init__(self, details: FilingDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Filing details"))
        self.code = QLineEdit(details.department_code or "")
        self.code.setMaxLength(50)
        self.name = QLineEdit(details.department_name or "")
        self.name.setMaxLength(200)
        self.name.setMinimumWidth(320)
        self.year = QSpinBox()
        self.year.setRange(NO_YEAR, 2100)
        self.year.setSpecialValueText(self.tr("not printed"))
        self.year.setValue(details.year or NO_YEAR)
        self.unit = QComboBox()
        self.unit.addItems(UNITS)
        self.unit.setCurrentText(details.unit)
        form = QFormLayout(self)
        form.addRow(self.tr("Department &code:"), self.code)
        form.addRow(self.tr("Department &name:"), self.name)
        form.addRow(self.tr("Budget &year:"), self.year)
        form.addRow(self.tr("&Unit of amounts:"), self.unit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def details(self) -> FilingDetails:
        year = self.year.value()
        return FilingDetails(
            self.code.text(),
            self.name.text(),
            None if year == NO_YEAR else year,
            self.unit.currentText(),
        )
