"""The stored filing as validation sees it, kept between runs and reloaded table by
table: after one edit only the edited table is read again (loading a whole 30-page
filing through the ORM costs far more than the rules).

Staleness is decided from the database, never assumed: each run reads one cheap
aggregate per table (cell count, sum of cell versions, total text length, table
attributes) and reloads every table whose aggregate changed, whoever changed it.
"""

from __future__ import annotations

from dataclasses import replace
from threading import Lock

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from model.domain import CellData, FilingData, TableData
from model.library import cell_data
from model.schema import Cell, Paragraph, Table

_TABLE_COLUMNS = (
    Table.id,
    Table.order,
    Table.kind,
    Table.title,
    Table.part,
    Table.header_rows,
    Table.n_rows,
    Table.n_cols,
    Table.review_status,
    Table.reviewed_by,
    Table.reviewed_at,
)
_CELL_COLUMNS = (
    Cell.table_id,
    Cell.id,
    Cell.row,
    Cell.col,
    Cell.text,
    Cell.extracted_text,
    Cell.rowspan,
    Cell.colspan,
    Cell.page,
    Cell.x0,
    Cell.y0,
    Cell.x1,
    Cell.y1,
    Cell.confidence,
    Cell.anchor,
    Cell.version,
)
_MAX_DOCUMENTS = 8
_cache: dict[tuple[str, int], tuple[FilingData, dict[int, tuple]]] = {}
_lock = Lock()


def _signatures(session: Session, document_id: int) -> tuple[dict[int, tuple], tuple]:
    tables = {
        row[0]: tuple(row)
        for row in session.execute(select(*_TABLE_COLUMNS).where(Table.document_id == document_id))
    }
    cells = {
        row[0]: tuple(row[1:])
        for row in session.execute(
            select(
                Cell.table_id,
                func.count(),
                func.sum(Cell.version),
                func.sum(func.length(Cell.text)),
                func.max(Cell.id),
            )
            .join(Table, Cell.table_id == Table.id)
            .where(Table.document_id == document_id)
            .group_by(Cell.table_id)
        )
    }
    paragraphs = tuple(
        session.execute(
            select(
                func.count(), func.max(Paragraph.id), func.sum(func.length(Paragraph.text))
            ).where(Paragraph.document_id == document_id)
        ).one()
    )
    return {tid: (row, cells.get(tid)) for tid, row in tables.items()}, paragraphs


def _load_tables(
    session: Session, old: FilingData, ids: set[int], sigs: dict[int, tuple]
) -> dict[int, TableData]:
    cells: dict[int, list[CellData]] = {i: [] for i in ids}
    for r in session.execute(
        select(*_CELL_COLUMNS)
        .where(Cell.table_id.in_(ids))
        .order_by(Cell.table_id, Cell.row, Cell.col)
    ):
        cells[r.table_id].append(cell_data(r))
    out = {}
    for tid in ids:
        row = sigs[tid][0]
        previous = old.table(tid)
        out[tid] = TableData(
            id=tid,
            order=row[1],
            kind=row[2],
            title=row[3],
            part=row[4],
            header_rows=row[5],
            n_rows=row[6],
            n_cols=row[7],
            review_status=row[8],
            reviewed_by=row[9],
            reviewed_at=row[10],
            cells=tuple(cells[tid]),
            pages=previous.pages if previous else (),
            caption_lines=previous.caption_lines if previous else (),
            columns=previous.columns if previous else None,
        )
    return out


def current_filing(session: Session, document_id: int) -> FilingData:
    """The filing as stored now (pending changes of `session` included)."""
    from model.library import filing_from_session

    session.flush()
    key = (str(session.get_bind().url), document_id)
    sigs, paragraphs = _signatures(session, document_id)
    with _lock:
        cached = _cache.get(key)
    if cached is None or cached[1].get("paragraphs") != paragraphs:
        filing = filing_from_session(session, document_id)
    else:
        filing, old = cached
        stale = {tid for tid, sig in sigs.items() if old.get(tid) != sig}
        if set(sigs) != {k for k in old if isinstance(k, int)} or any(
            filing.table(t) is None for t in stale
        ):
            filing = filing_from_session(session, document_id)
        elif stale:
            fresh = _load_tables(session, filing, stale, sigs)
            filing = replace(
                filing,
                tables=tuple(
                    sorted((fresh.get(t.id, t) for t in filing.tables), key=lambda t: t.order)
                ),
            )
    with _lock:
        if len(_cache) >= _MAX_DOCUMENTS and key not in _cache:
            _cache.pop(next(iter(_cache)))
        _cache[key] = (filing, {**sigs, "paragraphs": paragraphs})
    return filing
