"""The review window's layout, kept in QSettings: geometry, docks and toolbar, both
splitters; the first start fits the screen. GUI thread only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from gui.main_window import MainWindow


def restore_layout(window: MainWindow) -> bool:
    """Bring back the saved layout; True when there was none (first start), so the
    window fits the screen again once shown and its frame is known."""
    s = window.settings
    for key, restore in (
        ("geometry", window.restoreGeometry),
        ("window_state", window.restoreState),
        ("main_splitter", window.splitter.restoreState),
        ("right_splitter", window.right_splitter.restoreState),
    ):
        value = s.value(key)
        if isinstance(value, QByteArray):
            restore(value)
    first_start = not isinstance(s.value("geometry"), QByteArray)
    if first_start:
        fit_screen(window)
    if not isinstance(s.value("main_splitter"), QByteArray):
        window.splitter.setSizes([600, 800])
        window.right_splitter.setSizes([180, 520])
        window.resizeDocks([window.findings_dock], [270], Qt.Orientation.Vertical)
    return first_start


def fit_screen(window: MainWindow) -> None:
    """Fill the screen's available area up to 1400×900, so a 1366×768 laptop shows the
    whole window, toolbar to status bar."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    frame = window.frameGeometry().size() - window.geometry().size()  # title bar, borders
    window.resize(min(1400, area.width() - frame.width()), min(900, area.height() - frame.height()))
    window.move(area.topLeft())


def save_layout(window: MainWindow) -> None:
    s = window.settings
    s.setValue("geometry", window.saveGeometry())
    s.setValue("window_state", window.saveState())
    s.setValue("main_splitter", window.splitter.saveState())
    s.setValue("right_splitter", window.right_splitter.saveState())
    s.sync()
