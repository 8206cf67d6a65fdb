"""`-o` of extract and export, and the one-line errors of the command line: an output is
written through a symbolic link, never onto a device, a FIFO or a folder, with ordinary
permissions; it is checked before anything is imported; a trailing separator means a
folder; every error is one Chinese line (no English system text); a cell cut to Excel's
limit is reported.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from pathlib import Path

import openpyxl
import pytest

import main
from model import messages
from model.database import open_database
from model.export.sheet_style import EXCEL_CELL_LIMIT
from model.importing import store_filing
from parsers.extraction import ExtractedCell, ExtractedFiling, ExtractedTable
from tests.test_bad_input import assert_one_chinese_line, make_library, run_cli, snapshot

ENGLISH_WORDS = re.compile(r"[A-Za-z]+ [A-Za-z]+")  # "Is a directory", "unable to"


@pytest.fixture
def library(db_url: str) -> str:
    return make_library(db_url)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A filing not yet in the library, to show nothing is imported when -o is refused."""
    path = tmp_path / "new-filing.md"
    path.write_text("# 部门预算收入总表\n\n| 项目 | 合计 |\n|---|---|\n| 一般公共预算 | 10.00 |\n")
    return path


@pytest.fixture
def umask_022() -> object:
    old = os.umask(0o022)
    yield
    os.umask(old)


def assert_no_english(line: str) -> None:
    assert not ENGLISH_WORDS.search(line), line


# --- 1. through a symbolic link; never a device, FIFO or folder; ordinary permissions -----


@pytest.mark.parametrize("command", ["extract", "export"])
def test_output_is_written_through_a_symlink(
    command: str, library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real" / ("out.json" if command == "extract" else "out.xlsx")
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / ("link.json" if command == "extract" else "link.xlsx")
    link.symlink_to(real)
    code, err = run_cli(library, command, "1", "-o", str(link), capsys=capsys)
    assert code == main.EXIT_OK, err
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_bytes() != b"old"
    assert sorted(p.name for p in real.parent.iterdir()) == [real.name]  # no temporary left


def test_dangling_symlink_creates_its_target(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "target.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    code, err = run_cli(library, "extract", "1", "-o", str(link), capsys=capsys)
    assert code == main.EXIT_OK, err
    assert link.is_symlink() and json.loads(real.read_text("utf-8"))["tables"]


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    return path


def _device(_: Path) -> Path:
    return Path(os.devnull)


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "folder.json"
    path.mkdir()
    return path


def _link_to_device(tmp_path: Path) -> Path:
    path = tmp_path / "null.json"
    path.symlink_to(os.devnull)
    return path


@pytest.mark.parametrize("make", [_device, _fifo, _folder, _link_to_device])
def test_extract_refuses_what_is_not_a_regular_file(
    make, library: str, source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # noqa: ANN001
    out = make(tmp_path)
    kind = stat.S_IFMT(os.stat(out).st_mode)
    before = snapshot(library)
    code, err = run_cli(library, "extract", str(source), "-o", str(out), capsys=capsys)
    assert_one_chinese_line(code, err)
    assert stat.S_IFMT(os.stat(out).st_mode) == kind
    assert snapshot(library) == before  # refused before the import


def test_export_refuses_a_device(library: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run_cli(library, "export", "1", "-o", os.devnull, capsys=capsys)
    assert_one_chinese_line(code, err)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize("command", ["extract", "export"])
def test_new_output_gets_the_umask_default(
    command: str, library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / ("out.json" if command == "extract" else "out.xlsx")
    code, err = run_cli(library, command, "1", "-o", str(out), capsys=capsys)
    assert code == main.EXIT_OK, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize("command", ["extract", "export"])
def test_existing_output_keeps_its_mode(
    command: str, library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / ("out.json" if command == "extract" else "out.xlsx")
    out.write_bytes(b"old")
    out.chmod(0o640)
    code, err = run_cli(library, command, "1", "-o", str(out), capsys=capsys)
    assert code == main.EXIT_OK, err
    assert out.read_bytes() != b"old"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


# --- 2. checked before the import; the message names the path given -----------------------


@pytest.mark.parametrize("command", ["extract", "export"])
def test_unwritable_output_is_refused_before_importing(
    command: str, library: str, source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "out.file"
    before = snapshot(library)
    code, err = run_cli(library, command, str(source), "-o", str(out), capsys=capsys)
    assert_one_chinese_line(code, err)
    assert str(out.parent) in err[0] and ".~" not in err[0]
    assert snapshot(library) == before


@pytest.mark.parametrize("command", ["extract", "export"])
def test_read_only_output_folder_is_refused_before_importing(
    command: str,
    library: str,
    source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    real_access = os.access
    # As root a 0555 folder is writable, so the refusal the OS would give is simulated.
    monkeypatch.setattr(
        os, "access", lambda p, m: False if Path(p) == folder else real_access(p, m)
    )
    before = snapshot(library)
    out = folder / "out.file"
    code, err = run_cli(library, command, str(source), "-o", str(out), capsys=capsys)
    assert_one_chinese_line(code, err)
    assert str(out) in err[0] and "权限" in err[0]
    assert snapshot(library) == before
    assert list(folder.iterdir()) == []


# --- 3. a trailing separator or an existing folder means a folder -------------------------


def test_export_to_a_missing_folder_with_a_separator(
    library: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = run_cli(library, "export", "1", "-o", "nodir" + os.sep, capsys=capsys)
    assert_one_chinese_line(code, err)
    assert "文件夹不存在" in err[0]
    assert not (tmp_path / "nodir").exists()


@pytest.mark.parametrize("slash", [True, False], ids=["with-separator", "without"])
def test_export_into_an_existing_folder_uses_the_default_name(
    slash: bool, library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    given = str(folder) + (os.sep if slash else "")
    code, err = run_cli(library, "export", "1", "-o", given, capsys=capsys)
    assert code == main.EXIT_OK, err
    (written,) = folder.iterdir()
    assert written.suffix == ".xlsx" and written.name.endswith("部门预算公开表.xlsx")


def test_extract_to_a_folder_is_refused(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run_cli(library, "extract", "1", "-o", str(tmp_path) + os.sep, capsys=capsys)
    assert_one_chinese_line(code, err)


# --- 4. one Chinese line, no English system text -------------------------------------------


@pytest.mark.parametrize("number", sorted(messages.OS_ERROR_REASONS))
def test_os_errors_are_told_in_chinese(number: int) -> None:
    line = messages.os_error_line(OSError(number, os.strerror(number), "/x/预算.pdf"))
    assert re.search(r"[\u4e00-\u9fff]", line) and "/x/预算.pdf" in line
    assert os.strerror(number) not in line


def test_input_that_is_a_folder(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "filing.pdf"
    folder.mkdir()
    code, err = run_cli(library, "extract", str(folder), capsys=capsys)
    assert_one_chinese_line(code, err)
    assert_no_english(err[0])


def test_symlink_loop_as_output(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    code, err = run_cli(library, "extract", "1", "-o", str(a), capsys=capsys)
    assert_one_chinese_line(code, err)
    assert "符号链接循环" in err[0]


def test_write_error_names_the_given_path(
    library: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def denied(*_a: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "/tmp/.~hidden.tmp")

    monkeypatch.setattr(os, "replace", denied)
    out = tmp_path / "out.json"
    code, err = run_cli(library, "extract", "1", "-o", str(out), capsys=capsys)
    assert_one_chinese_line(code, err)
    assert "没有权限" in err[0] and str(out) in err[0] and ".~" not in err[0]
    assert_no_english(err[0])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("foo://bar", "不支持的数据库地址"),
        ("postgresql+psycopg://clerk:secret@127.0.0.1:1/library", "无法打开数据库"),
    ],
)
def test_database_errors_in_chinese(
    url: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run_cli(url, "list", capsys=capsys)
    assert_one_chinese_line(code, err)
    assert expected in err[0] and "psycopg" not in err[0].split("：", 1)[0]
    assert "secret" not in err[0]
    assert_no_english(err[0])


def test_sqlite_file_that_cannot_be_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "library.sqlite3").mkdir()
    code, err = run_cli(f"sqlite:///{tmp_path / 'library.sqlite3'}", "list", capsys=capsys)
    assert_one_chinese_line(code, err)
    assert "无法打开数据库" in err[0]
    assert_no_english(err[0])


@pytest.mark.parametrize(
    "argv",
    [
        ["extract"],
        ["extract", "x.pdf", "--ocr", "bogus"],
        ["nosuchcommand"],
        ["list", "--nosuchoption"],
        ["export", "1", "-o"],
    ],
)
def test_argument_errors_in_chinese(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main.main(argv)
    err = capsys.readouterr().err.splitlines()
    assert_one_chinese_line(exit_.value.code, err)
    assert "usage" not in err[0] and "error:" not in err[0]


def test_help_is_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main.main(["--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("usage: budget-review")


# --- 5. a folder without filings ------------------------------------------------------------


def test_check_of_an_empty_folder(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "notes.doc").write_text("not a filing")
    code, err = run_cli(library, "check", str(folder), capsys=capsys)
    assert_one_chinese_line(code, err)
    assert "文件夹中没有可检查的文件" in err[0] and str(folder) in err[0]


# --- 6. a cell cut to Excel's limit is reported ---------------------------------------------


def test_cell_cut_to_excel_limit_is_reported(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_text = "说明" * 20_000  # 40,000 characters
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
            ExtractedCell(1, 0, long_text),
            ExtractedCell(1, 1, "1.00"),
        ],
    )
    db = open_database(db_url)
    with db.Session.begin() as session:
        session.add(
            store_filing(
                ExtractedFiling(source="long.txt", sha256="34" * 32, pages=1, blocks=[table]),
                b"long",
                "txt",
            )
        )
    db.dispose()
    out = tmp_path / "out.xlsx"
    capsys.readouterr()
    code = main.main(["--db", db_url, "export", "1", "-o", str(out)])
    captured = capsys.readouterr()
    assert code == main.EXIT_OK, captured.err
    warning = captured.err.splitlines()
    assert len(warning) == 1 and "截断" in warning[0] and str(EXCEL_CELL_LIMIT) in warning[0]
    book = openpyxl.load_workbook(out)
    cut = [
        (ws.title, c.coordinate)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("说明说明")
    ]
    assert cut and all(len(book[s][c].value) == EXCEL_CELL_LIMIT for s, c in cut)
    audit = [
        c.value for row in book["审核记录"].iter_rows() for c in row if isinstance(c.value, str)
    ]
    assert any("截断" in v for v in audit)
    assert any(f"{s}!{c}" in v and "40000" in v for s, c in cut for v in audit)
