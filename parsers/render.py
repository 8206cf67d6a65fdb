"""Page images for the review window: a PDF page as PNG bytes at a zoom factor.

Pure and Qt-free; model/pages.py calls it and gui/ only ever sees the PNG bytes.
PyMuPDF objects are not thread-safe, so one `PageRenderer` belongs to one thread.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
from typing import Any, BinaryIO

from parsers.extraction import InputError

MAX_ZOOM = 8.0


class PageRenderer:
    """Keeps one opened document so rendering page after page does not re-parse the file."""

    def __init__(self, data: bytes) -> None:
        import pymupdf  # here, not at the top: the GUI process should not pay for it

        self._matrix = pymupdf.Matrix
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
        pix = self._doc[page_number - 1].get_pixmap(matrix=self._matrix(zoom, zoom), alpha=False)
        return pix.tobytes("png")

    def pixels(self, page_number: int, zoom: float) -> tuple[int, int, int, bytes]:
        """(width, height, stride, RGB bytes): what a viewer can wrap without decoding."""
        if not 1 <= page_number <= self._doc.page_count:
            raise InputError(f"页码超出范围：{page_number}")
        zoom = max(0.05, min(zoom, MAX_ZOOM))
        pix = self._doc[page_number - 1].get_pixmap(matrix=self._matrix(zoom, zoom), alpha=False)
        return pix.width, pix.height, pix.stride, bytes(pix.samples)

    def close(self) -> None:
        self._doc.close()


def render_page_png(data: bytes, page_number: int, zoom: float) -> bytes:
    """One page of a PDF as PNG; opens the file each call (see PageRenderer for many)."""
    renderer = PageRenderer(data)
    try:
        return renderer.png(page_number, zoom)
    finally:
        renderer.close()


class StreamConnection:
    """Length-prefixed pickles over a pair of byte streams (a child process's stdin and
    stdout). Only ever talks to our own child, so unpickling is safe."""

    def __init__(self, inp: BinaryIO, out: BinaryIO) -> None:
        self._in, self._out = inp, out

    def send(self, obj: Any) -> None:
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        self._out.write(struct.pack("<Q", len(data)))
        self._out.write(data)
        self._out.flush()

    def recv(self) -> Any:
        head = self._in.read(8)
        if len(head) < 8:
            raise EOFError
        (size,) = struct.unpack("<Q", head)
        data = self._in.read(size)
        if len(data) < size:
            raise EOFError
        return pickle.loads(data)


def serve(conn: StreamConnection) -> None:
    """Body of the page-render child process (model/pages.py starts it as
    `python -m parsers.render`). PyMuPDF holds the GIL while it draws, so rendering in
    a thread of the GUI process would freeze the window for ~50 ms a page.

    Messages in: ("open", key, pdf_bytes), ("png" | "pixels", page, zoom), ("close",).
    Replies to "png" / "pixels" only: ("ok", PNG bytes or PageRenderer.pixels()) or
    ("error", one Chinese line)."""
    renderer: PageRenderer | None = None
    open_error: str | None = None
    conn.send(("ready", None))  # PyMuPDF is imported: the parent may stop waiting
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            break
        if msg[0] == "open":
            if renderer is not None:
                renderer.close()
            renderer, open_error = None, None
            try:
                renderer = PageRenderer(msg[2])
            except InputError as err:
                open_error = str(err)
        elif msg[0] in ("png", "pixels"):
            try:
                if renderer is None:
                    raise InputError(open_error or "没有打开的 PDF")
                draw = renderer.png if msg[0] == "png" else renderer.pixels
                conn.send(("ok", draw(msg[1], msg[2])))
            except InputError as err:
                conn.send(("error", str(err)))
            except Exception as err:  # noqa: BLE001 - a broken page must not end the loop
                conn.send(("error", f"无法显示该页：{err}"))
        else:
            break
    if renderer is not None:
        renderer.close()


def main() -> None:
    """Child entry: replies go to a private copy of stdout; fd 1 becomes stderr so that
    nothing MuPDF prints can corrupt the reply stream."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    import pymupdf  # noqa: F401 - before "ready", so the parent knows start-up is over

    serve(StreamConnection(sys.stdin.buffer, out))


if __name__ == "__main__":
    main()
