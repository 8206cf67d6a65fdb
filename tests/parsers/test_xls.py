"""parsers/xls.py: an old-format workbook (Excel 97–2003, WPS's default) reads as its
XLSX twin does. The fixtures are made by tests/fixtures/xls/make.py with LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.importing import import_bytes
from model.library import list_documents
from parsers import xls, xlsx
from parsers.extraction import InputError
from parsers.formats import OLE_MAGIC, read_filing, sniff

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "xls"
XLS = (FIXTURES / "budget.xls").read_bytes()
TWIN = (FIXTURES / "budget.xlsx").read_bytes()
FORMULA = "s1/r6/c4"  # =SUM(D7:D8): the .xls keeps the value LibreOffice computed


def test_every_sheet_displays_as_its_xlsx_twin() -> None:
    old, new = xls.source_view(XLS, "b.xls"), xlsx.source_view(TWIN, "b.xlsx")
    assert [(s.title, s.hidden, s.skipped) for s in old] == [
        (s.title, s.hidden, s.skipped) for s in new
    ]
    assert [s.title for s in old] == ["支出总表", "表2 一般公共预算支出表", "草稿"]
    assert [s.hidden for s in old] == [False, False, True]
    for a, b in zip(old, new, strict=True):
        assert [c for c in a.cells if c.anchor != FORMULA] == [
            c for c in b.cells if c.anchor != FORMULA
        ]
    title = old[0].cells[0]
    assert (title.text, title.bold, title.alignment, title.colspan) == (
        "部门预算支出总表",
        True,
        "center",
        5,
    )


def test_displayed_numbers_percent_and_dates() -> None:
    first, tab, _ = xls.source_view(XLS, "b.xls")
    text = {c.anchor: c.text for s in (first, tab) for c in s.cells}
    assert text[FORMULA] == "29068.81"
    assert text["s1/r8/c4"] == "28103.50"  # #,##0.00 without the separator
    assert text["s2/r2/c3"] == "965.31"
    assert text["s2/r2/c4"] == "12.5%"
    assert text["s2/r2/c5"] == "2022-12-31"


def test_read_gives_the_tables_with_kinds_year_and_tab_titles() -> None:
    filing = read_filing(XLS, "昌黎县人社局2023年部门预算.xls")
    assert [(t.title, t.kind) for t in filing.tables] == [
        ("部门预算支出总表", "expenditure_summary"),
        ("表2 一般公共预算支出表", "gpb_expenditure"),
    ]
    assert filing.tables[0].rows()[3] == ["1", "", "合计", "29068.81", "2078.30"]
    assert filing.year == 2023


def test_an_xls_is_known_by_its_bytes_whatever_its_name() -> None:
    assert sniff(XLS, "budget.xls") == "xls"
    assert sniff(XLS, "renamed.xlsx") == "xls"
    assert sniff(XLS, "noname") == "xls"


@pytest.mark.parametrize(
    ("stream", "words"),
    [("EncryptionInfo", "已加密"), ("WordDocument", "另存为 DOCX"), ("Other", "不支持")],
)
def test_other_ole_files_are_refused_with_what_to_do(stream: str, words: str) -> None:
    data = OLE_MAGIC + bytes(500) + stream.encode("utf-16-le") + bytes(100)
    with pytest.raises(InputError) as err:
        sniff(data, "filing.doc")
    assert words in str(err.value) and "\n" not in str(err.value)


def test_a_damaged_xls_is_one_line_and_nothing_is_stored(db) -> None:  # noqa: ANN001
    before = import_bytes(db, TWIN, "b.xlsx").document_id
    for damaged in (XLS[: len(XLS) // 2], XLS[:600] + bytes(len(XLS) - 600)):
        with pytest.raises(InputError) as err:
            import_bytes(db, damaged, "broken.xls")
        assert "\n" not in str(err.value) and "broken.xls" in str(err.value)
    assert [d.id for d in list_documents(db)] == [before]
