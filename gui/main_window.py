"""MainWindow: the review window. Source on the left, the filing's tables on the right,
findings and the library in docks below. It wires widgets together; the work is in
model/ services (called directly for small edits, through run_job for long work) and
every change comes back through the ChangeHub. GUI thread only; no SQL here.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    QStandardPaths,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QShowEvent,
    QUndoGroup,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.catalog import catalog_name, kind_name
from gui.changes import ChangeHub
from gui.commands import DeleteRowCommand, EditCellCommand, EditContext, InsertRowCommand
from gui.conflict_dialog import ConflictDialog
from gui.errors import ErrorReporter
from gui.filing_details_dialog import FilingDetailsDialog
from gui.findings_dock import FindingsDock
from gui.import_queue import ImportQueue, QueuedImport
from gui.jobs import Job, run_job
from gui.library_dock import LibraryDock
from gui.pdf_view import PdfView
from gui.preferences_dialog import PreferencesDialog, reviewer, reviewer_is_set
from gui.source_crop import SourceCropView
from gui.source_view import SourceView
from gui.table_list import TableListModel
from gui.table_model import BudgetTableModel
from gui.table_view import TableView
from gui.window_layout import compact_rows, make_room
from model import filing_details, importing, library, pages, review, source_view
from model.cell_places import cell_place
from model.changes import Changes
from model.database import Database
from model.domain import CellData, FilingData, TableData
from model.filing_details import DEFAULT_UNIT, FilingDetails
from model.findings import FindingData, decide_many
from model.pages import PageImages

MAX_RECENT = 8
VALIDATION_DELAY_MS = 150  # typing through cells re-runs the rules once, not per cell
SUPPORTED = (".pdf", ".docx", ".xlsx", ".txt", ".md")


def load_document(db: Database, document_id: int, *, progress):  # noqa: ANN001, ANN201
    """Job body (worker thread): (filing, findings, source HTML or None), plain data."""
    progress.check()
    filing = library.load_filing(db, document_id)
    progress.check()
    html = source_view.source_html(db, document_id) if filing.file_type != "pdf" else None
    return filing, review.document_findings(db, document_id), html


def import_path(db: Database, path: Path, *, progress) -> importing.Imported:  # noqa: ANN001
    """Job body (worker thread): import one file (or reuse it, matched by SHA-256)."""
    return importing.import_file(db, path, progress=progress)


class MainWindow(QMainWindow):
    document_opened = Signal(int)  # after a document is shown (tests wait for it)
    checked = Signal(int)  # after the full validation that follows opening
    revalidated = Signal(int)  # after the rules re-ran for edited tables
    imported = Signal(int)

    def __init__(self, db: Database, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.setObjectName("MainWindow")
        self.errors = ErrorReporter(self)
        self.errors.on_conflict = self.resolve_conflict
        self.conflict_dialog: ConflictDialog | None = None  # the open one (tests answer it)
        self.hub = ChangeHub(self)
        self.reviewer = reviewer(settings)
        self.ctx = EditContext(db, self.hub, self.reviewer, self.errors.report)
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}
        self.filing: FilingData | None = None
        self._tables: dict[int, TableData] = {}
        self._findings: list[FindingData] = []
        self.table_id: int | None = None
        self._selecting = False

        pages.warm_up()
        self._unvalidated: dict[int, set[int]] = {}
        self._validation_timer = QTimer(self)
        self._validation_timer.setSingleShot(True)
        self._validation_timer.setInterval(VALIDATION_DELAY_MS)
        self._validation_timer.timeout.connect(self._run_validation)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._connect()
        compact_rows(self.table_list, self.findings_dock.view)
        self.import_queue = ImportQueue(self, import_path, self.db)  # status bar, non-modal
        self.setAcceptDrops(True)
        self.setWindowTitle(self.tr("Budget Review Desk"))
        self._restore_layout()
        self.refresh_library()

    # --- construction ---------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.pdf_view = PdfView()
        self.pdf_view.hover_text = self._hover_text
        self.source_browser = SourceView()
        self.source_stack = QStackedWidget()
        self.source_stack.addWidget(self.pdf_view)
        self.source_stack.addWidget(self.source_browser)

        self.table_list_model = TableListModel(self)
        self.table_list = QTableView()
        self.table_list.setObjectName("TableList")
        self.table_list.setModel(self.table_list_model)
        self.table_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_list.verticalHeader().setVisible(False)
        self.table_list.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.table_model = BudgetTableModel(push_edit=self.push_edit, parent=self)
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

        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("RightSplitter")
        self.right_splitter.addWidget(self.table_list)
        self.right_splitter.addWidget(table_box)
        self.right_splitter.setStretchFactor(1, 3)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.addWidget(self.source_stack)
        self.splitter.addWidget(self.right_splitter)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        self.findings_dock = FindingsDock(self)
        self.library_dock = LibraryDock(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.library_dock)
        self.tabifyDockWidget(self.findings_dock, self.library_dock)
        self.findings_dock.raise_()

        self.page_box = QSpinBox()
        self.page_box.setMinimum(1)
        self.page_box.setPrefix(self.tr("Page "))
        self.page_box.setToolTip(self.tr("Go to page"))
        self.zoom_label = QLabel("100%")

    def _build_actions(self) -> None:
        def act(text: str, slot, shortcut=None, *, checkable: bool = False) -> QAction:  # noqa: ANN001
            a = QAction(text, self)
            if shortcut is not None:
                if isinstance(shortcut, list | QKeySequence.StandardKey):
                    a.setShortcuts(shortcut)  # a StandardKey: every platform binding
                else:
                    a.setShortcut(shortcut)
            a.setCheckable(checkable)
            (a.toggled if checkable else a.triggered).connect(slot)
            return a

        self.import_action = act(
            self.tr("&Import…"), self.choose_import, QKeySequence.StandardKey.Open
        )
        self.export_action = act(
            self.tr("&Export workbook…"), self.choose_export, QKeySequence("Ctrl+E")
        )
        self.check_all_action = act(self.tr("&Check all documents"), self.check_library)
        self.details_action = act(self.tr("Filing &details…"), self.edit_filing_details)
        self.preferences_action = act(
            self.tr("Pr&eferences…"), self.edit_preferences, QKeySequence.StandardKey.Preferences
        )
        # Some platforms bind no Quit key (Windows, offscreen): Ctrl+Q then.
        quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [
            QKeySequence("Ctrl+Q")
        ]
        self.quit_action = act(self.tr("&Quit"), self.close, quit_keys)
        # Fixed text and icon: QUndoGroup's own actions carry the command's text, so
        # the toolbar buttons grew with every edit and the buttons after them moved.
        # The command is named in the tooltip instead.
        self.undo_action = act(
            self.tr("&Undo"), self.undo_group.undo, QKeySequence.StandardKey.Undo
        )
        self.redo_action = act(
            self.tr("Red&o"), self.undo_group.redo, QKeySequence.StandardKey.Redo
        )
        for action, icon, can, text in (
            (
                self.undo_action,
                QIcon.ThemeIcon.EditUndo,
                self.undo_group.canUndoChanged,
                self.undo_group.undoTextChanged,
            ),
            (
                self.redo_action,
                QIcon.ThemeIcon.EditRedo,
                self.undo_group.canRedoChanged,
                self.undo_group.redoTextChanged,
            ),
        ):
            action.setIcon(QIcon.fromTheme(icon))
            action.setEnabled(False)
            can.connect(action.setEnabled)
            text.connect(lambda t, a=action: a.setToolTip(t or a.text().replace("&", "")))
        self.insert_above_action = act(
            self.tr("Insert row &above"), lambda: self.insert_row(0), QKeySequence("Ctrl+Shift+I")
        )
        self.insert_below_action = act(self.tr("Insert row &below"), lambda: self.insert_row(1))
        self.delete_row_action = act(
            self.tr("&Delete row"), self.delete_row, QKeySequence("Ctrl+Shift+K")
        )
        self.reviewed_action = act(
            self.tr("Table &reviewed"),
            self.set_table_reviewed,
            QKeySequence("Ctrl+R"),
            checkable=True,
        )
        self.next_finding_action = act(
            self.tr("&Next finding"), lambda: self.findings_dock.step(True), QKeySequence("F8")
        )
        self.prev_finding_action = act(
            self.tr("&Previous finding"),
            lambda: self.findings_dock.step(False),
            QKeySequence("Shift+F8"),
        )
        self.zoom_in_action = act(
            self.tr("Zoom &in"),
            self.pdf_view.zoom_in,
            [*QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
        )
        self.zoom_out_action = act(
            self.tr("Zoom &out"), self.pdf_view.zoom_out, QKeySequence.StandardKey.ZoomOut
        )
        self.fit_width_action = act(
            self.tr("&Fit width"), self.pdf_view.fit_width, QKeySequence("Ctrl+0")
        )
        self.about_action = act(self.tr("&About"), self.about)
        for a in (
            self.next_finding_action,
            self.prev_finding_action,
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_width_action,
        ):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.import_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.check_all_action)
        file_menu.addAction(self.details_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.insert_above_action)
        edit_menu.addAction(self.insert_below_action)
        edit_menu.addAction(self.delete_row_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.reviewed_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.next_finding_action)
        view_menu.addAction(self.prev_finding_action)
        view_menu.addSeparator()
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        view_menu.addAction(self.fit_width_action)
        view_menu.addSeparator()
        view_menu.addAction(self.findings_dock.toggleViewAction())
        view_menu.addAction(self.library_dock.toggleViewAction())
        view_menu.addAction(self.table_view.header_rows_action)
        lang_menu = view_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        current = self.settings.value("language", "zh_CN")
        for code, label in (("zh_CN", "中文（简体）"), ("en", "English")):
            a = QAction(label, self, checkable=True)
            a.setChecked(code == current)
            a.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(a)
            lang_menu.addAction(a)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)
        self._rebuild_recent()

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
            if a is None:
                tools.addSeparator()
            else:
                tools.addAction(a)
        tools.addWidget(self.zoom_label)
        tools.addSeparator()
        tools.addWidget(self.page_box)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("FilingProgress")
        self.statusBar().addPermanentWidget(self.progress_label)

    def _connect(self) -> None:
        self.hub.cells_changed.connect(self._on_cells_changed)
        self.hub.tables_changed.connect(self._on_tables_changed)
        self.hub.findings_changed.connect(lambda _ids: self.reload_findings())
        self.hub.documents_changed.connect(self.refresh_library)
        self.hub.validation_needed.connect(self._queue_validation)
        self.hub.review_taken_back.connect(self._on_review_taken_back)
        self.table_list.selectionModel().currentRowChanged.connect(self._on_table_row)
        self.table_view.current_cell_changed.connect(self._on_current_cell)
        self.table_view.delegate.rejected.connect(
            lambda text: self.statusBar().showMessage(
                self.tr("Not an amount: {0}").format(text), 4000
            )
        )
        self.pdf_view.page_clicked.connect(self.select_at_point)
        self.source_browser.anchor_clicked.connect(self.select_by_anchor)
        self.pdf_view.current_page_changed.connect(self._on_page_changed)
        self.pdf_view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)}%"))
        self.page_box.valueChanged.connect(self._on_page_box)
        self.findings_dock.finding_activated.connect(self.show_finding)
        self.findings_dock.status_requested.connect(self.set_finding_status)
        self.findings_dock.statuses_requested.connect(self.set_findings_status)
        self.library_dock.document_requested.connect(self.open_document)
        self.errors.reported.connect(lambda text: self.statusBar().showMessage(text, 8000))
        # After a failed edit (a conflict above all) show what the database holds now.
        self.errors.reported.connect(lambda _text: self._reload_current_table())

    # --- documents ------------------------------------------------------------------------

    def open_document(self, document_id: int) -> Job:
        """Load the filing on the job thread, then show it (emits document_opened)."""
        return run_job(
            self,
            self.tr("Opening…"),
            load_document,
            self.db,
            document_id,
            on_done=self._show_loaded,
            show_progress=False,
        )

    def import_files(self, paths: list[Path], *, open_first: bool = True) -> list[QueuedImport]:
        """Queue files for import in the background, one after another (progress and
        Cancel in the status bar); the first one is opened."""
        jobs = []
        for i, path in enumerate(paths):

            def done(result: importing.Imported, path: Path = path, first: bool = i == 0) -> None:
                self._remember_recent(path)
                self.imported.emit(result.document_id)
                self.refresh_library()
                if first and open_first:
                    self.open_document(result.document_id)

            jobs.append(self.import_queue.add(path, on_done=done))
        return jobs

    def _show_loaded(self, loaded: tuple[FilingData, list[FindingData], str | None]) -> None:
        filing, findings, html = loaded
        self.filing = filing
        self._tables = {t.id: t for t in filing.tables}
        self._findings = findings
        stack = self._stacks.get(filing.id)
        if stack is None:
            stack = QUndoStack(self.undo_group)
            self._stacks[filing.id] = stack
        self.undo_group.setActiveStack(stack)
        if filing.file_type == "pdf" and filing.page_sizes:
            self.pdf_view.set_document(PageImages(self.db, filing.id), filing.page_sizes)
            self.source_crop.set_document(PageImages(self.db, filing.id))  # its own thread's
            self.source_stack.setCurrentWidget(self.pdf_view)
            self.page_box.setMaximum(max(1, len(filing.page_sizes)))
            self.page_box.setSuffix(f" / {len(filing.page_sizes)}")
            self.page_box.setEnabled(True)
            self.pdf_view.fit_width()
        else:
            self.pdf_view.set_document(None, ())
            self.source_crop.set_document(None)
            # No pages (DOCX, XLSX, text): no page box left over from the last PDF.
            self.page_box.blockSignals(True)
            self.page_box.setMaximum(1)
            self.page_box.setValue(1)
            self.page_box.setSuffix("")
            self.page_box.blockSignals(False)
            self.page_box.setEnabled(False)
            if html is not None:
                self.source_browser.set_source(html)
            else:
                self._show_text_source(filing)
            self.source_stack.setCurrentWidget(self.source_browser)
        self.table_list_model.set_tables(filing.tables, self._open_counts())
        self.table_list.resizeColumnToContents(1)
        self.table_list.resizeColumnToContents(2)
        self.findings_dock.set_findings(findings, self._table_names())
        self._show_progress()
        if filing.tables:
            self.select_table(filing.tables[0].id)
        else:
            self.select_table(None)
        review.mark_opened(self.db, filing.id)
        self.settings.setValue("last_document", filing.id)
        self._show_title(filing)
        self.refresh_library()
        self.document_opened.emit(filing.id)
        self.check_document(filing.id)

    def check_document(self, document_id: int) -> Job:
        """Re-run every rule on the job thread (the rules may have changed since the
        filing was imported), then refresh the findings."""

        def done(changes: Changes) -> None:
            self.hub.apply(changes)
            if self.filing is not None and self.filing.id == document_id:
                self.reload_findings()
            self.checked.emit(document_id)

        return run_job(
            self, self.tr("Checking…"), review.check_document, self.db, document_id, on_done=done
        )

    def _show_text_source(self, filing: FilingData) -> None:
        """DOCX / XLSX / text: the paragraphs and tables as HTML, with anchors per cell."""
        from html import escape

        parts = []
        blocks = sorted(
            [(p.order, "p", p) for p in filing.paragraphs]
            + [(t.order, "t", t) for t in filing.tables],
            key=lambda b: b[0],
        )
        for _, kind, block in blocks:
            if kind == "p":
                tag = "h3" if block.heading else "p"
                parts.append(f"<{tag}>{escape(block.text)}</{tag}>")
            else:
                rows = []
                for r, row in enumerate(block.rows()):
                    cells = "".join(
                        f'<td><a name="c{block.id}_{r}_{c}"></a>{escape(text)}</td>'
                        for c, text in enumerate(row)
                    )
                    rows.append(f"<tr>{cells}</tr>")
                parts.append(
                    f"<h4>{escape(block.title)}</h4>"
                    f'<table border="1" cellspacing="0" cellpadding="3">'
                    f"{''.join(rows)}</table>"
                )
        self.source_browser.set_source("".join(parts))

    def refresh_library(self) -> None:
        self.library_dock.set_documents(
            library.list_documents(self.db), self.filing.id if self.filing else None
        )

    # --- tables and cells -------------------------------------------------------------------

    def _table_names(self) -> dict[int, tuple[str | None, str]]:
        return {t.id: (t.kind, t.title) for t in self._tables.values()}

    def _open_counts(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for f in self._findings:
            if f.waiting and f.table_id is not None:
                counts[f.table_id] = counts.get(f.table_id, 0) + 1
        return counts

    def current_table(self) -> TableData | None:
        return self._tables.get(self.table_id) if self.table_id is not None else None

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
        self.reviewed_action.blockSignals(True)
        self.reviewed_action.setChecked(bool(table and table.review_status == "reviewed"))
        self.reviewed_action.blockSignals(False)
        if table is not None:
            name = kind_name(table.kind, table.title)
            pages = "、".join(str(p) for p in table.pages)
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
        self._apply_marks(None)

    def _on_table_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting:
            return
        table = self.table_list_model.table_at(current.row())
        if table is not None:
            self.select_table(table.id)

    def _on_current_cell(self, cell: CellData | None) -> None:
        self.source_crop.show_cell(cell)
        if self.source_stack.currentWidget() is self.source_browser:
            self.source_browser.show_anchor(cell.anchor if cell is not None else None)
            return
        if cell is None or cell.page is None or cell.bbox is None:
            self.pdf_view.show_highlight(None, None)
            return
        self.pdf_view.show_highlight(cell.page, cell.bbox)

    def select_cell(self, row: int, col: int) -> None:
        idx = self.table_model.index(row, col)
        self.table_view.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.table_view.scrollTo(idx)

    def select_at_point(self, page: int, x: float, y: float) -> None:
        """A click on the page: select the cell under it (switching table if needed)."""
        tables = list(self._tables.values())
        hit = review.cell_at_point(tables, page, x, y)
        if hit is None:
            return
        table, cell = hit
        self.select_table(table.id)
        self.select_cell(cell.row, cell.col)

    def select_by_anchor(self, anchor: str) -> None:
        """A click in the DOCX/XLSX source: select the extracted cell with that anchor."""
        for table in self._tables.values():
            for cell in table.cells:
                if cell.anchor == anchor:
                    self.select_table(table.id)
                    self.select_cell(cell.row, cell.col)
                    return

    def _hover_text(self, page: int, x: float, y: float) -> str | None:
        hit = review.cell_at_point(list(self._tables.values()), page, x, y)
        if hit is None:
            return None
        _, cell = hit
        return self.tr("Extracted: {0}\nConfidence: {1:.0%}").format(
            cell.extracted_text or "∅", cell.confidence
        )

    def _on_page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)

    def _on_page_box(self, page: int) -> None:
        self.pdf_view.scroll_to_page(page)

    # --- editing --------------------------------------------------------------------------

    def undo_stack(self) -> QUndoStack | None:
        return self.undo_group.activeStack()

    def push_edit(self, cell: CellData, old: str, new: str) -> None:
        stack = self.undo_stack()
        if stack is not None:
            where = self.table_model.place(cell.row, cell.col)
            stack.push(EditCellCommand(self.ctx, cell, old, new, where=where))

    def resolve_conflict(self, conflict: review.EditConflict) -> bool:
        """Another clerk saved the cell first (the table already shows their value): the
        clerk chooses. "Keep theirs" writes nothing; "Use mine" pushes a new, unmerged
        EditCellCommand from their value to ours, audited and undoable like any edit.
        False when the cell is not in the open filing (the error box tells the clerk)."""
        found = next(
            ((t, c) for t in self._tables.values() for c in t.cells if c.id == conflict.cell_id),
            None,
        )
        if found is None:
            return False
        table, cell = found
        dialog = ConflictDialog(conflict, table, cell, self)
        self.conflict_dialog = dialog

        def chosen(_result: int) -> None:
            self.conflict_dialog = None
            dialog.deleteLater()
            stack = self.undo_stack()
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
                self._reload_current_table()

        dialog.finished.connect(chosen)
        dialog.open()
        return True

    def insert_row(self, below: int = 0) -> None:
        table, idx = self.current_table(), self.table_view.currentIndex()
        stack = self.undo_stack()
        if table is None or stack is None:
            return
        row = (idx.row() + below) if idx.isValid() else table.n_rows
        where = self.table_model.row_label(row) if row < table.n_rows else None
        stack.push(InsertRowCommand(self.ctx, table.id, row, where))

    def delete_row(self) -> None:
        table, idx = self.current_table(), self.table_view.currentIndex()
        stack = self.undo_stack()
        if table is None or stack is None or not idx.isValid():
            return
        stack.push(
            DeleteRowCommand(
                self.ctx,
                table.id,
                idx.row(),
                self.table_model.cells_in_row(idx.row()),
                self.table_model.row_label(idx.row()),
            )
        )

    def set_table_reviewed(self, reviewed: bool) -> None:
        table = self.current_table()
        if table is None:
            return
        if reviewed and not self.go_on_with_open_errors(
            "reviewed_with_open_errors", self._open_errors(table.id)
        ):
            self.reviewed_action.blockSignals(True)
            self.reviewed_action.setChecked(False)
            self.reviewed_action.blockSignals(False)
            return
        try:
            self.hub.apply(review.mark_table_reviewed(self.db, table.id, reviewed, self.reviewer))
        except Exception as err:  # noqa: BLE001 - the one handler
            self.errors.report(err)

    def set_finding_status(
        self, finding: FindingData, status: str, note: str | None = None
    ) -> None:
        try:
            self.hub.apply(
                review.set_finding_status(
                    self.db, finding.id, status, reviewer=self.reviewer, note=note
                )
            )
        except Exception as err:  # noqa: BLE001
            self.errors.report(err)
            return
        self.reload_findings()

    def set_findings_status(
        self, chosen: tuple[FindingData, ...], status: str, note: str | None = None
    ) -> None:
        """One decision on several findings, as `set_finding_status` runs one (a small
        edit, called directly): one transaction, all or none; then one refresh of the
        list and the status bar (through the hub when tables' findings changed)."""
        try:
            changes = decide_many(self.db, [f.id for f in chosen], status, note, self.reviewer)
        except Exception as err:  # noqa: BLE001 - the one handler
            self.errors.report(err)
            return
        self.hub.apply(changes)
        if not changes.findings:  # whole-filing findings only: the hub did not reload
            self.reload_findings()

    def _on_cells_changed(self, cells: tuple[CellData, ...]) -> None:
        by_table: dict[int, list[CellData]] = {}
        for table in self._tables.values():
            ids = {c.id for c in table.cells}
            hits = [c for c in cells if c.id in ids]
            if hits:
                by_table[table.id] = hits
        for table_id, hits in by_table.items():
            table = self._tables[table_id]
            new = {c.id: c for c in hits}
            self._tables[table_id] = dataclasses.replace(
                table, cells=tuple(new.get(c.id, c) for c in table.cells)
            )
        self.table_model.apply_cells(cells)
        if self.filing is not None:
            self.filing = dataclasses.replace(self.filing, tables=tuple(self._tables.values()))

    def _on_tables_changed(self, table_ids: frozenset[int]) -> None:
        for table_id in table_ids:
            if table_id not in self._tables:
                continue
            table = review.load_table(self.db, table_id)
            self._tables[table_id] = table
            self.table_list_model.update_table(table)
            if table_id == self.table_id:
                idx = self.table_view.currentIndex()
                self.table_model.set_table(table)
                if idx.isValid():
                    self.select_cell(min(idx.row(), table.n_rows - 1), idx.column())
                self.reviewed_action.blockSignals(True)
                self.reviewed_action.setChecked(table.review_status == "reviewed")
                self.reviewed_action.blockSignals(False)
        if self.filing is not None:
            self.filing = dataclasses.replace(self.filing, tables=tuple(self._tables.values()))
        self._show_progress()

    def _on_review_taken_back(self, table_ids: frozenset[int]) -> None:
        """The model sent edited reviewed tables back to review (and audited it): follow
        it in the list and the Reviewed action, and tell the clerk."""
        titles = []
        for table_id in table_ids:
            table = self._tables.get(table_id)
            if table is None:
                continue
            table = dataclasses.replace(
                table, review_status="unreviewed", reviewed_by=None, reviewed_at=None
            )
            self._tables[table_id] = table
            self.table_list_model.update_table(table)
            titles.append(table.title)
            if table_id == self.table_id:
                self.reviewed_action.blockSignals(True)
                self.reviewed_action.setChecked(False)
                self.reviewed_action.blockSignals(False)
        if self.filing is not None:
            self.filing = dataclasses.replace(self.filing, tables=tuple(self._tables.values()))
        self._show_progress()
        self.statusBar().showMessage(
            self.tr("Edited after review: {0} is to review again.").format("、".join(titles)),
            10_000,
        )

    def check_library(self) -> Job:
        """Batch check of every stored filing, with progress and Cancel."""

        def done(changes: Changes) -> None:
            self.hub.apply(changes)
            self.reload_findings()
            self.statusBar().showMessage(self.tr("All documents checked."), 8000)

        return run_job(
            self, self.tr("Checking all documents…"), review.check_library, self.db, on_done=done
        )

    def _queue_validation(self, document_id: int, table_ids: frozenset[int]) -> None:
        """Collect edited tables; one revalidation job runs once the edits pause."""
        pending = self._unvalidated.setdefault(document_id, set())
        pending.update(table_ids)
        self._validation_timer.start()

    def _run_validation(self) -> None:
        batches, self._unvalidated = self._unvalidated, {}
        for document_id, table_ids in batches.items():

            def done(changes: Changes, document_id: int = document_id) -> None:
                self.hub.apply(changes)
                if self.filing is not None and self.filing.id == document_id:
                    self.reload_findings()
                self.revalidated.emit(document_id)

            run_job(
                self,
                self.tr("Checking…"),
                review.revalidate,
                self.db,
                document_id,
                set(table_ids),
                on_done=done,
                show_progress=False,
            )

    def _reload_current_table(self) -> None:
        if self.table_id is not None:
            self._on_tables_changed(frozenset({self.table_id}))

    def reload_findings(self) -> None:
        if self.filing is None:
            return
        self._findings = review.document_findings(self.db, self.filing.id)
        self.findings_dock.set_findings(self._findings, self._table_names())
        self.table_list_model.set_open_counts(self._open_counts())
        current = self.findings_dock.current()
        self._apply_marks(current)
        self._show_progress()

    def _show_progress(self) -> None:
        """Tables reviewed and problems waiting, always in view (status bar, right)."""
        tables = list(self._tables.values())
        reviewed = sum(t.review_status == "reviewed" for t in tables)
        waiting = sum(f.waiting for f in self._findings)
        self.progress_label.setText(
            self.tr("Tables reviewed {0}/{1} · problems to decide {2}").format(
                reviewed, len(tables), waiting
            )
            if self.filing is not None
            else ""
        )

    def _open_errors(self, table_id: int | None = None) -> int:
        return sum(
            f.waiting and f.severity == "error" and (table_id is None or f.table_id == table_id)
            for f in self._findings
        )

    def go_on_with_open_errors(self, choice: str, errors: int) -> bool:
        """Ask once whether to go on although errors are open; a yes is kept in the
        audit trail with the count (model.filing_details.record_choice)."""
        if not errors or self.filing is None:
            return True
        question = {
            "reviewed_with_open_errors": self.tr(
                "{0} errors in this table are still open. Mark it reviewed anyway?"
            ),
            "exported_with_open_errors": self.tr(
                "{0} errors in this filing are still open. Export anyway?"
            ),
        }[choice].format(errors)
        if not self.ask_yes_no(question):
            return False
        filing_details.record_choice(
            self.db, self.filing.id, choice, self.reviewer, f"{errors} 个错误未处理"
        )
        return True

    def ask_yes_no(self, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Open errors"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- findings ----------------------------------------------------------------------------

    def _apply_marks(self, finding: FindingData | None) -> None:
        """Tint the current table's cells named by open findings; outline on the page the
        cells of the selected finding."""
        marked = {
            (r, c)
            for f in self._findings
            if f.table_id == self.table_id and f.waiting
            for r, c in f.cells
        }
        self.table_model.set_marked(marked)
        boxes = []
        if finding is not None and finding.table_id == self.table_id:
            for r, c in finding.cells:
                cell = self.table_model.cell_at(r, c)
                if cell is not None and cell.page is not None and cell.bbox is not None:
                    boxes.append((cell.page, cell.bbox))
        self.pdf_view.set_marks(boxes)

    def show_finding(self, finding: FindingData) -> None:
        """Select the finding's cells in the table and outline them on the page."""
        if finding.table_id is not None and finding.table_id in self._tables:
            self.select_table(finding.table_id)
        table = self.current_table()
        if table is None or not finding.cells:
            self._apply_marks(finding)
            return
        selection = QItemSelection()
        valid = [(r, c) for r, c in finding.cells if r < table.n_rows and c < table.n_cols]
        for r, c in valid:
            idx = self.table_model.index(r, c)
            selection.select(idx, idx)
        sm = self.table_view.selectionModel()
        if valid:
            first = self.table_model.index(*valid[0])
            sm.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.table_view.scrollTo(first)
            self._on_current_cell(self.table_model.cell_at(*valid[0]))
        self._apply_marks(finding)

    # --- files ---------------------------------------------------------------------------------

    def choose_import(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import filings"),
            self.import_folder(),
            self.tr("Filings (*.pdf *.docx *.xlsx *.txt *.md)"),
        )
        if names:
            self.settings.setValue("last_dir", str(Path(names[0]).parent))
            self.import_files([Path(n) for n in names])

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

    def choose_export(self) -> None:
        if self.filing is None:
            return
        from model.export.workbook import workbook_name  # openpyxl loads on first export

        if not self.go_on_with_open_errors("exported_with_open_errors", self._open_errors()):
            return

        folder = self.settings.value("export_dir", str(Path.home()))
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export workbook"),
            str(Path(folder) / workbook_name(self.filing)),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if name:
            self.settings.setValue("export_dir", str(Path(name).parent))
            self.export_to(Path(name))

    def export_to(self, target: Path) -> Job:
        from model.export.workbook import export_workbook

        return run_job(
            self,
            self.tr("Exporting…"),
            export_workbook,
            self.db,
            self.filing.id,
            target,
            on_done=lambda _r: self.statusBar().showMessage(
                self.tr("Exported to {0}").format(target), 8000
            ),
        )

    def _remember_recent(self, path: Path) -> None:
        recent = [p for p in self._recent() if p != str(path.resolve())]
        recent.insert(0, str(path.resolve()))
        self.settings.setValue("recent_files", recent[:MAX_RECENT])
        self._rebuild_recent()

    def _recent(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        for path in self._recent():
            a = self.recent_menu.addAction(Path(path).name)
            a.setToolTip(path)
            a.triggered.connect(lambda _=False, p=path: self.import_files([Path(p)]))
        self.recent_menu.setEnabled(bool(self._recent()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._dropped_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = self._dropped_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    @staticmethod
    def _dropped_paths(urls: list[QUrl]) -> list[Path]:
        return [
            Path(u.toLocalFile())
            for u in urls
            if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in SUPPORTED
        ]

    # --- filing details, preferences, language, about ----------------------------------------

    def edit_filing_details(self) -> None:
        """Correct the department, year and unit extraction guessed (audited; a new year
        re-runs the checks, in the job thread)."""
        if self.filing is None:
            return
        document_id = self.filing.id
        dialog = FilingDetailsDialog(FilingDetails.of(self.filing), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return

        def done(changes: Changes) -> None:
            self.hub.apply(changes)
            if self.filing is not None and self.filing.id == document_id:
                d = dialog.details().checked()
                self.filing = dataclasses.replace(
                    self.filing,
                    department_code=d.department_code,
                    department_name=d.department_name,
                    year=d.year,
                    unit=None if d.unit == DEFAULT_UNIT else d.unit,
                )
                self._show_title(self.filing)
                self.reload_findings()
            self.refresh_library()

        run_job(
            self,
            self.tr("Saving filing details…"),
            filing_details.set_details,
            self.db,
            document_id,
            dialog.details(),
            self.reviewer,
            on_done=done,
        )

    def edit_preferences(self, *, first_use: bool = False) -> None:
        dialog = PreferencesDialog(self.settings, self, first_use=first_use)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reviewer = reviewer(self.settings)
            self.ctx = dataclasses.replace(self.ctx, reviewer=self.reviewer)

    def ask_reviewer_once(self) -> bool:
        """At a start without a reviewer's name in preferences, ask for it (gui.app
        calls this once the window shows), so edits and decisions are not signed with
        the OS login. Returns whether it asked; a clerk who cancels is asked again at
        the next start."""
        if reviewer_is_set(self.settings):
            return False
        self.edit_preferences(first_use=True)
        return True

    def set_language(self, code: str) -> None:
        self.settings.setValue("language", code)
        QMessageBox.information(
            self, self.tr("Language"), self.tr("The language changes when the program restarts.")
        )

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Budget Review Desk"),
            self.tr(
                "<h3>Budget Review Desk</h3><p>Review department budget disclosures "
                "(部门预算信息公开): correct the extracted tables, check the sums, "
                "export the provincial template workbook.</p><p>Reviewer: {0}</p>"
            ).format(self.reviewer),
        )

    def _show_title(self, filing: FilingData) -> None:
        title = filing.department_name or filing.name
        year = f" {filing.year}" if filing.year else ""
        self.setWindowTitle(self.tr("{0}{1} — Budget Review Desk").format(title, year))

    def _restore_layout(self) -> None:
        s = self.settings
        for key, restore in (
            ("geometry", self.restoreGeometry),
            ("window_state", self.restoreState),
            ("main_splitter", self.splitter.restoreState),
            ("right_splitter", self.right_splitter.restoreState),
        ):
            value = s.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        self._fit_on_show = not isinstance(s.value("geometry"), QByteArray)
        if self._fit_on_show:
            self.fit_screen()
        if not isinstance(s.value("main_splitter"), QByteArray):
            self.splitter.setSizes([600, 800])
            self.right_splitter.setSizes([180, 520])
            self.resizeDocks([self.findings_dock], [270], Qt.Orientation.Vertical)

    def fit_screen(self) -> None:
        """First start (no saved geometry): fill the screen's available area up to
        1400×900, so a 1366×768 laptop shows the whole window, toolbar to status bar."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar, borders
        self.resize(
            min(1400, area.width() - frame.width()), min(900, area.height() - frame.height())
        )
        self.move(area.topLeft())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._fit_on_show:  # the frame (title bar, borders) is known once shown
            self._fit_on_show = False
            self.fit_screen()
            args = self, self.findings_dock, self.table_list, self.right_splitter
            QTimer.singleShot(0, self, lambda: make_room(*args))  # 8 rows in each list

    def save_layout(self) -> None:
        s = self.settings
        s.setValue("geometry", self.saveGeometry())
        s.setValue("window_state", self.saveState())
        s.setValue("main_splitter", self.splitter.saveState())
        s.setValue("right_splitter", self.right_splitter.saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_layout()
        self._validation_timer.stop()
        for document_id, table_ids in self._unvalidated.items():  # edits made just now
            try:
                review.revalidate(self.db, document_id, table_ids)
            except Exception as err:  # noqa: BLE001 - reopening runs the full check anyway
                self.errors.last_message = str(err)
        self._unvalidated = {}
        self.pdf_view.set_document(None, ())
        super().closeEvent(event)
