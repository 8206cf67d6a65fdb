"""Undoable review actions (QUndoCommand), one QUndoStack per open document.

`push()` runs `redo()` (qtbase undoframework example), which calls the model service;
the service writes and audits in one unit of work and returns Changes, which go to the
ChangeHub. The rules re-run right after on the job thread (`validate=False` here, then
review.revalidate via the window): a rule run takes ~40 ms on a full filing, more than
a frame on the GUI thread. A command whose service call fails marks itself obsolete
(QUndoStack then drops it) and hands the error to the window's one handler; for an
EditConflict that handler lets the clerk choose between both values (ConflictDialog).
Undo is another audited write, never an erase. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from gui.changes import ChangeHub
from model import review
from model.cell_places import grid_place
from model.changes import Changes
from model.database import Database
from model.domain import CellData

EDIT_CELL_ID = 1  # consecutive edits of one cell merge into one undo step


@dataclass(frozen=True)
class EditContext:
    db: Database
    hub: ChangeHub
    reviewer: str
    report_error: Callable[[BaseException], None]


class _ServiceCommand(QUndoCommand):
    def __init__(self, ctx: EditContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx

    def _run(self, call: Callable[[], Changes]) -> bool:
        try:
            changes = call()
        except Exception as err:  # noqa: BLE001 - all errors go to the one handler
            self.setObsolete(True)
            self.ctx.report_error(err)
            return False
        self.ctx.hub.apply(changes)
        return True


class EditCellCommand(_ServiceCommand):
    """Set one cell's text; `old` is what the clerk saw, checked by the service.

    `merge=False` keeps the command its own undo step: after an edit conflict the clerk's
    "Use mine" overwrites the other clerk's value, and undoing it must bring that value
    back, not the text before both edits.

    `where` names the cell as the page prints it (model.cell_places, e.g.
    "「303 办公费」行「合计」列"), for the undo text; without it the grid place."""

    def __init__(
        self,
        ctx: EditContext,
        cell: CellData,
        old: str,
        new: str,
        *,
        merge: bool = True,
        where: str | None = None,
    ) -> None:
        super().__init__(ctx, "")
        self.cell_id, self.row, self.col = cell.id, cell.row, cell.col
        self.old, self.new = old, new
        self.merge = merge
        self.where = where or grid_place(cell.row, cell.col)
        self._label()

    def _label(self) -> None:
        self.setText(
            QCoreApplication.translate("commands", "edit {0}: {1} → {2}").format(
                self.where, self.old or "∅", self.new or "∅"
            )
        )

    def redo(self) -> None:
        self._run(
            lambda: review.set_cell_text(
                self.ctx.db,
                self.cell_id,
                self.new,
                expected=self.old,
                reviewer=self.ctx.reviewer,
                validate=False,
            )
        )

    def undo(self) -> None:
        self._run(
            lambda: review.set_cell_text(
                self.ctx.db,
                self.cell_id,
                self.old,
                expected=self.new,
                reviewer=self.ctx.reviewer,
                validate=False,
            )
        )

    def id(self) -> int:  # noqa: A003 - Qt's name
        return EDIT_CELL_ID if self.merge else -1  # -1: Qt never merges it

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, EditCellCommand) or other.cell_id != self.cell_id:
            return False
        self.new = other.new
        self._label()
        if self.new == self.old:  # typed back to the original: nothing left to undo
            self.setObsolete(True)
        return True


class InsertRowCommand(_ServiceCommand):
    """Insert an empty row before `row` (0-based), for a row extraction missed; `where`
    names the row it goes above as printed (None: at the end, or unnamed)."""

    def __init__(self, ctx: EditContext, table_id: int, row: int, where: str | None = None) -> None:
        text = (
            QCoreApplication.translate("commands", "insert a row above {0}").format(where)
            if where
            else QCoreApplication.translate("commands", "insert row {0}").format(row + 1)
        )
        super().__init__(ctx, text)
        self.table_id, self.row = table_id, row

    def redo(self) -> None:
        self._run(
            lambda: review.insert_row(
                self.ctx.db, self.table_id, self.row, reviewer=self.ctx.reviewer, validate=False
            )
        )

    def undo(self) -> None:
        self._run(
            lambda: review.delete_row(
                self.ctx.db, self.table_id, self.row, reviewer=self.ctx.reviewer, validate=False
            )
        )


class DeleteRowCommand(_ServiceCommand):
    """Delete a row extraction invented; undo brings its cells back (text, bbox,
    confidence) from `cells`, the row as the view showed it; `where` names it as
    printed ("「303 办公费」行")."""

    def __init__(
        self,
        ctx: EditContext,
        table_id: int,
        row: int,
        cells: tuple[CellData, ...],
        where: str | None = None,
    ) -> None:
        super().__init__(
            ctx,
            QCoreApplication.translate("commands", "delete {0}").format(
                where or grid_place(row, None)
            ),
        )
        self.table_id, self.row, self.cells = table_id, row, cells

    def redo(self) -> None:
        self._run(
            lambda: review.delete_row(
                self.ctx.db, self.table_id, self.row, reviewer=self.ctx.reviewer, validate=False
            )
        )

    def undo(self) -> None:
        self._run(
            lambda: review.insert_row(
                self.ctx.db,
                self.table_id,
                self.row,
                reviewer=self.ctx.reviewer,
                validate=False,
                cells=self.cells,
            )
        )
