"""Refuse a DOCX/XLSX zip before any XML is parsed: not a zip, or a zip bomb.

A DOCX or XLSX is a zip of XML; python-docx and openpyxl inflate members in
memory, so a 50 KB file that unpacks to 10 GB would hang a 2-core office PC.
`open_zip` reads only the central directory (`ZipFile.infolist()`), which
states every member's sizes, and refuses before anything is inflated.
Pure; imports nothing of model, gui, PySide6 or sqlalchemy.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from parsers.extraction import InputError


@dataclass(frozen=True)
class ZipLimits:
    """What an honest filing never exceeds (seed filings unpack to < 5 MB)."""

    max_total: int = 200 * 1024 * 1024  # bytes, sum of uncompressed member sizes
    max_ratio: float = 100.0  # uncompressed / compressed, whole archive and per member
    ratio_floor: int = 10 * 1024 * 1024  # ratios only matter above this many bytes
    max_members: int = 10_000


LIMITS = ZipLimits()

# The part without which the package is no Word document or workbook at all.
_MAIN_PART = {"DOCX": "word/document.xml", "XLSX": "xl/workbook.xml"}


def open_zip(data: bytes, name: str, kind: str, limits: ZipLimits = LIMITS) -> zipfile.ZipFile:
    """The archive, once its directory shows it is safe to inflate.

    `kind` is "DOCX" or "XLSX", used only in the message. Raises InputError (one
    Chinese line) for a file that is no zip, is damaged, or would unpack to more
    than `limits.max_total` bytes or at a ratio above `limits.max_ratio`.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise InputError(f"不是有效的 {kind} 文件（不是 zip 压缩包或已损坏）：{name}") from exc
    if len(infos) > limits.max_members:
        raise InputError(f"{kind} 文件内含 {len(infos)} 个部件，超过上限，拒绝读取：{name}")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > limits.max_total:
        raise InputError(
            f"{kind} 文件解压后达 {total // 2**20} MB，超过上限 "
            f"{limits.max_total // 2**20} MB（疑似压缩炸弹），拒绝读取：{name}"
        )
    worst = max(
        (i for i in infos if i.file_size > limits.ratio_floor),
        key=lambda i: i.file_size / max(i.compress_size, 1),
        default=None,
    )
    ratios = [total / packed if total > limits.ratio_floor else 0.0]
    if worst is not None:
        ratios.append(worst.file_size / max(worst.compress_size, 1))
    if max(ratios) > limits.max_ratio:
        raise InputError(
            f"{kind} 文件压缩比异常（{max(ratios):.0f}:1，疑似压缩炸弹），拒绝读取：{name}"
        )
    main = _MAIN_PART.get(kind.upper())
    if main and main not in archive.namelist():
        raise InputError(f"不是有效的 {kind} 文件（缺少 {main}）：{name}")
    return archive
