"""What a user action changed, as one frozen value (after Anki's OpChanges).

Services in review.py return it; gui/changes.py (ChangeHub) turns it into signals so
every view refreshes only what changed. No Qt, no ORM objects here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from model.domain import CellData


@dataclass(frozen=True)
class Changes:
    document_id: int | None = None
    # Cells whose text changed, as stored after the change (the table model patches these).
    cells: tuple[CellData, ...] = ()
    # Tables whose shape or review status changed (rows inserted/deleted, marked reviewed).
    tables: frozenset[int] = field(default_factory=frozenset)
    # Tables whose findings changed after validation re-ran.
    findings: frozenset[int] = field(default_factory=frozenset)
    # The document list (library) changed: import, status, counts.
    documents: bool = False
    # Tables edited without re-running their rules yet (review.revalidate will).
    unvalidated: frozenset[int] = field(default_factory=frozenset)
    # Reviewed tables this edit sent back to review (their mark taken back, audited).
    unreviewed: frozenset[int] = field(default_factory=frozenset)

    def merged(self, other: Changes) -> Changes:
        """Both changes together; the later text of a cell wins."""
        by_id = {c.id: c for c in self.cells}
        by_id.update({c.id: c for c in other.cells})
        return Changes(
            document_id=other.document_id or self.document_id,
            cells=tuple(by_id.values()),
            tables=self.tables | other.tables,
            findings=self.findings | other.findings,
            documents=self.documents or other.documents,
            unvalidated=self.unvalidated | other.unvalidated,
            unreviewed=self.unreviewed | other.unreviewed,
        )
