"""Page images for the review window: a PDF page as PNG bytes at a zoom factor.

Pure and Qt-free; model/pages.py calls it and gui/ only ever sees the PNG bytes.
PyMuPDF objects are not thread-safe, so one `PageRenderer` belongs to one thread.
"""

from __future__ import annotations

import pymupdf

from parsers.extraction import InputError

MAX_ZOOM = 8.0


class PageRenderer:
    """Keeps one opened document so rendering page after page does not re-parse the file."""

    def __init__(self, data: bytes) -> None:
        try:
            self._doc = pymupdf.open(stream=data, filetype="pdf")
        except Exception as err:  # noqa: BLE001 - PyMuPDF raises several types
            raise InputError(f"无法打开 PDF：{err}") from err

    @property
    def page_count(self) -> int:
        return self._doc.page_count

    def png(self, page_number: int, zoom: float) -> bytes:
        """`page_number` is 1-based; `zoom` is pixels per PDF point (1.0 = 72 dpi)."""
        if not 1 <= page_number <= self._doc.page_count:
            raise InputError(f"页码超出范围：{page_number}")
        zoom = max(0.05, min(zoom, MAX_ZOOM))
        pix = self._doc[page_number - 1].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        return pix.tobytes("png")

    def close(self) -> None:
        self._doc.close()


def render_page_png(data: bytes, page_number: int, zoom: float) -> bytes:
    """One page of a PDF as PNG; opens the file each call (see PageRenderer for many)."""
    renderer = PageRenderer(data)
    try:
        return renderer.png(page_number, zoom)
    finally:
        renderer.close()
