"""Python's garbage collection, kept on the GUI thread.

The cyclic collector runs in whichever thread happens to allocate when a generation's
threshold is crossed. If that is a worker (an import or a validation job allocating
heavily) and the garbage holds a Qt object's wrapper, Qt objects get destroyed off the GUI
thread, and the process can crash far from the cause (seen here: a segfault inside
SQLAlchemy in a job while tests had dropped windows). pyqtgraph handles this the same way:
automatic collection off, a GUI-thread timer collects instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Create on the GUI thread; it switches automatic collection off until `stop()`."""

    def __init__(self, interval_ms: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(interval_ms)
        gc.disable()

    def collect_due(self) -> None:
        """Collect the generations whose counts passed their thresholds, as the automatic
        collector would have, but here on the GUI thread."""
        counts = gc.get_count()
        due = -1
        for generation, (count, limit) in enumerate(zip(counts, self._thresholds, strict=True)):
            if count <= limit:
                break
            due = generation
        if due >= 0:
            gc.collect(due)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
