"""Reading the library: list documents, load one filing as plain data, resolve a
command-line FILE|DOC_ID argument."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session, selectinload

from model import messages
from model.database import Database
from model.domain import (
    OPEN_SEVERITIES,
    CellData,
    DocumentSummary,
    FilingData,
    ParagraphData,
    TableData,
)
from model.importing import import_file
from model.progress import Progress
from model.schema import Cell, Document, Finding, Table
from parsers.extraction import InputError, paragraph_json, table_json
from parsers.tables.columns import ColumnReading


def list_documents(db: Database) -> list[DocumentSummary]:
    with db.Session() as session:
        open_counts = dict(
            session.execute(
                select(Finding.document_id, func.count())
                .where(
                    Finding.status == "open",
                    Finding.active.is_(True),
                    Finding.severity.in_(OPEN_SEVERITIES),
                )
                .group_by(Finding.document_id)
            ).all()
        )
        docs = session.scalars(select(Document).order_by(Document.id)).all()
        return [
            DocumentSummary(
                id=d.id,
                name=d.name,
                department=f"{d.department_code or ''}{d.department_name or ''}",
                year=d.year,
                status=d.status,
                open_findings=open_counts.get(d.id, 0),
            )
            for d in docs
        ]


def load_filing(db: Database, document_id: int) -> FilingData:
    """Raises InputError when no such document is stored."""
    with db.Session() as session:
        return filing_from_session(session, document_id)


def filing_from_session(session: Session, document_id: int) -> FilingData:
    doc = session.scalar(
        select(Document)
        .where(Document.id == document_id)
        .options(
            selectinload(Document.tables),
            selectinload(Document.paragraphs),
            selectinload(Document.pages),
        )
    )
    if doc is None:
        raise InputError(messages.DOCUMENT_NOT_FOUND.format(doc_id=document_id))
    # The cells as plain rows, not ORM objects: a 10,000-row table has 60,000 of them,
    # and building mapped instances was most of the time of a check or an export.
    cells: dict[int, list[CellData]] = {t.id: [] for t in doc.tables}
    if cells:
        for row in session.execute(
            select(Cell.__table__)
            .where(Cell.table_id.in_(list(cells)))
            .order_by(Cell.table_id, Cell.row, Cell.col)
        ):
            cells[row.table_id].append(cell_data(row))
    return FilingData(
        id=doc.id,
        name=doc.name,
        sha256=doc.sha256,
        file_type=doc.file_type,
        page_count=doc.page_count,
        department_code=doc.department_code,
        department_name=doc.department_name,
        year=doc.year,
        unit=doc.unit,
        status=doc.status,
        tables=tuple(table_data(t, cells[t.id]) for t in doc.tables),
        paragraphs=tuple(
            ParagraphData(
                order=p.order,
                text=p.text,
                heading=p.heading,
                page=p.page,
                bbox=tuple(p.bbox) if p.bbox else None,
                anchor=p.anchor,
            )
            for p in doc.paragraphs
        ),
        page_sizes=tuple((p.width, p.height) for p in doc.pages),
    )


def table_data(t: Table, cells: Sequence[CellData] | None = None) -> TableData:
    """A stored table as data; `cells` (in row, column order) when the caller has read
    them already, else they come from the ORM table."""
    if cells is None:
        cells = [cell_data(c) for c in sorted(t.cells, key=lambda c: (c.row, c.col))]
    return TableData(
        id=t.id,
        order=t.order,
        kind=t.kind,
        title=t.title,
        part=t.part,
        header_rows=t.header_rows,
        n_rows=t.n_rows,
        n_cols=t.n_cols,
        cells=tuple(cells),
        pages=tuple(t.pages or ()),
        caption_lines=tuple(t.caption_lines or ()),
        review_status=t.review_status,
        reviewed_by=t.reviewed_by,
        reviewed_at=t.reviewed_at,
        columns=ColumnReading.from_json(t.columns) if t.columns else None,
    )


def cell_data(c: Cell | Row[Any]) -> CellData:
    """From an ORM cell or a row of its columns (the validation cache selects columns)."""
    return CellData(
        id=c.id,
        row=c.row,
        col=c.col,
        text=c.text,
        extracted_text=c.extracted_text,
        rowspan=c.rowspan,
        colspan=c.colspan,
        page=c.page,
        bbox=(c.x0, c.y0, c.x1, c.y1) if c.x0 is not None else None,
        confidence=c.confidence,
        anchor=c.anchor,
        version=c.version,
    )


def source_bytes(db: Database, document_id: int) -> bytes:
    with db.Session() as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise InputError(messages.DOCUMENT_NOT_FOUND.format(doc_id=document_id))
        return doc.source


def resolve_document(
    db: Database, target: str, *, ocr: str = "auto", progress: Progress | None = None
) -> int:
    """A command-line FILE|DOC_ID: a stored id, or a file imported (or reused) now."""
    path = Path(target)
    if target.isdigit() and not path.exists():
        with db.Session() as session:
            if session.get(Document, int(target)) is None:
                raise InputError(messages.DOCUMENT_NOT_FOUND.format(doc_id=target))
        return int(target)
    return import_file(db, path, ocr=ocr, progress=progress).document_id


def extraction_json(filing: FilingData) -> dict:
    """The stored filing as the extraction JSON of INTERFACES.md (clerk's corrections included)."""
    return {
        "source": filing.name,
        "sha256": filing.sha256,
        "pages": filing.page_count,
        "department": {"code": filing.department_code, "name": filing.department_name},
        "year": filing.year,
        "tables": [table_json(t) for t in filing.tables],
        "paragraphs": [paragraph_json(p) for p in filing.paragraphs],
    }
