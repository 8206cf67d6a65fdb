"""What a rule returns: a plain FindingResult naming the cells it used.

No ORM here; refresh_findings (model/validation/__init__.py) stores these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class FindingResult:
    """One thing that does not add up. `cells` are [row, col] in `table_id`'s logical
    rows (0-based); `expected`/`actual` are printed amounts or short texts.

    `subject` tells this finding apart from the rule's other findings on the same
    table (e.g. "r9c3"); with rule and table it makes the stored key, so the key
    survives a change of the figures."""

    rule: str
    severity: str
    table_id: int | None
    cells: tuple[tuple[int, int], ...]
    message: str
    expected: str = ""
    actual: str = ""
    subject: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        subject = self.subject or ";".join(f"{r},{c}" for r, c in self.cells[:4])
        return f"{self.rule}|{self.table_id if self.table_id is not None else '-'}|{subject}"[:300]
