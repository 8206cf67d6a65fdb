"""Review services: the clerk's edits, row fixes and review marks, each one unit of work.

Every change is audited in `Edit` (original, corrected, reviewer, time) and re-runs the
validation of the table it touched, then returns a frozen `Changes` for the views.
Runs on whichever thread calls it (the GUI calls the small ones directly from
QUndoCommand.redo/undo). Never imports gui or Qt.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from model import findings
from model.changes import Changes
from model.database import Database
from model.decisions import record_mark
from model.domain import CellData, TableData
from model.findings import FindingData
from model.library import cell_data, table_data
from model.progress import NoProgress, Progress
from model.schema import Cell, Document, Edit, Table
from model.validation import refresh_findings
from parsers.extraction import InputError
from parsers.tables import amounts
from parsers.tables.columns import COUNT, reading_of

__all__ = [
    "EditConflict",
    "InputError",
    "amount_columns",
    "cell_at_point",
    "check_document",
    "check_library",
    "revalidate",
    "delete_row",
    "document_findings",
    "insert_row",
    "mark_opened",
    "mark_table_reviewed",
    "normalise_cell_text",
    "reviewer_name",
    "set_cell_text",
    "set_document_status",
    "set_finding_status",
]

LOW_CONFIDENCE = 0.8  # below this an OCR cell is tinted for the clerk to look at


class EditConflict(Exception):
    """The cell no longer holds the text the edit started from (another window or clerk
    changed it); nothing was written. It carries both sides so the clerk can choose:
    `current_text` is what the cell holds now, `current_by`/`current_at` who saved it and
    when (from the cell's latest audited edit, None when no audited edit produced it),
    `attempted_text` what this clerk tried to store, `cell_id` the cell."""

    def __init__(
        self,
        current_text: str,
        attempted_text: str = "",
        *,
        current_by: str | None = None,
        current_at: datetime | None = None,
        cell_id: int | None = None,
    ) -> None:
        who = f"（{current_by}修改）" if current_by else ""
        super().__init__(f"单元格已被修改，当前内容为：{current_text}{who}")
        self.current_text = current_text
        self.attempted_text = attempted_text
        self.current_by = current_by
        self.current_at = current_at
        self.cell_id = cell_id


def reviewer_name() -> str:
    """The OS user, recorded as reviewer on every edit."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (service account, odd container)
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown"


# --- text ------------------------------------------------------------------------------

_FULLWIDTH = str.maketrans("０１２３４５６７８９．－，　", "0123456789.-, ")


def normalise_cell_text(text: str, is_amount: bool) -> str | None:
    """The text to store for what the clerk typed, or None to refuse it.

    An amount (万元) is read as every layer reads it (parsers.tables.amounts: full-width
    digits, thousands separators, a leading +, a trailing 万元/元/%, a lone dash for 0)
    and stored plainly: up to two decimals with exactly two ("12.3" -> "12.30"), as
    printed in the filings; more decimals (unit prices) as typed. Empty is stored as ""
    and a lone dash as typed: both mean 0 (DOMAIN.md)."""
    text = text.translate(_FULLWIDTH).strip()
    if not is_amount:
        return text
    if amounts.is_blank(text):
        return amounts.compact(text)
    value = amounts.parse_amount(text)
    if value is None:
        return None
    return _plain(value + 0)  # "-0" is 0


def _plain(value: Decimal, grouped: bool = False) -> str:
    """An amount as the filings print it: exactly two decimals, more as typed;
    `grouped` puts thousands separators in ("1,234,567.00")."""
    comma = "," if grouped else ""
    return f"{value:{comma}.2f}" if amounts.decimals(value) <= 2 else f"{value:{comma}f}"


def amount_display(text: str, grouped: bool = False) -> str:
    """An amount cell as the editor shows it: two decimals, as the filings print them,
    with thousands separators when the page prints them (`grouped`, see
    prints_grouped), read by the one amount reading (parsers.tables.amounts: "12,34"
    and "inf" are no amounts and show as typed); more decimals (unit prices) and
    non-numbers as is."""
    if amounts.is_blank(text):
        return text.strip()
    value = amounts.parse_amount(text)
    if value is None or not value.is_finite():
        return text
    return _plain(value, grouped)


def prints_grouped(table: TableData) -> bool:
    """True when the page prints the table's amounts with thousands separators (a
    filing in 元: "1,234,567.00"): some amount cell was extracted with one."""
    cols = amount_columns(table)
    return any(
        c.col in cols
        and c.row >= table.header_rows
        and "," in amounts.compact(c.extracted_text or c.text)
        and amounts.parse_amount(c.extracted_text or c.text) is not None
        for c in table.cells
    )


def amount_columns(table: TableData) -> frozenset[int]:
    """Columns the editor treats as amounts (normalised, a non-number refused): the
    amount columns of the table's one column reading (parsers.tables.columns), counts
    (数量) left as typed."""
    reading = reading_of(table)
    return frozenset(c for c in reading.amount_cols() if reading.meaning(c) != COUNT)


def cell_at_point(
    tables: Sequence[TableData], page: int, x: float, y: float
) -> tuple[TableData, CellData] | None:
    """The cell whose bbox (PDF points, 1-based page) contains the point; the smallest
    one wins when boxes overlap (a header cell and the cell inside it)."""
    best: tuple[float, TableData, CellData] | None = None
    for t in tables:
        for c in t.cells:
            if c.page != page or c.bbox is None:
                continue
            x0, y0, x1, y1 = c.bbox
            if x0 <= x <= x1 and y0 <= y <= y1:
                area = (x1 - x0) * (y1 - y0)
                if best is None or area < best[0]:
                    best = (area, t, c)
    return (best[1], best[2]) if best else None


# --- edits -----------------------------------------------------------------------------


def rerun_rules(session: Session, document_id: int, table_ids: set[int]) -> frozenset[int]:
    """Re-run validation for the touched tables; returns tables whose findings changed.
    Every edit, undo and re-check goes through this one function (and rerun_all_rules),
    so a test of the window may replace it with rules of its own."""
    return frozenset(refresh_findings(session, document_id, table_ids) or ())


def _rows_changed(
    session: Session, table: Table, validate: bool, reviewer: str, action: str
) -> Changes:
    """After a row was inserted or deleted: the document is in review (and the table
    too, if it was reviewed), the table's rules run again now or (validate=False) in
    the caller's background job."""
    unreviewed = _touch(session, table, reviewer, action)
    session.flush()
    changed = rerun_rules(session, table.document_id, {table.id}) if validate else frozenset()
    return Changes(
        document_id=table.document_id,
        tables=frozenset({table.id}),
        findings=changed,
        documents=bool(changed) or bool(unreviewed),
        unvalidated=frozenset() if validate else frozenset({table.id}),
        unreviewed=unreviewed,
    )


def _touch(session: Session, table: Table, reviewer: str, action: str) -> frozenset[int]:
    """An edit of the table: the document is in review; a reviewed table goes back to
    review, its mark taken back on the record (the clerk checked other figures).
    Returns the table's id when its mark was taken back."""
    doc = table.document
    if table.review_status != "reviewed":
        if doc.status == "new":
            doc.status = "in_review"
        return frozenset()
    record_mark(session, table, False, reviewer, reason=action)
    doc.status = "in_review"
    return frozenset({table.id})


def set_cell_text(
    db: Database,
    cell_id: int,
    new: str,
    *,
    expected: str,
    reviewer: str,
    validate: bool = True,
) -> Changes:
    """Store `new` in the cell if it still holds `expected`, audit it, re-validate the
    table in the same unit of work (or, with `validate=False`, leave that to
    `revalidate` and name the table in `Changes.unvalidated`).

    Raises EditConflict (nothing written) when the cell holds something else, also when a
    concurrent writer bumped `Cell.version` between our read and our write; raises
    InputError when the cell is gone."""
    try:
        with db.Session.begin() as session:
            cell = session.get(Cell, cell_id)
            if cell is None:
                raise InputError("单元格不存在（可能已随整行删除）")
            if cell.text != expected:
                raise _conflict(session, cell, new)
            table = cell.table
            if new == cell.text:
                return Changes(document_id=table.document_id)
            session.add(
                Edit(
                    table_id=table.id,
                    cell_id=cell.id,
                    action="set",
                    row=cell.row,
                    col=cell.col,
                    old_text=cell.text,
                    new_text=new,
                    reviewer=reviewer,
                )
            )
            cell.text = new
            unreviewed = _touch(session, table, reviewer, "set")
            session.flush()  # the version check happens here
            findings = rerun_rules(session, table.document_id, {table.id}) if validate else None
            return Changes(
                document_id=table.document_id,
                cells=(cell_data(cell),),
                findings=findings or frozenset(),
                documents=bool(findings) or bool(unreviewed),
                unvalidated=frozenset() if validate else frozenset({table.id}),
                unreviewed=unreviewed,
            )
    except StaleDataError as err:
        # Another clerk committed between our read and our write: report what they saved.
        with db.Session() as session:
            cell = session.get(Cell, cell_id)
            if cell is None:
                raise InputError("单元格不存在（可能已随整行删除）") from err
            raise _conflict(session, cell, new) from err


def _conflict(session: Session, cell: Cell, attempted: str) -> EditConflict:
    """The conflict for `cell` as stored now, naming who saved its text when the cell's
    latest audited edit is the one that produced it (a row shift or an unaudited
    write names nobody rather than the wrong clerk)."""
    last = session.scalars(
        select(Edit)
        .where(Edit.cell_id == cell.id, Edit.action == "set")
        .order_by(Edit.id.desc())
        .limit(1)
    ).first()
    if last is not None and last.new_text == cell.text:
        return EditConflict(
            cell.text, attempted, current_by=last.reviewer, current_at=last.at, cell_id=cell.id
        )
    return EditConflict(cell.text, attempted, cell_id=cell.id)


def _shift_rows(session: Session, table_id: int, from_row: int, delta: int) -> None:
    """Move every cell at or below `from_row` by `delta` rows. Done in two steps through
    negative rows so the (table, row, col) unique constraint never sees a clash."""
    session.execute(
        update(Cell)
        .where(Cell.table_id == table_id, Cell.row >= from_row)
        .values(row=-(Cell.row + delta) - 1, version=Cell.version + 1)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Cell)
        .where(Cell.table_id == table_id, Cell.row < 0)
        .values(row=-Cell.row - 1)
        .execution_options(synchronize_session=False)
    )
    session.expire_all()


def insert_row(
    db: Database,
    table_id: int,
    row: int,
    *,
    reviewer: str,
    cells: Sequence[CellData] = (),
    validate: bool = True,
) -> Changes:
    """Insert a row before `row` (0-based; n_rows appends), for a row extraction missed.

    `cells` restores a deleted row (undo): their text, bbox and confidence come back;
    otherwise the row gets one empty cell per column not covered by a span across it."""
    with db.Session.begin() as session:
        table = session.get(Table, table_id)
        if table is None:
            raise InputError("表格不存在")
        row = max(0, min(row, table.n_rows))
        _shift_rows(session, table_id, row, +1)
        table = session.get(Table, table_id)
        covered: set[int] = set()
        for c in session.scalars(select(Cell).where(Cell.table_id == table_id, Cell.row < row)):
            if c.row + c.rowspan > row:  # a vertical span across the new row grows
                c.rowspan += 1
                covered.update(range(c.col, c.col + c.colspan))
        if cells:
            for d in cells:
                session.add(
                    Cell(
                        table_id=table_id,
                        row=row,
                        col=d.col,
                        rowspan=1,
                        colspan=d.colspan,
                        text=d.text,
                        extracted_text=d.extracted_text,
                        page=d.page,
                        confidence=d.confidence,
                        anchor=d.anchor,
                        **Cell.box(d.bbox),
                    )
                )
        else:
            for col in range(table.n_cols):
                if col not in covered:
                    session.add(
                        Cell(
                            table_id=table_id,
                            row=row,
                            col=col,
                            text="",
                            extracted_text="",
                            confidence=1.0,
                        )
                    )
        table.n_rows += 1
        session.add(
            Edit(
                table_id=table_id,
                action="insert_row",
                row=row,
                reviewer=reviewer,
                new_text="\t".join(d.text for d in cells) if cells else "",
            )
        )
        return _rows_changed(session, table, validate, reviewer, "insert_row")


def delete_row(
    db: Database, table_id: int, row: int, *, reviewer: str, validate: bool = True
) -> Changes:
    """Delete a row extraction invented. Its texts are audited in `Edit.old_text`
    (tab-separated); a span starting in it keeps its text and moves down one row."""
    with db.Session.begin() as session:
        table = session.get(Table, table_id)
        if table is None or not 0 <= row < table.n_rows:
            raise InputError("要删除的行不存在")
        doomed = session.scalars(
            select(Cell).where(Cell.table_id == table_id, Cell.row == row).order_by(Cell.col)
        ).all()
        old_texts = "\t".join(c.text for c in doomed)
        for c in doomed:
            if c.rowspan > 1:  # keep the merged cell, one row shorter
                c.rowspan -= 1
                c.row = -1 - c.col - 1_000_000  # parked; comes back at `row` below
            else:
                session.delete(c)
        for c in session.scalars(
            select(Cell).where(Cell.table_id == table_id, Cell.row >= 0, Cell.row < row)
        ):
            if c.row + c.rowspan > row:
                c.rowspan -= 1
        session.flush()
        session.execute(
            update(Cell)
            .where(Cell.table_id == table_id, Cell.row > row)
            .values(row=-(Cell.row - 1) - 1, version=Cell.version + 1)
            .execution_options(synchronize_session=False)
        )
        session.execute(
            update(Cell)
            .where(Cell.table_id == table_id, Cell.row < 0, Cell.row > -1_000_000)
            .values(row=-Cell.row - 1)
            .execution_options(synchronize_session=False)
        )
        session.execute(
            update(Cell)
            .where(Cell.table_id == table_id, Cell.row <= -1_000_000)
            .values(row=row)
            .execution_options(synchronize_session=False)
        )
        session.expire_all()
        table = session.get(Table, table_id)
        table.n_rows -= 1
        if row < table.header_rows:
            table.header_rows -= 1
        session.add(
            Edit(
                table_id=table_id,
                action="delete_row",
                row=row,
                old_text=old_texts,
                reviewer=reviewer,
            )
        )
        return _rows_changed(session, table, validate, reviewer, "delete_row")


def load_table(db: Database, table_id: int) -> TableData:
    with db.Session() as session:
        table = session.get(Table, table_id)
        if table is None:
            raise InputError("表格不存在")
        return table_data(table)


# --- review marks and status -------------------------------------------------------------


def mark_table_reviewed(db: Database, table_id: int, reviewed: bool, reviewer: str) -> Changes:
    """Record that the clerk has checked this table (or take the mark back), with who and
    when, kept in the table's history of marks (model.decisions); the document becomes
    `reviewed` once every table is, `in_review` otherwise."""
    with db.Session.begin() as session:
        table = session.get(Table, table_id)
        if table is None:
            raise InputError("表格不存在")
        if reviewed or table.review_status == "reviewed":
            record_mark(session, table, reviewed, reviewer)
        session.flush()
        pending = session.scalar(
            select(func.count())
            .select_from(Table)
            .where(Table.document_id == table.document_id, Table.review_status != "reviewed")
        )
        table.document.status = "reviewed" if pending == 0 else "in_review"
        return Changes(document_id=table.document_id, tables=frozenset({table_id}), documents=True)


def mark_tables_reviewed(
    db: Database, document_id: int, reviewer: str, *, skip: frozenset[int] = frozenset()
) -> Changes:
    """Mark every table of the filing not yet reviewed, but those in `skip` (the clerk's
    tables with open errors), in one transaction: 64 tables marked with one command, each
    mark kept with who and when as one mark is (model.decisions)."""
    with db.Session.begin() as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise InputError("文档不存在")
        marked = set()
        for table in doc.tables:
            if table.review_status != "reviewed" and table.id not in skip:
                record_mark(session, table, True, reviewer)
                marked.add(table.id)
        session.flush()
        done = all(t.review_status == "reviewed" for t in doc.tables)
        doc.status = "reviewed" if done else "in_review"
        return Changes(document_id=document_id, tables=frozenset(marked), documents=True)


def set_document_status(db: Database, document_id: int, status: str) -> Changes:
    if status not in ("new", "in_review", "reviewed"):
        raise ValueError(status)
    with db.Session.begin() as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise InputError(f"数据库中没有编号为 {document_id} 的文档")
        doc.status = status
    return Changes(document_id=document_id, documents=True)


def mark_opened(db: Database, document_id: int) -> None:
    """Remember when the clerk last opened the document (the library sorts by it)."""
    with db.Session.begin() as session:
        doc = session.get(Document, document_id)
        if doc is not None:
            doc.opened_at = datetime.now(UTC)


def last_opened_document(db: Database) -> int | None:
    with db.Session() as session:
        return session.scalar(
            select(Document.id)
            .where(Document.opened_at.is_not(None))
            .order_by(Document.opened_at.desc())
            .limit(1)
        )


# --- findings ----------------------------------------------------------------------------


def document_findings(db: Database, document_id: int) -> list[FindingData]:
    """Active findings in the order the clerk walks them (F8): by table, then first cell,
    errors before warnings."""
    order = {"error": 0, "warning": 1, "info": 2}
    with db.Session() as session:
        tables = dict(
            session.execute(
                select(Table.id, Table.order).where(Table.document_id == document_id)
            ).all()
        )
    return sorted(
        findings.list_findings(db, document_id),
        key=lambda f: (
            tables.get(f.table_id, 1 << 30),
            min(f.cells) if f.cells else (0, 0),
            order.get(f.severity, 3),
            f.id,
        ),
    )


def set_finding_status(
    db: Database, finding_id: int, status: str, *, reviewer: str, note: str | None = None
) -> Changes:
    """Confirm or dismiss a finding (or reopen it); the decision survives re-validation
    because findings are matched by `key`. Raises InputError for an unknown finding."""
    with db.Session.begin() as session:
        f = findings.decide(session, finding_id, status, note, reviewer)
        document_id, table_id = f.document_id, f.table_id
    return Changes(
        document_id=document_id,
        findings=frozenset({table_id}) if table_id else frozenset(),
        documents=True,
    )


def revalidate(
    db: Database, document_id: int, table_ids: set[int], *, progress: Progress | None = None
) -> Changes:
    """Re-run the rules reading these tables after edits made with `validate=False`
    (a job: the review window keeps rule runs off the GUI thread)."""
    (progress or NoProgress()).check()
    with db.Session.begin() as session:
        changed = rerun_rules(session, document_id, set(table_ids))
    return Changes(document_id=document_id, findings=changed, documents=bool(changed))


def check_document(db: Database, document_id: int, *, progress: Progress | None = None) -> Changes:
    """Run every rule on the stored filing and store the findings (a job: worker thread)."""
    (progress or NoProgress()).check()
    with db.Session.begin() as session:
        changed = rerun_all_rules(session, document_id)
    return Changes(document_id=document_id, findings=changed, documents=True)


def check_library(db: Database, *, progress: Progress | None = None) -> Changes:
    """Batch check: re-run every rule on every stored filing (a job; Cancel stops between
    filings, each filing's findings are committed on their own)."""
    progress = progress or NoProgress()
    with db.Session() as session:
        docs = session.execute(select(Document.id, Document.name).order_by(Document.id)).all()
    changed: set[int] = set()
    for done, (document_id, name) in enumerate(docs):
        progress.check()
        progress.report(done, len(docs), name)
        changed |= check_document(db, document_id).findings
    progress.report(len(docs), len(docs), "")
    return Changes(findings=frozenset(changed), documents=True)


def rerun_all_rules(session: Session, document_id: int) -> frozenset[int]:
    return frozenset(t for t in (refresh_findings(session, document_id, None) or ()) if t)
