"""MainWindow: the review window's shell. Source on the left, the filing's tables on the
right, findings and the library in docks below. It builds the widgets and wires them to
the open document (gui/document.py: filing, tables, findings, undo stacks, pending
validation) and to the actions (gui/actions/: file, edit, review, view). Every change
comes back through the ChangeHub, every read of the database runs on the job thread.
GUI thread only; no SQL here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui import window_layout
from gui.actions.edit import EditActions
from gui.actions.file import FileActions, dropped_paths, import_path
from gui.actions.review import ReviewActions
from gui.actions.view import ViewActions
from gui.catalog import catalog_name, kind_name
from gui.changes import ChangeHub
from gui.conflict_dialog import ConflictDialog
from gui.document import OpenDocument
from gui.errors import ErrorReporter
from gui.filing_progress import FilingProgressLabel
from gui.findings_dock import FindingsDock
from gui.import_queue import ImportQueue, QueuedImport
from gui.jobs import Job
from gui.library_dock import LibraryDock
from gui.pdf_view import PdfView
from gui.preferences_dialog import reviewer
from gui.query import run_query
from gui.source_crop import SourceCropView
from gui.source_view import SourceView
from gui.table_list import TableListModel, pages_text, table_list_view
from gui.table_model import BudgetTableModel
from gui.table_view import TableView
from model import library, pages
from model.database import Database
from model.domain import FilingData, TableData


class MainWindow(QMainWindow):
    document_opened = Signal(int)  # after a document is shown (tests wait for it)
    checked = Signal(int)  # after the full validation that follows opening, findings shown
    revalidated = Signal(int)  # after the rules re-ran for edited tables, findings shown
    imported = Signal(int)

    def __init__(self, db: Database, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.setObjectName("MainWindow")
        self.errors = ErrorReporter(self)
        self.conflict_dialog: ConflictDialog | None = None  # the open one (tests answer it)
        self.hub = ChangeHub(self)
        self.reviewer = reviewer(settings)
        self.document = OpenDocument(db, self.hub, self.errors.report, self)
        self.table_id: int | None = None
        self._selecting = False

        pages.warm_up()
        self._build_widgets()
        self.file_actions = FileActions(self)
        self.edit_actions = EditActions(self)
        self.review_actions = ReviewActions(self)
        self.view_actions = ViewActions(self)
        for actions in (self.file_actions, self.edit_actions, self.review_actions):
            for name, value in vars(actions).items():
                if name.endswith("_action"):
                    setattr(self, name, value)  # window.undo_action etc., as before
        for name in ("zoom_in_action", "zoom_out_action", "fit_width_action", "about_action"):
            setattr(self, name, getattr(self.view_actions, name))
        self.page_box, self.zoom_label = self.view_actions.page_box, self.view_actions.zoom_label
        self.recent_menu = self.file_actions.recent_menu
        self.quit_action = self.file_actions.make_quit_action()
        self.errors.on_conflict = self.edit_actions.resolve_conflict
        self._build_menus()
        self._connect()
        window_layout.compact_rows(self.table_list, self.findings_dock.view)
        self.import_queue = ImportQueue(self, import_path, self.db)  # status bar, non-modal
        self.setAcceptDrops(True)
        self.setWindowTitle(self.tr("Budget Review Desk"))
        self._fit_on_show = window_layout.restore_layout(self)
        self.refresh_library()

    # --- construction ---------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.pdf_view = PdfView()
        self.source_browser = SourceView()
        self.source_stack = QStackedWidget()
        self.source_stack.addWidget(self.pdf_view)
        self.source_stack.addWidget(self.source_browser)

        self.table_list_model = TableListModel(self)
        self.table_list_model.follow(self.document)
        self.table_list = table_list_view(self.table_list_model)

        # setData pushes the edit as a command on the open document's undo stack.
        push = lambda cell, old, new: self.edit_actions.push_edit(cell, old, new)  # noqa: E731
        self.table_model = BudgetTableModel(push_edit=push, parent=self)
        self.table_view = TableView()
        self.table_view.setModel(self.table_model)
        self.table_title = QLabel()
        self.table_title.setWordWrap(True)
        self.table_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        table_box = QWidget()
        box = QVBoxLayout(table_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table_title)
        box.addWidget(self.table_view)
        self.source_crop = SourceCropView()
        box.addWidget(self.source_crop)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.addWidget(self.source_stack)
        self.splitter.addWidget(table_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        # The findings and the list of tables side by side under the page and the table,
        # each with 8 rows at 1366×768, so the table editor keeps the column's height.
        self.findings_dock = FindingsDock(self)
        self.findings_dock.follow(self.document)
        self.library_dock = LibraryDock(self)
        self.tables_dock = QDockWidget(self.tr("Tables"), self)
        self.tables_dock.setObjectName("TablesDock")
        self.tables_dock.setWidget(self.table_list)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)
        self.splitDockWidget(self.findings_dock, self.tables_dock, Qt.Orientation.Horizontal)
        self.tabifyDockWidget(self.findings_dock, self.library_dock)
        self.findings_dock.raise_()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.import_action)
        file_menu.addMenu(self.recent_menu)
        for a in (self.export_action, self.check_all_action, self.details_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        for a in (
            self.undo_action,
            self.redo_action,
            None,
            self.insert_above_action,
            self.insert_below_action,
            self.delete_row_action,
            None,
            self.reviewed_action,
            self.all_reviewed_action,
            None,
            self.preferences_action,
        ):
            edit_menu.addSeparator() if a is None else edit_menu.addAction(a)
        view_menu = bar.addMenu(self.tr("&View"))
        for a in (
            self.next_finding_action,
            self.prev_finding_action,
            None,
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_width_action,
            None,
            self.findings_dock.toggleViewAction(),
            self.tables_dock.toggleViewAction(),
            self.library_dock.toggleViewAction(),
            self.table_view.header_rows_action,
        ):
            view_menu.addSeparator() if a is None else view_menu.addAction(a)
        self.view_actions.add_language_menu(view_menu)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

        tools = self.addToolBar(self.tr("Review"))
        tools.setObjectName("ReviewToolBar")
        for a in (
            self.import_action,
            self.export_action,
            None,
            self.undo_action,
            self.redo_action,
            None,
            self.prev_finding_action,
            self.next_finding_action,
            self.reviewed_action,
            None,
            self.zoom_out_action,
            self.zoom_in_action,
            self.fit_width_action,
        ):
            tools.addSeparator() if a is None else tools.addAction(a)
        tools.addWidget(self.zoom_label)
        tools.addSeparator()
        tools.addWidget(self.page_box)
        self.progress_label = FilingProgressLabel(self.document)
        self.statusBar().addPermanentWidget(self.progress_label)

    def _connect(self) -> None:
        doc = self.document
        doc.loaded.connect(self._on_loaded)
        doc.cells_changed.connect(self.table_model.apply_cells)
        doc.table_changed.connect(self._on_table_changed)
        doc.details_changed.connect(self._show_title)
        doc.checked.connect(self.checked)
        doc.revalidated.connect(self.revalidated)
        self.hub.documents_changed.connect(self.refresh_library)
        self.table_list.selectionModel().currentRowChanged.connect(self._on_table_row)
        self.library_dock.document_requested.connect(self.open_document)
        self.errors.reported.connect(lambda text: self.statusBar().showMessage(text, 8000))
        # After a failed edit (a conflict above all) show what the database holds now.
        self.errors.reported.connect(lambda _text: self.reload_current_table())

    # --- the open document ------------------------------------------------------------------

    @property
    def filing(self) -> FilingData | None:
        return self.document.filing

    def undo_stack(self) -> QUndoStack | None:
        return self.document.undo_stack()

    def open_document(self, document_id: int) -> Job:
        """Read the filing on the job thread, then show it (emits document_opened)."""
        return self.document.open(document_id)

    def import_files(self, paths: list[Path], *, open_first: bool = True) -> list[QueuedImport]:
        """Import files one after another on the job thread; the first one is opened."""
        return self.file_actions.import_files(paths, open_first=open_first)

    def refresh_library(self) -> Job:
        """Read the library list on the job thread, then show it."""
        return run_query(
            self,
            library.list_documents,
            self.db,
            on_done=lambda docs: self.library_dock.set_documents(docs, self.document.id),
        )

    def reload_findings(self) -> Job | None:
        """Read the findings again (job thread); `document.findings_changed` follows."""
        return self.document.reload_findings()

    def reload_current_table(self) -> None:
        if self.table_id is not None:
            self.document.reload_tables(frozenset({self.table_id}))

    def _on_loaded(self, filing: FilingData) -> None:
        self.view_actions.show_source(filing)
        self.table_list.resizeColumnToContents(1)
        self.table_list.resizeColumnToContents(2)
        self.table_id = None
        self.select_table(filing.tables[0].id if filing.tables else None)
        self.settings.setValue("last_document", filing.id)
        self._show_title(filing)
        self.refresh_library()
        self.document_opened.emit(filing.id)

    def _on_table_changed(self, table: TableData) -> None:
        if table.id == self.table_id:
            idx = self.table_view.currentIndex()
            self.table_model.set_table(table)
            if idx.isValid():
                self.select_cell(min(idx.row(), table.n_rows - 1), idx.column())
            self.review_actions.show_reviewed(table.review_status == "reviewed")

    def _show_title(self, filing: FilingData) -> None:
        title = filing.department_name or filing.name
        year = f" {filing.year}" if filing.year else ""
        self.setWindowTitle(self.tr("{0}{1} — Budget Review Desk").format(title, year))

    # --- tables and cells -------------------------------------------------------------------

    def current_table(self) -> TableData | None:
        return self.document.tables.get(self.table_id) if self.table_id is not None else None

    def select_table(self, table_id: int | None) -> None:
        if table_id == self.table_id and self.table_model.table is not None:
            return
        self.table_id = table_id
        table = self.current_table()
        self.table_model.set_table(table)
        row = self.table_list_model.row_of(table_id) if table_id is not None else -1
        if row >= 0 and self.table_list.currentIndex().row() != row:
            self._selecting = True
            self.table_list.selectRow(row)
            self._selecting = False
        self.review_actions.show_reviewed(bool(table and table.review_status == "reviewed"))
        if table is not None:
            name = kind_name(table.kind, table.title)
            pages = pages_text(table.pages)
            printed = catalog_name(table.kind) if catalog_name(table.kind) != name else ""
            self.table_title.setText(
                self.tr("<b>{0}</b> {1} (pages {2})").format(name, printed, pages)
                if pages  # a DOCX / XLSX table has none: no "(pages )"
                else self.tr("<b>{0}</b> {1}").format(name, printed)
            )
            if table.pages and self.source_stack.currentWidget() is self.pdf_view:
                self.pdf_view.scroll_to_page(table.pages[0])
        else:
            self.table_title.setText("")
        self.review_actions.apply_marks(None)

    def _on_table_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting:
            return
        table = self.table_list_model.table_at(current.row())
        if table is not None:
            self.select_table(table.id)

    def select_cell(self, row: int, col: int) -> None:
        idx = self.table_model.index(row, col)
        self.table_view.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.table_view.scrollTo(idx)

    # --- the actions, as the window's own methods (tests, bench, gui.app call them so) -------

    insert_row = property(lambda self: self.edit_actions.insert_row)
    delete_row = property(lambda self: self.edit_actions.delete_row)
    ask_reviewer_once = property(lambda self: self.edit_actions.ask_reviewer_once)
    set_table_reviewed = property(lambda self: self.review_actions.set_table_reviewed)
    check_library = property(lambda self: self.review_actions.check_library)
    export_to = property(lambda self: self.file_actions.export_to)

    # --- layout, drops, closing ---------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._fit_on_show:  # the frame (title bar, borders) is known once shown
            self._fit_on_show = False
            window_layout.fit_screen(self)  # first start: fill the screen up to 1400×900
            args = self, self.findings_dock, self.table_list
            QTimer.singleShot(0, self, lambda: window_layout.make_room(*args))  # 8 rows each

    def save_layout(self) -> None:
        window_layout.save_layout(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if dropped_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = dropped_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.import_queue.cancel()  # an import under way stores nothing; quit at once
        self.save_layout()
        self.document.close()
        self.pdf_view.set_document(None, ())
        super().closeEvent(event)
