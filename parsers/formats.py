"""One entry point for every input type: `read_filing(bytes, filename) -> ExtractedFiling`.

The format is decided by the bytes first (a PDF starts with %PDF, DOCX/XLSX are zips)
and by the file name second, so a renamed file is still read right and a binary
file named .txt is refused with a clear line.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from parsers.extraction import ExtractedFiling, InputError
from parsers.progress import NoProgress, Progress

MAX_BYTES = 300 * 1024 * 1024  # a 30-page scan is ~15 MB; anything near 300 MB is not a filing

OCR_MODES = ("auto", "always", "never")


def sniff(data: bytes, filename: str) -> str:
    """'pdf', 'docx', 'xlsx' or 'txt'; raises InputError for anything else."""
    suffix = PurePath(filename).suffix.lower()
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
    if suffix == ".pdf":
        raise InputError(f"不是有效的 PDF 文件（文件头缺失）：{filename}")
    if suffix in (".docx", ".xlsx"):
        raise InputError(f"不是有效的 {suffix[1:].upper()} 文件（不是 zip 压缩包）：{filename}")
    if suffix in (".txt", ".md", ""):
        return "txt"
    raise InputError(f"不支持的文件类型：{filename}（支持 PDF、DOCX、XLSX、TXT、MD）")


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
    if not data:
        raise InputError(f"文件为空：{name}")
    if len(data) > MAX_BYTES:
        raise InputError(
            f"文件过大（{len(data) // 2**20} MB），上限为 {MAX_BYTES // 2**20} MB：{name}"
        )
    if ocr not in OCR_MODES:
        raise InputError(f"未知的 OCR 模式：{ocr}（可选 auto、always、never）")
    sha = hashlib.sha256(data).hexdigest()
    kind = sniff(data, name)
    if kind == "pdf":
        from parsers import pdf

        filing = pdf.read(data, name, ocr=ocr, progress=progress)
    elif kind == "docx":
        from parsers import docx

        filing = docx.read(data, name, progress=progress)
    elif kind == "xlsx":
        from parsers import xlsx

        filing = xlsx.read(data, name, progress=progress)
    else:
        from parsers import upstream_text

        filing = upstream_text.read(data, name, progress=progress)
    filing.source = name
    filing.sha256 = sha
    return filing
