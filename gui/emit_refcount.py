"""Keep PySide6's signal emit from running True's reference count down to zero.

PySide6 6.12.0's `SignalInstance.emit()` returns `True` without a new reference, so every
`emit()` made from Python (our own signals, `dataChanged.emit`, …) takes one reference
from `True`. On CPython 3.11 `True` is an ordinary object: after as many emits as it had
references (~10,000 in the review window, a few hundred edits' worth) its count reaches
zero and the process aborts with `Fatal Python error: bool_dealloc`, usually while
garbage-collecting at quit (issue 26, exit status 134). CPython 3.12 made the bools
immortal (PEP 683), which is all this module does, and only when a probe emit shows the
leak. Imports only PySide6.QtCore; call on the GUI thread before the window is built.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal

# References added to True and False: more emits than a program makes in years of use.
PADDING = 1 << 40


class _Probe(QObject):
    pinged = Signal()


def emit_takes_a_reference() -> bool:
    """True when emitting a signal from Python drops a reference to `True` (the bug)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.pinged.emit()
    after = sys.getrefcount(True)
    if after < before:
        _add_references(True, before - after)  # give back what the probe took
    return after < before


def guard_bools() -> bool:
    """Make True and False outlive any number of emits when this PySide6 needs it;
    returns whether it had to. Idempotent enough: a second call pads again, harmlessly."""
    if sys.version_info >= (3, 12) or not emit_takes_a_reference():
        return False
    _add_references(True, PADDING)
    _add_references(False, PADDING)  # not seen leaking; padded as cheaply all the same
    return True


def guard_none() -> bool:
    """The same for None: this PySide6's `QCoreApplication.processEvents()` returns None
    without a new reference. The window never calls it, but tests and the bench scripts
    that wait for the window do, hundreds of times a second (`Fatal Python error:
    none_dealloc` after a few minutes). Pads None when a probe shows the leak; call with
    the application made."""
    if sys.version_info >= (3, 12):
        return False
    before = sys.getrefcount(None)
    QCoreApplication.processEvents()
    lost = before - sys.getrefcount(None)
    if lost <= 0:
        return False
    _add_references(None, PADDING + lost)
    return True


def _add_references(value: object, count: int) -> None:
    # ob_refcnt is the first field of every CPython object, and id() is its address.
    ctypes.c_ssize_t.from_address(id(value)).value += count
