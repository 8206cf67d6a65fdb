"""Import a file into the library: parse it, store document, pages, tables, cells and
paragraphs in one unit of work. Importing the same bytes again reuses the stored
document (matched by SHA-256) and parses nothing; so does an import that loses the race
to another process storing the same bytes at the same time. No Qt here.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from model import messages
from model.database import Database
from model.progress import NoProgress, Progress
from model.schema import Cell, Document, Page, Paragraph, Table
from parsers.extraction import ExtractedFiling, ExtractedTable, InputError
from parsers.formats import MAX_BYTES, read_filing, sniff
from parsers.formats import SUFFIXES as SUFFIXES  # what the GUI offers to import

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Imported:
    document_id: int
    name: str
    reused: bool


def read_source(path: Path) -> bytes:
    """The file's bytes; InputError (one Chinese line) when it is missing, unreadable or huge."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                messages.FILE_TOO_LARGE.format(
                    size_mb=size // 2**20, limit_mb=MAX_BYTES // 2**20, name=path.name
                )
            )
        return path.read_bytes()
    except FileNotFoundError as err:
        raise InputError(messages.FILE_NOT_FOUND.format(path=path)) from err
    except (IsADirectoryError, PermissionError, OSError) as err:
        raise InputError(
            messages.FILE_UNREADABLE.format(reason=messages.os_error_line(err, path))
        ) from err


def import_file(
    db: Database, path: Path, *, ocr: str = "auto", progress: Progress | None = None
) -> Imported:
    """Runs on a worker thread in the GUI. Raises InputError, or Cancelled (nothing stored)."""
    data = read_source(path)
    return import_bytes(db, data, path.name, ocr=ocr, progress=progress)


def import_bytes(
    db: Database,
    data: bytes,
    name: str,
    *,
    ocr: str = "auto",
    progress: Progress | None = None,
) -> Imported:
    """Store `data` as a new document, or reuse the stored one with the same SHA-256.

    Two processes importing the same new bytes at once both miss the lookup and both
    parse; the unique index on `document.sha256` lets only one insert land. The other
    insert waits for it (PostgreSQL holds it on the index entry until the first commits;
    SQLite's write lock, with `busy_timeout`, queues it), then fails with IntegrityError:
    that unit of work is rolled back and the committed document is returned, reused.
    Raises InputError, Cancelled (nothing stored), or IntegrityError for any other
    constraint."""
    sha = hashlib.sha256(data).hexdigest()
    existing = stored_document(db, sha)
    if existing is not None:
        return existing
    filing = read_filing(data, name, ocr=ocr, progress=progress or NoProgress())
    try:
        with db.Session.begin() as session:
            doc = store_filing(filing, data, sniff(data, name))
            session.add(doc)
            session.flush()
            return Imported(doc.id, doc.name, reused=False)
    except IntegrityError:
        # The rolled-back insert lost to another import of these bytes, now committed.
        existing = stored_document(db, sha)
        if existing is None:
            raise
        log.info(
            "%s: stored meanwhile by another import as document %d", name, existing.document_id
        )
        return existing


def stored_document(db: Database, sha256: str) -> Imported | None:
    """The committed document with these bytes (hex SHA-256), if any, as reused."""
    with db.Session() as session:
        row = session.execute(
            select(Document.id, Document.name).where(Document.sha256 == sha256)
        ).first()
        return None if row is None else Imported(row.id, row.name, reused=True)


def store_filing(filing: ExtractedFiling, data: bytes, file_type: str) -> Document:
    doc = Document(
        name=filing.source,
        sha256=filing.sha256,
        file_type=file_type,
        source=data,
        page_count=filing.pages,
        department_code=filing.department_code,
        department_name=filing.department_name,
        year=filing.year,
    )
    for number, (w, h) in enumerate(filing.page_sizes, start=1):
        doc.pages.append(Page(number=number, width=w, height=h))
    for order, block in enumerate(filing.blocks):
        if isinstance(block, ExtractedTable):
            doc.tables.append(_table(block, order))
        else:
            doc.paragraphs.append(
                Paragraph(
                    order=order,
                    text=block.text,
                    heading=block.heading,
                    page=block.page,
                    bbox=list(block.bbox) if block.bbox else None,
                    anchor=block.anchor,
                )
            )
    return doc


def _table(t: ExtractedTable, order: int) -> Table:
    table = Table(
        order=order,
        kind=t.kind,
        title=t.title,
        part=t.part,
        header_rows=t.header_rows,
        n_rows=t.n_rows,
        n_cols=t.n_cols,
        pages=list(t.pages),
        caption_lines=list(t.caption_lines),
        columns=t.columns.to_json() if t.columns is not None else None,
    )
    seen: set[tuple[int, int]] = set()
    for c in t.cells:
        if (c.row, c.col) in seen:
            # cell.table_id, row, col is unique; the assembly never emits two cells at
            # one place (parsers.tables.assemble.one_cell_per_place), a reader might
            log.warning(
                "%s: table %d %r: second cell at row %d col %d dropped (%r)",
                t.pages,
                order,
                t.title,
                c.row,
                c.col,
                c.text,
            )
            continue
        seen.add((c.row, c.col))
        table.cells.append(
            Cell(
                row=c.row,
                col=c.col,
                rowspan=c.rowspan,
                colspan=c.colspan,
                text=c.text,
                extracted_text=c.text,
                page=c.page,
                confidence=c.confidence,
                anchor=c.anchor,
                **Cell.box(c.bbox),
            )
        )
    return table
