"""The review window's layout, kept in QSettings: geometry, docks and toolbar, the
page | table splitter; the first start fits the screen. GUI thread only.

At first start the findings list and the table list, side by side in the bottom dock
area, each show at least ROWS rows on a 1366×768 laptop screen, and the table editor
keeps the whole height above them (issue 26): both lists get compact rows (the text's
line spacing and a little padding, not the style's 30 px section), and once the window
is shown at its first-start size `make_room` grows the dock area by what ROWS rows still
lack (a larger system font), within a cap so a smaller screen keeps room for the table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QMainWindow,
    QTableView,
)

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
    ):
        value = s.value(key)
        if isinstance(value, QByteArray):
            restore(value)
    first_start = not isinstance(s.value("geometry"), QByteArray)
    if first_start:
        fit_screen(window)
    if not isinstance(s.value("main_splitter"), QByteArray):
        window.splitter.setSizes([600, 800])
        docks = [window.findings_dock, window.tables_dock]
        window.resizeDocks(docks, [270, 270], Qt.Orientation.Vertical)
        wide = window.width()  # the findings wider than the list of tables
        window.resizeDocks(docks, [wide * 3 // 5, wide * 2 // 5], Qt.Orientation.Horizontal)
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
    s.sync()


ROWS = 8
PADDING = 6  # px above and below the text of a row together (half of it at least for Chinese)
DOCK_SHARE = 0.4  # at most this part of the window's height for the findings dock


def compact_rows(*views: QTableView) -> None:
    """Rows as high as their text needs (Chinese glyphs from a fallback font can be taller
    than the UI font's line), so a list shows more of them."""
    for view in views:
        metrics = view.fontMetrics()
        chinese = metrics.boundingRect("审核台").height()
        height = max(metrics.lineSpacing() + PADDING, chinese + PADDING // 2)
        header = view.verticalHeader()
        header.setMinimumSectionSize(height)
        header.setDefaultSectionSize(height)


def rows_visible(view: QAbstractItemView) -> int:
    """Whole rows the view's viewport has room for."""
    if isinstance(view, QTableView):
        row = view.verticalHeader().defaultSectionSize()
    else:
        row = max(view.sizeHintForRow(0), 1)
    return view.viewport().height() // row


def _lacking(view: QTableView, rows: int) -> int:
    return max(0, rows * view.verticalHeader().defaultSectionSize() - view.viewport().height())


def make_room(
    window: QMainWindow,
    dock: QDockWidget,
    table_list: QTableView,
    rows: int = ROWS,
) -> None:
    """Once the window is laid out: grow the bottom dock area, where the findings `dock`
    (its QTableView `view`) and `table_list` sit side by side, by what `rows` rows still
    lack in either. The dock's view is held at that height while the window lays out
    again, then let go (the dock area keeps the size it got)."""
    window.layout().activate()
    lack = max(_lacking(dock.view, rows), _lacking(table_list, rows))
    if lack:
        cap = round(window.height() * DOCK_SHARE)
        dock.view.setMinimumHeight(min(dock.view.height() + lack, cap))
        window.layout().activate()
        dock.view.setMinimumHeight(0)
