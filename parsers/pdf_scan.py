"""Reading a scanned PDF page: render, deskew, find ruling lines, OCR the text.

The result is a `PageContent` like the one parsers/pdf.py builds from a text layer,
so the same table steps (parsers/tables/) run on both. Coordinates are PDF points
of the *deskewed* page (origin top-left): the scans lean by up to ±1°, words and
ruling lines are reported consistently after straightening, which puts a point at
most ~1° of arc (≤ 7 pt at a page corner) from where it sits on the unstraightened
image. `ocr_pages` runs pages in worker processes (spawned, safe beside Qt) so a
GUI never stalls. Imports no model, gui or Qt.
"""

from __future__ import annotations

import ctypes
import math
import multiprocessing
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass

import cv2
import numpy as np
import pymupdf

from parsers import ocr
from parsers.extraction import BBox
from parsers.progress import NoProgress, Progress
from parsers.tables.amounts import mend_amount
from parsers.tables.layout import PageContent, Segment, Word


@dataclass(frozen=True)
class ScanSettings:
    """Tolerances of the scan reader, in pixels at `dpi` unless named otherwise."""

    dpi: int = 200  # the corpus scans are 200 dpi images; rendering at that size avoids resampling
    max_skew: float = 2.0  # degrees; a larger estimate is a misreading, not a lean
    h_kernel_pt: float = 26.0  # shortest horizontal rule kept, points (a "——" is ~21)
    v_kernel_pt: float = 12.0  # shortest vertical ruling run kept (below a row's height)
    gap_pt: float = 4.0  # gaps in a ruling line (scan noise) closed up to this, points
    touch_pt: float = 4.0  # a vertical rule must come this close to a horizontal one
    ocr_threads: int = 1  # onnxruntime threads per process
    det_side: int = ocr.DET_SIDE  # px, long side of the page for text detection


DEFAULT = ScanSettings()


def render(page: pymupdf.Page, dpi: int) -> np.ndarray:
    """The page as an 8-bit grayscale image (rows x cols)."""
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    img = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.h, pix.stride)
    return np.ascontiguousarray(img[:, : pix.w])


def ink(gray: np.ndarray) -> np.ndarray:
    """Binary ink mask (255 = ink). Otsu copes with the blur and grey JPEG noise."""
    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return bw


def rule_masks(bw: np.ndarray, settings: ScanSettings) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling-line masks: ink that survives an opening by a
    long thin kernel. Character strokes are shorter than the kernels."""
    px = settings.dpi / 72
    hk = max(8, round(settings.h_kernel_pt * px))
    vk = max(8, round(settings.v_kernel_pt * px))
    gap = max(1, round(settings.gap_pt * px))
    horiz = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hk, 1)))
    vert = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vk)))
    horiz = cv2.morphologyEx(
        horiz, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1))
    )
    vert = cv2.morphologyEx(
        vert, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap))
    )
    return horiz, vert


def skew_angle(gray: np.ndarray, settings: ScanSettings = DEFAULT) -> float:
    """The page's lean in degrees (positive: lines fall to the right, in image
    coordinates), from the slope of its long horizontal rules, weighted by length.
    0.0 when the page has no long rule (narrative pages are read as they are)."""
    bw = ink(gray)
    horiz, _ = rule_masks(bw, settings)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(horiz, connectivity=8)
    min_len = gray.shape[1] / 6
    angles: list[tuple[float, float]] = []
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        if w < min_len:
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == i)
        if len(xs) < 10:
            continue
        slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        angle = math.degrees(math.atan(slope))
        if abs(angle) <= settings.max_skew:
            angles.append((angle, float(w)))
    if not angles:
        return 0.0
    angles.sort()
    total = sum(w for _, w in angles)
    acc = 0.0
    for angle, w in angles:  # weighted median: one bent rule cannot sway it
        acc += w
        if acc >= total / 2:
            return angle
    return angles[-1][0]


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    """The image turned by `angle` degrees about its centre, same size, white corners."""
    if abs(angle) < 0.02:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        gray, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )


def ruling_segments(
    gray: np.ndarray,
    settings: ScanSettings = DEFAULT,
    text_boxes: Sequence[BBox] = (),
) -> list[Segment]:
    """Ruling lines of a straightened page, in PDF points.

    A run lying inside a recognised text box (`text_boxes`, points) is a glyph stroke
    of a bold title, not a rule. A vertical run counts only where it meets a
    horizontal rule (a table border), which drops the tall strokes of characters."""
    scale = 72 / settings.dpi
    touch = settings.touch_pt * settings.dpi / 72
    horiz, vert = rule_masks(ink(gray), settings)
    boxes = [(b[0] / scale, b[1] / scale, b[2] / scale, b[3] / scale) for b in text_boxes]
    slack = settings.dpi / 72  # a point

    def in_text(x0: float, y0: float, x1: float, y1: float) -> bool:
        return any(
            bx0 - slack <= x0 and x1 <= bx1 + slack and by0 - slack <= y0 and y1 <= by1 + slack
            for bx0, by0, bx1, by1 in boxes
        )

    hsegs: list[tuple[float, float, float]] = []  # y, x0, x1 (pixels)
    n, _, stats, _ = cv2.connectedComponentsWithStats(horiz, connectivity=8)
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if not in_text(x, y, x + w, y + h):
            hsegs.append((y + h / 2, float(x), float(x + w)))
    vsegs: list[tuple[float, float, float]] = []  # x, y0, y1
    n, _, stats, _ = cv2.connectedComponentsWithStats(vert, connectivity=8)
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if not in_text(x, y, x + w, y + h):
            vsegs.append((x + w / 2, float(y), float(y + h)))

    def meets(v: tuple[float, float, float]) -> bool:
        vx, vy0, vy1 = v
        return any(
            hx0 - touch <= vx <= hx1 + touch and vy0 - touch <= hy <= vy1 + touch
            for hy, hx0, hx1 in hsegs
        )

    segments = [Segment(x0 * scale, y * scale, x1 * scale, y * scale) for y, x0, x1 in hsegs]
    segments += [
        Segment(v[0] * scale, v[1] * scale, v[0] * scale, v[2] * scale) for v in vsegs if meets(v)
    ]
    return segments


# What a speck of scan noise beside a word reads as.
SPECKS = ".·'`,"
# The text layer prints ASCII digits; OCR sometimes answers with full-width ones.
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# A point between two CJK characters is a speck: Chinese text has no "." there.
# The engine also reads a speck as "☑" now and then.
_SPECK_INSIDE = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])[.·☑]+(?=[\u3400-\u9fff0-9])"
)


def mended(text: str) -> str:
    """OCR text with scan specks trimmed and amount look-alikes mended where the result
    is an amount ("550:00" -> "550.00"); other text as read."""
    fixed = mend_amount(text)
    if fixed is not None:
        return fixed
    t = text.strip().translate(FULL_WIDTH_DIGITS)
    if len(t) > 1 and t[0] in SPECKS and not t[1].isdigit():
        t = t[1:].lstrip()
    # A trailing "." is a speck: figures ending in "." were mended above already.
    if len(t) > 1 and t[-1] in ".·'`":
        t = t[:-1].rstrip()
    return _SPECK_INSIDE.sub("", t)


def read_words(gray: np.ndarray, settings: ScanSettings = DEFAULT) -> list[Word]:
    """OCR text lines of a straightened page as `Word`s in PDF points, with their score."""
    scale = 72 / settings.dpi
    words = []
    for box in ocr.recognise(gray, threads=settings.ocr_threads, det_side=settings.det_side):
        text = mended(box.text)
        if not text:
            continue
        height = (box.y1 - box.y0) * scale
        words.append(
            Word(
                text=text,
                bbox=(box.x0 * scale, box.y0 * scale, box.x1 * scale, box.y1 * scale),
                confidence=box.score,
                # The detector's box is padded around the glyphs (unclip); the glyph
                # height, the nearest thing to a font size, is about 3/4 of it.
                size=round(height * 0.75, 1),
            )
        )
    words.sort(key=lambda w: (round(w.bbox[1]), w.bbox[0]))
    return words


def page_content(
    page: pymupdf.Page, number: int, settings: ScanSettings | None = None
) -> PageContent:
    """Words and ruling lines of a page read from its image (1-based `number`).

    Runs on the calling thread and takes seconds: call it in a worker process
    (see `ocr_pages`). Coordinates: PDF points of the straightened page."""
    s = settings or DEFAULT
    gray = render(page, s.dpi)
    straight = deskew(gray, skew_angle(gray, s))
    words = read_words(straight, s)
    return PageContent(
        number=number,
        width=float(page.rect.width),
        height=float(page.rect.height),
        words=words,
        segments=ruling_segments(straight, s, [w.bbox for w in words]),
        ocr=True,
    )


# --- worker processes -------------------------------------------------------------

_worker_doc: pymupdf.Document | None = None
_worker_settings: ScanSettings = DEFAULT


def _init_worker(pdf_path: str, settings: ScanSettings) -> None:
    global _worker_doc, _worker_settings
    _worker_doc = pymupdf.open(pdf_path, filetype="pdf")
    _worker_settings = settings


def _read_page(number: int) -> PageContent:
    assert _worker_doc is not None, "worker not initialised"
    content = page_content(_worker_doc[number - 1], number, _worker_settings)
    _return_memory()
    return content


def _return_memory() -> None:
    """Hand a page's freed buffers back to the system. OCR of a page allocates some
    300 MB that glibc keeps after use; two workers holding that for a 40-page scan
    overshoot the 1.5 GB budget (bench/ocr_speed.py). No-op outside glibc."""
    if sys.platform != "linux":
        return
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


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
    once. workers == 0: in this process (tests, one-page jobs). `progress.report` is
    called after each page and `progress.check()` about five times a second; on
    `Cancelled` the workers are killed and the exception propagates."""
    prog = progress or NoProgress()
    s = settings or DEFAULT
    numbers = list(page_numbers)
    total = len(numbers)
    if not numbers:
        return []
    results: dict[int, PageContent] = {}
    if workers <= 0:
        doc = pymupdf.open(stream=pdf_bytes, filetype="pdf")
        try:
            for n in numbers:
                prog.check()
                results[n] = page_content(doc[n - 1], n, s)
                prog.report(len(results), total, f"识别第 {n} 页")
        finally:
            doc.close()
        return [results[n] for n in numbers]

    # The workers open the PDF from a file: bytes passed as initargs go through a pipe
    # that blocks `submit` until each child has started and imported everything
    # (seconds), and a cancel could not be heard meanwhile.
    fd, pdf_path = tempfile.mkstemp(suffix=".pdf", prefix="budget-ocr-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(pdf_bytes)
        pool = ProcessPoolExecutor(
            max_workers=min(workers, total),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(pdf_path, s),
        )
        futures = {pool.submit(_read_page, n): n for n in numbers}
        pending = set(futures)
        try:
            while pending:
                prog.check()
                done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for fut in done:
                    n = futures[fut]
                    results[n] = fut.result()
                    prog.report(len(results), total, f"识别第 {n} 页")
        except BaseException:
            _kill(pool)
            raise
        pool.shutdown(wait=True)
    finally:
        os.unlink(pdf_path)
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
