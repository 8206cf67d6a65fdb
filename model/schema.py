"""ORM classes: what the database stores. Services in importing.py / review.py use them;
no ORM object leaves model/ (services return dataclasses).

Amounts stay text exactly as the clerk sees them; validation parses them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Document(Base):
    """One imported filing. The source bytes are kept so it can be shown after the file is gone."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    file_type: Mapped[str] = mapped_column(String(10))  # pdf / docx / xlsx / txt
    source: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    department_code: Mapped[str | None] = mapped_column(String(50))
    department_name: Mapped[str | None] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str | None] = mapped_column(String(20))  # of the amounts: 万元 (None) or 元
    status: Mapped[str] = mapped_column(String(20), default="new")  # new / in_review / reviewed
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    pages: Mapped[list[Page]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Page.number"
    )
    tables: Mapped[list[Table]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Table.order"
    )
    paragraphs: Mapped[list[Paragraph]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Paragraph.order"
    )
    findings: Mapped[list[Finding]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )


class Page(Base):
    __tablename__ = "page"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)  # 1-based
    width: Mapped[float] = mapped_column(Float)  # PDF points
    height: Mapped[float] = mapped_column(Float)
    ocr: Mapped[bool] = mapped_column(default=False)

    document: Mapped[Document] = relationship(back_populates="pages")


class Paragraph(Base):
    """Narrative text outside tables, in reading order; the narrative rules read it."""

    __tablename__ = "paragraph"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    order: Mapped[int] = mapped_column(Integer)  # position among all blocks
    text: Mapped[str] = mapped_column(Text)
    heading: Mapped[bool] = mapped_column(default=False)
    page: Mapped[int | None] = mapped_column(Integer)
    bbox: Mapped[list[Any] | None] = mapped_column(JSON)
    anchor: Mapped[str | None] = mapped_column(String(100))

    document: Mapped[Document] = relationship(back_populates="paragraphs")


class Table(Base):
    __tablename__ = "extracted_table"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    order: Mapped[int] = mapped_column(Integer)  # position among all blocks
    kind: Mapped[str | None] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(Text, default="")
    part: Mapped[str | None] = mapped_column(String(20))
    header_rows: Mapped[int] = mapped_column(Integer, default=0)
    n_rows: Mapped[int] = mapped_column(Integer)
    n_cols: Mapped[int] = mapped_column(Integer)
    pages: Mapped[list[Any]] = mapped_column(JSON, default=list)
    caption_lines: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # parsers.tables.columns.ColumnReading.to_json(), made once at import (migration 0003)
    columns: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    review_status: Mapped[str] = mapped_column(String(20), default="unreviewed")
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    document: Mapped[Document] = relationship(back_populates="tables")
    cells: Mapped[list[Cell]] = relationship(
        back_populates="table", cascade="all, delete-orphan", order_by="(Cell.row, Cell.col)"
    )


class Cell(Base):
    """A top-left cell; positions under its span have no row of their own."""

    __tablename__ = "cell"
    __table_args__ = (UniqueConstraint("table_id", "row", "col"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(
        ForeignKey("extracted_table.id", ondelete="CASCADE"), index=True
    )
    row: Mapped[int] = mapped_column(Integer)
    col: Mapped[int] = mapped_column(Integer)
    rowspan: Mapped[int] = mapped_column(Integer, default=1)
    colspan: Mapped[int] = mapped_column(Integer, default=1)
    text: Mapped[str] = mapped_column(Text, default="")
    extracted_text: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[int | None] = mapped_column(Integer)
    x0: Mapped[float | None] = mapped_column(Float)
    y0: Mapped[float | None] = mapped_column(Float)
    x1: Mapped[float | None] = mapped_column(Float)
    y1: Mapped[float | None] = mapped_column(Float)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    anchor: Mapped[str | None] = mapped_column(String(100))
    # Optimistic locking: two clerks saving the same cell cannot overwrite each other.
    version: Mapped[int] = mapped_column(Integer, default=1)

    table: Mapped[Table] = relationship(back_populates="cells")

    __mapper_args__ = {"version_id_col": version}

    @staticmethod
    def box(bbox: tuple[float, float, float, float] | None) -> dict[str, float | None]:
        """The x0..y1 columns for a parsed bbox (None: a cell with no place on a page)."""
        return dict(zip(("x0", "y0", "x1", "y1"), bbox or (None,) * 4, strict=True))


class Edit(Base):
    """The audit trail: every change, with the text before and after. Never deleted."""

    __tablename__ = "edit"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(
        ForeignKey("extracted_table.id", ondelete="CASCADE"), index=True
    )
    cell_id: Mapped[int | None] = mapped_column(ForeignKey("cell.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(20), default="set")  # set / insert_row / delete_row
    row: Mapped[int] = mapped_column(Integer)
    col: Mapped[int | None] = mapped_column(Integer)
    old_text: Mapped[str | None] = mapped_column(Text)
    new_text: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DocumentEdit(Base):
    """The audit trail of the filing's own details (department, year, unit) and of
    the clerk's choices about the whole filing (going on despite open errors), beside
    `Edit` for cells. Never deleted."""

    __tablename__ = "document_edit"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(40))  # department_code / ... / a choice's name
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Finding(Base):
    """A validation finding. `key` identifies it across re-validation so a clerk's
    decision (confirmed / dismissed + note) survives re-checking and re-opening."""

    __tablename__ = "finding"
    __table_args__ = (UniqueConstraint("document_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    table_id: Mapped[int | None] = mapped_column(
        ForeignKey("extracted_table.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(300))
    rule: Mapped[str] = mapped_column(String(60))
    severity: Mapped[str] = mapped_column(String(10))  # error / warning / info
    cells: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [[row, col], ...]
    message: Mapped[str] = mapped_column(Text)
    expected: Mapped[str | None] = mapped_column(String(100))
    actual: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="open")  # open/confirmed/dismissed
    note: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)  # False once the figures add up again
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    document: Mapped[Document] = relationship(back_populates="findings")


class FindingDecision(Base):
    """Every decision on a finding — confirmed, dismissed, reopened — by a clerk, or
    automatically when the figures behind it changed (migration 0004). `Finding.status`,
    `note`, `decided_by` and `decided_at` are the latest of these. Never deleted."""

    __tablename__ = "finding_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("finding.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20))  # open / confirmed / dismissed
    note: Mapped[str | None] = mapped_column(Text)  # the clerk's reason, or the automatic one
    reviewer: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    automatic: Mapped[bool] = mapped_column(default=False)
    # The text of the finding's cells when decided, by cell id ({"12": "965.30"}); a
    # re-validation that finds other figures reopens the decision. None: not known.
    figures: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class ReviewMark(Base):
    """Every change of a table's review mark: set or taken back by the clerk, or taken
    back by an edit of the reviewed table (`reason` names the edit's action). `Table.
    reviewed_by` / `reviewed_at` hold the current mark. Never deleted (migration 0004)."""

    __tablename__ = "review_mark"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(
        ForeignKey("extracted_table.id", ondelete="CASCADE"), index=True
    )
    reviewed: Mapped[bool] = mapped_column()
    reviewer: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reason: Mapped[str | None] = mapped_column(String(20))  # None: the clerk; else Edit.action
