"""SourceCropView: the selected cell's place on the page, drawn at a higher zoom than
the page view, beside the table so the clerk compares figure and print without moving
their eyes. GUI thread; pages are drawn on its own render thread (model.pages).

Hidden for a DOCX/XLSX filing (no page) and for a cell without a box. Imports no
parsers and no SQL: page pixels come through model.pages.PageImages.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, QRect, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from model.domain import CellData
from model.pages import PageImages

CROP_ZOOM = 2.5  # pixels per PDF point (the page view fits the width, about 1)
MARGIN = 4.0  # PDF points of the page around the cell's box
MAX_WIDTH, MAX_HEIGHT = 480, 64  # pixels: one row of type enlarged, the table keeps the room
CACHE_PAGES = 3


class _Bridge(QObject):
    done = Signal(int, int, QImage)  # generation, page, image


class _CropTask(QRunnable):
    def __init__(self, view: SourceCropView, images: PageImages, gen: int, page: int) -> None:
        super().__init__()
        self._view, self._images, self._gen, self._page = view, images, gen, page

    def run(self) -> None:  # render thread
        try:
            px = self._images.pixels(self._page, CROP_ZOOM)
        except Exception:  # noqa: BLE001 - a page that cannot render shows no crop
            return
        image = QImage(px.samples, px.width, px.height, px.stride, QImage.Format.Format_RGB888)
        image = image.copy()  # own the pixels: `samples` goes when this thread ends
        try:
            self._view.bridge.done.emit(self._gen, self._page, image)
        except RuntimeError:  # the view was deleted while the page was drawn
            pass


class SourceCropView(QLabel):
    """Shows the current cell's box of its page at CROP_ZOOM. `crop_shown` is emitted
    with the 1-based page once a crop is on screen (tests and benchmarks wait for it)."""

    crop_shown = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SourceCrop")
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(MAX_HEIGHT + 8)
        self.setStyleSheet("QLabel#SourceCrop { background: #5f6368; padding: 4px; }")
        self.bridge = _Bridge(self)
        self.bridge.done.connect(self._on_drawn, Qt.ConnectionType.QueuedConnection)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._images: PageImages | None = None
        self._generation = 0  # of the document: pages drawn for an earlier one are dropped
        self._pending: set[int] = set()
        self._cache: OrderedDict[int, QImage] = OrderedDict()
        self._cell: CellData | None = None
        self.setVisible(False)

    def set_document(self, images: PageImages | None) -> None:
        """The pages of the open PDF; None for a filing without pages (hides the view).
        Give it its own PageImages: the page view's is for its own render thread."""
        self._generation += 1
        self._images = images
        self._cache.clear()
        self._pending.clear()
        self._cell = None
        self.clear()
        self.setVisible(False)

    def show_cell(self, cell: CellData | None) -> None:
        """Show where `cell` is printed; hides the view for a cell without a box."""
        self._cell = cell
        if self._images is None or cell is None or cell.page is None or cell.bbox is None:
            self.clear()
            self.setVisible(False)
            return
        self.setVisible(True)
        image = self._cache.get(cell.page)
        if image is not None:
            self._show(image)
            return
        if cell.page not in self._pending:
            self._pending.add(cell.page)
            self._pool.start(_CropTask(self, self._images, self._generation, cell.page))

    def crop_rect(self, bbox: tuple[float, float, float, float]) -> QRect:
        """The pixels of the page image at CROP_ZOOM showing `bbox` (PDF points) and
        MARGIN around it."""
        x0, y0, x1, y1 = bbox
        return QRect(
            int((x0 - MARGIN) * CROP_ZOOM),
            int((y0 - MARGIN) * CROP_ZOOM),
            int((x1 - x0 + 2 * MARGIN) * CROP_ZOOM),
            int((y1 - y0 + 2 * MARGIN) * CROP_ZOOM),
        )

    def _on_drawn(self, generation: int, page: int, image: QImage) -> None:
        if self._images is None or generation != self._generation:
            return
        self._pending.discard(page)
        self._cache[page] = image
        while len(self._cache) > CACHE_PAGES:
            self._cache.popitem(last=False)
        cell = self._cell
        if cell is not None and cell.page == page:
            self._show(image)

    def _show(self, image: QImage) -> None:
        cell = self._cell
        if cell is None or cell.bbox is None:
            return
        crop = image.copy(self.crop_rect(cell.bbox).intersected(image.rect()))
        pixmap = QPixmap.fromImage(crop)
        if pixmap.width() > MAX_WIDTH or pixmap.height() > MAX_HEIGHT:
            pixmap = pixmap.scaled(
                MAX_WIDTH,
                MAX_HEIGHT,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self.setPixmap(pixmap)
        self.crop_shown.emit(cell.page)
