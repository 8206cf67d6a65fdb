"""The review window's layout, kept in QSettings: geometry, docks and toolbar, both
splitters; the first start fits the screen. GUI thread only.

At first start the findings list and the table list each show at least ROWS rows on a
1366×768 laptop screen, the table editor keeps the rest (issue 26): both lists get
compact rows (the text's line spacing and a little padding, not the style's 30 px
section), and once the window is shown at its first-start size `make_room` grows the
findings dock and the table list's pane by what ROWS rows still lack (a larger system
font), measured on the laid-out views, within a cap so a smaller screen keeps room for
the table editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QMainWindow,
    QSplitter,
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


ROWS = 8
PADDING = 6  # px above and below the text of a row together (half of it at least for Chinese)
DOCK_SHARE = 0.4  # at most this part of the window's height for the findings dock
LIST_SHARE = 0.5  # at most this part of the right-hand splitter for the table list


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
    splitter: QSplitter,
    rows: int = ROWS,
) -> None:
    """Once the window is laid out: grow the findings `dock` (its QTableView `view`) and
    `table_list` (the first pane of the vertical `splitter`) by what `rows` rows still
    lack. The dock's view is held at that height while the window lays out again, then
    let go (the dock area keeps the size it got); the splitter is given its sizes."""
    window.layout().activate()
    lack = _lacking(dock.view, rows)
    if lack:
        cap = round(window.height() * DOCK_SHARE)
        dock.view.setMinimumHeight(min(dock.view.height() + lack, cap))
        window.layout().activate()
        dock.view.setMinimumHeight(0)
    lack = _lacking(table_list, rows)
    if lack:
        first, second = splitter.sizes()[:2]
        grown = min(first + lack, round((first + second) * LIST_SHARE))
        if grown > first:
            splitter.setSizes([grown, first + second - grown])
