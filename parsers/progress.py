"""The progress contract every long-running step accepts (after calibre's job contract).

Parsers only see this Protocol; model/progress.py re-exports it for the services and
gui/jobs.py feeds it from a worker thread.
"""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """Raised by `Progress.check()` once the user has pressed Cancel."""


class Progress(Protocol):
    def report(self, done: int, total: int, text: str = "") -> None:
        """Called from the worker thread or process; must be cheap and never block."""

    def check(self) -> None:
        """Raise `Cancelled` if a cancel was requested; called between pages."""


# The phases of reading a PDF (parsers/pdf.py), in order. Within a phase `report` counts
# that phase's own work from 0, so a progress that shows one bar for the whole import
# (gui/import_queue.py) maps each phase into its part of the bar and never runs backwards.
READING, OCR, ASSEMBLING = "reading", "ocr", "assembling"
PHASES = (READING, OCR, ASSEMBLING)


def begin_phase(progress: Progress, phase: str) -> None:
    """Tell `progress` that the reports which follow count `phase`; a progress without
    a `begin_phase` method (NoProgress, a plain dialog) is not told."""
    begin = getattr(progress, "begin_phase", None)
    if begin is not None:
        begin(phase)


class NoProgress:
    """For the command line and tests: reports nowhere, never cancels."""

    def report(self, done: int, total: int, text: str = "") -> None:
        pass

    def check(self) -> None:
        pass
