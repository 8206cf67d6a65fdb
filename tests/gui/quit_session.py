"""A clerk's session in a child process, for test_quit.py: the program started as
`main.py` starts it (gui.app.run_gui over a fresh database and settings folder, the
small filing stored and reopened as the last document), then `EDITS` edits typed into
cells, undone and redone in part, tables and findings stepped through, and the window
closed. The exit status is
run_gui's; a crash at quit (issue 26: `bool_dealloc` while garbage-collecting) shows as
a signal instead.

    python -m tests.gui.quit_session WORKDIR [EDITS]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.gui.filing_builder import store_small_filing

STEP_MS = 1


def main_window():  # noqa: ANN201 - gui.main_window.MainWindow | None
    from gui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            return widget
    return None


def type_into(view: QWidget, text: str) -> None:
    """Type into the current cell as a clerk does: the first key opens the editor, the
    rest go to whatever has the focus then (the editor), Tab commits."""
    view.window().activateWindow()
    view.setFocus()
    for key in text:
        QTest.keyClick(QApplication.focusWidget() or view, key)
    QTest.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Tab)


class Session:
    """Drives the window through public methods and key clicks, one step per timer tick
    so the event loop (jobs, revalidation, repaints) runs in between as for a clerk."""

    def __init__(self, edits: int) -> None:
        self.edits = edits
        self.steps = iter(self._steps())

    def start(self) -> None:
        QTimer.singleShot(STEP_MS, self._tick)

    def _tick(self) -> None:
        try:
            wait = next(self.steps)
        except StopIteration:
            return
        QTimer.singleShot(wait or STEP_MS, self._tick)

    def _steps(self):  # noqa: ANN202 - generator of delays in ms
        window = None
        while window is None or window.filing is None or window.table_model.table is None:
            window = main_window()
            yield 50
        tables = [t.id for t in window.filing.tables]
        for i in range(self.edits):
            window.select_table(tables[i % len(tables)])
            model = window.table_model
            amounts = [
                (r, c)
                for r in range(model.rowCount())
                for c in range(model.columnCount())
                if model.is_amount(r, c)
            ]
            row, col = amounts[i % len(amounts)]
            window.select_cell(row, col)
            type_into(window.table_view, f"{i + 1}.5")
            if i % 5 == 4:
                window.undo_action.trigger()
            if i % 10 == 9:
                window.redo_action.trigger()
            if i % 7 == 0:
                window.next_finding_action.trigger()
                window.zoom_in_action.trigger()
            if i % 11 == 0:
                window.pdf_view.scroll_to_page(1 + i % 2)
            yield STEP_MS
        for _ in range(window.undo_stack().count() // 2):
            window.undo_action.trigger()
            yield STEP_MS
        yield 400  # the revalidation after the last edits
        window.close()


def run(workdir: Path, edits: int) -> int:
    from gui.app import app_settings, run_gui
    from model.database import open_database

    url = f"sqlite:///{workdir / 'review.db'}"
    db = open_database(url)
    document_id = store_small_filing(db)  # stored, not parsed: the parser is not on trial
    db.dispose()
    QApplication.instance() or QApplication(sys.argv[:1])
    app_settings().setValue("last_document", document_id)  # run_gui reopens it
    session = Session(edits)
    session.start()
    return run_gui(db_url=url)


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100))
