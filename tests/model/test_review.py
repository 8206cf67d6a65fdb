"""Review services: edits audited with their original, conflicts refused, rows inserted
and deleted (and restored), review marks, findings listing, page images."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from model import review
from model.library import load_filing
from model.pages import PageImages, page_png
from model.schema import Cell, Document, Edit, Finding, Table
from tests.gui.filing_builder import bbox, store_small_filing


@pytest.fixture
def doc_id(db) -> int:
    return store_small_filing(db)


def _table(db, doc_id: int, index: int = 0):
    return load_filing(db, doc_id).tables[index]


@pytest.mark.parametrize(
    ("typed", "amount", "stored"),
    [
        ("12.3", True, "12.30"),
        (" 1,234.5 ", True, "1234.50"),
        ("１２．５", True, "12.50"),
        ("", True, ""),
        ("-3", True, "-3.00"),
        ("1.2345", True, "1.2345"),
        ("12a", True, None),
        ("95%", True, "95.00"),  # the rules read it as 95 too (test_amounts_one_meaning)
        ("+5", True, "5.00"),
        ("5万元", True, "5.00"),
        ("—", True, "—"),  # a lone dash means 0 and is kept as printed
        ("12,34", True, None),  # a comma only between thousands
        ("  教育支出 ", False, "教育支出"),
    ],
)
def test_normalise_cell_text(typed: str, amount: bool, stored: str | None) -> None:
    assert review.normalise_cell_text(typed, amount) == stored


def test_amount_columns_skip_codes_and_serial_numbers(db, doc_id: int) -> None:
    assert review.amount_columns(_table(db, doc_id)) == frozenset({2})


def test_set_cell_text_stores_and_audits_original(db, doc_id: int) -> None:
    cell = _table(db, doc_id).cell(1, 2)
    changes = review.set_cell_text(db, cell.id, "101.00", expected="100.00", reviewer="王")
    assert [c.text for c in changes.cells] == ["101.00"]
    with db.Session() as s:
        stored = s.get(Cell, cell.id)
        assert (stored.text, stored.extracted_text) == ("101.00", "100.00")
        edit = s.scalars(select(Edit)).one()
        assert (edit.old_text, edit.new_text, edit.reviewer, edit.action) == (
            "100.00",
            "101.00",
            "王",
            "set",
        )
        assert s.get(Document, doc_id).status == "in_review"
    # undo is a new audit row, nothing erased
    review.set_cell_text(db, cell.id, "100.00", expected="101.00", reviewer="王")
    with db.Session() as s:
        assert s.get(Cell, cell.id).text == "100.00"
        assert len(s.scalars(select(Edit)).all()) == 2


def test_set_cell_text_refuses_when_cell_changed(db, doc_id: int) -> None:
    cell = _table(db, doc_id).cell(1, 2)
    with pytest.raises(review.EditConflict) as info:
        review.set_cell_text(db, cell.id, "7.00", expected="99.00", reviewer="王")
    assert info.value.current_text == "100.00"
    with db.Session() as s:
        assert s.scalars(select(Edit)).all() == []


def test_second_clerk_gets_both_values_and_the_first_clerks_name(db, db_url, doc_id) -> None:
    from model.database import open_database

    cell = _table(db, doc_id).cell(1, 2)
    other = open_database(db_url)  # a second clerk's program on the same file
    try:
        review.set_cell_text(other, cell.id, "120.00", expected="100.00", reviewer="甲")
        with pytest.raises(review.EditConflict) as info:
            review.set_cell_text(db, cell.id, "130.00", expected="100.00", reviewer="乙")
    finally:
        other.dispose()
    conflict = info.value
    assert (conflict.current_text, conflict.attempted_text) == ("120.00", "130.00")
    assert conflict.current_by == "甲" and conflict.current_at is not None
    assert "120.00" in str(conflict) and "甲" in str(conflict)
    with db.Session() as s:
        assert s.get(Cell, cell.id).text == "120.00"
        assert [e.reviewer for e in s.scalars(select(Edit))] == ["甲"]


def test_unaudited_change_names_nobody(db, doc_id: int) -> None:
    cell = _table(db, doc_id).cell(1, 2)
    review.set_cell_text(db, cell.id, "110.00", expected="100.00", reviewer="甲")
    with db.Session.begin() as s:
        s.get(Cell, cell.id).text = "5.00"  # not through the service: no Edit row
    with pytest.raises(review.EditConflict) as info:
        review.set_cell_text(db, cell.id, "7.00", expected="110.00", reviewer="乙")
    assert info.value.current_text == "5.00" and info.value.current_by is None


def test_commit_between_read_and_write_is_a_conflict(db, db_url, doc_id) -> None:
    """The other clerk commits after our text check, before our first write: the version
    column (StaleDataError) turns it into the same EditConflict with both values."""
    from model.database import open_database

    cell = _table(db, doc_id).cell(1, 2)
    other = open_database(db_url)

    def race(_session, _context, _instances) -> None:  # noqa: ANN001
        review.set_cell_text(other, cell.id, "120.00", expected="100.00", reviewer="甲")

    event.listen(db.Session, "before_flush", race, once=True)
    try:
        with pytest.raises(review.EditConflict) as info:
            review.set_cell_text(db, cell.id, "130.00", expected="100.00", reviewer="乙")
    finally:
        other.dispose()
    assert isinstance(info.value.__cause__, review.StaleDataError)
    assert (info.value.current_text, info.value.attempted_text) == ("120.00", "130.00")
    assert info.value.current_by == "甲"
    with db.Session() as s:
        assert s.get(Cell, cell.id).text == "120.00"
        assert [e.new_text for e in s.scalars(select(Edit))] == ["120.00"]


def test_insert_then_delete_row_restores_table(db, doc_id: int) -> None:
    before = _table(db, doc_id)
    review.insert_row(db, before.id, 2, reviewer="王")
    after = _table(db, doc_id)
    assert after.n_rows == before.n_rows + 1
    assert after.rows()[2] == ["", "", ""]
    assert after.rows()[3] == before.rows()[2]
    assert after.cell(4, 1).colspan == 2  # the merged 合计 moved along
    review.delete_row(db, before.id, 2, reviewer="王")
    assert _table(db, doc_id).rows() == before.rows()
    with db.Session() as s:
        assert [e.action for e in s.scalars(select(Edit).order_by(Edit.id))] == [
            "insert_row",
            "delete_row",
        ]


def test_deleted_row_comes_back_with_its_cells(db, doc_id: int) -> None:
    before = _table(db, doc_id)
    row = [c for c in before.cells if c.row == 2]
    review.delete_row(db, before.id, 2, reviewer="王")
    mid = _table(db, doc_id)
    assert mid.n_rows == before.n_rows - 1 and mid.rows()[2] == before.rows()[3]
    review.insert_row(db, before.id, 2, reviewer="王", cells=row)
    again = _table(db, doc_id)
    assert again.rows() == before.rows()
    assert again.cell(2, 2).bbox == bbox(2, 2) and again.cell(2, 2).confidence == 0.42


def test_mark_table_reviewed_sets_document_status(db, doc_id: int) -> None:
    filing = load_filing(db, doc_id)
    review.mark_table_reviewed(db, filing.tables[0].id, True, "王")
    assert load_filing(db, doc_id).status == "in_review"
    review.mark_table_reviewed(db, filing.tables[1].id, True, "王")
    reread = load_filing(db, doc_id)
    assert reread.status == "reviewed"
    assert [t.review_status for t in reread.tables] == ["reviewed", "reviewed"]
    review.mark_table_reviewed(db, filing.tables[1].id, False, "王")
    with db.Session() as s:
        assert s.get(Table, filing.tables[1].id).reviewed_by is None


def test_review_mark_keeps_who_and_when_and_its_history(db, doc_id: int) -> None:
    """Issue 26: the mark is read back with its reviewer and time, and every mark set or
    taken back stays in the table's history."""
    from model.decisions import review_marks

    table_id = _table(db, doc_id).id
    review.mark_table_reviewed(db, table_id, True, "王")
    marked = review.load_table(db, table_id)
    assert (marked.review_status, marked.reviewed_by) == ("reviewed", "王")
    assert marked.reviewed_at is not None
    assert _table(db, doc_id).reviewed_by == "王"  # the filing as export reads it
    review.mark_table_reviewed(db, table_id, False, "李")
    review.mark_table_reviewed(db, table_id, False, "李")  # no mark: nothing to take back
    assert review.load_table(db, table_id).reviewed_by is None
    assert [(m.reviewed, m.reviewer, m.reason) for m in review_marks(db, doc_id)] == [
        (True, "王", None),
        (False, "李", None),
    ]


@pytest.mark.parametrize("action", ["set", "insert_row", "delete_row"])
def test_an_edit_sends_a_reviewed_table_back_to_review(db, doc_id: int, action: str) -> None:
    """Issue 26: what the clerk checked is no longer what the table holds, so the model
    takes the mark back, on the record, and says so in Changes (the window tells)."""
    from model.decisions import review_marks

    filing = load_filing(db, doc_id)
    table = filing.tables[0]
    for t in filing.tables:
        review.mark_table_reviewed(db, t.id, True, "王")
    assert load_filing(db, doc_id).status == "reviewed"
    if action == "set":
        cell = table.cell(2, 2)
        changes = review.set_cell_text(db, cell.id, "1.00", expected=cell.text, reviewer="李")
    elif action == "insert_row":
        changes = review.insert_row(db, table.id, 2, reviewer="李")
    else:
        changes = review.delete_row(db, table.id, 2, reviewer="李")
    assert changes.unreviewed == {table.id}
    after = load_filing(db, doc_id)
    assert after.status == "in_review"
    assert [(t.review_status, t.reviewed_by) for t in after.tables] == [
        ("unreviewed", None),
        ("reviewed", "王"),
    ]
    last = review_marks(db, doc_id)[-1]
    assert (last.table_id, last.reviewed, last.reviewer, last.reason) == (
        table.id,
        False,
        "李",
        action,
    )
    # An edit of a table not marked reviewed takes nothing back.
    edited = load_filing(db, doc_id).tables[0]
    cell = edited.cell(edited.n_rows - 1, 2)
    again = review.set_cell_text(db, cell.id, "2.00", expected=cell.text, reviewer="李")
    assert again.unreviewed == frozenset()
    assert len(review_marks(db, doc_id)) == 3


def test_cell_at_point_picks_the_cell_under_the_point(db, doc_id: int) -> None:
    filing = load_filing(db, doc_id)
    x0, y0, x1, y1 = bbox(2, 1)
    table, cell = review.cell_at_point(filing.tables, 1, (x0 + x1) / 2, (y0 + y1) / 2)
    assert (table.id, cell.row, cell.col) == (filing.tables[0].id, 2, 1)
    assert review.cell_at_point(filing.tables, 2, (x0 + x1) / 2, (y0 + y1) / 2)[1].row == 2
    assert review.cell_at_point(filing.tables, 1, 5, 5) is None


def test_document_findings_lists_active_findings(db, doc_id: int) -> None:
    filing = load_filing(db, doc_id)
    with db.Session.begin() as s:
        for key, table, cells, active in (
            ("b", filing.tables[1], [[1, 1]], True),
            ("a", filing.tables[0], [[3, 2], [1, 2]], True),
            ("gone", filing.tables[0], [[1, 1]], False),
        ):
            s.add(
                Finding(
                    document_id=doc_id,
                    table_id=table.id,
                    key=key,
                    rule="hierarchy_sum",
                    severity="error",
                    cells=cells,
                    message=key,
                    active=active,
                )
            )
    found = review.document_findings(db, doc_id)
    assert [f.message for f in found] == ["a", "b"]
    assert found[0].cells == ((3, 2), (1, 2))
    review.set_finding_status(db, found[0].id, "dismissed", reviewer="王", note="原文如此")
    assert review.document_findings(db, doc_id)[0].status == "dismissed"


def test_page_images_render_png(db, doc_id: int) -> None:
    png = page_png(db, doc_id, 1, 0.5)
    assert png.startswith(b"\x89PNG")
    images = PageImages(db, doc_id)
    assert images.png(2, 1.0).startswith(b"\x89PNG")
    px = images.pixels(1, 0.5)
    assert abs(px.width - 595 * 0.5) <= 1 and len(px.samples) == px.stride * px.height
    with pytest.raises(review.InputError):
        images.png(3, 1.0)
    images.close()


def test_edit_without_validation_names_the_table(db, doc_id: int, monkeypatch) -> None:
    calls: list = []
    monkeypatch.setattr(review, "rerun_rules", lambda s, d, t: calls.append(set(t)) or frozenset(t))
    table = _table(db, doc_id)
    changes = review.set_cell_text(
        db, table.cell(1, 2).id, "1.00", expected="100.00", reviewer="王", validate=False
    )
    assert calls == [] and changes.unvalidated == {table.id}
    assert review.revalidate(db, doc_id, {table.id}).findings == {table.id}
    assert calls == [{table.id}]
    assert review.insert_row(db, table.id, 1, reviewer="王", validate=False).unvalidated == {
        table.id
    }


def test_check_library_reports_and_cancels(db, doc_id: int) -> None:
    from model.progress import Cancelled

    seen: list = []

    class Recorder:
        def report(self, done, total, text=""):
            seen.append((done, total))

        def check(self):
            pass

    review.check_library(db, progress=Recorder())
    assert seen[-1] == (1, 1)

    class Stop(Recorder):
        def check(self):
            raise Cancelled()

    with pytest.raises(Cancelled):
        review.check_library(db, progress=Stop())
