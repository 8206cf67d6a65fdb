"""The histories behind a finding's status and a table's review mark: every decision
on a finding (who, when, status, reason, and the figures it was made on) and every
change of a review mark, recorded inside the caller's unit of work and read back as
frozen dataclasses. A decided finding whose figures changed is reopened here,
automatically and on the record.

Never imports gui or Qt; no ORM object leaves this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from model import messages
from model.database import Database
from model.domain import FilingData, TableData
from model.schema import Finding, FindingDecision, ReviewMark, Table


@dataclass(frozen=True)
class DecisionData:
    finding_id: int
    status: str  # open (reopened) / confirmed / dismissed
    note: str
    reviewer: str
    at: datetime
    automatic: bool


@dataclass(frozen=True)
class ReviewMarkData:
    table_id: int
    reviewed: bool
    reviewer: str
    at: datetime
    reason: str | None  # None: the clerk's mark; else the edit's action that took it back


def figures(table: TableData | None, cells: Iterable[Sequence[int]]) -> dict[str, str]:
    """The text of the cells a finding points at, by cell id (str: a JSON key); a
    position under a span reads its merged cell. Cell ids survive row inserts and
    deletes, so a finding whose cells moved still compares with what was decided."""
    if table is None:
        return {}
    out: dict[str, str] = {}
    for row, col in cells:
        cell = table.cell(int(row), int(col))
        if cell is not None:
            out[str(cell.id)] = cell.text
    return out


def record_decision(
    session: Session,
    finding: Finding,
    status: str,
    note: str | None,
    reviewer: str,
    filing: FilingData,
    *,
    automatic: bool = False,
) -> None:
    """Set the finding's status (note None keeps its note on the finding; the history
    records none) and append the decision with the figures it was made on, in the
    caller's unit of work."""
    now = datetime.now(UTC)
    finding.status = status
    if note is not None:
        finding.note = note
    finding.decided_by = reviewer
    finding.decided_at = now
    session.add(
        FindingDecision(
            finding_id=finding.id,
            status=status,
            note=note,
            reviewer=reviewer,
            at=now,
            automatic=automatic,
            figures=figures(filing.table(finding.table_id or -1), finding.cells or ()),
        )
    )


def reopen_changed(session: Session, filing: FilingData, candidates: Iterable[Finding]) -> set[int]:
    """Reopen each active, decided finding whose cells no longer hold the figures of its
    latest decision (the clerk decided on other numbers), recorded as automatic with the
    old and new figures; `filing` is the state the rules just read. Returns the ids of
    tables whose findings were reopened. Decisions whose figures are unknown (made
    before migration 0004) are left alone."""
    decided = {f.id: f for f in candidates if f.active and f.status != "open" and f.id}
    if not decided:
        return set()
    latest: dict[int, dict[str, str] | None] = {}
    for d in session.scalars(
        select(FindingDecision)
        .where(FindingDecision.finding_id.in_(list(decided)))
        .order_by(FindingDecision.id)
    ):
        latest[d.finding_id] = d.figures
    changed: set[int] = set()
    for finding_id, f in decided.items():
        before = latest.get(finding_id)
        if before is None:
            continue
        now = figures(filing.table(f.table_id or -1), f.cells or ())
        if now == before:
            continue
        what = "；".join(
            f"{before.get(k, '（无）')}→{now.get(k, '（无）')}"
            for k in sorted(set(before) | set(now), key=int)
            if before.get(k) != now.get(k)
        )
        record_decision(
            session,
            f,
            "open",
            messages.REOPENED_FIGURES_CHANGED.format(changes=what),
            messages.AUTOMATIC_REVIEWER,
            filing,
            automatic=True,
        )
        if f.table_id is not None:
            changed.add(f.table_id)
    return changed


def record_mark(
    session: Session, table: Table, reviewed: bool, reviewer: str, reason: str | None = None
) -> None:
    """Set or take back a table's review mark and append it to the table's history,
    in the caller's unit of work; the document follows (reviewed once every table is)."""
    now = datetime.now(UTC)
    table.review_status = "reviewed" if reviewed else "unreviewed"
    table.reviewed_by = reviewer if reviewed else None
    table.reviewed_at = now if reviewed else None
    session.add(
        ReviewMark(table_id=table.id, reviewed=reviewed, reviewer=reviewer, at=now, reason=reason)
    )


def decision_history(db: Database, document_id: int) -> list[DecisionData]:
    """Every decision on the document's findings, oldest first."""
    with db.Session() as session:
        return [
            _decision(d)
            for d in session.scalars(
                select(FindingDecision)
                .join(Finding, FindingDecision.finding_id == Finding.id)
                .where(Finding.document_id == document_id)
                .order_by(FindingDecision.at, FindingDecision.id)
            )
        ]


def review_marks(db: Database, document_id: int) -> list[ReviewMarkData]:
    """Every review mark of the document's tables, set or taken back, oldest first."""
    with db.Session() as session:
        return [
            ReviewMarkData(m.table_id, m.reviewed, m.reviewer, m.at, m.reason)
            for m in session.scalars(
                select(ReviewMark)
                .join(Table, ReviewMark.table_id == Table.id)
                .where(Table.document_id == document_id)
                .order_by(ReviewMark.at, ReviewMark.id)
            )
        ]


def _decision(d: FindingDecision) -> DecisionData:
    return DecisionData(d.finding_id, d.status, d.note or "", d.reviewer, d.at, d.automatic)
