"""The clerk's actions, one module per theme (after calibre's gui2/actions): file.py
(import, export, recent, filing details), edit.py (undo/redo, rows, preferences),
review.py (findings decisions, the reviewed mark, F8), view.py (zoom, language, about).
Each class creates its QActions on the window, connects them and does the work through
model services or run_job; the window only puts them in its menus and toolbar.
GUI thread only; no SQL.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

Shortcut = QKeySequence | QKeySequence.StandardKey | list[QKeySequence] | None


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[..., object],
    shortcut: Shortcut = None,
    *,
    checkable: bool = False,
) -> QAction:
    """A QAction on `parent` calling `slot` (on `toggled` when checkable)."""
    action = QAction(text, parent)
    if shortcut is not None:
        if isinstance(shortcut, list | QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # a StandardKey: every platform binding
        else:
            action.setShortcut(shortcut)
    action.setCheckable(checkable)
    (action.toggled if checkable else action.triggered).connect(slot)
    return action
