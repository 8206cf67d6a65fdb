"""Edit actions: undo and redo, inserting and deleting rows, cell edits from the table
model and the clerk's choice after an edit conflict, the preferences (the reviewer's
name). Every change is an undoable command on the open document's stack; GUI thread only.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import QDialog

from gui.actions import make_action
from gui.commands import DeleteRowCommand, EditCellCommand, EditContext, InsertRowCommand
from gui.conflict_dialog import ConflictDialog
from gui.preferences_dialog import PreferencesDialog, reviewer, reviewer_is_set
from model import review
from model.cell_places import cell_place
from model.domain import CellData

if TYPE_CHECKING:
    from gui.main_window import MainWindow


class EditActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = EditContext(window.db, window.hub, window.reviewer, window.errors.report)
        group = window.document.undo_group
        # Fixed text and icon: QUndoGroup's own actions carry the command's text, so
        # the toolbar buttons grew with every edit and the buttons after them moved.
        # The command is named in the tooltip instead.
        self.undo_action = make_action(
            window, self.tr("&Undo"), group.undo, QKeySequence.StandardKey.Undo
        )
        self.redo_action = make_action(
            window, self.tr("Red&o"), group.redo, QKeySequence.StandardKey.Redo
        )
        for action, icon, can, text in (
            (
                self.undo_action,
                QIcon.ThemeIcon.EditUndo,
                group.canUndoChanged,
                group.undoTextChanged,
            ),
            (
                self.redo_action,
                QIcon.ThemeIcon.EditRedo,
                group.canRedoChanged,
                group.redoTextChanged,
            ),
        ):
            action.setIcon(QIcon.fromTheme(icon))
            action.setEnabled(False)
            can.connect(action.setEnabled)
            text.connect(lambda t, a=action: a.setToolTip(t or a.text().replace("&", "")))
        self.insert_above_action = make_action(
            window,
            self.tr("Insert row &above"),
            lambda: self.insert_row(0),
            QKeySequence("Ctrl+Shift+I"),
        )
        self.insert_below_action = make_action(
            window, self.tr("Insert row &below"), lambda: self.insert_row(1)
        )
        self.delete_row_action = make_action(
            window, self.tr("&Delete row"), self.delete_row, QKeySequence("Ctrl+Shift+K")
        )
        self.preferences_action = make_action(
            window,
            self.tr("Pr&eferences…"),
            self.edit_preferences,
            QKeySequence.StandardKey.Preferences,
        )
        window.table_view.delegate.rejected.connect(
            lambda text: window.statusBar().showMessage(
                self.tr("Not an amount: {0}").format(text), 4000
            )
        )

    # --- cells and rows ---------------------------------------------------------------------

    def push_edit(self, cell: CellData, old: str, new: str) -> None:
        """The table model's setData: one EditCellCommand on the open document's stack."""
        stack = self.window.undo_stack()
        if stack is not None:
            where = self.window.table_model.place(cell.row, cell.col)
            stack.push(EditCellCommand(self.ctx, cell, old, new, where=where))

    def resolve_conflict(self, conflict: review.EditConflict) -> bool:
        """Another clerk saved the cell first (the table already shows their value): the
        clerk chooses. "Keep theirs" writes nothing; "Use mine" pushes a new, unmerged
        EditCellCommand from their value to ours, audited and undoable like any edit.
        False when the cell is not in the open filing (the error box tells the clerk)."""
        window = self.window
        found = next(
            (
                (t, c)
                for t in window.document.tables.values()
                for c in t.cells
                if c.id == conflict.cell_id
            ),
            None,
        )
        if found is None:
            return False
        table, cell = found
        dialog = ConflictDialog(conflict, table, cell, window)
        window.conflict_dialog = dialog

        def chosen(_result: int) -> None:
            window.conflict_dialog = None
            dialog.deleteLater()
            stack = window.undo_stack()
            if dialog.use_mine() and stack is not None:
                stack.push(
                    EditCellCommand(
                        self.ctx,
                        cell,
                        conflict.current_text,
                        conflict.attempted_text,
                        merge=False,
                        where=cell_place(table, cell.row, cell.col),
                    )
                )
            else:
                window.reload_current_table()

        dialog.finished.connect(chosen)
        dialog.open()
        return True

    def insert_row(self, below: int = 0) -> None:
        window = self.window
        table, idx = window.current_table(), window.table_view.currentIndex()
        stack = window.undo_stack()
        if table is None or stack is None:
            return
        row = (idx.row() + below) if idx.isValid() else table.n_rows
        where = window.table_model.row_label(row) if row < table.n_rows else None
        stack.push(InsertRowCommand(self.ctx, table.id, row, where))

    def delete_row(self) -> None:
        window = self.window
        table, idx = window.current_table(), window.table_view.currentIndex()
        stack = window.undo_stack()
        if table is None or stack is None or not idx.isValid():
            return
        stack.push(
            DeleteRowCommand(
                self.ctx,
                table.id,
                idx.row(),
                window.table_model.cells_in_row(idx.row()),
                window.table_model.row_label(idx.row()),
            )
        )

    # --- preferences ------------------------------------------------------------------------

    def edit_preferences(self, *, first_use: bool = False) -> None:
        window = self.window
        dialog = PreferencesDialog(window.settings, window, first_use=first_use)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            window.reviewer = reviewer(window.settings)
            self.ctx = dataclasses.replace(self.ctx, reviewer=window.reviewer)

    def ask_reviewer_once(self) -> bool:
        """At a start without a reviewer's name in preferences, ask for it (gui.app
        calls this once the window shows), so edits and decisions are not signed with
        the OS login. Returns whether it asked; a clerk who cancels is asked again at
        the next start."""
        if reviewer_is_set(self.window.settings):
            return False
        self.edit_preferences(first_use=True)
        return True
