"""Decisions in bulk (issue 27): several findings selected in the findings dock are
confirmed, dismissed or reopened with one note, in one unit of work, then the list
refreshes once; a dismissal still needs its reason; info notes are never decided."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from gui.reason_dialog import ReasonDialog
from model.findings import list_findings
from model.library import load_filing
from model.schema import Finding


@pytest.fixture
def findings(window, db, doc_id, settle):
    """Two errors on the first table, a warning on the second, an info note apart."""
    t1, t2 = load_filing(db, doc_id).tables
    with db.Session.begin() as s:
        for key, table, severity in (
            ("e1", t1.id, "error"),
            ("e2", t1.id, "error"),
            ("w", t2.id, "warning"),
            ("i", None, "info"),
        ):
            s.add(
                Finding(
                    document_id=doc_id,
                    table_id=table,
                    key=key,
                    rule="hierarchy_sum",
                    severity=severity,
                    cells=[[1, 1]] if table else [],
                    message=f"{key} message",
                )
            )
    window.reload_findings()
    settle()
    return window.findings_dock


def _answer(fill: Callable[[ReasonDialog], None]) -> None:
    """Fill in the reason dialog once the next modal one is up (it runs its own loop)."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ReasonDialog):
            fill(dialog)
        else:
            QTimer.singleShot(10, act)

    QTimer.singleShot(0, act)


def _click(dialog: ReasonDialog, which: QDialogButtonBox.StandardButton) -> None:
    dialog.buttons.button(which).click()


def _stored(db, doc_id: int) -> dict[str, tuple[str, str]]:  # noqa: ANN001
    return {f.key: (f.status, f.note) for f in list_findings(db, doc_id)}


def test_three_selected_findings_dismissed_with_one_reason(
    window,
    findings,
    db,
    doc_id,
    qtbot,
    qtmodeltester,
    settle,
) -> None:
    qtmodeltester.check(findings.model)
    findings.view.setFocus()
    qtbot.keyClick(findings.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert sorted(f.key for f in findings.selected()) == ["e1", "e2", "w"]
    resets: list[None] = []
    findings.model.modelReset.connect(lambda: resets.append(None))

    def fill(dialog: ReasonDialog) -> None:
        dialog.edit.setText("  原表如此，已与单位核实 ")
        _click(dialog, QDialogButtonBox.StandardButton.Ok)

    _answer(fill)
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(findings.view, Qt.Key.Key_D, keys)  # in the list: dismiss, not Delete row
    settle()

    reason = "原表如此，已与单位核实"
    assert _stored(db, doc_id) == {
        "e1": ("dismissed", reason),
        "e2": ("dismissed", reason),
        "w": ("dismissed", reason),
        "i": ("open", ""),  # info notes stay apart
    }
    with db.Session() as s:
        decided_by = {f.key: f.decided_by for f in s.query(Finding) if f.key != "i"}
    assert decided_by == dict.fromkeys(("e1", "e2", "w"), window.reviewer)
    assert len(resets) == 1  # one refresh for the three
    assert findings.model.rowCount() == 0  # none left to decide
    assert "0" in findings.tally.text() and "3" in findings.tally.text()
    assert window.progress_label.text().endswith("0")  # problems to decide 0


def test_an_empty_reason_is_refused_and_nothing_is_stored(
    window, findings, db, doc_id, qtbot
) -> None:
    findings.select_row(0)
    findings.view.selectionModel().select(
        findings.model.index(2, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert len(findings.selected()) == 2
    seen: dict[str, bool] = {}

    def fill(dialog: ReasonDialog) -> None:
        dialog.edit.setText("   ")
        _click(dialog, QDialogButtonBox.StandardButton.Ok)
        seen["still open"] = dialog.isVisible()
        seen["says why"] = dialog.problem.isVisible()
        _click(dialog, QDialogButtonBox.StandardButton.Cancel)

    before = _stored(db, doc_id)
    _answer(fill)
    findings.decide("dismissed")
    assert seen == {"still open": True, "says why": True}
    assert _stored(db, doc_id) == before
    assert all(status == "open" for status, _note in before.values())


def test_confirm_then_reopen_several(window, findings, db, doc_id, qtbot) -> None:
    findings.set_filter("problems")
    findings.view.selectAll()
    required: list[bool] = []

    def fill(dialog: ReasonDialog) -> None:
        required.append(dialog.required)
        _click(dialog, QDialogButtonBox.StandardButton.Ok)

    _answer(fill)
    findings.decide("confirmed")
    assert required == [False]  # a confirmation's note is optional
    assert {k: v[0] for k, v in _stored(db, doc_id).items()} == {
        "e1": "confirmed",
        "e2": "confirmed",
        "w": "confirmed",
        "i": "open",
    }
    findings.view.selectAll()
    findings.decide("open")  # no note asked for a reopening
    assert {status for status, _note in _stored(db, doc_id).values()} == {"open"}


def test_notes_are_not_decided_in_bulk(window, findings, db, doc_id) -> None:
    findings.set_filter("notes")
    findings.view.selectAll()
    assert findings.model.rowCount() == 1 and findings.selected() == []
    findings.decide("confirmed")  # nothing to decide: no dialog, nothing stored
    assert _stored(db, doc_id)["i"] == ("open", "")


def test_reason_dialog_needs_a_reason_only_for_a_dismissal(qtbot) -> None:
    dialog = ReasonDialog("t", "why?", required=True)
    qtbot.addWidget(dialog)
    dialog.show()
    _click(dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.isVisible() and dialog.problem.isVisible()
    dialog.edit.setText("印刷误差")
    assert not dialog.problem.isVisible()
    _click(dialog, QDialogButtonBox.StandardButton.Ok)
    assert not dialog.isVisible() and dialog.reason() == "印刷误差"
    optional = ReasonDialog("t", "note?")
    qtbot.addWidget(optional)
    optional.show()
    _click(optional, QDialogButtonBox.StandardButton.Ok)
    assert not optional.isVisible() and optional.reason() == ""
