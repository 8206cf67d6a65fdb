"""Page images of a stored filing for the review window (PNG bytes, no Qt).

The source bytes come from the database once per `PageImages`; rendering is done by
parsers.render. Call from one worker thread per `PageImages` (PyMuPDF is not
thread-safe); gui/pdf_view.py runs it off the GUI thread.
"""

from __future__ import annotations

from model.database import Database
from model.library import source_bytes
from parsers.render import PageRenderer, render_page_png


def page_png(db: Database, document_id: int, page: int, zoom: float) -> bytes:
    """Page `page` (1-based) at `zoom` pixels per PDF point. Raises InputError."""
    return render_page_png(source_bytes(db, document_id), page, zoom)


class PageImages:
    """The pages of one stored PDF, rendered on demand; loads the source lazily on the
    thread that first renders, so constructing it on the GUI thread costs nothing."""

    def __init__(self, db: Database, document_id: int) -> None:
        self._db = db
        self.document_id = document_id
        self._renderer: PageRenderer | None = None

    def png(self, page: int, zoom: float) -> bytes:
        if self._renderer is None:
            self._renderer = PageRenderer(source_bytes(self._db, self.document_id))
        return self._renderer.png(page, zoom)

    def close(self) -> None:
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None
