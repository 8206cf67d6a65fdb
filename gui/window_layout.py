"""The review window's first-start layout (issue 26): the findings list and the table list
each show at least ROWS rows on a 1366×768 laptop screen, the table editor keeps the rest.

Both lists get compact rows (the text's line spacing and a little padding, not the style's
30 px header section: at 1366×768 that alone makes room for 8 rows in each), and once the
window is shown at its first-start size `make_room` grows the findings dock and the table
list's pane by what ROWS rows still lack (a larger system font), measured on the laid-out
views, within a cap so a smaller screen keeps room for the table editor.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QMainWindow,
    QSplitter,
    QTableView,
)

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
