"""run_job: the result arrives on the GUI thread, errors reach the handler, Cancel stops
the function at its next check()."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QPushButton, QWidget

from gui.jobs import run_job
from model.progress import Cancelled


def _sum_pages(n: int, *, progress) -> tuple[int, bool]:
    total = 0
    for i in range(n):
        progress.check()
        progress.report(i + 1, n, f"page {i + 1}")
        total += i
    return total, threading.current_thread() is threading.main_thread()


def _wait_for_cancel(started: threading.Event, *, progress) -> str:
    started.set()
    for _ in range(1000):
        progress.check()
        time.sleep(0.01)
    return "not cancelled"


@pytest.fixture
def parent(qtbot) -> QWidget:
    w = QWidget()
    qtbot.addWidget(w)
    return w


def test_job_runs_on_a_worker_and_reports_back(parent, qtbot) -> None:
    got: list = []
    steps: list = []
    job = run_job(parent, "sum", _sum_pages, 5, on_done=got.append)
    job.progressed.connect(lambda d, t, _x: steps.append((d, t)))
    with qtbot.waitSignal(job.finished, timeout=10_000) as blocker:
        pass
    assert blocker.args[0] == (10, False)  # ran off the main thread
    assert got == [(10, False)]
    qtbot.waitUntil(lambda: (5, 5) in steps, timeout=5_000)
    assert QThread.currentThread() is parent.thread()


def test_job_error_goes_to_the_handler(parent, qtbot) -> None:
    errors: list = []

    def boom(*, progress) -> None:
        raise ValueError("bad figure")

    job = run_job(parent, "boom", boom, on_error=errors.append, show_progress=False)
    with qtbot.waitSignal(job.failed, timeout=10_000):
        pass
    assert isinstance(errors[0], ValueError)


def test_cancel_stops_the_job(parent, qtbot) -> None:
    started = threading.Event()
    done: list = []
    job = run_job(parent, "slow", _wait_for_cancel, started, on_done=done.append)
    assert started.wait(10)
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        job.dialog.findChild(QPushButton).click()  # the progress dialog's Cancel button
    assert done == []


def test_cancelled_raises_in_check() -> None:
    from gui.jobs import Job

    job = Job("x")
    job.cancel()
    with pytest.raises(Cancelled):
        job.progress.check()
