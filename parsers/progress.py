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


class NoProgress:
    """For the command line and tests: reports nowhere, never cancels."""

    def report(self, done: int, total: int, text: str = "") -> None:
        pass

    def check(self) -> None:
        pass
