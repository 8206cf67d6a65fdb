"""Page images of a stored filing for the review window (PNG bytes, no Qt).

Pages are drawn by parsers.render in one child process (`python -m parsers.render`)
shared by the program: PyMuPDF holds the GIL while it draws (~50 ms a page), so drawing
on a thread of the GUI process would stall the window by as much. `PageImages.png`
blocks its caller (a render thread, never the GUI thread) until the page arrives. If the
child cannot start, pages are drawn in the calling thread instead.

The view asks for `pixels` rather than PNG: decoding a PNG page holds the GIL for
~16 ms, which is a dropped frame on the GUI thread.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from model.database import Database
from model.library import source_bytes
from parsers.extraction import InputError
from parsers.render import PageRenderer, StreamConnection, render_page_png

ROOT = Path(__file__).resolve().parent.parent


def page_png(db: Database, document_id: int, page: int, zoom: float) -> bytes:
    """Page `page` (1-based) at `zoom` pixels per PDF point, drawn here. Raises InputError."""
    return render_page_png(source_bytes(db, document_id), page, zoom)


@dataclass(frozen=True)
class PagePixels:
    """A drawn page: RGB, 3 bytes a pixel, rows `stride` bytes apart."""

    width: int
    height: int
    stride: int
    samples: bytes


class RenderProcess:
    """The child process that draws pages; one request at a time (a lock serialises)."""

    def __init__(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "parsers.render"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
            env=env,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console on Windows
        )
        self._conn = StreamConnection(self._proc.stdout, self._proc.stdin)
        self._key: object = None
        self._lock = threading.Lock()
        self._ready = False

    def wait_ready(self) -> None:
        """Block until the child has imported PyMuPDF (its first message says so)."""
        with self._lock:
            self._await_ready()

    def _await_ready(self) -> None:
        if not self._ready:
            status, _ = self._conn.recv()
            self._ready = status == "ready"

    @property
    def alive(self) -> bool:
        return self._proc.poll() is None

    def draw(
        self, key: object, load: Callable[[], bytes], what: str, page: int, zoom: float
    ) -> object:
        """Draw `page` of the document `key` as "png" or "pixels"; `load()` supplies the
        document's bytes when the child does not hold it yet. Raises InputError."""
        with self._lock:
            try:
                self._await_ready()
                if key != self._key:
                    self._key = None
                    self._conn.send(("open", key, load()))
                    self._key = key
                self._conn.send((what, page, zoom))
                status, payload = self._conn.recv()
            except (EOFError, OSError) as err:
                raise InputError("页面渲染进程意外退出") from err
        if status != "ok":
            raise InputError(payload)
        return payload

    def close(self) -> None:
        try:
            self._conn.send(("close",))
            self._proc.wait(2)
        except (OSError, subprocess.TimeoutExpired):
            self._proc.kill()


_shared: RenderProcess | None = None
_shared_lock = threading.Lock()
_failed = False


def render_process() -> RenderProcess | None:
    """The shared render process, started (or restarted after a crash) on first use;
    None when a child process cannot be started here."""
    global _shared, _failed
    with _shared_lock:
        if _failed:
            return None
        if _shared is None or not _shared.alive:
            try:
                _shared = RenderProcess()
            except OSError:
                _failed = True
                return None
            atexit.register(_shared.close)
        return _shared


def warm_up() -> None:
    """Start the render process in the background so the first page does not wait for
    it to import PyMuPDF."""
    threading.Thread(target=render_process, daemon=True).start()


class PageImages:
    """The pages of one stored PDF. Call `png` from one render thread at a time."""

    def __init__(self, db: Database, document_id: int) -> None:
        self._db = db
        self.document_id = document_id
        self._renderer: PageRenderer | None = None

    def png(self, page: int, zoom: float) -> bytes:
        """Page (1-based) at `zoom` pixels per PDF point, as PNG. Raises InputError."""
        return self._draw("png", page, zoom)  # type: ignore[return-value]

    def pixels(self, page: int, zoom: float) -> PagePixels:
        """Page (1-based) at `zoom` pixels per PDF point, as RGB. Raises InputError."""
        return PagePixels(*self._draw("pixels", page, zoom))  # type: ignore[misc]

    def _draw(self, what: str, page: int, zoom: float) -> object:
        proc = render_process()
        if proc is not None:
            return proc.draw(
                (str(self._db.engine.url), self.document_id),
                lambda: source_bytes(self._db, self.document_id),
                what,
                page,
                zoom,
            )
        if self._renderer is None:
            self._renderer = PageRenderer(source_bytes(self._db, self.document_id))
        return getattr(self._renderer, what)(page, zoom)

    def close(self) -> None:
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None
