"""ImportQueue: files imported one after another in the background (issue 26).

Each file is one job on the job thread (gui/jobs.py, `show_progress=False`), started when
the one before it ended, so the window stays usable (no modal dialog) and other jobs
(opening, checking) run between two files. Progress is shown in the status bar: a label
(file, phase, time left), one bar and a Cancel button. The parser reports each phase
from 0 (model/progress.py: reading pages, OCR of the scanned ones, assembling tables);
`OverallProgress` maps every phase into its part of one range, so the bar never runs
backwards. Cancel stops the running import at its next `check()` (nothing is stored,
model/importing.py) and drops the waiting ones; the status bar says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QToolButton,
    QWidget,
)

from gui.jobs import Job, import_pool, run_job
from model.progress import ASSEMBLING, OCR, PHASES, READING, Progress

# Each phase's share of what is left when it begins, by its usual cost: reading a text
# page takes ~30 ms, OCR of a scanned page ~1-2 s, assembling the tables ~0.1 s. OCR may
# not come at all: then assembling takes over what is left of the bar.
WEIGHTS = {READING: 1.0, OCR: 3.0, ASSEMBLING: 0.1}
TIME_LEFT_AFTER_S = 3.0  # no estimate in the first seconds (the first OCR page loads the model)
# Until the first scanned pages are back (the workers start and load the engine first):
# the wall time per page of the 31-44-page scans in bench/RESULTS.md on two cores.
OCR_SECONDS_PER_PAGE = 2.1
RANGE = 1000  # the bar's maximum (all the files of one run of the queue)


@dataclass(frozen=True)
class Step:
    """Where one file's import stands: `fraction` of the whole file (never less than the
    step before), the phase ("" for a format without phases) with its own done/total,
    and the estimated seconds left (None without an estimate; the status bar shows it
    after TIME_LEFT_AFTER_S)."""

    fraction: float
    phase: str
    done: int
    total: int
    text: str
    seconds_left: float | None


class OverallProgress:
    """The Progress an import sees (worker thread): each phase's done/total is mapped
    into that phase's part of 0..1, one monotone fraction for the whole file; `on_step`
    gets a Step per report. `check` is the inner progress's (Cancel)."""

    def __init__(
        self,
        inner: Progress,
        on_step: Callable[[Step], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._inner, self._on_step, self._clock = inner, on_step, clock
        self._fraction = 0.0
        self._phase = ""
        self._low, self._high = 0.0, 1.0  # the current phase's part of the bar
        self._phase_started = clock()

    def begin_phase(self, phase: str) -> None:
        self._phase = phase
        later = PHASES[PHASES.index(phase) + 1 :] if phase in PHASES else ()
        weight = WEIGHTS.get(phase, 1.0)
        share = weight / (weight + sum(WEIGHTS[p] for p in later))
        self._low = self._fraction
        self._high = self._low + (1.0 - self._low) * share
        self._phase_started = self._clock()

    def report(self, done: int, total: int, text: str = "") -> None:
        now = self._clock()
        part = min(max(done / total, 0.0), 1.0) if total > 0 else 0.0
        self._fraction = max(self._fraction, self._low + (self._high - self._low) * part)
        self._on_step(
            Step(self._fraction, self._phase, done, total, text, self._left(now, done, total))
        )

    def _left(self, now: float, done: int, total: int) -> float | None:
        """The rest of this phase at its pace so far (counted from the phase's start, so
        the first OCR pages, which also start the workers, do not make it look fast when
        they come back together); OCR before its first page is back: the usual pace."""
        if total <= 0 or self._phase == ASSEMBLING:
            return None
        if done <= 0:
            if self._phase != OCR:
                return None
            left = OCR_SECONDS_PER_PAGE * total - (now - self._phase_started)
            return left if left > 0 else None
        return (now - self._phase_started) / done * max(total - done, 0)

    def check(self) -> None:
        self._inner.check()


class QueuedImport(QObject):
    """One file in the queue, with the signals of a Job: exactly one of `finished`
    (model.importing.Imported), `failed`, `cancelled`, then `ended`."""

    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    ended = Signal()
    stepped = Signal(object)  # Step, on the GUI thread
    _worker_step = Signal(object)  # emitted on the job thread, queued to this object

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.job: Job | None = None  # once started
        self._worker_step.connect(self._on_step, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_step(self, step: Step) -> None:
        self.stepped.emit(step)

    def send_step(self, step: Step) -> None:  # job thread
        try:
            self._worker_step.emit(step)
        except RuntimeError:  # the window was closed meanwhile
            pass


def _import_one(
    fn: Callable[..., Any],
    args: tuple,
    path: Path,
    item: QueuedImport,
    clock: Callable[[], float],
    *,
    progress: Progress,
) -> Any:
    """Job body (job thread)."""
    return fn(*args, path, progress=OverallProgress(progress, item.send_step, clock))


class ImportQueue(QObject):
    """Files imported one after another by `fn(*args, path, progress=...)` on the job
    thread; progress and Cancel in `window`'s status bar. `idle` is emitted when the last
    file has ended."""

    idle = Signal()

    def __init__(
        self,
        window: QMainWindow,
        fn: Callable[..., Any],
        *args: Any,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._window, self._fn, self._args, self._clock = window, fn, args, clock
        self._waiting: list[QueuedImport] = []
        self.current: QueuedImport | None = None
        self._batch = 0  # files in this run of the queue (the bar covers them all)
        self._ended = 0
        self._cancelled_waiting = 0
        self._deadline: float | None = None  # when the current file should be done
        self._file_started = 0.0
        self._step: Step | None = None

        self.widget = QWidget()
        self.widget.setObjectName("ImportProgress")
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, RANGE)
        self.bar.setMaximumWidth(180)
        self.bar.setMaximumHeight(16)
        self.cancel_button = QToolButton()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Cancel the import"))
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)
        window.statusBar().insertPermanentWidget(0, self.widget)
        self.widget.hide()
        self._ticker = QTimer(self)  # counts the time left down between two reports
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._show_label)

    # --- the queue --------------------------------------------------------------------------

    def add(self, path: Path, *, on_done: Callable[[Any], None] | None = None) -> QueuedImport:
        """Queue `path`; it starts when the files before it have ended."""
        item = QueuedImport(path, self)
        if on_done is not None:
            item.finished.connect(on_done)
        if self._batch == 0:  # a new run of the queue: a new bar
            self.bar.setValue(0)
        self._waiting.append(item)
        self._batch += 1
        if self.current is None:
            self._start_next()
        else:
            self._show_label()
        return item

    def waiting(self) -> list[Path]:
        return [item.path for item in self._waiting]

    def busy(self) -> bool:
        return self.current is not None

    def cancel(self) -> None:
        """Cancel the running import (at its next check: nothing is stored) and drop the
        waiting ones."""
        dropped, self._waiting = self._waiting, []
        self._cancelled_waiting += len(dropped)
        for item in dropped:
            item.cancelled.emit()
            item.ended.emit()
        if self.current is not None and self.current.job is not None:
            self.cancel_button.setEnabled(False)
            self.current.job.cancel()

    def _start_next(self) -> None:
        if not self._waiting:
            self._finish_batch()
            return
        item = self._waiting.pop(0)
        self.current = item
        self._step = None
        self._deadline = None
        self._file_started = self._clock()
        self.cancel_button.setEnabled(True)
        job = run_job(
            self._window,
            item.path.name,  # a job title; not shown (show_progress=False)
            _import_one,
            self._fn,
            self._args,
            item.path,
            item,
            self._clock,
            show_progress=False,
            pool=import_pool(),
        )
        item.job = job
        item.stepped.connect(lambda step, item=item: self._on_step(item, step))
        job.finished.connect(item.finished)
        job.failed.connect(item.failed)
        job.cancelled.connect(item.cancelled)
        job.cancelled.connect(lambda: self._report_cancel(item))
        job.ended.connect(lambda: self._on_ended(item))
        self.widget.show()
        self._ticker.start()
        self._show_label()

    def _on_ended(self, item: QueuedImport) -> None:
        item.ended.emit()
        if item is not self.current:
            return
        self._ended += 1
        self.current = None
        if self._cancelled_waiting:  # Cancel came too late for this file (it was stored)
            text = self.tr("Import of {0} waiting files cancelled").format(self._cancelled_waiting)
            self._window.statusBar().showMessage(text, 10_000)
            self._cancelled_waiting = 0
        self._set_bar(0.0)
        self._start_next()

    def _finish_batch(self) -> None:
        self.current = None
        self._batch = self._ended = self._cancelled_waiting = 0
        self._ticker.stop()
        self.widget.hide()
        self.idle.emit()

    def _report_cancel(self, item: QueuedImport) -> None:
        name = item.path.name
        if self._cancelled_waiting:
            text = self.tr("Import of {0} and {1} waiting files cancelled").format(
                name, self._cancelled_waiting
            )
        else:
            text = self.tr("Import of {0} cancelled").format(name)
        self._cancelled_waiting = 0
        self._window.statusBar().showMessage(text, 10_000)

    # --- what the status bar shows -----------------------------------------------------------

    def _on_step(self, item: QueuedImport, step: Step) -> None:
        if item is not self.current:  # a late report of an ended import
            return
        self._step = step
        left = step.seconds_left
        self._deadline = None if left is None else self._clock() + left
        self._set_bar(step.fraction)
        self._show_label()

    def _set_bar(self, fraction: float) -> None:
        """The bar covers every file of this run of the queue; it never goes back, even
        when a file is added meanwhile (it then waits until the work catches up)."""
        value = round(RANGE * (self._ended + fraction) / max(self._batch, 1))
        self.bar.setValue(max(self.bar.value(), min(value, RANGE)))

    def phase_text(self) -> str:
        step = self._step
        if step is None:
            return self.tr("starting")
        if step.phase == READING:
            return self.tr("reading pages {0}/{1}").format(
                min(step.done + 1, step.total), step.total
            )
        if step.phase == OCR:
            return self.tr("recognising scanned pages {0}/{1}").format(step.done, step.total)
        if step.phase == ASSEMBLING:
            return self.tr("assembling tables")
        if step.total > 0:
            return f"{round(100 * step.done / step.total)}%"
        return ""

    def time_left_text(self) -> str:
        now = self._clock()
        if self._deadline is None or now - self._file_started < TIME_LEFT_AFTER_S:
            return ""
        left = round(self._deadline - now)
        if left < 1:  # slower than estimated: no guess until the next report
            return ""
        if left < 60:
            return self.tr("about {0} s left").format(left)
        return self.tr("about {0} min {1} s left").format(left // 60, left % 60)

    def _show_label(self) -> None:
        if self.current is None:
            return
        parts = [self.tr("Importing {0}").format(self.current.path.name), self.phase_text()]
        parts.append(self.time_left_text())
        if self._waiting:
            parts.append(self.tr("{0} more waiting").format(len(self._waiting)))
        self.label.setText(" — ".join(p for p in parts if p))
