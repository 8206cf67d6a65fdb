"""A scanned page's image read into a `PageContent`: deskew, ruling lines, OCR words.

The worker side of parsers/pdf_scan.py. It never imports PyMuPDF: the parent
process renders the pages and sends only the image arrays, so each OCR worker
process is spared PyMuPDF's ~185 MB (two workers on a 40-page scan otherwise
overshoot the 1.5 GB budget, bench/ocr_speed.py). Coordinates are PDF points of
the *deskewed* page (origin top-left): the scans lean by up to ±1°, words and
ruling lines are reported consistently after straightening, which puts a point at
most ~1° of arc (≤ 7 pt at a page corner) from where it sits on the unstraightened
image. Imports no model, gui or Qt.
"""

from __future__ import annotations

import ctypes
import math
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from parsers import ocr
from parsers.extraction import BBox
from parsers.tables.amounts import mend_amount
from parsers.tables.classify import looks_like_title
from parsers.tables.layout import PageContent, Segment, Word


@dataclass(frozen=True)
class ScanSettings:
    """Tolerances of the scan reader, in pixels at `dpi` unless named otherwise."""

    dpi: int = 200  # the corpus scans are 200 dpi images; rendering at that size avoids resampling
    max_skew: float = 2.0  # degrees; a larger estimate is a misreading, not a lean
    h_kernel_pt: float = 26.0  # shortest horizontal rule kept, points (a "——" is ~21)
    # ... unless it runs from one vertical rule to the next: the row borders of a
    # narrow 序号 column beside a merged cell (seed 004: 23 pt) are shorter than that.
    short_h_pt: float = 10.0
    v_kernel_pt: float = 12.0  # shortest vertical ruling run kept (below a row's height)
    gap_pt: float = 4.0  # gaps in a ruling line (scan noise) closed up to this, points
    # Scanner dropouts: a rule broken for a pixel or two is whole again before the
    # length test, else a short cell border falls apart into pieces below it.
    dropout_pt: float = 1.5
    touch_pt: float = 4.0  # a vertical rule must come this close to a horizontal one
    ocr_threads: int = 1  # onnxruntime threads per process
    det_side: int = ocr.DET_SIDE  # px, long side of the page for text detection
    # Coloured ink (seals, stamps) lifted before reading: channel spread, out of 255,
    # from which a pixel counts as coloured. JPEG noise on a gray scan spreads < 20,
    # the palest pink rim of a red seal > 60; 0 reads colour scans as plain gray.
    stamp_saturation: int = 48


DEFAULT = ScanSettings()


def ink(gray: np.ndarray) -> np.ndarray:
    """Binary ink mask (255 = ink). Otsu copes with the blur and grey JPEG noise."""
    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return bw


def _morph(bw: np.ndarray, op: int, length: int, horizontal: bool) -> np.ndarray:
    """A morphological `op` with a one-pixel-thin line of `length` along one direction."""
    shape = (length, 1) if horizontal else (1, length)
    return cv2.morphologyEx(bw, op, cv2.getStructuringElement(cv2.MORPH_RECT, shape))


def bridged(bw: np.ndarray, settings: ScanSettings, horizontal: bool) -> np.ndarray:
    """Ink with scanner dropouts (a pixel or two missing from a printed rule) closed
    along one direction, so a short cell border is whole before any length test."""
    dot = max(2, round(settings.dropout_pt * settings.dpi / 72))
    return _morph(bw, cv2.MORPH_CLOSE, dot, horizontal)


def rule_mask(ink_bridged: np.ndarray, settings: ScanSettings, horizontal: bool) -> np.ndarray:
    """Ruling lines of one direction from `bridged` ink: what survives an opening by a
    long thin kernel. Character strokes are shorter than the kernel."""
    px = settings.dpi / 72
    kernel_pt = settings.h_kernel_pt if horizontal else settings.v_kernel_pt
    runs = _morph(ink_bridged, cv2.MORPH_OPEN, max(8, round(kernel_pt * px)), horizontal)
    return _morph(runs, cv2.MORPH_CLOSE, max(1, round(settings.gap_pt * px)), horizontal)


def skew_angle(gray: np.ndarray, settings: ScanSettings = DEFAULT) -> float:
    """The page's lean in degrees (positive: lines fall to the right, in image
    coordinates), from the slope of its long horizontal rules, weighted by length.
    0.0 when the page has no long rule (narrative pages are read as they are)."""
    horiz = rule_mask(bridged(ink(gray), settings, True), settings, horizontal=True)
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


def cell_borders(across: np.ndarray, vert: np.ndarray, settings: ScanSettings) -> np.ndarray:
    """Horizontal rules too short for `rule_mask` that end on a vertical rule at
    both sides: the border of a narrow cell (`across`: ink `bridged` horizontally).
    A dash or a glyph stroke inside a cell stops short of the cell's sides."""
    px = settings.dpi / 72
    k = max(4, round(settings.short_h_pt * px))
    touch = max(1, round(settings.touch_pt * px))
    short = _morph(across, cv2.MORPH_OPEN, k, True)
    out = np.zeros_like(across)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(short, connectivity=8)
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if h > 2 * px:  # a blot, not a line
            continue
        y0, y1 = max(0, y - touch), y + h + touch
        left = vert[y0:y1, max(0, x - touch) : x + touch]
        right = vert[y0:y1, max(0, x + w - touch) : x + w + touch]
        if left.any() and right.any():
            box = (slice(y, y + h), slice(x, x + w))
            out[box][labels[box] == i] = 255
    return out


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
    bw = ink(gray)
    across = bridged(bw, settings, True)
    horiz = rule_mask(across, settings, True)
    vert = rule_mask(bridged(bw, settings, False), settings, False)
    horiz = cv2.bitwise_or(horiz, cell_borders(across, vert, settings))
    boxes = np.array(text_boxes, dtype=float).reshape(-1, 4) / scale
    slack = settings.dpi / 72  # a point

    def runs(mask: np.ndarray) -> list[tuple[float, float, float, float]]:
        """Connected runs of `mask` (x, y, w, h in pixels) that lie in no text box."""
        stats = cv2.connectedComponentsWithStats(mask, connectivity=8)[2][1:, :4].astype(float)
        x0, y0 = stats[:, 0:1], stats[:, 1:2]
        x1, y1 = x0 + stats[:, 2:3], y0 + stats[:, 3:4]
        inside = (
            (boxes[:, 0] - slack <= x0)
            & (x1 <= boxes[:, 2] + slack)
            & (boxes[:, 1] - slack <= y0)
            & (y1 <= boxes[:, 3] + slack)
        )
        return [tuple(r) for r in stats[~inside.any(axis=1)].tolist()]

    hsegs = [(y + h / 2, x, x + w) for x, y, w, h in runs(horiz)]  # y, x0, x1 (pixels)
    vsegs = [(x + w / 2, y, y + h) for x, y, w, h in runs(vert)]  # x, y0, y1

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
# A point between two CJK characters is a speck: Chinese text has no "." there,
# nor after a comma or before a percent sign.
_SPECK_INSIDE = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])[.·☑]+(?=[\u3400-\u9fff0-9（(])"
    r"|(?<=[,，、;；])[.·]+|(?<=\d)[.·](?=%)"
)


_RULE_AFTER_FIGURE = re.compile(r"(.*\d)\s*[\]|】丨]")


def mended(text: str) -> str:
    """OCR text with scan specks trimmed and amount look-alikes mended where the result
    is an amount ("550:00" -> "550.00"); other text as read."""
    fixed = mend_amount(text)
    if fixed is not None:
        return fixed
    # A cell's right rule read as a bracket after the figure ("70.00]"): a speck.
    ruled = _RULE_AFTER_FIGURE.fullmatch(text.strip())
    if ruled and (fixed := mend_amount(ruled.group(1))) is not None:
        return fixed
    # "☑" is a speck wherever it stands: the filings have no check boxes.
    t = text.strip().translate(FULL_WIDTH_DIGITS).strip("☑")
    if not t.strip(SPECKS):
        return ""  # a box around specks only
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
    return joined_titles(words)


def wraps_title(a: Word, b: Word) -> bool:
    """`b` is the rest of a table title `a` wrapped onto a second line: centred under
    it, touching it, and only the two together name a catalog table."""
    ax0, ay0, ax1, ay1 = a.bbox
    bx0, by0, bx1, by1 = b.bbox
    height = ay1 - ay0
    return (
        abs((by0 + by1) - (ay0 + ay1)) / 2 > 0.5 * height  # the next line, not beside
        and abs(by0 - ay1) < 0.5 * height
        and ax0 + (ax1 - ax0) / 4 < (bx0 + bx1) / 2 < ax1 - (ax1 - ax0) / 4
        and bx1 - bx0 < ax1 - ax0
        and not looks_like_title(a.text)
        and looks_like_title(a.text + b.text)
    )


def joined_titles(words: list[Word]) -> list[Word]:
    """Words with each two-line table title made one word.

    OCR boxes are padded, so the two lines of a wrapped title overlap by a few points
    and their heights (font sizes) differ with the length of the line: the table
    steps would not see one title wrapped, and the table would lose its title and
    kind ("...绩效目" / "标表"). Words come sorted top to bottom."""
    out: list[Word] = []
    for w in words:
        a = next((p for p in reversed(out[-4:]) if wraps_title(p, w)), None)
        if a is None:
            out.append(w)
            continue
        a.text += w.text
        a.bbox = (
            min(a.bbox[0], w.bbox[0]),
            a.bbox[1],
            max(a.bbox[2], w.bbox[2]),
            max(a.bbox[3], w.bbox[3]),
        )
        a.confidence = min(a.confidence, w.confidence)
    return out


def image_content(
    gray: np.ndarray,
    number: int,
    width: float,
    height: float,
    settings: ScanSettings | None = None,
) -> PageContent:
    """Words and ruling lines of a page image rendered at `settings.dpi` (1-based
    `number`; `width` x `height` the page in points).

    Takes seconds: call it in a worker process (see pdf_scan.ocr_pages)."""
    s = settings or DEFAULT
    straight = deskew(gray, skew_angle(gray, s))
    words = read_words(straight, s)
    return PageContent(
        number=number,
        width=width,
        height=height,
        words=words,
        segments=ruling_segments(straight, s, [w.bbox for w in words]),
        ocr=True,
    )


# --- in a worker process ------------------------------------------------------------

_worker_settings: ScanSettings = DEFAULT


def init_worker(settings: ScanSettings) -> None:
    """Pool initializer: the settings every page of the job is read with."""
    global _worker_settings
    _worker_settings = settings


def read_page(gray: np.ndarray, number: int, width: float, height: float) -> PageContent:
    """One page in a worker process; the memory it used is handed back after."""
    content = image_content(gray, number, width, height, _worker_settings)
    return_memory()
    return content


def return_memory() -> None:
    """Hand a page's freed buffers back to the system. OCR of a page allocates some
    300 MB that glibc keeps after use; two workers holding that for a 40-page scan
    overshoot the 1.5 GB budget (bench/ocr_speed.py). No-op outside glibc."""
    if sys.platform != "linux":
        return
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
