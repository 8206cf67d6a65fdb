"""File actions: import (dialog, drop, recent files), export of the provincial workbook,
the filing's details. Imports and exports run through run_job; GUI thread only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu

from gui.actions import make_action
from gui.filing_details_dialog import FilingDetailsDialog
from gui.import_queue import QueuedImport
from gui.jobs import Job, run_job
from model import filing_details, importing
from model.changes import Changes
from model.database import Database
from model.filing_details import FilingDetails
from model.progress import Progress

if TYPE_CHECKING:
    from gui.main_window import MainWindow

MAX_RECENT = 8


def import_path(db: Database, path: Path, *, progress: Progress) -> importing.Imported:
    """Job body (worker thread): import one file (or reuse it, matched by SHA-256)."""
    return importing.import_file(db, path, progress=progress)


def dropped_paths(urls: list[QUrl]) -> list[Path]:
    """The local files among dropped URLs that the program can import."""
    return [
        Path(u.toLocalFile())
        for u in urls
        if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in importing.SUFFIXES
    ]


class FileActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.import_action = make_action(
            window, self.tr("&Import…"), self.choose_import, QKeySequence.StandardKey.Open
        )
        self.export_action = make_action(
            window, self.tr("&Export workbook…"), self.choose_export, QKeySequence("Ctrl+E")
        )
        self.details_action = make_action(
            window, self.tr("Filing &details…"), self.edit_filing_details
        )
        self.recent_menu = QMenu(self.tr("Open &recent"), window)
        self.rebuild_recent()

    # --- import -------------------------------------------------------------------------

    def choose_import(self) -> None:
        paths = self.ask_import_paths()
        if paths:
            self.settings.setValue("last_dir", str(paths[0].parent))
            self.import_files(paths)

    def ask_import_paths(self) -> list[Path]:
        """The files the clerk picks in the (modal) import dialog; [] when cancelled.
        The one place a file dialog opens for an import: a scripted run
        (bench/review_session.py) answers here instead, never inside the dialog."""
        names, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Import filings"),
            self.import_folder(),
            self.tr("Filings (%1)").replace("%1", " ".join(f"*{s}" for s in importing.SUFFIXES)),
        )
        return [Path(n) for n in names]

    def import_folder(self) -> str:
        """Where the import dialog opens: the last folder imported from, else the
        clerk's Documents (home when there is none), never the program's folder."""
        last = self.settings.value("last_dir", "")
        if last and Path(str(last)).is_dir():
            return str(last)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return documents if documents and Path(documents).is_dir() else str(Path.home())

    def import_files(self, paths: list[Path], *, open_first: bool = True) -> list[QueuedImport]:
        """Queue files for import in the background, one after another (progress and
        Cancel in the status bar, gui/import_queue.py); the first one is opened. The
        window emits `imported` per file."""
        window = self.window
        jobs = []
        for i, path in enumerate(paths):

            def done(result: importing.Imported, path: Path = path, first: bool = i == 0) -> None:
                self.remember_recent(path)
                window.imported.emit(result.document_id)
                window.refresh_library()
                if first and open_first:
                    window.open_document(result.document_id)

            jobs.append(window.import_queue.add(path, on_done=done))
        return jobs

    # --- recent files ---------------------------------------------------------------------

    def remember_recent(self, path: Path) -> None:
        recent = [p for p in self.recent() if p != str(path.resolve())]
        recent.insert(0, str(path.resolve()))
        self.settings.setValue("recent_files", recent[:MAX_RECENT])
        self.rebuild_recent()

    def recent(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def rebuild_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.recent():
            a = self.recent_menu.addAction(Path(path).name)
            a.setToolTip(path)
            a.triggered.connect(lambda _=False, p=path: self.window.import_files([Path(p)]))
        self.recent_menu.setEnabled(bool(self.recent()))

    # --- export -----------------------------------------------------------------------------

    def choose_export(self) -> None:
        filing = self.window.document.filing
        if filing is None:
            return
        from model.export.workbook import workbook_name  # openpyxl loads on first export

        if not self.window.review_actions.go_on_with_open_errors(
            "exported_with_open_errors", self.window.review_actions.open_errors()
        ):
            return
        folder = self.settings.value("export_dir", str(Path.home()))
        target = self.ask_export_path(Path(folder) / workbook_name(filing))
        if target is not None:
            self.settings.setValue("export_dir", str(target.parent))
            self.export_to(target)

    def ask_export_path(self, proposed: Path) -> Path | None:
        """Where the clerk saves the workbook, in the (modal) save dialog that proposes
        `proposed`; None when cancelled. A scripted run answers here, as for imports."""
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export workbook"),
            str(proposed),
            self.tr("Excel workbook (*.xlsx)"),
        )
        return Path(name) if name else None

    def export_to(self, target: Path) -> Job:
        from model.export.workbook import export_workbook

        window = self.window
        return run_job(
            window,
            self.tr("Exporting…"),
            export_workbook,
            window.db,
            window.document.id,
            target,
            on_done=lambda _r: window.statusBar().showMessage(
                self.tr("Exported to {0}").format(target), 8000
            ),
        )

    # --- filing details ---------------------------------------------------------------------

    def edit_filing_details(self) -> None:
        """Correct the department, year and unit extraction guessed (audited; a new year
        re-runs the checks, in the job thread). The open document reads them back."""
        window = self.window
        filing = window.document.filing
        if filing is None:
            return
        dialog = FilingDetailsDialog(FilingDetails.of(filing), window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return

        def done(changes: Changes) -> None:
            window.hub.apply(changes)

        run_job(
            window,
            self.tr("Saving filing details…"),
            filing_details.set_details,
            window.db,
            filing.id,
            dialog.details(),
            window.reviewer,
            on_done=done,
        )

    def make_quit_action(self) -> QAction:
        """File → Quit: closes the window. Some platforms bind no Quit key (Windows,
        offscreen): Ctrl+Q then."""
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        return make_action(self.window, self.tr("&Quit"), self.window.close, keys)
