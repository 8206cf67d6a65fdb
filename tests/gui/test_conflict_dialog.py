"""Two clerks, one cell (issue 10): the second save meets the first one's value, the
clerk sees both and chooses; either choice is explicit and audited, nothing is lost."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from model import review
from model.database import open_database
from model.schema import Cell, Edit


@pytest.fixture
def other_clerk(db_url):
    """A second program on the same SQLite file, as another clerk's PC would have."""
    other = open_database(db_url)
    yield other
    other.dispose()


def _clash(window, other_clerk) -> int:
    """The other clerk saves 120 in row 2, column 3; then this clerk types 130 there."""
    cell_id = window.table_model.cell_at(1, 2).id
    review.set_cell_text(other_clerk, cell_id, "120.00", expected="100.00", reviewer="甲")
    assert window.table_model.index(1, 2).data() == "100.00"  # this window has not seen it
    window.table_model.setData(window.table_model.index(1, 2), "130")
    return cell_id


def _edits(db, cell_id: int) -> list[tuple[str, str, str]]:
    with db.Session() as s:
        rows = s.scalars(select(Edit).where(Edit.cell_id == cell_id).order_by(Edit.id))
        return [(e.old_text, e.new_text, e.reviewer) for e in rows]


def _shown(dialog) -> list[str]:  # noqa: ANN001 - gui.conflict_dialog.ConflictDialog
    """The texts the clerk reads in the dialog (its labels), in no particular order."""
    return [label.text() for label in dialog.findChildren(QLabel)]


def _saved_by_line(dialog) -> str:  # noqa: ANN001
    (line,) = [t for t in _shown(dialog) if t.startswith("saved ")]
    return line


def test_dialog_shows_both_values_and_who_saved_theirs(window, other_clerk, settle) -> None:
    _clash(window, other_clerk)
    settle()
    dialog = window.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.their_label.text() == "120.00"
    assert dialog.your_label.text() == "130.00"
    assert "甲" in _saved_by_line(dialog)
    assert "row 2, column 3 (一般公共服务支出 / 预算数)" in _shown(dialog)
    assert dialog.table.title == window.current_table().title
    assert window.table_model.index(1, 2).data() == "120.00"  # the view shows theirs
    assert window.undo_stack().count() == 0  # the refused edit left nothing to undo


def test_use_mine_writes_a_new_audited_undoable_edit(window, db, other_clerk, settle) -> None:
    cell_id = _clash(window, other_clerk)
    settle()
    window.conflict_dialog.use_mine_button.click()
    assert window.conflict_dialog is None
    with db.Session() as s:
        assert s.get(Cell, cell_id).text == "130.00"
    me = review.reviewer_name()
    assert _edits(db, cell_id) == [("100.00", "120.00", "甲"), ("120.00", "130.00", me)]
    assert window.table_model.index(1, 2).data() == "130.00"
    assert window.undo_stack().count() == 1
    window.undo_action.trigger()  # undo brings the other clerk's value back, not 100
    with db.Session() as s:
        assert s.get(Cell, cell_id).text == "120.00"
    assert _edits(db, cell_id)[-1] == ("130.00", "120.00", me)


def test_keep_theirs_writes_nothing(window, db, other_clerk, settle) -> None:
    cell_id = _clash(window, other_clerk)
    settle()
    window.conflict_dialog.keep_theirs_button.click()
    settle()
    with db.Session() as s:
        assert s.get(Cell, cell_id).text == "120.00"
    assert _edits(db, cell_id) == [("100.00", "120.00", "甲")]
    assert window.table_model.index(1, 2).data() == "120.00"
    assert window.undo_stack().count() == 0


def test_escape_keeps_theirs(window, db, qtbot, other_clerk, settle) -> None:
    cell_id = _clash(window, other_clerk)
    settle()
    dialog = window.conflict_dialog
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.conflict_dialog is None and not dialog.use_mine()
    assert _edits(db, cell_id) == [("100.00", "120.00", "甲")]


def test_use_mine_after_a_third_change_asks_again(window, db, other_clerk, settle) -> None:
    """The other clerk saves again while the dialog is open: "Use mine" does not write
    over a value the clerk never saw; a fresh dialog shows it."""
    cell_id = _clash(window, other_clerk)
    settle()
    first = window.conflict_dialog
    review.set_cell_text(other_clerk, cell_id, "125.00", expected="120.00", reviewer="甲")
    first.use_mine_button.click()
    second = window.conflict_dialog
    assert second is not None and second is not first
    assert second.their_label.text() == "125.00" and second.your_label.text() == "130.00"
    second.use_mine_button.click()
    with db.Session() as s:
        assert s.get(Cell, cell_id).text == "130.00"
    assert [e[1] for e in _edits(db, cell_id)] == ["120.00", "125.00", "130.00"]


def test_unaudited_change_says_so(qtbot) -> None:
    from gui.conflict_dialog import ConflictDialog
    from model.domain import CellData, TableData

    cell = CellData(id=1, row=0, col=0, text="5.00")
    table = TableData(1, 0, None, "表", None, 0, 1, 1, (cell,))
    dialog = ConflictDialog(review.EditConflict("", "7.00", cell_id=1), table, cell)
    qtbot.addWidget(dialog)
    assert dialog.their_label.text() == "(empty)"
    assert "outside" in _saved_by_line(dialog)
    at = datetime(2024, 3, 1, 8, 30, tzinfo=UTC)
    dialog = ConflictDialog(
        review.EditConflict("5.00", "7.00", current_by="甲", current_at=at), table, cell
    )
    qtbot.addWidget(dialog)
    assert "甲" in _saved_by_line(dialog) and "2024-03-01" in _saved_by_line(dialog)
