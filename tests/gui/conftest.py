"""GUI fixtures: a MainWindow over the small two-page filing (tests/gui/filing_builder.py),
with its own QSettings file so tests never touch the user's settings."""

from __future__ import annotations

import pytest

from tests.gui.filing_builder import store_small_filing


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def doc_id(db) -> int:
    return store_small_filing(db)


@pytest.fixture
def window(qtbot, db, settings, doc_id):
    from gui.main_window import MainWindow

    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    with qtbot.waitSignal(w.document_opened, timeout=10_000):
        w.open_document(doc_id)
    yield w
    w.close()
