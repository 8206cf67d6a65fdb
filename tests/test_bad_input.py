"""Bad input, every kind, through the command line: exit 2, exactly one line on stderr in
Chinese, and the library (a stored filing with one clerk's edit) unchanged afterwards.

The hostile files are made here with PyMuPDF and zipfile, so nothing large is committed.
"""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest
from sqlalchemy import text

import main
from model.database import open_database
from model.importing import store_filing
from model.review import set_cell_text
from parsers.extraction import ExtractedCell, ExtractedFiling, ExtractedTable
from parsers.formats import OLE_MAGIC

ROOT = Path(__file__).resolve().parents[1]
FUZZ = ROOT / "tests" / "fixtures" / "fuzz"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


# --- the library that must survive ---------------------------------------------------------


@pytest.fixture
def library(db_url: str) -> str:
    return make_library(db_url)


def make_library(db_url: str) -> str:
    """A library holding one filing whose amount cell a clerk corrected to a formula-like
    text (kept as text everywhere: never evaluated, never exported as a formula)."""
    table = ExtractedTable(
        title="部门预算收入总表",
        kind="revenue_summary",
        part=None,
        n_rows=2,
        n_cols=2,
        header_rows=1,
        cells=[
            ExtractedCell(0, 0, "项目"),
            ExtractedCell(0, 1, "合计"),
            ExtractedCell(1, 0, "一般公共预算"),
            ExtractedCell(1, 1, "2747.15"),
        ],
    )
    filing = ExtractedFiling(source="kept.txt", sha256="12" * 32, pages=1, blocks=[table])
    db = open_database(db_url)
    with db.Session.begin() as session:
        doc = store_filing(filing, b"kept", "txt")
        session.add(doc)
        session.flush()
        cell_id = doc.tables[0].cells[-1].id
    set_cell_text(db, cell_id, "=SUM(A1:A9)", expected="2747.15", reviewer="clerk")
    db.dispose()
    return db_url


def snapshot(url: str) -> list[str]:
    """Every row of every table, as SQL text (WAL content included)."""
    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def run_cli(url: str, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main.main(["--db", url, *args])
    return code, capsys.readouterr().err.splitlines()


def assert_one_chinese_line(code: int, err: list[str]) -> None:
    assert code == main.EXIT_BAD_INPUT, err
    assert len(err) == 1, err
    assert CHINESE.search(err[0]), err


# --- hostile files -------------------------------------------------------------------------


def pdf_truncated(_: Path) -> bytes:
    data = (FUZZ / "table-2pages.pdf").read_bytes()
    return data[: len(data) // 2]


def pdf_encrypted(_: Path) -> bytes:
    doc = pymupdf.open(FUZZ / "table-2pages.pdf")
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="mima", owner_pw="mima")


def pdf_too_many_pages(_: Path) -> bytes:
    doc = pymupdf.open()
    for _ in range(2001):
        doc.new_page(width=100, height=100)
    return doc.tobytes()


def pdf_huge_page(_: Path) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    doc.xref_set_key(page.xref, "MediaBox", "[0 0 900000 900000]")
    return doc.tobytes()


def pdf_huge_image(_: Path) -> bytes:
    """A 2x2 image whose dictionary claims 60000 x 60000 pixels (3.6 G pixels)."""
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 2, 2), False)
    xref = page.insert_image(page.rect, pixmap=pix)
    doc.xref_set_key(xref, "Width", "60000")
    doc.xref_set_key(xref, "Height", "60000")
    return doc.tobytes()


def pdf_drawing_bomb(_: Path) -> bytes:
    """One page whose 100 KB content stream inflates to 48 MB of drawing operators."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_line((0, 0), (1, 1))
    ops = b"0 0 m 1 1 l S\n" * (48 * 2**20 // 14)
    xref = page.get_contents()[0]
    doc.update_stream(xref, zlib.compress(ops, 9), compress=False)
    doc.xref_set_key(xref, "Filter", "/FlateDecode")
    return doc.tobytes()


def zip_bomb(member: str) -> Callable[[Path], bytes]:
    def make(_: Path) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr(member, b"<" + b" " * (24 * 2**20) + b"/>")
        return out.getvalue()

    return make


def pdf_blank(pages: int, size: float = 595) -> Callable[[Path], bytes]:
    """Pages with nothing on them: nothing readable, so nothing to store."""

    def make(_: Path) -> bytes:
        doc = pymupdf.open()
        for _ in range(pages):
            doc.new_page(width=size, height=size)
        return doc.tobytes()

    return make


def office_encrypted(_: Path) -> bytes:
    """What Office writes for a password-protected DOCX: an OLE2 compound file whose
    directory names an EncryptionInfo stream."""
    return OLE_MAGIC + b"\x00" * 4096 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64


def ole_unknown(_: Path) -> bytes:
    """An OLE2 file with none of the streams a workbook or document has."""
    return OLE_MAGIC + b"\x00" * 4096


def xls_truncated(_: Path) -> bytes:
    data = (Path(__file__).parent / "fixtures" / "xls" / "budget.xls").read_bytes()
    return data[: len(data) // 2]


BAD_FILES: dict[str, tuple[str, Callable[[Path], bytes]]] = {
    "truncated-pdf": ("filing.pdf", pdf_truncated),
    "encrypted-pdf": ("filing.pdf", pdf_encrypted),
    "pdf-2001-pages": ("filing.pdf", pdf_too_many_pages),
    "pdf-huge-page": ("filing.pdf", pdf_huge_page),
    "pdf-huge-image": ("filing.pdf", pdf_huge_image),
    "pdf-drawing-bomb": ("filing.pdf", pdf_drawing_bomb),
    "pdf-blank-huge-page": ("filing.pdf", pdf_blank(1, 14400)),
    "pdf-2000-blank-pages": ("filing.pdf", pdf_blank(2000)),
    "docx-not-zip": ("filing.docx", lambda _: "这不是压缩包".encode()),
    "docx-encrypted": ("filing.docx", office_encrypted),
    "xlsx-encrypted": ("filing.xlsx", office_encrypted),
    "ole-unknown": ("filing.xls", ole_unknown),
    "xls-truncated": ("filing.xls", xls_truncated),
    "docx-zip-bomb": ("filing.docx", zip_bomb("word/document.xml")),
    "xlsx-zip-bomb": ("filing.xlsx", zip_bomb("xl/worksheets/sheet1.xml")),
    "odd-name": ("预算 '最终' \"版\" $(rm) 😀\n第二行\t.pdf", lambda _: b"not a pdf"),
    "empty-file": ("filing.pdf", lambda _: b""),
    "binary-as-text": ("filing.txt", lambda _: bytes(range(256)) * 64),
    "unknown-type": ("filing.exe", lambda _: b"MZ\x90\x00"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_gets_one_line_and_changes_nothing(
    case: str, library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, make = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    before = snapshot(library)
    code, err = run_cli(library, "extract", str(path), "--ocr", "never", capsys=capsys)
    assert_one_chinese_line(code, err)
    assert snapshot(library) == before


def test_two_gigabyte_file_is_refused_unread(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as f:
        f.write(b"%PDF-1.7\n")
        f.truncate(2 * 2**30)  # sparse: no disk used
    before = snapshot(library)
    code, err = run_cli(library, "extract", str(path), capsys=capsys)
    assert_one_chinese_line(code, err)
    assert "过大" in err[0]
    assert snapshot(library) == before


def test_missing_file_gets_one_line(library: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run_cli(library, "extract", "/nonexistent/预算.pdf", capsys=capsys)
    assert_one_chinese_line(code, err)


def test_text_without_a_table_is_imported_and_said_so(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "A letter, no table in it.")
    path = tmp_path / "letter.pdf"
    path.write_bytes(doc.tobytes())
    code, err = run_cli(library, "extract", str(path), "--ocr", "never", capsys=capsys)
    assert code == main.EXIT_OK
    assert len(err) == 1 and "没有找到预算表格" in err[0]
    capsys.readouterr()
    assert main.main(["--db", library, "check", str(path)]) == main.EXIT_OK
    said = [line for line in capsys.readouterr().out.splitlines() if "没有找到预算表格" in line]
    assert len(said) == 1


# --- formula-like text ---------------------------------------------------------------------


def test_formula_like_text_stays_text(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    out = tmp_path / "out.json"
    code, err = run_cli(library, "extract", "1", "-o", str(out), capsys=capsys)
    assert code == main.EXIT_OK, err
    rows = json.loads(out.read_text("utf-8"))["tables"][0]["rows"]
    assert rows[1][1] == "=SUM(A1:A9)"


def test_formula_like_text_is_exported_as_a_string(library: str, tmp_path: Path) -> None:
    import openpyxl

    from model.export.workbook import export_workbook

    db = open_database(library)
    try:
        path = export_workbook(db, 1, tmp_path / "out.xlsx")
    finally:
        db.dispose()
    book = openpyxl.load_workbook(path)
    formulas = [
        (ws.title, c.coordinate)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert not formulas
    found = [
        c.value
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and "SUM(A1:A9)" in c.value
    ]
    assert found, "the clerk's text is missing from the workbook"


# --- full disk -----------------------------------------------------------------------------


def test_full_disk_during_extract_leaves_no_file(
    library: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    before = snapshot(library)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, err = run_cli(library, "extract", "1", "-o", str(out_dir / "x.json"), capsys=capsys)
    assert_one_chinese_line(code, err)
    assert "磁盘空间不足" in err[0] and "x.json" in err[0] and ".~" not in err[0]
    assert list(out_dir.iterdir()) == []  # neither the file nor a temporary one
    monkeypatch.undo()
    assert snapshot(library) == before


def test_full_disk_during_export_leaves_no_file(
    library: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    before = snapshot(library)
    code, err = run_cli(library, "export", "1", "-o", str(out_dir / "x.xlsx"), capsys=capsys)
    assert_one_chinese_line(code, err)
    assert list(out_dir.iterdir()) == []
    monkeypatch.undo()
    assert snapshot(library) == before


# --- the database itself -------------------------------------------------------------------


def test_database_from_a_newer_schema_is_left_alone(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(library)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    before = snapshot(library)
    code, err = run_cli(library, "list", capsys=capsys)
    assert_one_chinese_line(code, err)
    assert "更新版本" in err[0]
    assert snapshot(library) == before


def test_file_that_is_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "library.sqlite3"
    path.write_bytes("这不是数据库".encode() * 400)
    before = path.read_bytes()
    code, err = run_cli(f"sqlite:///{path}", "list", capsys=capsys)
    assert_one_chinese_line(code, err)
    assert path.read_bytes() == before


def _without_root_powers() -> list[str]:
    """Run the child so file permissions bind it: as root, drop the capabilities that
    bypass them (root ignores a read-only folder otherwise)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip(
            "running as root without util-linux setpriv: cannot make a folder "
            "read-only for this process"
        )
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner"]


@pytest.mark.parametrize("existing", [False, True], ids=["new-library", "existing-library"])
def test_read_only_data_folder(library: str, tmp_path: Path, existing: bool) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    if existing:
        shutil.copy(library.removeprefix("sqlite:///"), folder / "library.sqlite3")
        before = snapshot(f"sqlite:///{folder / 'library.sqlite3'}")
    folder.chmod(0o555)
    try:
        child = subprocess.run(
            [
                *_without_root_powers(),
                sys.executable,
                str(ROOT / "main.py"),
                "--db",
                f"sqlite:///{folder / 'library.sqlite3'}",
                "list",
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    finally:
        folder.chmod(0o755)
    assert_one_chinese_line(child.returncode, child.stderr.splitlines())
    assert "只读" in child.stderr
    if existing:
        assert snapshot(f"sqlite:///{folder / 'library.sqlite3'}") == before
    else:
        assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+nosuchdriver://clerk@127.0.0.1/library",
        "postgresql+psycopg://clerk@127.0.0.1:1/library",  # nothing listens on port 1
        "not a url at all",
    ],
    ids=["driver-missing", "server-down", "garbage-url"],
)
def test_unreachable_database_gets_one_line(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run_cli(url, "list", capsys=capsys)
    assert_one_chinese_line(code, err)


def test_default_data_folder_that_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import platformdirs

    blocker = tmp_path / "profile"
    blocker.write_text("a file where the data folder should go")
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(blocker / "BRD"))
    capsys.readouterr()
    code = main.main(["list"])
    assert_one_chinese_line(code, capsys.readouterr().err.splitlines())
