"""TableView: the selected table, with spans re-applied on every model reset and an
AmountDelegate that refuses what is not an amount while the clerk types. GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from gui.table_model import AMOUNT_ROLE, BudgetTableModel
from model import review

# What may appear while an amount is typed: digits (also full-width), one point, a sign,
# thousands separators. normalise_cell_text has the last word.
AMOUNT_PATTERN = QRegularExpression(r"^\s*-?[0-9０-９,，]*([.．][0-9０-９]*)?\s*$")


class AmountDelegate(QStyledItemDelegate):
    """Amount cells get a line edit that only accepts amount characters; text cells the
    default editor."""

    rejected = Signal(str)  # the text refused

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,  # noqa: N802
        index: QModelIndex,
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if index.data(AMOUNT_ROLE) and isinstance(editor, QLineEdit):
            editor.setValidator(QRegularExpressionValidator(AMOUNT_PATTERN, editor))
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        """Fill the editor from the model, unless the clerk has typed in it already.

        Qt calls this again on every dataChanged naming the edited cell, whatever the
        roles (QAbstractItemView::dataChanged), e.g. when a re-check tints it; that
        must not overwrite what is being typed (issue 26: "61.77" typed over 61.78
        became 61.786177). The typed text is written on commit."""
        if isinstance(editor, QLineEdit) and editor.isModified():
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: ANN001, N802
        if isinstance(editor, QLineEdit) and index.data(AMOUNT_ROLE):
            if review.normalise_cell_text(editor.text(), True) is None:
                self.rejected.emit(editor.text())
                return
        super().setModelData(editor, model, index)


class TableView(QTableView):
    current_cell_changed = Signal(object)  # CellData | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = AmountDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setDefaultSectionSize(110)
        self.verticalHeader().setDefaultSectionSize(24)
        self.setWordWrap(True)

    def setModel(self, model: BudgetTableModel) -> None:  # noqa: N802
        super().setModel(model)
        model.modelReset.connect(self.apply_spans)
        self.selectionModel().currentChanged.connect(self._on_current)
        self.apply_spans()

    def apply_spans(self) -> None:
        self.clearSpans()
        model = self.model()
        if not isinstance(model, BudgetTableModel):
            return
        for row, col, rs, cs in model.spans():
            self.setSpan(row, col, rs, cs)
        table = model.table
        if table is not None:
            # Narrow 序号 / 栏次 columns, wide name columns: size to content, capped.
            self.resizeColumnsToContents()
            for col in range(table.n_cols):
                self.setColumnWidth(col, max(48, min(self.columnWidth(col), 240)))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        model = self.model()
        cell = model.cell_at(current.row(), current.column()) if current.isValid() else None
        self.current_cell_changed.emit(cell)
