"""run_gui: start the review window (main.py calls it for no command and for `open`).

First run opens the bundled sample filing (imported through run_job); later runs open
the last document; `open FILE...` imports the files and shows the first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.collector import GuiThreadCollector
from gui.emit_refcount import guard_bools
from gui.i18n import install_translators
from gui.jobs import import_pool, job_pool
from gui.main_window import MainWindow
from gui.query import run_query
from model import review
from model.database import Database, open_database
from model.review import InputError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample" / "sample-filing.pdf"
ICON = ROOT / "resources" / "icons" / "budget-review.svg"


def app_settings() -> QSettings:
    return QSettings("BudgetReviewDesk", "BudgetReviewDesk")


def start_window(db: Database, settings: QSettings, files: list[str]) -> MainWindow:
    """Build the window and decide what it shows first (see module docstring); the
    library is read on the job thread."""
    window = MainWindow(db, settings)
    if files:
        window.import_files([Path(f) for f in files])
        return window

    def chosen(document_id: int | None) -> None:
        if document_id is not None:
            window.open_document(document_id)
        elif SAMPLE.exists():
            window.import_files([SAMPLE])

    run_query(window, first_document, db, settings.value("last_document"), on_done=chosen)
    return window


def first_document(db: Database, last: object) -> int | None:
    """Query body (worker thread): the document to reopen — the one saved in the
    settings if the library still has it, else the one opened last, else None."""
    known = {d.id for d in review_library(db)}
    try:
        last_id = int(last) if last is not None else None  # type: ignore[call-overload]
    except (TypeError, ValueError):
        last_id = None
    if last_id not in known:
        last_id = review.last_opened_document(db)
    return last_id if last_id in known else None


def review_library(db: Database):  # noqa: ANN201 - list[DocumentSummary]
    from model.library import list_documents

    return list_documents(db)


def run_gui(db_url: str | None = None, files: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    guard_bools()  # PySide6 6.12's emit() leaks a reference to True per call
    app.setOrganizationName("BudgetReviewDesk")
    app.setApplicationName("BudgetReviewDesk")
    if ICON.exists():
        app.setWindowIcon(QIcon(str(ICON)))
    settings = app_settings()
    translators = install_translators(app, str(settings.value("language", "zh_CN")))
    try:
        db = open_database(db_url)
    except InputError as err:
        QMessageBox.critical(None, "Budget Review Desk", str(err))
        return 2
    collector = GuiThreadCollector(parent=app)
    window = start_window(db, settings, list(files or []))
    window.show()
    QTimer.singleShot(0, window.ask_reviewer_once)  # at the first start: who is reviewing
    try:
        return app.exec()
    finally:
        job_pool().waitForDone()  # the revalidation the closed window left (gui.document)
        import_pool().waitForDone()  # a cancelled import stops at its next page
        collector.stop()
        del translators
        db.dispose()
