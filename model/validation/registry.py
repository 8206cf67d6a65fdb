"""The rule registry: every rule, the table kinds it reads, and how to run them.

A rule is a pure function FilingData -> list[FindingResult]. The kinds a rule
declares drive incremental re-validation: after an edit only the rules that read
the edited table's kind run again. No ORM here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from model.domain import FilingData
from model.validation import messages
from model.validation.grid import reset_memo
from model.validation.result import INFO, FindingResult
from parsers.tables import kinds

log = logging.getLogger(__name__)

RuleFunction = Callable[[FilingData], list[FindingResult]]

CODED_KINDS = kinds.CODED_KINDS
KIND_NAMES = kinds.CATALOG


@dataclass(frozen=True)
class Rule:
    name: str
    family: str
    kinds: frozenset[str]
    function: RuleFunction
    reads_paragraphs: bool = False


RULES: list[Rule] = []


def rule(
    name: str, family: str, kinds: Iterable[str], *, reads_paragraphs: bool = False
) -> Callable[[RuleFunction], RuleFunction]:
    """Registers a rule function under its INTERFACES.md name."""

    def register(fn: RuleFunction) -> RuleFunction:
        RULES.append(Rule(name, family, frozenset(kinds), fn, reads_paragraphs))
        return fn

    return register


def absent(rule_name: str, kinds: Iterable[str]) -> FindingResult:
    """What a rule returns when the filing lacks what it reads (tables of `kinds`, or
    no kinds: the narrative). A whole run folds it into the one note of checks not run
    (`extra["not_run"]`); a rule run alone shows it as is."""
    names = "、".join(KIND_NAMES.get(k, k) for k in sorted(k for k in kinds if k))
    return FindingResult(
        rule=rule_name,
        severity=INFO,
        table_id=None,
        cells=(),
        message=messages.TABLE_ABSENT.format(tables=names or messages.NARRATIVE_TEXT),
        subject="absent",
        extra={"not_run": True},
    )


def all_rules() -> list[Rule]:
    _load_families()
    return list(RULES)


def rules_reading(kinds: set[str | None]) -> list[Rule]:
    """Rules that read any of these table kinds (what an edit there can change)."""
    return [r for r in all_rules() if r.kinds & kinds]


def run_rules(filing: FilingData, rules: Iterable[Rule] | None = None) -> list[FindingResult]:
    """All findings of the given rules (default: every rule), keys made unique."""
    reset_memo()
    try:
        out = _run(filing, rules if rules is not None else all_rules())
    finally:
        reset_memo()
    return out


NOT_RUN = "checks_not_run"  # the rule name of the one note listing checks not run


def not_run(
    rules: list[Rule], *, no_tables: bool = False, present: frozenset[str | None] = frozenset()
) -> FindingResult:
    """The one note of a filing that lacks the tables some checks need: which checks
    did not run and which tables they wanted (issue 27: not one note per rule). A
    filing with no table at all gets one short line instead: the clerk likely
    opened the wrong file, or it is the text half of a filing published as two files
    (Jiangsu's 文件 and 表格), so a note, not a warning."""
    if no_tables:
        return FindingResult(
            rule=NOT_RUN,
            severity=INFO,
            table_id=None,
            cells=(),
            message=messages.NO_TABLES,
            subject="absent",
        )
    kinds = sorted({k for r in rules for k in r.kinds if k and k not in present})
    wanted = [KIND_NAMES.get(k, k) for k in kinds]
    if any(r.reads_paragraphs and not r.kinds for r in rules):
        wanted.append(messages.NARRATIVE_TEXT)
    return FindingResult(
        rule=NOT_RUN,
        severity=INFO,
        table_id=None,
        cells=(),
        message=messages.CHECKS_NOT_RUN.format(
            checks="、".join(dict.fromkeys(messages.rule_title(r.name) for r in rules)),
            tables="、".join(wanted),
        ),
        subject="absent",
    )


def _run(filing: FilingData, rules: Iterable[Rule]) -> list[FindingResult]:
    out: list[FindingResult] = []
    seen: dict[str, int] = {}
    present = {t.kind for t in filing.tables}
    rules = list(rules)
    lacking = [r for r in rules if r.kinds and r.kinds.isdisjoint(present)]
    whole = len(rules) == len(all_rules())
    for r in rules:
        try:
            if r in lacking:
                continue
            else:
                found = r.function(filing)
        except Exception as err:  # noqa: BLE001 - one broken rule must not block an edit
            log.exception("rule %s failed", r.name)
            found = [
                FindingResult(
                    r.name,
                    INFO,
                    None,
                    (),
                    messages.RULE_FAILED.format(
                        rule=messages.rule_title(r.name),
                        reason=f"{type(err).__name__}: {err}"[:200],
                    ),
                    subject="failed",
                )
            ]
        if whole and len(found) == 1 and found[0].extra.get("not_run"):
            lacking.append(r)  # found nothing to read: said in the one note below
            continue
        for f in found:
            n = seen.get(f.key, 0)
            seen[f.key] = n + 1
            if n:
                f = FindingResult(
                    f.rule,
                    f.severity,
                    f.table_id,
                    f.cells,
                    f.message,
                    f.expected,
                    f.actual,
                    f"{f.subject or f.key}#{n}",
                    f.extra,
                )
            out.append(f)
    if lacking and whole:
        # Said once for the filing, on a whole run only: a re-run after an edit runs
        # some rules, and what the filing holds does not change by editing a cell.
        out.insert(0, not_run(lacking, no_tables=not filing.tables, present=frozenset(present)))
    return out


def _load_families() -> None:
    # Importing a family module registers its rules (decorators run at import).
    from model.validation import (  # noqa: F401
        balances,
        codes,
        cross_table,
        fixed_assets,
        hierarchy,
        narrative,
        outline,
        performance,
        procurement,
        required_tables,
        row_arithmetic,
        three_public,
    )
