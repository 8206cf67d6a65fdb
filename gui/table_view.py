"""TableView: the selected table, with spans re-applied on every model reset and an
AmountDelegate that refuses what is not an amount while the clerk types. GUI thread.

The filing's header rows are painted frozen by a MultiRowHeaderView and hidden from
the body, so scrolling keeps them in sight; `header_rows_action` shows them as rows
again to correct their text, and selecting a header cell (a finding, a click on the
page) shows them too. Rows keep their stored numbers either way. Columns are sized to
their content up to MAX_COLUMN_WIDTH, longer text wraps and its row grows."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from gui.header_view import MultiRowHeaderView
from gui.table_model import AMOUNT_ROLE, BudgetTableModel
from model import review

# What may appear while an amount is typed: digits (also full-width), one point, a sign,
# thousands separators. normalise_cell_text has the last word.
AMOUNT_PATTERN = QRegularExpression(r"^\s*-?[0-9０-９,，]*([.．][0-9０-９]*)?\s*$")
MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH = 48, 220  # pixels; wider text wraps


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
        self.setHorizontalHeader(MultiRowHeaderView(self))
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setDefaultSectionSize(110)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.header_rows_action = QAction(self.tr("Edit &header rows"), self)
        self.header_rows_action.setCheckable(True)
        self.header_rows_action.setToolTip(
            self.tr("Show the filing's header rows in the table to correct their text")
        )
        self.header_rows_action.toggled.connect(self._show_header_rows)
        # Rows follow their wrapped text whenever a column is resized; once per burst.
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(0)
        self._rows_timer.timeout.connect(self.resizeRowsToContents)
        self.horizontalHeader().sectionResized.connect(lambda *_: self._rows_timer.start())

    def setModel(self, model: BudgetTableModel) -> None:  # noqa: N802
        super().setModel(model)
        model.modelReset.connect(self.apply_spans)
        self.selectionModel().currentChanged.connect(self._on_current)
        self.apply_spans()

    @property
    def header_rows_shown(self) -> bool:
        """True while the header rows are shown as body rows (for editing)."""
        return self.header_rows_action.isChecked()

    def first_body_row(self) -> int:
        """The stored row shown first in the body (header rows hidden or not)."""
        model = self.model()
        if not isinstance(model, BudgetTableModel) or self.header_rows_shown:
            return 0
        return model.body_start

    def apply_spans(self) -> None:
        self.clearSpans()
        model = self.model()
        if not isinstance(model, BudgetTableModel):
            return
        for row, col, rs, cs in model.spans():
            self.setSpan(row, col, rs, cs)
        self._hide_header_rows()
        table = model.table
        if table is not None:
            # Narrow 序号 / 栏次 columns, wide name columns: size to content, capped;
            # longer text wraps and its row grows.
            self.resizeColumnsToContents()
            for col in range(table.n_cols):
                width = self.columnWidth(col)
                self.setColumnWidth(col, max(MIN_COLUMN_WIDTH, min(width, MAX_COLUMN_WIDTH)))
            self.resizeRowsToContents()

    def _hide_header_rows(self) -> None:
        model = self.model()
        if not isinstance(model, BudgetTableModel):
            return
        for row in range(model.rowCount()):
            self.setRowHidden(row, row < model.body_start and not self.header_rows_shown)

    def _show_header_rows(self, _shown: bool) -> None:
        self._hide_header_rows()
        self.resizeRowsToContents()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        model = self.model()
        if current.isValid() and self.isRowHidden(current.row()):
            # A header cell was chosen (a finding, a click on the page): show it.
            self.header_rows_action.setChecked(True)
            self.scrollTo(current)
        cell = model.cell_at(current.row(), current.column()) if current.isValid() else None
        self.current_cell_changed.emit(cell)
        self.horizontalHeader().viewport().update()  # the current column's header cells
