"""Reading scanned PDF pages: render them here, OCR them in worker processes.

The result is a `PageContent` like the one parsers/pdf.py builds from a text layer,
so the same table steps (parsers/tables/) run on both. The image work (deskew,
ruling lines, OCR) is parsers/scan_image.py. `ocr_pages` renders each page in this
process and sends only its image to a worker (spawned, safe beside Qt), so the
workers never load PyMuPDF and a GUI never stalls. Imports no model, gui or Qt.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

import numpy as np
import pymupdf

from parsers import scan_image
from parsers.progress import NoProgress, Progress
from parsers.scan_image import DEFAULT, ScanSettings
from parsers.stamps import grayscale_without_stamps
from parsers.tables.layout import PageContent

__all__ = ["DEFAULT", "ScanSettings", "ocr_pages", "page_content", "render"]

# Pages rendered ahead per worker: enough that a worker never waits for the next
# image, few enough that a 40-page scan is not held in memory at once (~4 MB each).
AHEAD_PER_WORKER = 2


def render(page: pymupdf.Page, settings: ScanSettings = DEFAULT) -> np.ndarray:
    """The page as an 8-bit grayscale image (rows x cols) at `settings.dpi`, with
    coloured seals and stamps lifted off it (parsers/stamps.py)."""
    colour = settings.stamp_saturation > 0  # 40 ms a page more than gray at 200 dpi
    space = pymupdf.csRGB if colour else pymupdf.csGRAY
    pix = page.get_pixmap(dpi=settings.dpi, colorspace=space, alpha=False)
    rows = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.h, pix.stride)
    if not colour:
        return np.ascontiguousarray(rows[:, : pix.w])
    rgb = rows[:, : pix.w * 3].reshape(pix.h, pix.w, 3)
    return grayscale_without_stamps(rgb, settings.stamp_saturation)


def page_content(
    page: pymupdf.Page, number: int, settings: ScanSettings | None = None
) -> PageContent:
    """Words and ruling lines of a page read from its image (1-based `number`), on
    the calling thread (seconds). Coordinates: PDF points of the straightened page."""
    s = settings or DEFAULT
    return scan_image.image_content(
        render(page, s), number, float(page.rect.width), float(page.rect.height), s
    )


def ocr_pages(
    pdf_bytes: bytes,
    page_numbers: Sequence[int],
    workers: int = 2,
    *,
    progress: Progress | None = None,
    settings: ScanSettings | None = None,
) -> list[PageContent]:
    """OCR the given 1-based pages of a PDF, in `page_numbers` order.

    workers >= 1: that many spawned processes (spawn, not fork: safe in a Qt program),
    each with its own engine; each page is one task, so on 2 cores two pages run at
    once. Pages are rendered here a few ahead of the workers. workers == 0: in this
    process (tests, one-page jobs). `progress.report` is called after each page and
    `progress.check()` about five times a second; on `Cancelled` the workers are
    killed and the exception propagates."""
    prog = progress or NoProgress()
    s = settings or DEFAULT
    numbers = list(page_numbers)
    total = len(numbers)
    if not numbers:
        return []
    results: dict[int, PageContent] = {}
    doc = pymupdf.open(stream=pdf_bytes, filetype="pdf")
    try:
        if workers <= 0:
            for n in numbers:
                prog.check()
                results[n] = page_content(doc[n - 1], n, s)
                prog.report(len(results), total, f"识别第 {n} 页")
            return [results[n] for n in numbers]

        pool = ProcessPoolExecutor(
            max_workers=min(workers, total),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=scan_image.init_worker,
            initargs=(s,),
        )
        queue = iter(numbers)
        limit = AHEAD_PER_WORKER * min(workers, total)
        pending: dict[Future[PageContent], int] = {}
        try:
            while True:
                while len(pending) < limit and (n := next(queue, 0)):  # top up
                    prog.check()
                    page = doc[n - 1]
                    size = float(page.rect.width), float(page.rect.height)
                    gray = render(page, s)
                    pending[pool.submit(scan_image.read_page, gray, n, *size)] = n
                if not pending:
                    break
                prog.check()
                done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for fut in done:
                    n = pending.pop(fut)
                    results[n] = fut.result()
                    prog.report(len(results), total, f"识别第 {n} 页")
        except BaseException:
            _kill(pool)
            raise
        pool.shutdown(wait=True)
    finally:
        doc.close()
    return [results[n] for n in numbers]


def _kill(pool: ProcessPoolExecutor) -> None:
    """End a pool now: drop queued pages and terminate the workers mid-page (a page
    can take seconds; a cancel should not wait for it)."""
    # ProcessPoolExecutor has no public kill; _processes is stable since Python 3.8.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        if p.is_alive():
            p.terminate()
    for p in processes:
        p.join(timeout=5)
