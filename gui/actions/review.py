"""Review actions: decisions on findings (one or several at once), showing a finding's
cells in the table and on the page, the reviewed mark of a table, stepping through open
findings (F8 / Shift+F8), the batch check of the library, and the one question before
going on with open errors. GUI thread only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from gui.actions import make_action
from gui.jobs import Job, run_job
from model import filing_details, review
from model.changes import Changes
from model.domain import TableData
from model.findings import FindingData, decide_many

if TYPE_CHECKING:
    from gui.main_window import MainWindow


class ReviewActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        dock = window.findings_dock
        self.reviewed_action = make_action(
            window,
            self.tr("Table &reviewed"),
            self.set_table_reviewed,
            QKeySequence("Ctrl+R"),
            checkable=True,
        )
        self.all_reviewed_action = make_action(
            window,
            self.tr("&Mark all tables reviewed"),
            self.mark_all_reviewed,
            QKeySequence("Ctrl+Alt+R"),
        )
        self.next_finding_action = make_action(
            window, self.tr("&Next finding"), lambda: dock.step(True), QKeySequence("F8")
        )
        self.prev_finding_action = make_action(
            window,
            self.tr("&Previous finding"),
            lambda: dock.step(False),
            QKeySequence("Shift+F8"),
        )
        for a in (self.next_finding_action, self.prev_finding_action):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.check_all_action = make_action(
            window, self.tr("&Check all documents"), self.check_library
        )
        dock.status_requested.connect(self.set_finding_status)
        dock.statuses_requested.connect(self.set_findings_status)
        dock.finding_activated.connect(self.show_finding)
        window.document.findings_changed.connect(lambda _f: self.apply_marks(dock.current()))
        window.document.review_taken_back.connect(self.follow_taken_back)

    # --- findings in the table and on the page ----------------------------------------------

    def apply_marks(self, finding: FindingData | None) -> None:
        """Tint the current table's cells named by open findings; outline on the page the
        cells of the selected finding."""
        window = self.window
        marked = {
            (r, c)
            for f in window.document.findings
            if f.table_id == window.table_id and f.waiting
            for r, c in f.cells
        }
        window.table_model.set_marked(marked)
        boxes = []
        if finding is not None and finding.table_id == window.table_id:
            for r, c in finding.cells:
                cell = window.table_model.cell_at(r, c)
                if cell is not None and cell.page is not None and cell.bbox is not None:
                    boxes.append((cell.page, cell.bbox))
        window.pdf_view.set_marks(boxes)

    def show_finding(self, finding: FindingData) -> None:
        """Select the finding's cells in the table and outline them on the page."""
        window = self.window
        if finding.table_id is not None and finding.table_id in window.document.tables:
            window.select_table(finding.table_id)
        table = window.current_table()
        if table is None or not finding.cells:
            self.apply_marks(finding)
            return
        model = window.table_model
        selection = QItemSelection()
        valid = [(r, c) for r, c in finding.cells if r < table.n_rows and c < table.n_cols]
        for r, c in valid:
            idx = model.index(r, c)
            selection.select(idx, idx)
        sm = window.table_view.selectionModel()
        if valid:
            first = model.index(*valid[0])
            sm.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            window.table_view.scrollTo(first)
            window.view_actions.show_cell(model.cell_at(*valid[0]))
        self.apply_marks(finding)

    # --- the reviewed mark ------------------------------------------------------------------

    def follow_taken_back(self, tables: list[TableData]) -> None:
        """An edit sent reviewed tables back to review: follow it in the Reviewed action,
        and tell the clerk."""
        if any(t.id == self.window.table_id for t in tables):
            self.show_reviewed(False)
        self.window.statusBar().showMessage(
            self.tr("Edited after review: {0} is to review again.").format(
                "、".join(t.title for t in tables)
            ),
            10_000,
        )

    def show_reviewed(self, reviewed: bool) -> None:
        """Follow the current table's mark without marking anything."""
        self.reviewed_action.blockSignals(True)
        self.reviewed_action.setChecked(reviewed)
        self.reviewed_action.blockSignals(False)

    def set_table_reviewed(self, reviewed: bool) -> None:
        window = self.window
        table = window.current_table()
        if table is None:
            return
        if reviewed and not self.go_on_with_open_errors(
            "reviewed_with_open_errors", self.open_errors(table.id)
        ):
            self.show_reviewed(False)
            return
        try:
            window.hub.apply(
                review.mark_table_reviewed(window.db, table.id, reviewed, window.reviewer)
            )
        except Exception as err:  # noqa: BLE001 - the one handler
            window.errors.report(err)

    def mark_all_reviewed(self) -> None:
        """Every table not yet reviewed, but those with open errors (each asks to be
        looked at: Ctrl+R on it marks it after the one question); said in the status bar."""
        window = self.window
        document_id = window.document.id
        if document_id is None:
            return
        held = frozenset(
            f.table_id
            for f in window.document.findings
            if f.waiting and f.severity == "error" and f.table_id is not None
        )
        try:
            changes = review.mark_tables_reviewed(
                window.db, document_id, window.reviewer, skip=held
            )
        except Exception as err:  # noqa: BLE001 - the one handler
            window.errors.report(err)
            return
        window.hub.apply(changes)
        left = sum(
            t.id in held and t.review_status != "reviewed" for t in window.document.tables.values()
        )
        message = self.tr("Tables marked reviewed: {0}").format(len(changes.tables))
        if left:
            message += self.tr("; left to review, with open errors: {0}").format(left)
        window.statusBar().showMessage(message, 8000)

    def set_finding_status(
        self, finding: FindingData, status: str, note: str | None = None
    ) -> None:
        """One decision (a small write, called directly); the open document reads the
        findings again once, from the change."""
        window = self.window
        try:
            changes = review.set_finding_status(
                window.db, finding.id, status, reviewer=window.reviewer, note=note
            )
        except Exception as err:  # noqa: BLE001 - the one handler
            window.errors.report(err)
            return
        window.hub.apply(changes)

    def set_findings_status(
        self, chosen: tuple[FindingData, ...], status: str, note: str | None = None
    ) -> None:
        """One decision on several findings, as `set_finding_status` runs one: one
        transaction, all or none; then one refresh of the list and the status bar."""
        window = self.window
        try:
            changes = decide_many(window.db, [f.id for f in chosen], status, note, window.reviewer)
        except Exception as err:  # noqa: BLE001 - the one handler
            window.errors.report(err)
            return
        window.hub.apply(changes)

    def open_errors(self, table_id: int | None = None) -> int:
        """Open findings of severity error, in one table or the whole filing."""
        return sum(
            f.waiting and f.severity == "error" and (table_id is None or f.table_id == table_id)
            for f in self.window.document.findings
        )

    def go_on_with_open_errors(self, choice: str, errors: int) -> bool:
        """Ask once whether to go on although errors are open; a yes is kept in the
        audit trail with the count (model.filing_details.record_choice)."""
        window = self.window
        if not errors or window.document.id is None:
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
            window.db, window.document.id, choice, window.reviewer, f"{errors} 个错误未处理"
        )
        return True

    def ask_yes_no(self, question: str) -> bool:
        answer = QMessageBox.question(
            self.window,
            self.tr("Open errors"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def check_library(self) -> Job:
        """Batch check of every stored filing, with progress and Cancel."""
        window = self.window

        def done(changes: Changes) -> None:
            window.hub.apply(changes)
            window.statusBar().showMessage(self.tr("All documents checked."), 8000)

        return run_job(
            window,
            self.tr("Checking all documents…"),
            review.check_library,
            window.db,
            on_done=done,
        )
