"""run_job: the one way the window runs long work (import, OCR, export, batch check).

After Anki's CollectionOp and calibre's job contract: the model function runs on a
worker thread and receives `progress=` (model.progress.Progress: report / check);
Cancel makes `check()` raise Cancelled. A QProgressDialog with Cancel appears after
0.5 s, fed by queued signals. `on_done(result)` runs on the GUI thread; errors go to the
window's one ErrorReporter. Jobs run one at a time (they may write); imports have a
thread of their own, one file at a time (import_pool), so that edits' re-checks never
wait behind a scan's OCR; page rendering has its own pool (pdf_view.py). No job touches a widget.
Reads of the database go through gui/query.py (run_query, after Anki's QueryOp) on the
same worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from model.progress import Cancelled

SHOW_AFTER_MS = 500

_pool: QThreadPool | None = None


def job_pool() -> QThreadPool:
    """One worker thread for every job: writes are serialised, like Anki's taskman."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


_import_pool: QThreadPool | None = None


def import_pool() -> QThreadPool:
    """One thread of its own for imports (gui/import_queue.py), one file at a time: a
    scan's OCR takes a minute, and the re-check after each edit, the reads of the open
    filing and exports must not wait behind it. An import writes once, at its end, in
    one transaction; SQLite's busy timeout (and PostgreSQL's locks) order that write
    with the job thread's."""
    global _import_pool
    if _import_pool is None:
        _import_pool = QThreadPool()
        _import_pool.setMaxThreadCount(1)
    return _import_pool


class JobProgress:
    """The Progress a job function sees; called on the worker thread."""

    def __init__(self, job: Job) -> None:
        self._job = job
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        self._job._worker_progress.emit(int(done), int(total), str(text))

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class Job(QObject):
    """A running job. Exactly one of `finished`, `failed`, `cancelled` is emitted, on the
    GUI thread; `ended` follows any of them."""

    progressed = Signal(int, int, str)
    finished = Signal(object)  # the function's result
    failed = Signal(object)  # the exception
    cancelled = Signal()
    ended = Signal()
    # Emitted on the worker thread; connected to this object's slots, so Qt queues them
    # to the GUI thread (the job lives there). A plain Python callable connected to a
    # worker-thread signal would run on the worker instead.
    _outcome = Signal(str, object)
    _worker_progress = Signal(int, int, str)

    def __init__(self, title: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.progress = JobProgress(self)
        self.destroyed.connect(self.progress.cancel)  # window closed: stop at next check()
        self._outcome.connect(self._on_outcome, Qt.ConnectionType.QueuedConnection)
        self._worker_progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    @Slot(str, object)
    def _on_outcome(self, outcome: str, value: object) -> None:
        if outcome == "done":
            self.finished.emit(value)
        elif outcome == "failed":
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.ended.emit()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progressed.emit(done, total, text)

    def cancel(self) -> None:
        self.progress.cancel()


class _Runner(QRunnable):
    def __init__(self, job: Job, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        super().__init__()
        self._job, self._fn, self._args, self._kwargs = job, fn, args, kwargs

    def run(self) -> None:  # worker thread
        job = self._job
        try:
            job.progress.check()  # cancelled while queued
            result = self._fn(*self._args, progress=job.progress, **self._kwargs)
        except Cancelled:
            outcome, value = "cancelled", None
        except BaseException as err:  # noqa: BLE001 - everything goes to the one handler
            outcome, value = ("cancelled" if job.progress.cancelled else "failed"), err
        else:
            outcome, value = "done", result
        try:
            job._outcome.emit(outcome, value)
        except RuntimeError:  # the window (the job's parent) was closed meanwhile
            _running.discard(job)


_running: set[Job] = set()


def busy() -> bool:
    """Whether any job is queued or running (scripts wait for the window to be idle)."""
    return bool(_running)


def run_job(
    parent: QWidget,
    title: str,
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    show_progress: bool = True,
    pool: QThreadPool | None = None,
    **kwargs: Any,
) -> Job:
    """Run `fn(*args, progress=..., **kwargs)` on the job thread (or `pool`'s); returns
    at once. `on_error` defaults to the parent window's `errors.report` when it has one."""
    job = Job(title, parent)  # dies with its window: no callback reaches a closed one
    _running.add(job)
    if on_error is None:
        reporter = getattr(parent, "errors", None)
        on_error = reporter.report if reporter is not None else None
    if on_done is not None:
        job.finished.connect(on_done)
    if on_error is not None:
        job.failed.connect(on_error)
    if show_progress:
        dialog = QProgressDialog(title, QCoreApplication.translate("jobs", "Cancel"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(job.cancel)

        def on_progress(done: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total > 0 else 0)
            if text:
                dialog.setLabelText(text)

        def close_dialog() -> None:
            try:
                dialog.canceled.disconnect(job.cancel)
                dialog.reset()
                dialog.close()
                dialog.deleteLater()
            except RuntimeError:  # deleted along with its window
                pass

        job.progressed.connect(on_progress)
        job.ended.connect(close_dialog)
        job.dialog = dialog  # type: ignore[attr-defined]  # for tests
    job.ended.connect(lambda: _running.discard(job))
    (pool or job_pool()).start(_Runner(job, fn, args, kwargs))
    return job
