"""Findings as the GUI and the command line see them: list, decide (confirm / dismiss
with a note, one finding or several in one unit of work), and check a document
(re-validate, then list).

Returns frozen dataclasses; no ORM object leaves this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.changes import Changes
from model.database import Database
from model.decisions import record_decision
from model.domain import FilingData, counts_as_open
from model.schema import Finding, Table
from model.validation import refresh_findings
from model.validation.stored import current_filing
from parsers.extraction import InputError

STATUSES = ("open", "confirmed", "dismissed")
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class FindingData:
    id: int
    key: str
    table_id: int | None
    table_title: str
    kind: str | None
    rule: str
    severity: str
    cells: tuple[tuple[int, int], ...]
    message: str
    expected: str
    actual: str
    status: str
    note: str
    active: bool

    @property
    def waiting(self) -> bool:
        return counts_as_open(self.severity, self.status, self.active)


def list_findings(
    db: Database, document_id: int, include_inactive: bool = False
) -> list[FindingData]:
    """Errors first, then by table order and first cell."""
    with db.Session() as session:
        query = (
            select(Finding, Table)
            .outerjoin(Table, Finding.table_id == Table.id)
            .where(Finding.document_id == document_id)
        )
        if not include_inactive:
            query = query.where(Finding.active.is_(True))
        rows = session.execute(query).all()
        out = [
            FindingData(
                id=f.id,
                key=f.key,
                table_id=f.table_id,
                table_title=t.title if t is not None else "",
                kind=t.kind if t is not None else None,
                rule=f.rule,
                severity=f.severity,
                cells=tuple((int(c[0]), int(c[1])) for c in (f.cells or [])),
                message=f.message,
                expected=f.expected or "",
                actual=f.actual or "",
                status=f.status,
                note=f.note or "",
                active=f.active,
            )
            for f, t in rows
        ]
        order = {t.id: t.order for _, t in rows if t is not None}
    return sorted(
        out,
        key=lambda f: (
            _SEVERITY_ORDER.get(f.severity, 3),
            order.get(f.table_id, -1),
            f.cells[:1],
            f.id,
        ),
    )


def decide(
    session: Session,
    finding_id: int,
    status: str,
    note: str | None,
    reviewer: str,
    filing: FilingData | None = None,
) -> Finding:
    """Record a clerk's decision on a finding inside the caller's unit of work (`note`
    None keeps the note it has), appended to the finding's history with the figures it
    was made on (model.decisions; `filing`: the document as stored, when the caller
    has read it). Raises InputError for an unknown finding or status."""
    if status not in STATUSES:
        raise InputError(f"未知的问题状态：{status}")
    f = session.get(Finding, finding_id)
    if f is None:
        raise InputError(f"没有编号为 {finding_id} 的问题")
    if filing is None or filing.id != f.document_id:
        filing = current_filing(session, f.document_id)
    record_decision(session, f, status, note, reviewer, filing)
    return f


def set_finding_status(
    db: Database, finding_id: int, status: str, note: str | None, reviewer: str
) -> FindingData:
    """A clerk's decision; it survives re-validation (the key stays)."""
    with db.Session.begin() as session:
        document_id = decide(session, finding_id, status, note, reviewer).document_id
    return next(
        x for x in list_findings(db, document_id, include_inactive=True) if x.id == finding_id
    )


def decide_many(
    db: Database, finding_ids: Iterable[int], status: str, note: str | None, reviewer: str
) -> Changes:
    """One decision (and one note) on several findings in one transaction: all are
    recorded or none. Each finding gets its own status, note, reviewer and time, as a
    single `decide` gives it (the 审核记录 sheet lists them one by one). A dismissal
    needs a non-empty reason. Raises InputError for an unknown finding or status, a
    dismissal without a reason, or findings of more than one document; nothing is
    stored then. Runs on the caller's thread."""
    ids = list(dict.fromkeys(finding_ids))
    if status not in STATUSES:
        raise InputError(f"未知的问题状态：{status}")
    if status == "dismissed" and not (note or "").strip():
        raise InputError("排除问题需要填写理由")
    if not ids:
        return Changes()
    with db.Session.begin() as session:
        decided: list[Finding] = []
        filing: FilingData | None = None
        for finding_id in ids:
            decided.append(decide(session, finding_id, status, note, reviewer, filing))
            if filing is None or filing.id != decided[-1].document_id:
                filing = current_filing(session, decided[-1].document_id)
        documents = {f.document_id for f in decided}
        if len(documents) != 1:
            raise InputError("一次只能处理同一份文件的问题")
        tables = frozenset(f.table_id for f in decided if f.table_id is not None)
    return Changes(document_id=documents.pop(), findings=tables, documents=True)


def check_document(db: Database, doc_id: int) -> list[FindingData]:
    """Run every rule on the stored filing, store the findings, return the active ones."""
    with db.Session.begin() as session:
        refresh_findings(session, doc_id)
    return list_findings(db, doc_id)
