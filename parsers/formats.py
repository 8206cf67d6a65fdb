"""One entry point for every input type: `read_filing(bytes, filename) -> ExtractedFiling`.

The format is decided by the bytes first (a PDF starts with %PDF, DOCX/XLSX are zips)
and by the file name second, so a renamed file is still read right and a binary
file named .txt is refused with a clear line.

`read_filing` is also the safety net: resource limits (parsers/limits.py) are checked
before a reader runs, and any exception a reader lets escape other than InputError or
Cancelled becomes one InputError line, so the clerk never sees a traceback.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import PurePath

from parsers import limits
from parsers.extraction import ExtractedFiling, InputError
from parsers.progress import Cancelled, NoProgress, Progress
from parsers.tables import identity
from parsers.tables.classify import kind_fitting_columns
from parsers.tables.columns import columns_or_none, unread_columns

log = logging.getLogger(__name__)


def _damaged_file_errors() -> tuple[type[BaseException], ...]:
    """What the XML and zip libraries raise on a damaged DOCX/XLSX member: the file is
    broken, not the reader, so the clerk gets "damaged" rather than "internal error"."""
    import xml.etree.ElementTree
    import xml.parsers.expat
    import zipfile
    import zlib

    errors: list[type[BaseException]] = [
        zipfile.BadZipFile,
        zlib.error,
        xml.etree.ElementTree.ParseError,
        xml.parsers.expat.ExpatError,
    ]
    try:
        from lxml import etree  # python-docx and openpyxl parse with lxml when present

        errors.append(etree.XMLSyntaxError)
    except ImportError:  # pragma: no cover - lxml is a python-docx dependency
        pass
    return tuple(errors)


DAMAGED_FILE_ERRORS = _damaged_file_errors()


class ReaderFault(InputError):
    """The safety net's line for an exception a reader let escape: still one Chinese line
    for the clerk, but a bug for the reader's owner (bench/fuzz.py lists them)."""


# OLE2 compound file: an encrypted DOCX/XLSX (Office wraps those in OLE) or an old .doc/.xls.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

MAX_BYTES = 300 * 1024 * 1024  # a 30-page scan is ~15 MB; anything near 300 MB is not a filing

OCR_MODES = ("auto", "always", "never")

# What a filing may be: the one list the import dialog, drag and drop and `check DIR` use.
SUFFIXES = (".pdf", ".docx", ".xlsx", ".xls", ".txt", ".md")
_SUPPORTED = "、".join(s[1:].upper() for s in SUFFIXES)  # PDF、DOCX、XLSX、XLS、TXT、MD


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


# Streams an OLE2 compound file names in its directory (UTF-16): an old workbook keeps
# "Workbook" (or "Book" before Excel 97), a Word 97 file "WordDocument", and an
# encrypted DOCX/XLSX "EncryptionInfo".
_OLE_ENCRYPTED = _utf16("EncryptionInfo")
_OLE_WORKBOOK = (_utf16("Workbook"), _utf16("Book") + b"\0\0")
_OLE_WORD = _utf16("WordDocument")


def sniff(data: bytes, filename: str) -> str:
    """'pdf', 'docx', 'xlsx', 'xls' or 'txt'; raises InputError for anything else."""
    suffix = PurePath(filename).suffix.lower()
    filename = limits.display_name(filename)
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        if suffix in (".docx", ".xlsx"):
            return suffix[1:]
        if b"word/" in data[:4096]:
            return "docx"
        if b"xl/" in data[:4096]:
            return "xlsx"
    if data[:8] == OLE_MAGIC:
        return _sniff_ole(data, filename)
    if suffix == ".pdf":
        raise InputError(f"不是有效的 PDF 文件（文件头缺失）：{filename}")
    if suffix in (".docx", ".xlsx"):
        raise InputError(f"不是有效的 {suffix[1:].upper()} 文件（不是 zip 压缩包）：{filename}")
    if suffix in (".txt", ".md", ""):
        return "txt"
    raise InputError(f"不支持的文件类型：{filename}（支持 {_SUPPORTED}）")


def _sniff_ole(data: bytes, filename: str) -> str:
    """An Office file of the OLE2 kind: an old workbook is read; an encrypted DOCX/XLSX
    or a Word 97 document is refused with what the clerk can do about it."""
    if _OLE_ENCRYPTED in data:
        raise InputError(f"文件已加密，请另存为未加密的文件后再导入：{filename}")
    if any(stream in data for stream in _OLE_WORKBOOK):
        return "xls"
    if _OLE_WORD in data:
        raise InputError(f"旧版 Word 文件（.doc）无法直接读取，请另存为 DOCX 后再导入：{filename}")
    raise InputError(f"不支持的 Office 文件：{filename}（支持 {_SUPPORTED}）")


def read_filing(
    data: bytes,
    filename: str,
    *,
    ocr: str = "auto",
    progress: Progress | None = None,
) -> ExtractedFiling:
    """Parse a filing. Runs on any thread (pure). Raises InputError for bad input and
    parsers.progress.Cancelled when `progress.check()` says so."""
    progress = progress or NoProgress()
    name = PurePath(filename).name
    shown = limits.display_name(name)
    if not data:
        raise InputError(f"文件为空：{shown}")
    if len(data) > MAX_BYTES:
        raise InputError(
            f"文件过大（{len(data) // 2**20} MB），上限为 {MAX_BYTES // 2**20} MB：{shown}"
        )
    if ocr not in OCR_MODES:
        raise InputError(f"未知的 OCR 模式：{ocr}（可选 auto、always、never）")
    sha = hashlib.sha256(data).hexdigest()
    kind = sniff(data, name)
    try:
        if kind == "pdf":
            limits.check_pdf(data, name)
        filing = _read(kind, data, name, ocr, progress)
        limits.check_filing(filing, name)
        if not filing.tables and not any(p.text.strip() for p in filing.paragraphs):
            # Blank pages, or a scan in which OCR found nothing: storing it would only
            # give the clerk an empty document to review (issue 25).
            raise InputError(f"文件中没有可读的文字或表格：{shown}")
    except (InputError, Cancelled):
        raise
    except MemoryError as err:
        raise InputError(f"文件过于复杂，内存不足，无法解析：{shown}") from err
    except RecursionError as err:
        raise InputError(f"文件结构嵌套过深，无法解析：{shown}") from err
    except DAMAGED_FILE_ERRORS as err:
        raise InputError(f"文件已损坏（内部数据无效），无法解析：{shown}") from err
    except Exception as err:  # noqa: BLE001 - the safety net: no traceback reaches the clerk
        # INFO, not ERROR: logging's last-resort handler would print a traceback on the CLI.
        log.info("reader for %s failed on %s", kind, name, exc_info=True)
        raise ReaderFault(f"无法解析文件：{shown}（内部错误：{type(err).__name__}）") from err
    filing.source = name
    filing.sha256 = sha
    if filing.department_name is None or filing.year is None:
        department, year = identity.from_file_name(PurePath(name).stem)
        filing.department_name = filing.department_name or department
        filing.year = filing.year or year
    settle_columns(filing)
    return filing


def settle_columns(filing: ExtractedFiling) -> None:
    """Read every table's columns once, whichever reader gave it (parsers.tables.columns):
    the reading is stored with the table; its header end is the table's header_rows (a
    three-row header a reader took for one row); a table whose columns are not the
    catalog shape of its title's kind loses the kind."""
    for t in filing.tables:
        reading = columns_or_none(t)
        if reading is None:  # an odd table: kept, with no kind a rule would read
            reading = unread_columns(t.n_cols, t.header_rows)
            t.kind = None
        t.header_rows = reading.body_start
        t.kind = kind_fitting_columns(t.kind, reading)
        t.columns = reading


def _read(kind: str, data: bytes, name: str, ocr: str, progress: Progress) -> ExtractedFiling:
    """Dispatch to the format's reader (imported lazily: OCR pulls in onnxruntime)."""
    if kind == "pdf":
        from parsers import pdf

        return pdf.read(data, name, ocr=ocr, progress=progress)
    if kind == "docx":
        from parsers import docx

        return docx.read(data, name, progress=progress)
    if kind == "xlsx":
        from parsers import xlsx

        return xlsx.read(data, name, progress=progress)
    if kind == "xls":
        from parsers import xls

        return xls.read(data, name, progress=progress)
    from parsers import upstream_text

    return upstream_text.read(data, name, progress=progress)


def is_reader_fault(err: InputError) -> bool:
    """True when `err` is the safety net's wrapper around a reader's own exception
    (a bug to report to the reader's owner), not a deliberate refusal."""
    return isinstance(err, ReaderFault)
