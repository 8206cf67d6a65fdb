"""ChangeHub: the one place a `model.changes.Changes` becomes Qt signals (after Anki's
operation-did-execute hook), so every view refreshes only what changed. GUI thread only."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from model.changes import Changes


class ChangeHub(QObject):
    changed = Signal(object)  # the whole Changes, first: the open document refreshes from it
    cells_changed = Signal(object)  # tuple[CellData, ...] as stored after the change
    tables_changed = Signal(object)  # frozenset[int]: table ids reshaped or (un)marked reviewed
    findings_changed = Signal(object)  # frozenset[int]: table ids whose findings changed
    documents_changed = Signal()  # the library list (status, counts, new documents)
    validation_needed = Signal(int, object)  # document id, frozenset of edited table ids
    review_taken_back = Signal(object)  # frozenset[int]: reviewed tables an edit sent back

    def apply(self, changes: Changes) -> None:
        """Emit `changed` with the whole change, then one signal per kind of change
        present; called on the GUI thread."""
        self.changed.emit(changes)
        if changes.cells:
            self.cells_changed.emit(changes.cells)
        if changes.tables:
            self.tables_changed.emit(changes.tables)
        if changes.findings:
            self.findings_changed.emit(changes.findings)
        if changes.documents:
            self.documents_changed.emit()
        if changes.unvalidated and changes.document_id is not None:
            self.validation_needed.emit(changes.document_id, changes.unvalidated)
        if changes.unreviewed:
            self.review_taken_back.emit(changes.unreviewed)
