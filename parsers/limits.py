"""Resource limits checked before a reader runs, so hostile or broken files are refused
with one Chinese line instead of looping, allocating without bound or crashing.

A PDF is opened with PyMuPDF once to count pages, measure page boxes, image sizes and
content streams (DOCX/XLSX zips are checked by parsers/zipguard.py, which the readers
call before python-docx or openpyxl inflate anything). After a reader ran,
`check_filing` bounds table sizes so `ExtractedTable.rows()` cannot allocate a huge grid.

Imports nothing from model/, gui/, PySide6 or SQLAlchemy.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from parsers.extraction import ExtractedFiling, InputError


@dataclass(frozen=True)
class Limits:
    """Bounds far above any real budget disclosure (the largest in the corpus has ~60 pages,
    A4/A3 pages, scans at 300 dpi, tables of a few hundred rows)."""

    max_pages: int = 2000
    max_page_side: float = 14_400.0  # PDF points; 200 inches, the PDF 1.7 user-space limit
    max_image_pixels: int = 120_000_000  # an A0 scan at 300 dpi is ~140 M; A3 at 600 dpi ~70 M
    max_page_content_bytes: int = 32 * 2**20  # one page's inflated drawing operators
    max_table_cells: int = 250_000  # rows x columns of one extracted table
    max_tables: int = 5_000


LIMITS = Limits()

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def display_name(name: str, limit: int = 120) -> str:
    """The file name as it may appear in a one-line message: control characters and line
    breaks become '?', very long names are shortened in the middle."""
    clean = _CONTROL.sub("?", name)
    if len(clean) > limit:
        clean = clean[: limit // 2] + "…" + clean[-limit // 2 :]
    return clean


def check_pdf(data: bytes, name: str, limits: Limits = LIMITS) -> None:
    """Raise InputError for a PDF that is broken, encrypted or beyond `limits`."""
    import pymupdf

    shown = display_name(name)
    if b"%%EOF" not in data[-2048:]:
        # PyMuPDF repairs a cut-off file and shows what survived; the clerk would review
        # half a filing without knowing, so a missing end marker is refused instead.
        raise InputError(f"PDF 文件不完整（可能在下载或复制时被截断）：{shown}")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as err:  # noqa: BLE001 - PyMuPDF raises several types for broken files
        raise InputError(f"PDF 文件已损坏或不完整，无法打开：{shown}") from err
    try:
        if doc.needs_pass:
            raise InputError(f"PDF 文件已加密（需要密码），请先解除密码再导入：{shown}")
        pages = doc.page_count
        if pages == 0:
            raise InputError(f"PDF 文件已损坏或被截断，没有可读的页面：{shown}")
        if pages > limits.max_pages:
            raise InputError(f"PDF 页数过多（{pages} 页），上限为 {limits.max_pages} 页：{shown}")
        for number in range(pages):
            _check_pdf_page(doc, number, shown, limits)
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001 - a broken object tree fails in many ways
        raise InputError(f"PDF 文件已损坏，无法读取页面：{shown}") from err
    finally:
        doc.close()


def _check_pdf_page(doc, number: int, shown: str, limits: Limits) -> None:  # noqa: ANN001
    page = doc.load_page(number)
    rect = page.rect
    if not (0 < rect.width <= limits.max_page_side and 0 < rect.height <= limits.max_page_side):
        raise InputError(
            f"PDF 第 {number + 1} 页尺寸异常（{rect.width:.0f}×{rect.height:.0f} 点）：{shown}"
        )
    for image in page.get_images(full=False):
        width, height = int(image[2] or 0), int(image[3] or 0)
        if width * height > limits.max_image_pixels:
            raise InputError(f"PDF 第 {number + 1} 页的图像过大（{width}×{height} 像素）：{shown}")
    inflated = 0
    for xref in page.get_contents():
        inflated += _stream_size(doc, xref, limits.max_page_content_bytes - inflated)
        if inflated > limits.max_page_content_bytes:
            raise InputError(f"PDF 第 {number + 1} 页内容过于复杂，超出处理上限：{shown}")


def _stream_size(doc, xref: int, budget: int) -> int:  # noqa: ANN001
    """Inflated size of one content stream, never inflating more than `budget` + 1 bytes."""
    raw = doc.xref_stream_raw(xref) or b""
    filters = doc.xref_get_key(xref, "Filter")
    if filters[0] == "name" and filters[1] == "/FlateDecode":
        inflater = zlib.decompressobj()
        try:
            out = inflater.decompress(raw, max(budget, 0) + 1)
        except zlib.error:
            return len(raw)  # PyMuPDF reads what it can of a broken stream; bounded by raw
        return len(out)
    return len(raw)


def check_filing(filing: ExtractedFiling, name: str, limits: Limits = LIMITS) -> None:
    """Bound what a reader returned, so later steps (rows(), storing) stay small."""
    shown = display_name(name)
    if filing.pages > limits.max_pages:
        raise InputError(
            f"文件页数过多（{filing.pages} 页），上限为 {limits.max_pages} 页：{shown}"
        )
    tables = filing.tables
    if len(tables) > limits.max_tables:
        raise InputError(f"文件中的表格过多（{len(tables)} 个）：{shown}")
    for table in tables:
        if table.n_rows < 0 or table.n_cols < 0:
            raise InputError(f"表格“{display_name(table.title, 40)}”的行列数无效：{shown}")
        if table.n_rows * table.n_cols > limits.max_table_cells:
            raise InputError(
                f"表格“{display_name(table.title, 40)}”过大"
                f"（{table.n_rows} 行 × {table.n_cols} 列）：{shown}"
            )
