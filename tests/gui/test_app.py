"""Start-up: first run imports the bundled sample, later runs reopen the last document,
`open FILE` imports and shows the file (the small PDF stands in for the 44-page sample)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.filing_builder import small_pdf


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small-filing.pdf"
    path.write_bytes(small_pdf())
    return path


def test_first_run_imports_the_sample_then_reopens_it(
    qtbot, db, settings, small_file, monkeypatch
) -> None:
    from gui import app

    monkeypatch.setattr(app, "SAMPLE", small_file)
    window = app.start_window(db, settings, [])
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.document_opened, timeout=60_000) as opened:
        pass
    first_id = opened.args[0]
    assert window.filing.name == "small-filing.pdf"
    window.close()
    again = app.start_window(db, settings, [])
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.document_opened, timeout=60_000) as reopened:
        pass
    assert reopened.args[0] == first_id
    assert len(app.review_library(db)) == 1  # nothing imported twice


def test_open_files_imports_and_remembers_recent(qtbot, db, settings, small_file) -> None:
    from gui import app

    window = app.start_window(db, settings, [str(small_file)])
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.document_opened, timeout=60_000):
        pass
    assert settings.value("recent_files") in (
        [str(small_file.resolve())],
        str(small_file.resolve()),
    )
    assert window.library_dock.model.rowCount() == 1


def test_bad_file_reports_one_line(qtbot, db, settings, tmp_path: Path) -> None:
    from gui import app

    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"not a pdf")
    window = app.start_window(db, settings, [str(bad)])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.errors.last_message is not None, timeout=60_000)
    assert "\n" not in window.errors.last_message
