"""PdfView: every page of the source PDF in one QGraphicsView, with the cell highlight.

Scene units are PDF points, origin top-left of page 1, pages stacked with a gap, so a
stored bbox is a QRectF offset by its page's top (STYLE.md "Coordinates"). Zoom is the
view transform. Pages are drawn by model.pages (in its render process) at the current
zoom × device pixel ratio, fetched by one render thread as RGB rows and wrapped in a
QImage there, then cached (LRU) as QPixmap on the GUI thread; until a page arrives a
white sheet (or the page at an older zoom, scaled) stands in. The GUI thread never
renders or decodes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import (
    QObject,
    QPointF,
    QRectF,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QToolTip,
    QWidget,
)

from model.pages import PageImages

GAP = 12.0  # points between pages
CACHE_PAGES = 48
MIN_ZOOM, MAX_ZOOM = 0.25, 6.0
ZOOM_STEP = 1.2


class _RenderBridge(QObject):
    """Lives on the GUI thread; the worker emits `done`, Qt queues it here."""

    done = Signal(int, int, float, QImage)  # generation, page, zoom key, image


class _RenderTask(QRunnable):
    def __init__(
        self, view: PdfView, images: PageImages, generation: int, page: int, zoom: float
    ) -> None:
        super().__init__()
        self._view, self._images = view, images
        self._generation, self._page, self._zoom = generation, page, zoom

    def run(self) -> None:  # render thread
        if self._generation != self._view.generation:  # document closed or zoom moved on
            return
        try:
            px = self._images.pixels(self._page, self._zoom)
        except Exception:  # noqa: BLE001 - a page that cannot render stays a blank sheet
            return
        # Wrap the RGB rows (no decoding) and convert here, off the GUI thread.
        image = QImage(px.samples, px.width, px.height, px.stride, QImage.Format.Format_RGB888)
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        if self._generation != self._view.generation:
            return
        try:
            self._view.bridge.done.emit(self._generation, self._page, self._zoom, image)
        except RuntimeError:  # the view was deleted while this page was drawn
            pass


class _PageItem(QGraphicsRectItem):
    def __init__(self, number: int, top: float, width: float, height: float) -> None:
        super().__init__(0, 0, width, height)
        self.number = number
        self.setPos(0, top)
        self.setBrush(QBrush(Qt.GlobalColor.white))
        self.setPen(QPen(QColor("#9aa0a6"), 0))
        self.pixmap_item = QGraphicsPixmapItem(self)
        self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.shown_zoom = 0.0

    def show_pixmap(self, pixmap: QPixmap, zoom: float) -> None:
        self.pixmap_item.setPixmap(pixmap)
        self.pixmap_item.setScale(1.0 / zoom)
        self.shown_zoom = zoom


class PdfView(QGraphicsView):
    page_clicked = Signal(int, float, float)  # 1-based page, x, y in PDF points
    current_page_changed = Signal(int)
    zoom_changed = Signal(float)
    page_rendered = Signal(int)  # for benchmarks and tests

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(QColor("#5f6368"))
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.viewport().setMouseTracking(True)
        self.bridge = _RenderBridge(self)
        self.bridge.done.connect(self._on_rendered, Qt.ConnectionType.QueuedConnection)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.generation = 0
        self._images: PageImages | None = None
        self._pages: list[_PageItem] = []
        self._cache: OrderedDict[tuple[int, float], QPixmap] = OrderedDict()
        self._pending: set[tuple[int, float]] = set()
        self._zoom = 1.0
        self._fit = True  # fit width until the clerk zooms by hand
        self._current_page = 0
        self._highlight: tuple[int, tuple[float, float, float, float]] | None = None
        self.highlight_item = QGraphicsRectItem()
        self.highlight_item.setPen(QPen(QColor("#e8710a"), 2.5))
        self.highlight_item.pen().setCosmetic(True)
        pen = QPen(QColor("#e8710a"), 2.5)
        pen.setCosmetic(True)
        self.highlight_item.setPen(pen)
        self.highlight_item.setBrush(QColor(232, 113, 10, 50))
        self.highlight_item.setZValue(10)
        self.highlight_item.setVisible(False)
        self._marks: list[QGraphicsRectItem] = []
        self.hover_text: Callable[[int, float, float], str | None] | None = None
        self._visible_timer = QTimer(self)
        self._visible_timer.setSingleShot(True)
        self._visible_timer.setInterval(0)
        self._visible_timer.timeout.connect(self._request_visible)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # --- document -------------------------------------------------------------------------

    def set_document(
        self, images: PageImages | None, page_sizes: tuple[tuple[float, float], ...]
    ) -> None:
        """Show a new document (None: empty). Page sizes are in PDF points."""
        self.generation += 1
        if self._images is not None:
            old = self._images
            self._pool.start(_Closer(old))  # close on the render thread that used it
        self._images = images
        self._cache.clear()
        self._pending.clear()
        scene = self.scene()
        for item in (self.highlight_item, *self._marks):
            if item.scene() is scene:
                scene.removeItem(item)
        self._marks = []
        scene.clear()
        self._pages = []
        top = 0.0
        width = max((w for w, _ in page_sizes), default=0.0)
        for number, (w, h) in enumerate(page_sizes, start=1):
            item = _PageItem(number, top, w, h)
            item.setX((width - w) / 2)  # portrait pages centred beside landscape ones
            scene.addItem(item)
            self._pages.append(item)
            top += h + GAP
        scene.setSceneRect(QRectF(-GAP, -GAP, width + 2 * GAP, max(top, 1.0) + GAP))
        scene.addItem(self.highlight_item)
        self.highlight_item.setVisible(False)
        self._highlight = None
        self._current_page = 0
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self._visible_timer.start()

    @property
    def page_count(self) -> int:
        return len(self._pages)

    @property
    def zoom(self) -> float:
        return self._zoom

    # --- coordinates ----------------------------------------------------------------------

    def page_rect(self, page: int) -> QRectF:
        item = self._pages[page - 1]
        return item.rect().translated(item.pos())

    def scene_rect_of(self, page: int, bbox: tuple[float, float, float, float]) -> QRectF:
        x0, y0, x1, y1 = bbox
        origin = self._pages[page - 1].pos()
        return QRectF(origin.x() + x0, origin.y() + y0, x1 - x0, y1 - y0)

    def page_point(self, scene_pos: QPointF) -> tuple[int, float, float] | None:
        """(page, x, y) in PDF points under a scene position, or None between pages."""
        for item in self._pages:
            left, top = item.pos().x(), item.pos().y()
            r = item.rect()
            x, y = scene_pos.x() - left, scene_pos.y() - top
            if 0 <= y <= r.height() and 0 <= x <= r.width():
                return item.number, x, y
        return None

    def view_point(self, page: int, x: float, y: float):  # noqa: ANN201 - QPoint
        """Viewport position of a page point (tests click there)."""
        origin = self._pages[page - 1].pos()
        return self.mapFromScene(QPointF(origin.x() + x, origin.y() + y))

    # --- highlight and marks ----------------------------------------------------------------

    def show_highlight(
        self,
        page: int | None,
        bbox: tuple[float, float, float, float] | None,
        *,
        scroll: bool = True,
    ) -> None:
        """Draw the cell highlight (PDF points on a 1-based page) and bring it into view;
        None hides it."""
        if page is None or bbox is None or not 1 <= page <= len(self._pages):
            self._highlight = None
            self.highlight_item.setVisible(False)
            return
        self._highlight = (page, tuple(bbox))  # type: ignore[assignment]
        rect = self.scene_rect_of(page, bbox)
        self.highlight_item.setRect(rect)
        self.highlight_item.setVisible(True)
        if scroll:
            self.ensureVisible(rect, 40, 60)

    def highlight_bbox(self) -> tuple[int, tuple[float, float, float, float]] | None:
        """(page, bbox in PDF points) of the highlight, as last drawn."""
        if self._highlight is None or not self.highlight_item.isVisible():
            return None
        page, _ = self._highlight
        r = self.highlight_item.rect()
        origin = self._pages[page - 1].pos()
        left, top = origin.x(), origin.y()
        return page, (r.left() - left, r.top() - top, r.right() - left, r.bottom() - top)

    def set_marks(self, boxes: list[tuple[int, tuple[float, float, float, float]]]) -> None:
        """Outline the cells a finding names."""
        scene = self.scene()
        for m in self._marks:
            if m.scene() is scene:
                scene.removeItem(m)
        self._marks = []
        pen = QPen(QColor("#c5221f"), 1.5)
        pen.setCosmetic(True)
        for page, bbox in boxes:
            if not 1 <= page <= len(self._pages):
                continue
            item = QGraphicsRectItem(self.scene_rect_of(page, bbox))
            item.setPen(pen)
            item.setBrush(QColor(197, 34, 31, 40))
            item.setZValue(9)
            scene.addItem(item)
            self._marks.append(item)

    def mark_count(self) -> int:
        """How many cells the page view outlines now (set_marks)."""
        return len(self._marks)

    # --- zoom and scrolling -------------------------------------------------------------------

    def set_zoom(self, zoom: float) -> None:
        zoom = max(MIN_ZOOM, min(zoom, MAX_ZOOM))
        if abs(zoom - self._zoom) < 1e-6:
            return
        anchor = self.mapToScene(self.viewport().rect().center())
        self._zoom = zoom
        self.resetTransform()
        self.scale(zoom, zoom)
        self.centerOn(anchor)
        self.generation += 1
        self._pending.clear()
        self.zoom_changed.emit(zoom)
        self._visible_timer.start()

    def zoom_in(self) -> None:
        self._fit = False
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._fit = False
        self.set_zoom(self._zoom / ZOOM_STEP)

    def fit_width(self) -> None:
        """Zoom so the current page fills the view's width (filings mix portrait and
        landscape pages); kept while the view is resized, until the clerk zooms by hand."""
        self._fit = True
        if not self._pages:
            return
        page = self._pages[max(1, min(self._current_page or 1, len(self._pages))) - 1]
        width = page.rect().width() + 2 * GAP
        bar = self.verticalScrollBar().sizeHint().width()
        self.set_zoom((self.viewport().width() - bar) / width)
        y = self.mapToScene(self.viewport().rect().center()).y()
        self.centerOn(page.pos().x() + page.rect().width() / 2, y)

    def scroll_to_page(self, page: int) -> None:
        if 1 <= page <= len(self._pages):
            top = self._pages[page - 1].pos().y()
            self.verticalScrollBar().setValue(
                int(
                    self.mapFromScene(QPointF(0, top - GAP / 2)).y()
                    + self.verticalScrollBar().value()
                )
            )

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.zoom_in()
            else:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        if self._fit:
            self.fit_width()
        self._visible_timer.start()

    def _on_scrolled(self) -> None:
        self._visible_timer.start()
        page = self._page_at_center()
        if page and page != self._current_page:
            self._current_page = page
            self.current_page_changed.emit(page)

    def _page_at_center(self) -> int:
        y = self.mapToScene(self.viewport().rect().center()).y()
        for item in self._pages:
            if y < item.pos().y() + item.rect().height() + GAP:
                return item.number
        return len(self._pages)

    def visible_pages(self) -> list[int]:
        area = self.mapToScene(self.viewport().rect()).boundingRect()
        return [p.number for p in self._pages if p.rect().translated(p.pos()).intersects(area)]

    # --- rendering ------------------------------------------------------------------------------

    def _zoom_key(self) -> float:
        return round(self._zoom * self.devicePixelRatioF(), 3)

    def _request_visible(self) -> None:
        if self._images is None or not self._pages:
            return
        visible = self.visible_pages()
        if not visible:
            return
        wanted = list(visible)
        for extra in (visible[-1] + 1, visible[0] - 1):  # one page ahead and behind
            if 1 <= extra <= len(self._pages):
                wanted.append(extra)
        key = self._zoom_key()
        for page in wanted:
            item = self._pages[page - 1]
            cached = self._cache.get((page, key))
            if cached is not None:
                self._cache.move_to_end((page, key))
                if item.shown_zoom != key:
                    item.show_pixmap(cached, key)
                continue
            if (page, key) not in self._pending:
                self._pending.add((page, key))
                self._pool.start(_RenderTask(self, self._images, self.generation, page, key))

    @Slot(int, int, float, QImage)
    def _on_rendered(self, generation: int, page: int, zoom: float, image: QImage) -> None:
        self._pending.discard((page, zoom))
        if generation != self.generation or page > len(self._pages):
            return
        pixmap = QPixmap.fromImage(image)
        self._cache[(page, zoom)] = pixmap
        while len(self._cache) > CACHE_PAGES:
            self._cache.popitem(last=False)
        self._pages[page - 1].show_pixmap(pixmap, zoom)
        self.page_rendered.emit(page)

    def is_rendered(self, page: int) -> bool:
        return self._pages[page - 1].shown_zoom == self._zoom_key()

    # --- mouse ------------------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.page_point(self.mapToScene(event.position().toPoint()))
            if hit is not None:
                self.page_clicked.emit(*hit)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: ANN001, N802
        super().mouseMoveEvent(event)
        if self.hover_text is None:
            return
        hit = self.page_point(self.mapToScene(event.position().toPoint()))
        text = self.hover_text(*hit) if hit else None
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self.viewport())
        else:
            QToolTip.hideText()


class _Closer(QRunnable):
    def __init__(self, images: PageImages) -> None:
        super().__init__()
        self._images = images

    def run(self) -> None:
        self._images.close()
