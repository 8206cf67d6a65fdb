"""Working a filing through from the keyboard: findings grouped by table with info notes
apart and never counted as waiting, decisions with a note, filing progress always in
view, and a question (answered once, recorded) before going on with open errors."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from model import filing_details
from model.library import load_filing
from model.schema import Finding


@pytest.fixture
def findings(window, db, doc_id, settle):
    """An error and an info note on the first table, a warning on the second."""
    t1, t2 = load_filing(db, doc_id).tables
    with db.Session.begin() as s:
        for key, table, severity, rule in (
            ("e", t1.id, "error", "hierarchy_sum"),
            ("i", None, "info", "cross_table_amount"),
            ("w", t2.id, "warning", "three_public_sum"),
        ):
            s.add(
                Finding(
                    document_id=doc_id,
                    table_id=table,
                    key=key,
                    rule=rule,
                    severity=severity,
                    cells=[[1, 1]] if table else [],
                    message=f"{severity} message",
                )
            )
    window.reload_findings()
    settle()
    return window.findings_dock


def _shown(dock) -> list[str]:
    return [f.severity for f in dock.model.items()]


def test_notes_are_listed_apart_and_never_waiting(window, findings) -> None:
    assert _shown(findings) == ["error", "warning"]
    assert "2" in findings.tally.text() and "1" in findings.tally.text()
    findings.set_filter("notes")
    assert _shown(findings) == ["info"]
    assert window.table_list_model.index(0, 2).data() == "1"  # the error only
    assert "2" in window.progress_label.text()


def test_f8_skips_notes_and_tooltips_name_rules_in_chinese(window, findings, qtbot) -> None:
    findings.set_filter("problems")
    window.activateWindow()
    seen = []
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_F8)
        seen.append(findings.current().severity)
    assert "info" not in seen
    tip = findings.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "上下级科目金额核对" in tip and "hierarchy_sum" not in tip


def test_grouped_by_table_in_filing_order(findings) -> None:
    names = [findings.model.index(r, 1).data() for r in range(findings.model.rowCount())]
    assert names[0] and names[1] and names[0] != names[1]  # each table named once


def test_a_dismissal_needs_a_reason_and_keeps_it(
    window, findings, db, doc_id, monkeypatch, settle
) -> None:
    findings.select_row(0)
    monkeypatch.setattr(findings, "ask_note", lambda status, f: "")
    findings.decide("dismissed")
    settle()
    assert _shown(findings) == ["error", "warning"]  # no reason: nothing decided
    monkeypatch.setattr(findings, "ask_note", lambda status, f: "原表如此，已核实")
    findings.decide("dismissed")
    settle()
    assert _shown(findings) == ["warning"]  # decided ones leave the to-decide list
    findings.set_filter("decided")
    [done] = findings.model.items()
    assert (done.status, done.note) == ("dismissed", "原表如此，已核实")
    assert "0/2" in window.progress_label.text() and "1" in window.progress_label.text()


def test_marking_reviewed_with_open_errors_asks_once_and_is_recorded(
    window,
    findings,
    db,
    doc_id,
    monkeypatch,
    settle,
) -> None:
    asked: list[str] = []
    answer = {"value": False}

    def ask(question: str) -> bool:
        asked.append(question)
        return answer["value"]

    monkeypatch.setattr(window.review_actions, "ask_yes_no", ask)
    window.select_table(load_filing(db, doc_id).tables[0].id)
    window.reviewed_action.trigger()  # No
    settle()
    assert len(asked) == 1 and not window.reviewed_action.isChecked()
    assert window.current_table().review_status != "reviewed"
    answer["value"] = True
    window.reviewed_action.trigger()  # Yes
    settle()
    assert len(asked) == 2 and window.current_table().review_status == "reviewed"
    [choice] = filing_details.document_edits(db, doc_id)
    assert choice.field == "reviewed_with_open_errors" and "1" in choice.new_value
    assert "1/2" in window.progress_label.text()


def test_a_table_without_open_errors_is_marked_without_a_question(
    window,
    findings,
    db,
    doc_id,
    monkeypatch,
    settle,
) -> None:
    monkeypatch.setattr(window.review_actions, "ask_yes_no", lambda q: pytest.fail(q))
    window.select_table(load_filing(db, doc_id).tables[1].id)  # a warning only
    window.reviewed_action.trigger()
    settle()
    assert window.current_table().review_status == "reviewed"
    assert filing_details.document_edits(db, doc_id) == []


def test_mark_all_reviewed_leaves_the_tables_with_open_errors(
    window, findings, db, doc_id, monkeypatch, settle
) -> None:
    """One command for a filing of 64 tables (127 keys before); a table with an open
    error is left for the clerk to look at, and the status bar says so."""
    monkeypatch.setattr(window.review_actions, "ask_yes_no", lambda q: pytest.fail(q))
    window.all_reviewed_action.trigger()
    settle()
    first, second = load_filing(db, doc_id).tables[:2]  # an open error / a warning only
    assert (first.review_status, second.review_status) == ("unreviewed", "reviewed")
    assert second.reviewed_by == window.reviewer
    message = window.statusBar().currentMessage()
    assert "1" in message and "open errors" in message


def test_the_review_mark_shows_who_and_when(window, db, doc_id, settle) -> None:
    """Issue 26: the list's status says who marked the table reviewed, and when."""
    table = load_filing(db, doc_id).tables[1]
    window.select_table(table.id)
    window.reviewed_action.trigger()
    settle()
    row = window.table_list_model.row_of(table.id)
    status = window.table_list_model.index(row, 1)
    assert status.data() == "Reviewed"
    tip = status.data(Qt.ItemDataRole.ToolTipRole)
    assert window.reviewer in tip
    assert load_filing(db, doc_id).tables[1].reviewed_at.astimezone().strftime("%H:%M") in tip


def test_editing_a_reviewed_table_sends_it_back_and_says_so(window, db, doc_id, settle) -> None:
    """Issue 26: the model takes the mark back (audited); the window follows and tells."""
    from model.decisions import review_marks

    table = load_filing(db, doc_id).tables[0]
    window.select_table(table.id)
    window.reviewed_action.trigger()
    settle()
    assert window.reviewed_action.isChecked()
    model = window.table_model
    assert model.setData(model.index(1, 2), "101.5")
    assert not window.reviewed_action.isChecked()
    row = window.table_list_model.row_of(table.id)
    assert window.table_list_model.index(row, 1).data() == "To review"
    assert table.title in window.statusBar().currentMessage()
    assert "0/2" in window.progress_label.text()
    assert load_filing(db, doc_id).tables[0].review_status == "unreviewed"
    last = review_marks(db, doc_id)[-1]
    assert (last.reviewed, last.reviewer, last.reason) == (False, window.reviewer, "set")
