"""Filing details corrected from the window (audited, the title follows), and the
reviewer's name set once in preferences and used for every correction after."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from gui.filing_details_dialog import FilingDetailsDialog
from gui.preferences_dialog import PreferencesDialog
from model import filing_details as fd
from model.library import load_filing


def answer(dialog_type: type[QDialog], fill) -> None:  # noqa: ANN001 - fill(dialog)
    """Fill in and accept the next modal dialog of that type once it is shown."""

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, dialog_type):
            QTimer.singleShot(20, step)
            return
        fill(dialog)
        dialog.accept()

    QTimer.singleShot(0, step)


def test_details_corrected_in_the_window_are_stored_and_shown(qtbot, window, db, doc_id) -> None:
    def fill(d: FilingDetailsDialog) -> None:
        d.code.setText("323001")
        d.name.setText("昌黎县审计局")
        d.year.setValue(2024)
        d.unit.setCurrentText("元")

    answer(FilingDetailsDialog, fill)
    window.details_action.trigger()
    qtbot.waitUntil(lambda: "昌黎县审计局" in window.windowTitle(), timeout=10_000)
    assert "2024" in window.windowTitle()
    stored = load_filing(db, doc_id)
    assert (stored.department_code, stored.department_name, stored.year, stored.unit) == (
        "323001",
        "昌黎县审计局",
        2024,
        "元",
    )
    assert {e.field for e in fd.document_edits(db, doc_id)} >= {"department_name", "unit"}
    assert all(e.reviewer == window.reviewer for e in fd.document_edits(db, doc_id))


def test_reviewer_set_in_preferences_is_kept_and_used(qtbot, window, settings, db, doc_id) -> None:
    answer(PreferencesDialog, lambda d: d.name.setText("张会计"))
    window.preferences_action.trigger()
    assert window.reviewer == "张会计"
    assert settings.value("reviewer") == "张会计"
    answer(FilingDetailsDialog, lambda d: d.code.setText("999"))
    window.details_action.trigger()
    qtbot.waitUntil(lambda: bool(fd.document_edits(db, doc_id)), timeout=10_000)
    assert [e.reviewer for e in fd.document_edits(db, doc_id)] == ["张会计"]


def test_the_reviewer_is_asked_once_when_none_is_set(qtbot, window, settings, db) -> None:
    """Issue 26: at a start without a name in preferences the clerk is asked, once; the
    name signs what follows instead of the OS login."""
    from model import review

    assert window.reviewer == review.reviewer_name()  # nothing set yet: the login

    def fill(d: PreferencesDialog) -> None:
        assert d.name.text() == ""  # the login is only a hint
        d.name.setText("赵会计")

    answer(PreferencesDialog, fill)
    assert window.ask_reviewer_once()
    assert (window.reviewer, settings.value("reviewer")) == ("赵会计", "赵会计")
    assert not window.ask_reviewer_once()  # set: never asked again
    table = window.current_table()
    window.set_table_reviewed(True)
    assert review.load_table(db, table.id).reviewed_by == "赵会计"
