"""OpenDocument: the filing open in the review window and what goes with it — its tables,
its findings, one undo stack per document, the edited tables whose rules still have to
run. It listens to ChangeHub.changed alone and refreshes once per change; every read of
the database runs on the job thread (gui/query.py), every view listens to its signals.
GUI thread only; no widgets, no SQL.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import QWidget

from gui.changes import ChangeHub
from gui.jobs import Job, run_job
from gui.query import after_reads, run_query
from model import filing_details, library, review, source_view
from model.changes import Changes
from model.database import Database
from model.domain import CellData, FilingData, TableData
from model.filing_details import DEFAULT_UNIT, FilingDetails
from model.findings import FindingData
from model.progress import Progress

log = logging.getLogger(__name__)

VALIDATION_DELAY_MS = 150  # typing through cells re-runs the rules once, not per cell

Loaded = tuple[FilingData, list[FindingData], str | None]


def load_document(db: Database, document_id: int, *, progress: Progress) -> Loaded:
    """Job body (worker thread): (filing, findings, source HTML or None), plain data; the
    document is remembered as opened (the library sorts by it)."""
    progress.check()
    filing = library.load_filing(db, document_id)
    progress.check()
    html = source_view.source_html(db, document_id) if filing.file_type != "pdf" else None
    findings = review.document_findings(db, document_id)
    review.mark_opened(db, document_id)
    return filing, findings, html


def load_tables(db: Database, table_ids: frozenset[int]) -> list[TableData]:
    """Query body (worker thread): the tables as stored now; a deleted one is left out."""
    tables = []
    for table_id in sorted(table_ids):
        try:
            tables.append(review.load_table(db, table_id))
        except review.InputError:
            continue
    return tables


def load_findings(
    db: Database, document_id: int, with_details: bool
) -> tuple[list[FindingData], FilingDetails | None]:
    """Query body (worker thread): the document's findings, and its details when asked."""
    findings = review.document_findings(db, document_id)
    details = filing_details.load_details(db, document_id) if with_details else None
    return findings, details


class OpenDocument(QObject):
    """The open filing. Signals fire on the GUI thread once the data they carry is in
    place here, so a listener may read `filing`, `tables` and `findings` back."""

    loaded = Signal(object)  # FilingData just opened (source HTML in `source_html`)
    cells_changed = Signal(object)  # tuple[CellData, ...] as stored, patched in
    table_changed = Signal(object)  # TableData read again (rows or review mark changed)
    findings_changed = Signal(object)  # list[FindingData] of the open filing
    details_changed = Signal(object)  # FilingData: department, year or unit corrected
    review_taken_back = Signal(object)  # list[TableData] sent back to review by an edit
    checked = Signal(int)  # the full check after opening, its findings shown
    revalidated = Signal(int)  # the rules re-ran for edited tables, findings shown

    def __init__(
        self,
        db: Database,
        hub: ChangeHub,
        report_error: Callable[[BaseException], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.hub = hub
        self.report_error = report_error
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}
        self._filing: FilingData | None = None
        self.tables: dict[int, TableData] = {}
        self.findings: list[FindingData] = []
        self.source_html: str | None = None
        # Cells patched in while a table read was on its way: laid over its result, so a
        # read that started before an edit does not bring the old text back.
        self._cell_log: list[CellData] = []
        self._reading_tables = 0
        self._unvalidated: dict[int, set[int]] = {}
        self._validation_timer = QTimer(self)
        self._validation_timer.setSingleShot(True)
        self._validation_timer.setInterval(VALIDATION_DELAY_MS)
        self._validation_timer.timeout.connect(self._run_validation)
        hub.changed.connect(self.apply)

    @property
    def filing(self) -> FilingData | None:
        """The open filing with its tables as they are now; None before the first open."""
        if self._filing is None:
            return None
        return dataclasses.replace(self._filing, tables=tuple(self.tables.values()))

    @property
    def id(self) -> int | None:
        return self._filing.id if self._filing is not None else None

    def table_names(self) -> dict[int, tuple[str | None, str]]:
        """Table id -> (kind, printed title), in the filing's order."""
        return {t.id: (t.kind, t.title) for t in self.tables.values()}

    def open_counts(self) -> dict[int, int]:
        """Table id -> findings still waiting for a decision."""
        counts: dict[int, int] = {}
        for f in self.findings:
            if f.waiting and f.table_id is not None:
                counts[f.table_id] = counts.get(f.table_id, 0) + 1
        return counts

    def _window(self) -> QWidget:
        return self.parent()  # type: ignore[return-value]

    # --- opening and checking ------------------------------------------------------------

    def open(self, document_id: int) -> Job:
        """Read the filing on the job thread, then emit `loaded` and check it."""
        return run_job(
            self._window(),
            self.tr("Opening…"),
            load_document,
            self.db,
            document_id,
            on_done=self._loaded,
            on_error=self.report_error,
            show_progress=False,
        )

    def _loaded(self, loaded: Loaded) -> None:
        filing, findings, html = loaded
        self._filing = filing
        self.tables = {t.id: t for t in filing.tables}
        self.findings = findings
        self.source_html = html
        stack = self._stacks.get(filing.id)
        if stack is None:
            stack = QUndoStack(self.undo_group)
            self._stacks[filing.id] = stack
        self.undo_group.setActiveStack(stack)
        self.loaded.emit(self.filing)
        self.check(filing.id)

    def check(self, document_id: int) -> Job:
        """Re-run every rule on the job thread (the rules may have changed since the
        filing was imported); `checked` follows once the findings are shown."""

        def done(changes: Changes) -> None:
            self.hub.apply(changes)
            after_reads(self, lambda: self.checked.emit(document_id))

        return run_job(
            self._window(),
            self.tr("Checking…"),
            review.check_document,
            self.db,
            document_id,
            on_done=done,
            on_error=self.report_error,
        )

    def undo_stack(self) -> QUndoStack | None:
        return self.undo_group.activeStack()

    # --- one refresh per change ---------------------------------------------------------

    def apply(self, changes: Changes) -> None:
        """Follow one change (ChangeHub.changed): patch the cells it carries, read again
        the tables and findings it names (job thread), queue the rules of edited tables."""
        if changes.unvalidated and changes.document_id is not None:
            self._queue_validation(changes.document_id, changes.unvalidated)
        if self._filing is None or changes.document_id not in (None, self._filing.id):
            return
        if changes.cells:
            self._patch_cells(changes.cells)
        if changes.unreviewed:
            self._take_back_review(changes.unreviewed)
        if changes.tables & self.tables.keys():
            self.reload_tables(changes.tables & self.tables.keys())
        only_documents = changes.documents and not (
            changes.cells or changes.tables or changes.unreviewed
        )
        if (changes.findings & self.tables.keys()) or only_documents:
            # A decision on a whole-filing finding, new filing details, a check that
            # changed nothing but the document's status: the list is read again all the same.
            self.reload_findings(with_details=only_documents and changes.document_id is not None)

    def _patch_cells(self, cells: tuple[CellData, ...]) -> None:
        by_id = {c.id: c for c in cells}
        for table_id, table in list(self.tables.items()):
            if any(c.id in by_id for c in table.cells):
                self.tables[table_id] = dataclasses.replace(
                    table, cells=tuple(by_id.get(c.id, c) for c in table.cells)
                )
        if self._reading_tables:
            self._cell_log.extend(cells)
        self.cells_changed.emit(cells)

    def _take_back_review(self, table_ids: frozenset[int]) -> None:
        """The model sent edited reviewed tables back to review (and audited it)."""
        sent_back = []
        for table_id in table_ids:
            table = self.tables.get(table_id)
            if table is None:
                continue
            table = dataclasses.replace(
                table, review_status="unreviewed", reviewed_by=None, reviewed_at=None
            )
            self.tables[table_id] = table
            sent_back.append(table)
        self.review_taken_back.emit(sent_back)

    def reload_tables(self, table_ids: frozenset[int]) -> Job:
        """Read these tables again on the job thread; `table_changed` for each."""
        document_id = self.id
        logged = len(self._cell_log)
        self._reading_tables += 1

        def done(tables: list[TableData]) -> None:
            self._reading_tables -= 1
            later = {c.id: c for c in self._cell_log[logged:]}
            if not self._reading_tables:
                self._cell_log = []
            if self.id != document_id:
                return
            for table in tables:
                if table.id not in self.tables:
                    continue
                if any(c.id in later for c in table.cells):
                    table = dataclasses.replace(
                        table, cells=tuple(later.get(c.id, c) for c in table.cells)
                    )
                self.tables[table.id] = table
                self.table_changed.emit(table)

        def failed(err: BaseException) -> None:
            self._reading_tables -= 1
            self.report_error(err)

        return run_query(
            self, load_tables, self.db, frozenset(table_ids), on_done=done, on_error=failed
        )

    def reload_findings(self, *, with_details: bool = False) -> Job | None:
        """Read the findings again on the job thread; `findings_changed` then (and
        `details_changed` when the department, year or unit differ)."""
        document_id = self.id
        if document_id is None:
            return None

        def done(result: tuple[list[FindingData], FilingDetails | None]) -> None:
            findings, details = result
            if self.id != document_id or self._filing is None:
                return
            self.findings = findings
            if details is not None and details != FilingDetails.of(self._filing):
                self._filing = dataclasses.replace(
                    self._filing,
                    department_code=details.department_code,
                    department_name=details.department_name,
                    year=details.year,
                    unit=None if details.unit == DEFAULT_UNIT else details.unit,
                )
                self.details_changed.emit(self.filing)
            self.findings_changed.emit(findings)

        return run_query(
            self,
            load_findings,
            self.db,
            document_id,
            with_details,
            on_done=done,
            on_error=self.report_error,
        )

    # --- pending validation ---------------------------------------------------------------

    @property
    def validation_pending(self) -> bool:
        """Edits whose re-check has not started yet (it waits for typing to pause)."""
        return self._validation_timer.isActive() or bool(self._unvalidated)

    def _queue_validation(self, document_id: int, table_ids: frozenset[int]) -> None:
        """Collect edited tables; one revalidation job runs once the edits pause."""
        self._unvalidated.setdefault(document_id, set()).update(table_ids)
        self._validation_timer.start()

    def _run_validation(self) -> None:
        batches, self._unvalidated = self._unvalidated, {}
        for document_id, table_ids in batches.items():

            def done(changes: Changes, document_id: int = document_id) -> None:
                self.hub.apply(changes)
                after_reads(self, lambda: self.revalidated.emit(document_id))

            run_job(
                self._window(),
                self.tr("Checking…"),
                review.revalidate,
                self.db,
                document_id,
                set(table_ids),
                on_done=done,
                on_error=self.report_error,
                show_progress=False,
            )

    def close(self) -> None:
        """The window closes: the rules of tables edited just now still run, on the job
        thread, in a job that outlives the window (gui.app waits for it before quitting;
        reopening runs the full check anyway)."""
        self._validation_timer.stop()
        batches, self._unvalidated = self._unvalidated, {}
        app = QCoreApplication.instance()
        for document_id, table_ids in batches.items():
            run_job(
                app,  # type: ignore[arg-type]
                "",
                review.revalidate,
                self.db,
                document_id,
                set(table_ids),
                on_error=lambda err: log.warning("revalidation at close: %s", err),
                show_progress=False,
            )
