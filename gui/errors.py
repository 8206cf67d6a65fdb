"""The one error handler of the review window: every job, command and action routes its
exception here (as Anki's operations do). Messages open window-modal, never blocking."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from model.progress import Cancelled
from model.review import EditConflict, InputError

log = logging.getLogger(__name__)


class ErrorReporter(QObject):
    """Shows an error to the clerk. Known errors (bad input, edit conflicts) carry one
    Chinese line; anything else is a bug, logged with its traceback. An edit conflict goes
    to `on_conflict` when the window set one (the clerk chooses between both values
    there; it returns False when it cannot show the cell), else to a message box."""

    reported = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.last_message: str | None = None
        self.on_conflict: Callable[[EditConflict], bool] | None = None

    def report(self, err: BaseException) -> None:
        if isinstance(err, Cancelled):
            return
        if isinstance(err, (InputError, EditConflict)):
            text = str(err)
        else:
            log.error("".join(traceback.format_exception(err)))
            text = self.tr("Unexpected error: {0}").format(f"{type(err).__name__}: {err}")
        self.last_message = text
        self.reported.emit(text)
        if isinstance(err, EditConflict) and self.on_conflict and self.on_conflict(err):
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Budget Review Desk"),
            text,
            QMessageBox.StandardButton.Ok,
            self._parent,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
