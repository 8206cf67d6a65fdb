"""Validation: a registry of rules (one module per family) run over a stored filing,
and the findings kept in the database.

`refresh_findings` is the one entry point for the DB: the services (review.py)
call it inside their unit of work after an edit. It must not import gui/ or Qt.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.decisions import reopen_changed
from model.domain import FilingData
from model.schema import Finding
from model.validation.registry import NOT_RUN, Rule, all_rules, rules_reading, run_rules
from model.validation.result import ERROR, INFO, WARNING, FindingResult
from model.validation.stored import current_filing

__all__ = [
    "ERROR",
    "INFO",
    "WARNING",
    "FindingResult",
    "refresh_findings",
    "rules_for_tables",
    "validate",
]


def rules_for_tables(filing: FilingData, table_ids: set[int] | None) -> list[Rule]:
    """Every rule (None), or the rules reading the kinds of these tables."""
    if table_ids is None:
        return all_rules()
    kinds = {t.kind for t in filing.tables if t.id in table_ids}
    return rules_reading(kinds)


def validate(filing: FilingData, table_ids: set[int] | None = None) -> list[FindingResult]:
    """Pure: the findings of the rules that read these tables (all rules for None)."""
    return run_rules(filing, rules_for_tables(filing, table_ids))


# A stored finding's columns that a re-run may change (its key and decision stay).
_STORED_FIELDS = ("table_id", "severity", "cells", "message", "expected", "actual", "active")


def refresh_findings(
    session: Session, document_id: int, table_ids: set[int] | None = None
) -> set[int]:
    """Re-run the rules (all, or those reading `table_ids`) on the filing as stored in
    `session`, upsert Finding rows by key, mark vanished ones inactive (their status
    and note are kept for when they come back), reopen decided ones whose cells now
    hold other figures (model.decisions.reopen_changed) and return the ids of tables whose
    findings changed. Flushes, never commits: the caller owns the unit of work.
    Raises parsers.extraction.InputError when the document does not exist."""
    filing = current_filing(session, document_id)
    rules = rules_for_tables(filing, table_ids)
    if not rules:
        return set()
    results = run_rules(filing, rules)
    names = {r.name for r in rules}
    if len(rules) == len(all_rules()):
        names.add(NOT_RUN)  # a whole run says again which checks it could not run
    existing = {
        f.key: f
        for f in session.scalars(
            select(Finding).where(Finding.document_id == document_id, Finding.rule.in_(names))
        )
    }
    changed: set[int | None] = set()
    seen: set[str] = set()
    for res in results:
        key = res.key
        seen.add(key)
        cells = [list(c) for c in res.cells]
        row = existing.get(key)
        if row is None:
            session.add(
                Finding(
                    document_id=document_id,
                    table_id=res.table_id,
                    key=key,
                    rule=res.rule,
                    severity=res.severity,
                    cells=cells,
                    message=res.message,
                    expected=res.expected[:100],
                    actual=res.actual[:100],
                    status="open",
                    active=True,
                )
            )
            changed.add(res.table_id)
            continue
        new = (
            res.table_id,
            res.severity,
            cells,
            res.message,
            res.expected[:100],
            res.actual[:100],
            True,
        )
        old = tuple(getattr(row, f) for f in _STORED_FIELDS)
        if new != old:
            for f, v in zip(_STORED_FIELDS, new, strict=True):
                setattr(row, f, v)
            changed.update({res.table_id, old[0]})
    for key, row in existing.items():
        if key not in seen and row.active:
            row.active = False
            changed.add(row.table_id)
    # A decision was made on the figures of its day: other figures reopen it.
    changed |= reopen_changed(session, filing, existing.values())
    session.flush()
    return {t for t in changed if t is not None}
