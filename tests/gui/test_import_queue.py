"""Imports queue in the background (issue 26): one file after another on the job thread,
no modal dialog, one bar in the status bar that never runs backwards across the parser's
phases, the time left after a few seconds, a Cancel that stores nothing and says so."""

from __future__ import annotations

import threading
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtWidgets import QApplication, QMainWindow, QProgressDialog

from gui.import_queue import (
    OCR_SECONDS_PER_PAGE,
    TIME_LEFT_AFTER_S,
    ImportQueue,
    OverallProgress,
)
from model.progress import ASSEMBLING, OCR, READING, NoProgress, begin_phase

SCANS = Path(__file__).resolve().parents[1] / "fixtures" / "scan"


class Clock:
    """A clock the import itself moves on (so the worker and the test agree)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def scan_like(clock: Clock, progress, *, ocr_pages: int = 40, stop_at: int | None = None) -> None:  # noqa: ANN001
    """What parsers/pdf.py reports for a 44-page filing with `ocr_pages` scanned pages:
    text pages fast, then OCR at 1.5 s a page (the first one also loads the engine)."""
    begin_phase(progress, READING)
    for i in range(44):
        progress.check()
        clock.now += 0.01
        progress.report(i, 44, f"第 {i + 1}/44 页")
    if ocr_pages:
        begin_phase(progress, OCR)
        progress.report(0, ocr_pages)
        for done in range(1, ocr_pages + 1):
            progress.check()
            clock.now += 4.5 if done == 1 else 1.5
            progress.report(done, ocr_pages)
            if done == stop_at:
                return
    begin_phase(progress, ASSEMBLING)
    progress.report(0, 1, "整理表格")


def test_phases_map_into_one_bar_that_never_runs_backwards() -> None:
    clock, steps = Clock(), []
    scan_like(clock, OverallProgress(NoProgress(), steps.append, clock))
    fractions = [s.fraction for s in steps]
    assert fractions == sorted(fractions) and 0 <= fractions[0] and fractions[-1] <= 1
    ocr = [s.fraction for s in steps if s.phase == OCR]
    assert ocr[-1] - ocr[0] > 0.6  # the slow phase has most of the bar
    assert max(s.fraction for s in steps if s.phase == READING) < 0.3


def test_a_text_pdf_has_no_ocr_phase_and_still_ends_up_at_the_end() -> None:
    clock, steps = Clock(), []
    scan_like(clock, OverallProgress(NoProgress(), steps.append, clock), ocr_pages=0)
    fractions = [s.fraction for s in steps]
    assert fractions == sorted(fractions)
    assert steps[-1].phase == ASSEMBLING


def test_a_format_without_phases_counts_its_steps() -> None:
    steps = []
    progress = OverallProgress(NoProgress(), steps.append)
    progress.report(1, 2, "表格组装")
    progress.report(2, 2, "完成")
    assert [s.fraction for s in steps] == [0.5, 1.0]


def test_time_left_at_the_pace_of_the_phase() -> None:
    clock, steps = Clock(), []
    scan_like(clock, OverallProgress(NoProgress(), steps.append, clock), stop_at=10)
    (ocr_begins,) = [s for s in steps if s.phase == OCR and s.done == 0]
    # no page back yet (the workers load the engine): the usual pace of a scanned page
    assert ocr_begins.seconds_left == pytest.approx(40 * OCR_SECONDS_PER_PAGE)
    last = steps[-1]
    assert (last.phase, last.done) == (OCR, 10)
    # 18 s for 10 pages (the first one also started the engine), 30 pages to go
    assert last.seconds_left == pytest.approx(30 * 1.8)


@pytest.fixture
def main_window(qtbot) -> QMainWindow:
    w = QMainWindow()
    qtbot.addWidget(w)
    w.resize(900, 600)
    w.statusBar()  # made before the window is shown, as MainWindow's
    w.show()
    return w


def test_files_import_one_after_another_off_the_gui_thread(main_window, qtbot) -> None:
    ran: list[tuple[str, bool]] = []

    def fake_import(clock: Clock, path: Path, *, progress) -> str:  # noqa: ANN001
        ran.append((path.name, threading.current_thread() is threading.main_thread()))
        scan_like(clock, progress, ocr_pages=3)
        return path.name

    queue = ImportQueue(main_window, fake_import, Clock())
    values: list[int] = []
    queue.bar.valueChanged.connect(values.append)
    done: list[str] = []
    with qtbot.waitSignal(queue.idle, timeout=20_000):
        items = [queue.add(Path(n), on_done=done.append) for n in ("a.pdf", "b.pdf")]
        assert queue.busy() and queue.waiting() == [Path("b.pdf")]
        assert queue.widget.isVisible()
        assert "a.pdf" in queue.label.text() and "1 more waiting" in queue.label.text()
        assert QApplication.activeModalWidget() is None
    assert ran == [("a.pdf", False), ("b.pdf", False)]
    assert done == ["a.pdf", "b.pdf"]
    assert values == sorted(values) and values[-1] >= 990  # one bar over both files
    assert not queue.widget.isVisible() and not queue.busy()
    assert [i.path.name for i in items] == ["a.pdf", "b.pdf"]


def test_the_label_shows_the_phase_and_the_time_left(main_window, qtbot) -> None:
    go_on_early, go_on = threading.Event(), threading.Event()
    clock = Clock()

    def fake_import(path: Path, *, progress) -> None:  # noqa: ANN001
        begin_phase(progress, READING)
        clock.now += TIME_LEFT_AFTER_S / 2
        progress.report(4, 44)
        go_on_early.wait(10)
        scan_like(clock, progress, stop_at=10)
        go_on.wait(10)

    queue = ImportQueue(main_window, fake_import, clock=clock)
    with qtbot.waitSignal(queue.idle, timeout=20_000):
        queue.add(Path("scan.pdf"))
        qtbot.waitUntil(lambda: "5/44" in queue.label.text(), timeout=10_000)
        assert queue.label.text() == "Importing scan.pdf — reading pages 5/44"  # no guess yet
        go_on_early.set()
        qtbot.waitUntil(lambda: "10/40" in queue.label.text(), timeout=10_000)
        text = queue.label.text()
        assert text.startswith("Importing scan.pdf — recognising scanned pages 10/40")
        assert text.endswith("about 54 s left")
        clock.now += 50  # no report for a while: the time left counts down
        qtbot.waitUntil(lambda: queue.label.text().endswith("about 4 s left"), timeout=5_000)
        clock.now += 10  # slower than estimated: no guess until the next report
        qtbot.waitUntil(lambda: queue.label.text().endswith("10/40"), timeout=5_000)
        go_on.set()


def _wait_for_cancel(started: threading.Event, ran: list, path: Path, *, progress) -> None:  # noqa: ANN001
    ran.append(path.name)
    started.set()
    begin_phase(progress, READING)
    for i in range(1000):
        progress.check()
        progress.report(i % 10, 10)
        threading.Event().wait(0.01)


def test_cancel_drops_the_waiting_files_and_says_so(main_window, qtbot) -> None:
    started, ran = threading.Event(), []
    queue = ImportQueue(main_window, _wait_for_cancel, started, ran)
    finished: list = []
    cancelled: list[str] = []
    items = [queue.add(Path(n), on_done=finished.append) for n in ("slow.pdf", "next.pdf")]
    for item in items:
        item.cancelled.connect(lambda item=item: cancelled.append(item.path.name))
    assert started.wait(10)
    with qtbot.waitSignal(queue.idle, timeout=10_000):
        queue.cancel_button.click()
    assert ran == ["slow.pdf"] and finished == []
    assert sorted(cancelled) == ["next.pdf", "slow.pdf"]
    assert main_window.statusBar().currentMessage() == (
        "Import of slow.pdf and 1 waiting files cancelled"
    )


def test_other_jobs_do_not_wait_behind_an_import(main_window, qtbot) -> None:
    """A scan's OCR takes a minute: the re-check after an edit (a job) runs meanwhile."""
    from gui.jobs import run_job

    started, ran = threading.Event(), []
    queue = ImportQueue(main_window, _wait_for_cancel, started, ran)
    queue.add(Path("slow.pdf"))
    assert started.wait(10)
    done: list[int] = []
    job = run_job(main_window, "check", lambda *, progress: 42, on_done=done.append)
    with qtbot.waitSignal(job.ended, timeout=5_000):
        pass
    assert done == [42] and queue.current is not None  # the import still running
    with qtbot.waitSignal(queue.idle, timeout=10_000):
        queue.cancel_button.click()


def test_cancel_of_one_file(main_window, qtbot) -> None:
    started, ran = threading.Event(), []
    queue = ImportQueue(main_window, _wait_for_cancel, started, ran)
    queue.add(Path("slow.pdf"))
    assert started.wait(10)
    with qtbot.waitSignal(queue.idle, timeout=10_000):
        queue.cancel_button.click()
    assert main_window.statusBar().currentMessage() == "Import of slow.pdf cancelled"


def test_a_cancel_too_late_for_the_running_file_still_drops_the_waiting_ones(
    main_window, qtbot
) -> None:
    started, release = threading.Event(), threading.Event()
    ran: list[str] = []

    def ignores_cancel(path: Path, *, progress) -> str:  # noqa: ANN001 - storing: no check
        ran.append(path.name)
        started.set()
        release.wait(10)
        return path.name

    queue = ImportQueue(main_window, ignores_cancel)
    done: list[str] = []
    with qtbot.waitSignal(queue.idle, timeout=10_000):
        queue.add(Path("stored.pdf"), on_done=done.append)
        queue.add(Path("next.pdf"), on_done=done.append)
        assert started.wait(10)
        queue.cancel_button.click()
        release.set()
    assert ran == done == ["stored.pdf"]
    assert main_window.statusBar().currentMessage() == "Import of 1 waiting files cancelled"


@pytest.fixture
def scanned_pdf(tmp_path: Path) -> Path:
    """Two scanned pages (no text layer): the real import OCRs them in worker processes."""
    out = pymupdf.open()
    with pymupdf.open(SCANS / "budget-rows.pdf") as doc:
        out.insert_pdf(doc)
        out.insert_pdf(doc)
    path = tmp_path / "scanned.pdf"
    path.write_bytes(out.tobytes())
    return path


def test_window_import_is_not_modal_and_a_cancel_stores_nothing(window, qtbot, scanned_pdf) -> None:
    before = window.library_dock.model.rowCount()
    queue = window.import_queue
    imported: list[int] = []
    window.imported.connect(imported.append)
    with qtbot.waitSignal(queue.idle, timeout=60_000):
        window.import_files([scanned_pdf])
        qtbot.waitUntil(
            lambda: "recognising scanned pages 0/2" in queue.label.text(), timeout=30_000
        )
        assert QApplication.activeModalWidget() is None
        assert window.findChildren(QProgressDialog) == []
        assert queue.bar.value() > 0  # the pages were read
        window.next_finding_action.trigger()  # the clerk goes on reviewing meanwhile
        queue.cancel_button.click()
    assert window.statusBar().currentMessage() == "Import of scanned.pdf cancelled"
    assert imported == []
    window.refresh_library()
    assert window.library_dock.model.rowCount() == before


def test_cancel_is_reported_in_chinese(main_window, qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from gui import i18n

    translator = QTranslator()
    assert translator.load(str(i18n.compiled_qm("zh_CN", cache=tmp_path)))
    QCoreApplication.instance().installTranslator(translator)
    try:
        started, ran = threading.Event(), []
        queue = ImportQueue(main_window, _wait_for_cancel, started, ran)
        queue.add(Path("slow.pdf"))
        assert started.wait(10)
        assert queue.cancel_button.text() == "取消"
        with qtbot.waitSignal(queue.idle, timeout=10_000):
            queue.cancel_button.click()
        assert main_window.statusBar().currentMessage() == "已取消导入 slow.pdf"
    finally:
        QCoreApplication.instance().removeTranslator(translator)
