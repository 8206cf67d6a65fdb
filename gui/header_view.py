"""MultiRowHeaderView: the filing's own header, merged cells and all, frozen above the
table body. GUI thread only.

The header rows stay rows of the BudgetTableModel (stored positions: findings, the
selection and undo name them as stored); the TableView hides them from the body and
this header paints them from `header_cells()`, each cell over the sections its span
covers, text wrapped. Sections are the model's columns, so resizing, clicking a
column and scrolling work as in any QHeaderView. Without header rows it is a plain
QHeaderView.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHeaderView, QWidget

from gui.table_model import HEADER_BRUSH, BudgetTableModel
from model.domain import CellData

PADDING = 4  # pixels around a header cell's text
GRID = QColor("#a9b1c0")
MAX_ROW_LINES = 6  # a header cell taller than this many lines is elided


class MultiRowHeaderView(QHeaderView):
    """A horizontal header that paints the stored header rows with their spans."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._cells: tuple[CellData, ...] = ()
        self._rows = 0
        self._heights: list[int] = []
        self._font = QFont(self.font())
        self._font.setBold(True)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.sectionResized.connect(self._on_resized)

    # --- content ----------------------------------------------------------------------

    def setModel(self, model) -> None:  # noqa: ANN001, N802 - Qt's name
        old = self.model()
        if isinstance(old, BudgetTableModel):
            old.modelReset.disconnect(self.reload)
        super().setModel(model)
        if isinstance(model, BudgetTableModel):
            model.modelReset.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        """Read the header rows again (after a model reset)."""
        model = self.model()
        if isinstance(model, BudgetTableModel):
            self._cells, self._rows = model.header_cells(), model.body_start
        else:
            self._cells, self._rows = (), 0
        self._relayout()

    @property
    def header_rows(self) -> int:
        """How many of the filing's header rows this header paints (0: plain header)."""
        return self._rows

    def row_heights(self) -> list[int]:
        """The painted height of each header row, pixels."""
        return list(self._heights)

    def cell_rect(self, cell: CellData) -> QRect:
        """Where a header cell is painted, viewport pixels (spans included)."""
        x = self.sectionViewportPosition(cell.col)
        width = sum(self.sectionSize(c) for c in range(cell.col, cell.col + cell.colspan))
        y = sum(self._heights[: cell.row])
        height = sum(self._heights[cell.row : cell.row + cell.rowspan])
        return QRect(x, y, width, height)

    def cell_at(self, x: int, y: int) -> CellData | None:
        """The header cell painted at a viewport point, None outside the header rows."""
        return next((c for c in self._cells if self.cell_rect(c).contains(x, y)), None)

    # --- layout -----------------------------------------------------------------------

    def _text_height(self, text: str, width: int) -> int:
        metrics = QFontMetrics(self._font)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        bound = metrics.boundingRect(QRect(0, 0, max(8, width - 2 * PADDING), 10_000), flags, text)
        return min(bound.height(), metrics.lineSpacing() * MAX_ROW_LINES) + 2 * PADDING

    def _relayout(self) -> None:
        """Each header row as tall as its wrapped text needs at the current widths; a
        cell spanning rows grows the last of them when they are too short."""
        line = QFontMetrics(self._font).lineSpacing() + 2 * PADDING
        heights = [line] * self._rows
        for c in self._cells:
            if c.rowspan == 1 and c.row < self._rows:
                width = sum(self.sectionSize(k) for k in range(c.col, c.col + c.colspan))
                heights[c.row] = max(heights[c.row], self._text_height(c.text, width))
        for c in self._cells:
            last = min(c.row + c.rowspan, self._rows) - 1
            if c.rowspan > 1 and last >= c.row:
                width = sum(self.sectionSize(k) for k in range(c.col, c.col + c.colspan))
                missing = self._text_height(c.text, width) - sum(heights[c.row : last + 1])
                if missing > 0:
                    heights[last] += missing
        changed = heights != self._heights
        self._heights = heights
        if changed:
            self.updateGeometry()
            self.geometriesChanged.emit()  # the table view re-reads sizeHint
        self.viewport().update()

    def _on_resized(self, _section: int, _old: int, _new: int) -> None:
        if self._rows:
            self._relayout()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        if self._rows:
            hint.setHeight(sum(self._heights))
        return hint

    # --- painting ---------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if not self._rows:
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), HEADER_BRUSH)
        painter.setFont(self._font)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        current = self.selectionModel().currentIndex() if self.selectionModel() else None
        for cell in self._cells:
            rect = self.cell_rect(cell)
            if not rect.intersects(event.rect()) or rect.width() <= 0:
                continue
            if current is not None and cell.col <= current.column() < cell.col + cell.colspan:
                painter.fillRect(rect, QColor("#cfd8ea"))
            painter.setPen(QPen(GRID, 1))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.setPen(self.palette().color(self.foregroundRole()))
            painter.drawText(rect.adjusted(PADDING, PADDING, -PADDING, -PADDING), flags, cell.text)
        painter.end()
