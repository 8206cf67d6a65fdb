"""The filing's own details — department code and name, budget year, unit of the
amounts — as the clerk corrects them, each change kept with its old value.

Extraction guesses these from the cover and the titles, and a guess can be wrong
(a heading read as the department, a filing that prints no year). They head the
exported workbook and the year picks the code list the rules check against, so a
correction re-runs the checks. Also the place where the clerk's choices about the
whole filing are recorded (going on despite open errors): both are
`DocumentEdit` rows, the document-level twin of a cell's `Edit`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from sqlalchemy import select

from model.changes import Changes
from model.database import Database
from model.domain import FilingData
from model.library import load_filing
from model.progress import Progress
from model.review import check_document
from model.schema import Document, DocumentEdit
from parsers.extraction import InputError
from parsers.tables import units

# The template's tables are in 万元; a few counties print 元. The clerk's unit is the
# default for a table that prints none (model.domain.FilingData.unit_of); a table that
# prints its own (千元 too) is read by parsers.tables.units.
DEFAULT_UNIT = units.TEMPLATE_UNIT
UNITS = (DEFAULT_UNIT, "元")

# What `record_choice` may record: why a clerk went on with errors still open.
CHOICES = ("reviewed_with_open_errors", "exported_with_open_errors")


@dataclass(frozen=True)
class FilingDetails:
    department_code: str | None
    department_name: str | None
    year: int | None
    unit: str = DEFAULT_UNIT

    @staticmethod
    def of(filing: FilingData) -> FilingDetails:
        """The details of a loaded filing (no database read: the GUI thread asks)."""
        return FilingDetails(
            filing.department_code, filing.department_name, filing.year, filing.unit or DEFAULT_UNIT
        )

    def checked(self) -> FilingDetails:
        """The details as stored: blanks as None, or InputError (one line, Chinese)."""
        code = (self.department_code or "").strip() or None
        name = (self.department_name or "").strip() or None
        if code is not None and (len(code) > 50 or not code.isalnum()):
            raise InputError(f"部门编码只能由字母和数字组成（50 位以内）：{code}")
        if name is not None and len(name) > 200:
            raise InputError("部门名称过长（200 字以内）")
        if self.year is not None and not 1990 <= self.year <= 2100:
            raise InputError(f"预算年度不合理：{self.year}")
        if self.unit not in UNITS:
            raise InputError(f"金额单位只能是 {'、'.join(UNITS)}：{self.unit}")
        return FilingDetails(code, name, self.year, self.unit)


@dataclass(frozen=True)
class DocumentEditData:
    field: str
    old_value: str | None
    new_value: str | None
    reviewer: str
    at: str  # ISO 8601, UTC


def _document(session, document_id: int) -> Document:  # noqa: ANN001 - a Session
    doc = session.get(Document, document_id)
    if doc is None:
        raise InputError(f"数据库中没有编号为 {document_id} 的文档")
    return doc


def _as_text(value: object) -> str | None:
    return None if value is None else str(value)


def load_details(db: Database, document_id: int) -> FilingDetails:
    return FilingDetails.of(load_filing(db, document_id))


def set_details(
    db: Database,
    document_id: int,
    details: FilingDetails,
    reviewer: str,
    *,
    progress: Progress | None = None,
) -> Changes:
    """Store the corrected details, one audit row per field that changed, and re-run
    the checks when the year changed (it picks the code list). A job: worker thread."""
    new = details.checked()
    with db.Session.begin() as session:
        doc = _document(session, document_id)
        old = FilingDetails(
            doc.department_code, doc.department_name, doc.year, doc.unit or DEFAULT_UNIT
        )
        changed = [
            f.name for f in fields(FilingDetails) if getattr(old, f.name) != getattr(new, f.name)
        ]
        for name in changed:
            session.add(
                DocumentEdit(
                    document_id=document_id,
                    field=name,
                    old_value=_as_text(getattr(old, name)),
                    new_value=_as_text(getattr(new, name)),
                    reviewer=reviewer,
                )
            )
        for name, value in asdict(new).items():
            setattr(doc, name, None if name == "unit" and value == DEFAULT_UNIT else value)
    if not changed:
        return Changes(document_id=document_id)
    if "year" in changed:
        return check_document(db, document_id, progress=progress)
    return Changes(document_id=document_id, documents=True)


def record_choice(db: Database, document_id: int, choice: str, reviewer: str, note: str) -> None:
    """Keep, in the audit trail, that the clerk chose to go on (mark reviewed, export)
    while errors were still open, with how many and the clerk's note."""
    if choice not in CHOICES:
        raise ValueError(choice)
    with db.Session.begin() as session:
        _document(session, document_id)
        session.add(
            DocumentEdit(
                document_id=document_id, field=choice, new_value=note or None, reviewer=reviewer
            )
        )


def document_edits(db: Database, document_id: int) -> list[DocumentEditData]:
    """The filing's document-level audit trail, oldest first (for the audit sheet)."""
    with db.Session() as session:
        rows = session.scalars(
            select(DocumentEdit)
            .where(DocumentEdit.document_id == document_id)
            .order_by(DocumentEdit.at, DocumentEdit.id)
        )
        return [
            DocumentEditData(r.field, r.old_value, r.new_value, r.reviewer, r.at.isoformat())
            for r in rows
        ]
