"""PDF filings: the text layer read page by page, scanned pages handed to OCR.

`read()` builds one `PageContent` per page (words with font size and weight, ruling
strokes from the vector drawings), runs the shared table steps
(`tables.cells.page_items`) and `tables.assemble.assemble()` on the stream.
PyMuPDF is imported only in parsers/; this module never imports model, gui or Qt.
"""

from __future__ import annotations

import bisect
import logging
from collections import Counter

import pymupdf

from parsers import pictures
from parsers.extraction import BBox, Block, ExtractedFiling, ExtractedTable, InputError, Paragraph
from parsers.progress import ASSEMBLING, OCR, READING, NoProgress, Progress, begin_phase
from parsers.tables import identity
from parsers.tables.assemble import assemble
from parsers.tables.cells import page_items
from parsers.tables.layout import Grid, Item, Line, PageContent, Segment, Word, centre_in
from parsers.tables.settings import SCAN, TEXT_LAYER, Settings
from parsers.tables.text_lines import group_lines
from parsers.text_layer import judge_text_layer

log = logging.getLogger(__name__)

MAX_PAGES = 2000  # a filing has tens of pages; thousands is not a filing
MIN_TEXT_CHARS = 8  # fewer characters than this on a page with an image: a scan
GARBLED_NOTE = "本页文字层无法识别，已按扫描件识别"
UNPLACED_NOTE = "本页版面未能识别，其中的表格未提取（内部错误：{error}）"
BLANK_GRID_NOTE = "本页有表格线，但其中没有读出文字，请对照原文核对"

# MuPDF would print its repair chatter on stderr; the clerk gets our one line instead.
pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

_SPACE = frozenset(" \t\u3000\u00a0\r\n")


def open_pdf(data: bytes, name: str) -> pymupdf.Document:
    """The document, opened; InputError (one Chinese line) if it cannot be read."""
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as err:  # PyMuPDF raises several types for broken files
        raise InputError(f"PDF 文件已损坏，无法打开：{name}") from err
    if doc.needs_pass and not doc.authenticate(""):
        doc.close()
        raise InputError(f"PDF 文件已加密，需要密码才能打开：{name}")
    if doc.page_count == 0:
        repaired = doc.is_repaired
        doc.close()
        if repaired:
            raise InputError(f"PDF 文件已损坏或不完整，读不到任何页面：{name}")
        raise InputError(f"PDF 文件没有页面：{name}")
    if doc.page_count > MAX_PAGES:
        n = doc.page_count
        doc.close()
        raise InputError(f"PDF 页数过多（{n} 页），不像预算公开文件：{name}")
    return doc


def page_words(
    page: pymupdf.Page,
    segments: list[Segment] | None = None,
    matrix: pymupdf.Matrix | None = None,
) -> list[Word]:
    """The text layer as words: spans cut at white space, with font size and weight,
    in reading space (`matrix`, see reading_matrix; segments in the same space).

    A word that runs across a vertical ruling line (text overflowing its cell, or two
    cells' text in one span) is cut at that line, so each piece lands in its own cell."""
    matrix = matrix if matrix is not None else pymupdf.Matrix(1, 1)
    cuts = sorted(
        (s.x0, min(s.y0, s.y1), max(s.y0, s.y1))
        for s in segments or ()
        if abs(s.x1 - s.x0) < 1.0 and abs(s.y1 - s.y0) > 4.0
    )
    cut_xs = [c[0] for c in cuts]
    words: list[Word] = []
    raw = page.get_text(
        "rawdict", flags=pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_MEDIABOX_CLIP
    )
    for block in raw["blocks"]:
        for line in block.get("lines", ()):
            if _direction(line["dir"], matrix)[0] < 0.9:  # across the reading direction
                continue
            for span in line["spans"]:
                bold = bool(span["flags"] & 16) or "bold" in span["font"].lower()
                size = float(span["size"])
                chars: list[tuple[str, tuple[float, float, float, float]]] = []
                for ch in span["chars"]:
                    if ch["c"] in _SPACE:
                        words += _words_of(chars, bold, size, cuts, cut_xs)
                        chars = []
                    else:
                        r = pymupdf.Rect(ch["bbox"]) * matrix
                        chars.append((ch["c"], (r.x0, r.y0, r.x1, r.y1)))
                words += _words_of(chars, bold, size, cuts, cut_xs)
    return words


def _direction(d: tuple[float, float], matrix: pymupdf.Matrix) -> tuple[float, float]:
    """A line's writing direction (unrotated page space) as seen in reading space."""
    return (d[0] * matrix.a + d[1] * matrix.c, d[0] * matrix.b + d[1] * matrix.d)


def reading_matrix(page: pymupdf.Page) -> pymupdf.Matrix:
    """From the unrotated page space, where the text layer and drawings live, to the
    space in which most of the page's text runs left to right: the page as shown for an
    upright page or one with /Rotate; turned by a quarter for a landscape table printed
    sideways on an unrotated page. Tables are read in this space."""
    chars: Counter[tuple[int, int]] = Counter()
    raw = page.get_text("rawdict", flags=pymupdf.TEXT_MEDIABOX_CLIP)
    for block in raw["blocks"]:
        for line in block.get("lines", ()):
            n = sum(len(span["chars"]) for span in line["spans"])
            chars[(round(line["dir"][0]), round(line["dir"][1]))] += n
    shown = page.rotation_matrix
    if not chars:
        return shown
    main = chars.most_common(1)[0][0]
    if _direction(main, shown)[0] > 0.9:
        return shown
    for degrees in (0, 90, 180, 270):
        turn = pymupdf.Matrix(degrees)
        if _direction(main, turn)[0] > 0.9:
            box = (page.rect * page.derotation_matrix) * turn
            return turn * pymupdf.Matrix(1, 0, 0, 1, -box.x0, -box.y0)
    return shown


def _same(a: pymupdf.Matrix, b: pymupdf.Matrix) -> bool:
    return all(abs(x - y) < 1e-6 for x, y in zip(tuple(a), tuple(b), strict=True))


def _words_of(
    chars: list[tuple[str, tuple[float, float, float, float]]],
    bold: bool,
    size: float,
    cuts: list[tuple[float, float, float]],
    cut_xs: list[float],
) -> list[Word]:
    if not chars:
        return []
    x0, x1 = chars[0][1][0], chars[-1][1][2]
    lo, hi = bisect.bisect_right(cut_xs, x0 + 1.0), bisect.bisect_left(cut_xs, x1 - 1.0)
    cy = (chars[0][1][1] + chars[0][1][3]) / 2
    inner = [x for x, y0, y1 in cuts[lo:hi] if y0 <= cy <= y1]
    pieces: list[list[tuple[str, tuple[float, float, float, float]]]] = [[]]
    for c in chars:
        mid = (c[1][0] + c[1][2]) / 2
        if pieces[-1] and any(
            (pieces[-1][-1][1][0] + pieces[-1][-1][1][2]) / 2 < x < mid for x in inner
        ):
            pieces.append([])
        pieces[-1].append(c)
    out = []
    for piece in pieces:
        boxes = [b for _, b in piece]
        box = (boxes[0][0], min(b[1] for b in boxes), boxes[-1][2], max(b[3] for b in boxes))
        out.append(Word("".join(c for c, _ in piece), box, 1.0, bold, size))
    return out


def page_segments(
    page: pymupdf.Page, settings: Settings, matrix: pymupdf.Matrix | None = None
) -> list[Segment]:
    """Ruling strokes: drawn lines, thin filled rectangles, and the sides of stroked
    boxes; in reading space when `matrix` is given (see reading_matrix)."""
    out = _unrotated_segments(page, settings)
    if matrix is None or _same(matrix, pymupdf.Matrix(1, 1)):
        return out
    moved = []
    for seg in out:
        p = pymupdf.Point(seg.x0, seg.y0) * matrix
        q = pymupdf.Point(seg.x1, seg.y1) * matrix
        moved.append(Segment(p.x, p.y, q.x, q.y))
    return moved


def _unrotated_segments(page: pymupdf.Page, settings: Settings) -> list[Segment]:
    out: list[Segment] = []
    for path in page.get_drawings():
        stroked = path.get("color") is not None and path["type"] in ("s", "fs")
        for item in path["items"]:
            op = item[0]
            if op == "l":
                p, q = item[1], item[2]
                out.append(Segment(p.x, p.y, q.x, q.y))
            elif op in ("re", "qu"):
                r = item[1] if op == "re" else item[1].rect
                if r.width <= settings.max_thickness and r.height > r.width:
                    x = (r.x0 + r.x1) / 2
                    out.append(Segment(x, r.y0, x, r.y1))
                elif r.height <= settings.max_thickness:
                    y = (r.y0 + r.y1) / 2
                    out.append(Segment(r.x0, y, r.x1, y))
                elif stroked:
                    out += [
                        Segment(r.x0, r.y0, r.x1, r.y0),
                        Segment(r.x0, r.y1, r.x1, r.y1),
                        Segment(r.x0, r.y0, r.x0, r.y1),
                        Segment(r.x1, r.y0, r.x1, r.y1),
                    ]
    return out


def text_content(
    page: pymupdf.Page,
    number: int,
    settings: Settings = TEXT_LAYER,
    matrix: pymupdf.Matrix | None = None,
) -> PageContent:
    """One page read from its text layer, in reading space (`matrix`, by default
    reading_matrix(page)); `number` is 1-based."""
    matrix = matrix if matrix is not None else reading_matrix(page)
    r = (page.rect * page.derotation_matrix) * matrix
    segments = page_segments(page, settings, matrix)
    return PageContent(
        number=number,
        width=r.width,
        height=r.height,
        words=page_words(page, segments, matrix),
        segments=segments,
    )


def _is_scan(page: pymupdf.Page, words: list[Word]) -> bool:
    """Too little text for a page of a filing, and an image or text printed as outlines:
    the text is in the picture."""
    chars = sum(len(w.text) for w in words)
    if chars >= MIN_TEXT_CHARS:
        return False
    return bool(page.get_images(full=False)) or _outlined_text(page)


# Segments of filled outlines on a page without text: its characters drawn as curves
# (a CJK glyph takes some 10 to 40); a chart, a seal or rules take far fewer.
MIN_OUTLINE_SEGMENTS = 300


def _outlined_text(page: pymupdf.Page) -> bool:
    """The page prints its text as filled outlines (an export that turned fonts into
    curves). Read from the text layer, its tables would be grids of empty cells."""
    segments = 0
    for path in page.get_drawings():
        if path.get("fill") is None:
            continue
        segments += sum(1 for item in path["items"] if item[0] in ("c", "l"))
        if segments >= MIN_OUTLINE_SEGMENTS:
            return True
    return False


def _is_garbled(words: list[Word]) -> bool:
    """The text layer decodes to mojibake (fonts without ToUnicode): see text_layer.py."""
    return judge_text_layer("".join(w.text for w in words), TEXT_LAYER).garbled


def with_page_notes(blocks: list[Block], pages: list[int], text: str) -> list[Block]:
    """`blocks` with a paragraph `text` for each of the 1-based `pages`, placed before
    the first block that starts on or after its page. Added after assembly, so a note
    never stands between a table and its continuation or is taken for a title."""
    out = list(blocks)
    for number in sorted(pages, reverse=True):
        at = next((i for i, b in enumerate(out) if (_first_page(b) or 0) >= number), len(out))
        out.insert(at, Paragraph(text, page=number))
    return out


def _first_page(block: Block) -> int | None:
    if isinstance(block, Paragraph):
        return block.page
    return min(block.pages, default=None)


def _to_shown(items: list[Item], matrix: pymupdf.Matrix) -> None:
    """Boxes from the space a page was read in to the page as shown (/Rotate
    applied), which is what the review canvas draws."""

    def shown(
        b: tuple[float, float, float, float] | None,
    ) -> tuple[float, float, float, float] | None:
        if b is None:
            return None
        r = pymupdf.Rect(b) * matrix
        return (r.x0, r.y0, r.x1, r.y1)

    for item in items:
        item.bbox = shown(item.bbox)
        if isinstance(item, Grid):
            for c in item.cells:
                c.bbox = shown(c.bbox)


OCR_WORKERS = 2  # office PCs have two cores; one page per worker process


def _scanned_pages(data: bytes, numbers: list[int], progress: Progress) -> list[PageContent]:
    """OCR the scanned pages (parsers/pdf_scan.py), in worker processes when there are
    several; the OCR stack loads only when a scan is met."""
    from parsers import pdf_scan

    workers = OCR_WORKERS if len(numbers) > 1 else 0
    return pdf_scan.ocr_pages(data, numbers, workers, progress=progress)


# A picture on a text page is read by OCR when it is this large (a share of the page,
# and points across and down): a table pasted as an image, not a logo or a seal.
PICTURE_SHARE = 0.08


def _pictures(page: pymupdf.Page, content: PageContent, matrix: pymupdf.Matrix) -> list[BBox]:
    """The large pictures of a text page with no text of the layer over them (a table
    pasted as an image into the document); [] on a turned page, whose reading space is
    not the rendered one."""
    if page.rotation or not _same(matrix, pymupdf.Matrix(1, 1)):
        return []
    area = page.rect.width * page.rect.height
    out: list[BBox] = []
    for info in page.get_image_info():
        r = pymupdf.Rect(info["bbox"]) & page.rect
        if r.is_empty or r.width * r.height < PICTURE_SHARE * area:
            continue
        if r.width < pictures.PICTURE_MIN[0] or r.height < pictures.PICTURE_MIN[1]:
            continue
        box = (r.x0, r.y0, r.x1, r.y1)
        if not any(centre_in(w.bbox, box) for w in content.words) and _ruled(page, r):
            out.append(box)
    return out


def _ruled(page: pymupdf.Page, rect: pymupdf.Rect) -> bool:
    """The picture is ruled like a table (parsers/pictures.py), judged on a coarse render
    before any OCR."""
    import numpy as np

    pix = page.get_pixmap(dpi=72, clip=rect, colorspace=pymupdf.csGRAY, alpha=False)
    gray = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.h, pix.stride)[:, : pix.w]
    return pictures.ruled_like_a_table(gray)


def _segment_in(s: Segment, box: BBox) -> bool:
    return centre_in((min(s.x0, s.x1), min(s.y0, s.y1), max(s.x0, s.x1), max(s.y0, s.y1)), box)


def _with_pictures(
    text: PageContent, scanned: PageContent, regions: list[BBox], notes: dict[int, str]
) -> list[Item]:
    """A text page with pictures of tables: the text layer read as text outside them,
    the OCR of the rendered page inside them, each with its own tolerances."""

    def part(content: PageContent, inside: bool) -> PageContent:
        def keep(b: BBox) -> bool:
            return any(centre_in(b, r) for r in regions) == inside

        return PageContent(
            text.number,
            text.width,
            text.height,
            [w for w in content.words if keep(w.bbox)],
            [s for s in content.segments if any(_segment_in(s, r) for r in regions) == inside],
            ocr=content.ocr,
        )

    items = _placed(part(text, False), TEXT_LAYER, notes)
    read = _placed(part(scanned, True), SCAN, notes)
    for r in regions:  # a photo or an organisation chart is no table: left unread
        items += pictures.table_items([it for it in read if it.bbox and centre_in(it.bbox, r)])
    return sorted(items, key=lambda it: (it.bbox[1], it.bbox[0]) if it.bbox else (0.0, 0.0))


def _assembled(
    by_page: dict[int, list[Item]],
    name: str,
    total: int,
    sizes: list[tuple[float, float]],
    notes: dict[int, str],
) -> ExtractedFiling:
    """The filing from every page's items. Should the assembly fail on something odd,
    each page is assembled alone (no table then runs over pages), and a page that fails
    alone keeps its text with a note: the import never stops (issue 24)."""
    items = [item for number in sorted(by_page) for item in by_page[number]]
    try:
        return assemble(items, source=name, pages=total, page_sizes=sizes)
    except Exception:  # noqa: BLE001 - a fault of the assembly must not stop the import
        log.info("assembly failed on %s; assembling page by page", name, exc_info=True)
    blocks: list[Block] = []
    for number in sorted(by_page):
        try:
            blocks += assemble(by_page[number], source=name, pages=total).blocks
        except Exception as err:  # noqa: BLE001 - as above, for one page
            notes[number] = UNPLACED_NOTE.format(error=type(err).__name__)
            lines = [it for it in by_page[number] if isinstance(it, Line)]
            blocks += assemble(lines, source=name, pages=total).blocks
    tables = [b for b in blocks if isinstance(b, ExtractedTable)]
    captions = [c for t in tables for c in t.caption_lines]
    code, department = identity.department(blocks, captions)
    return ExtractedFiling(
        name, "", total, blocks, code, department, identity.year(blocks, captions), sizes
    )


def _placed(content: PageContent, settings: Settings, notes: dict[int, str]) -> list[Item]:
    """The page's tables and lines; a fault of the layout code on one page costs that
    page's tables, not the filing: its words are kept as lines of text and the page
    gets a note (issue 24: the import never stops on a real PDF). A ruled grid in which
    nothing was read is no table for the clerk to fill: it is left out, with a note."""
    try:
        items = page_items(content, settings)
    except Exception as err:  # noqa: BLE001 - one page's layout must not stop the import
        log.info("page %d: layout failed", content.number, exc_info=True)
        notes[content.number] = UNPLACED_NOTE.format(error=type(err).__name__)
        return [
            Line(ln.text(settings), content.number, ln.bbox, bold=ln.bold, size=ln.size)
            for ln in group_lines(content.words, settings)
        ]
    kept = [it for it in items if not isinstance(it, Grid) or any(c.text.strip() for c in it.cells)]
    if len(kept) < len(items):
        notes[content.number] = BLANK_GRID_NOTE
    return kept


def read(
    data: bytes, name: str, *, ocr: str = "auto", progress: Progress | None = None
) -> ExtractedFiling:
    """Read a PDF filing. Any thread; reports progress per page and honours
    `progress.check()` between pages (raises parsers.progress.Cancelled). Text-layer
    pages are read here; scanned pages (no text layer, or ocr="always") are OCR'd
    together afterwards in worker processes; ocr="never" leaves them empty. A page whose
    text layer is mojibake (parsers/text_layer.py) is a scanned page, and in auto mode
    gets the paragraph GARBLED_NOTE. Raises InputError for a broken, encrypted or empty
    PDF. Coordinates: PDF points, 1-based."""
    progress = progress or NoProgress()
    doc = open_pdf(data, name)
    try:
        total = doc.page_count
        by_page: dict[int, list[Item]] = {}
        scans: list[int] = []
        garbled: list[int] = []
        notes: dict[int, str] = {}  # page number: what could not be read there
        # text pages holding a picture of a table: the text layer, and the picture's rects
        pictures: dict[int, tuple[PageContent, list[BBox]]] = {}
        sizes: list[tuple[float, float]] = []
        begin_phase(progress, READING)
        for index in range(total):
            progress.check()
            progress.report(index, total, f"第 {index + 1}/{total} 页")
            number = index + 1
            try:
                page = doc.load_page(index)
                sizes.append((page.rect.width, page.rect.height))
                matrix = reading_matrix(page)
                content = None if ocr == "always" else text_content(page, number, matrix=matrix)
                if content is not None and _is_garbled(content.words):
                    if ocr != "never":
                        scans.append(number)
                        garbled.append(number)
                elif content is None or _is_scan(page, content.words):
                    if ocr != "never":
                        scans.append(number)
                elif ocr != "never" and (regions := _pictures(page, content, matrix)):
                    pictures[number] = (content, regions)  # read with the scans below
                else:
                    by_page[number] = _placed(content, TEXT_LAYER, notes)
                    if not _same(matrix, page.rotation_matrix):
                        _to_shown(by_page[number], ~matrix * page.rotation_matrix)
            except (RuntimeError, ValueError) as err:
                raise InputError(f"PDF 第 {number} 页已损坏，无法读取：{name}") from err
        to_ocr = sorted([*scans, *pictures])
        if to_ocr:
            begin_phase(progress, OCR)  # counts the scanned pages from 0
            progress.report(0, len(to_ocr), f"识别扫描页 0/{len(to_ocr)}")
            for content in _scanned_pages(data, to_ocr, progress):
                if content.number in pictures:
                    text, regions = pictures[content.number]
                    by_page[content.number] = _with_pictures(text, content, regions, notes)
                else:
                    by_page[content.number] = _placed(content, SCAN, notes)
        begin_phase(progress, ASSEMBLING)
        progress.report(0, 1, "整理表格")
        filing = _assembled(by_page, name, total, sizes, notes)
        filing.blocks = with_page_notes(filing.blocks, garbled, GARBLED_NOTE)
        for number, note in notes.items():
            filing.blocks = with_page_notes(filing.blocks, [number], note)
        return filing
    finally:
        doc.close()
