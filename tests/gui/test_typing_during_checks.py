"""Typing into the table: a re-check after an earlier save never touches the editor the
clerk is typing in (issue 26: 61.77 over 61.78 stored 61.786177)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from model.changes import Changes
from model.schema import Cell, Finding


def _type(qtbot, window, text: str) -> None:  # noqa: ANN001
    """Keys as a clerk types them: the first opens the editor, the rest go to it."""
    window.activateWindow()
    window.table_view.setFocus()
    for key in text:
        qtbot.keyClick(QApplication.focusWidget(), key)


def _editor(window) -> QLineEdit:  # noqa: ANN001
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and window.table_view.isAncestorOf(editor)
    return editor


def _stored(db, window, row: int, col: int) -> str:  # noqa: ANN001
    with db.Session() as s:
        return s.get(Cell, window.table_model.cell_at(row, col).id).text


def test_typing_on_after_tab_survives_the_recheck_of_the_first_save(
    window,
    db,
    doc_id,
    qtbot,
    settle,
) -> None:
    window.select_cell(1, 2)
    _type(qtbot, window, "61.79")
    qtbot.keyClick(_editor(window), Qt.Key.Key_Tab)
    window.select_cell(2, 2)  # the next figure, typed at once
    _type(qtbot, window, "61.7")
    table_id = window.table_id
    with db.Session.begin() as s:  # what the re-check of the first save finds
        s.add(
            Finding(
                document_id=doc_id,
                table_id=table_id,
                key="k1",
                rule="test_sum",
                severity="error",
                cells=[[3, 2], [1, 2], [2, 2]],
                message="合计不等于各项之和",
                expected="150.00",
                actual="161.79",
            )
        )
    window.hub.apply(Changes(document_id=doc_id, findings=frozenset({table_id})))
    window.reload_findings()
    settle()
    assert _editor(window).text() == "61.7"
    window.hub.apply(Changes(document_id=doc_id, tables=frozenset({table_id})))  # a reload
    settle()
    assert _editor(window).text() == "61.7"
    qtbot.keyClick(_editor(window), "7")
    qtbot.keyClick(_editor(window), Qt.Key.Key_Return)  # Qt commits it queued
    qtbot.waitUntil(lambda: _stored(db, window, 2, 2) != "50.00")
    assert _stored(db, window, 1, 2) == "61.79"
    assert _stored(db, window, 2, 2) == "61.77"
    assert window.table_model.index(2, 2).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_a_refresh_updates_an_editor_not_yet_typed_in(window, db, qtbot, settle) -> None:
    window.select_cell(2, 2)
    window.table_view.edit(window.table_model.index(2, 2))
    editor = _editor(window)
    assert editor.text() == "50.00"
    with db.Session.begin() as s:  # another clerk saved meanwhile
        s.get(Cell, window.table_model.cell_at(2, 2).id).text = "52.00"
    window.hub.apply(Changes(tables=frozenset({window.table_id})))
    settle()
    assert _editor(window).text() == "52.00"
