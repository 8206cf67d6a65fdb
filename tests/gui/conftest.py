"""GUI fixtures: a MainWindow over the small two-page filing (tests/gui/filing_builder.py),
with its own QSettings file so tests never touch the user's settings."""

from __future__ import annotations

import gc

import pytest

from tests.gui.filing_builder import store_small_filing


@pytest.fixture(scope="session", autouse=True)
def bools_outlive_emits(qapp):
    """As run_gui does (gui/emit_refcount.py): the suite emits far more signals than
    True has references."""
    from gui.emit_refcount import guard_bools, guard_none

    guard_bools()
    guard_none()  # qtbot's waits call processEvents(), which leaks a reference to None


@pytest.fixture(autouse=True)
def gc_on_gui_thread(qapp):
    """As the application does (gui/collector.py): garbage holding Qt wrappers left by one
    test must not be collected by a later test's worker thread."""
    from gui.collector import GuiThreadCollector

    collector = GuiThreadCollector()
    yield collector
    collector.stop()
    gc.collect()  # on this (the GUI) thread, before the next test starts its jobs


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def doc_id(db) -> int:
    return store_small_filing(db)


@pytest.fixture
def no_rules(monkeypatch):
    """Validation that finds nothing, so GUI tests do not depend on the rules
    (tests/model/test_validation_*.py cover those) and can place their own Finding rows."""
    from model import review

    monkeypatch.setattr(review, "rerun_rules", lambda session, doc_id, table_ids: frozenset())
    monkeypatch.setattr(review, "rerun_all_rules", lambda session, doc_id: frozenset())


@pytest.fixture
def window(qtbot, db, settings, doc_id, no_rules):
    from gui.main_window import MainWindow

    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    with qtbot.waitSignal(w.checked, timeout=30_000):  # opened, then validated
        w.open_document(doc_id)
    yield w
    w.close()


@pytest.fixture
def settle(qtbot, window):
    """Wait until every read the window has asked for so far has delivered its result
    (gui.query.after_reads): the views then show what the database holds."""
    from gui.query import after_reads

    def wait() -> None:
        done: list[bool] = []
        after_reads(window, lambda: done.append(True))
        qtbot.waitUntil(lambda: bool(done), timeout=30_000)

    return wait
