"""Resource limits: honest filings pass, each limit refuses with one Chinese line.
(The hostile files themselves are exercised end to end in tests/test_bad_input.py.)"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from parsers.extraction import ExtractedCell, ExtractedFiling, ExtractedTable, InputError
from parsers.limits import Limits, check_filing, check_pdf, display_name
from parsers.zipguard import ZipLimits, open_zip

ROOT = Path(__file__).resolve().parents[2]
FUZZ = ROOT / "tests" / "fixtures" / "fuzz"


@pytest.mark.parametrize(
    "path",
    [FUZZ / "table-2pages.pdf", ROOT / "resources" / "sample" / "sample-filing.pdf"],
    ids=lambda p: p.name,
)
def test_honest_pdf_passes(path: Path) -> None:
    check_pdf(path.read_bytes(), path.name)


@pytest.mark.parametrize("name", ["table-small.docx", "table-small.xlsx"])
def test_honest_office_file_passes(name: str) -> None:
    open_zip((FUZZ / name).read_bytes(), name, name[-4:].upper()).close()


def test_page_limit_is_configurable() -> None:
    with pytest.raises(InputError, match="页数过多（2 页），上限为 1 页"):
        check_pdf((FUZZ / "table-2pages.pdf").read_bytes(), "x.pdf", Limits(max_pages=1))


def test_unzipped_total_is_bounded() -> None:
    data = (FUZZ / "table-small.docx").read_bytes()
    with pytest.raises(InputError, match="超过上限"):
        open_zip(data, "x.docx", "DOCX", ZipLimits(max_total=1000))


def test_zip_without_the_main_part_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="缺少 word/document.xml"):
        open_zip(out.getvalue(), "x.docx", "DOCX")


def _filing(n_rows: int, n_cols: int) -> ExtractedFiling:
    table = ExtractedTable(
        title="部门预算支出总表",
        kind=None,
        part=None,
        n_rows=n_rows,
        n_cols=n_cols,
        header_rows=0,
        cells=[ExtractedCell(0, 0, "1")],
    )
    return ExtractedFiling(source="x", sha256="", pages=1, blocks=[table])


def test_table_size_is_bounded_before_rows_allocates_it() -> None:
    check_filing(_filing(500, 20), "ok.docx")
    with pytest.raises(InputError, match="过大（100000 行 × 16384 列）"):
        check_filing(_filing(100_000, 16_384), "big.xlsx")


def test_display_name_keeps_a_message_on_one_line() -> None:
    assert display_name("预算\n第二行\r\t.pdf") == "预算?第二行??.pdf"
    long = display_name("很" * 500 + ".pdf")
    assert len(long) <= 121 and long.endswith(".pdf") and "…" in long
