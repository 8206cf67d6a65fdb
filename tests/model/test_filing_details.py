"""Filing details (department, year, unit) corrected by the clerk and audited, and the
clerk's choices about the whole filing kept in the same trail."""

from __future__ import annotations

import pytest

from model import filing_details as fd
from model.library import load_filing
from parsers.extraction import InputError
from tests.gui.filing_builder import store_small_filing


@pytest.fixture
def doc_id(db) -> int:
    return store_small_filing(db)


def test_details_corrected_are_stored_with_their_old_values(db, doc_id: int) -> None:
    fd.set_details(db, doc_id, fd.FilingDetails("323", "某局", 2023), reviewer="李")
    new = fd.FilingDetails(" 323001 ", "某局", 2024, "元")
    changes = fd.set_details(db, doc_id, new, reviewer="王会计")
    assert changes.documents
    assert fd.load_details(db, doc_id) == fd.FilingDetails("323001", "某局", 2024, "元")
    filing = load_filing(db, doc_id)
    assert (filing.department_code, filing.year) == ("323001", 2024)
    second = [e for e in fd.document_edits(db, doc_id) if e.reviewer == "王会计"]
    assert [(e.field, e.old_value, e.new_value) for e in second] == [
        ("department_code", "323", "323001"),
        ("year", "2023", "2024"),
        ("unit", "万元", "元"),
    ]


def test_unchanged_details_leave_no_trail(db, doc_id: int) -> None:
    fd.set_details(db, doc_id, fd.load_details(db, doc_id), reviewer="王")
    assert fd.document_edits(db, doc_id) == []


@pytest.mark.parametrize(
    "bad",
    [
        fd.FilingDetails("12-34", "某局", 2024),
        fd.FilingDetails("1234", "某局", 1850),
        fd.FilingDetails("1234", "某局", 2024, "千元"),
        fd.FilingDetails("1234", "局" * 201, 2024),
    ],
)
def test_bad_details_are_refused_and_nothing_is_saved(db, doc_id: int, bad) -> None:
    before = fd.load_details(db, doc_id)
    with pytest.raises(InputError):
        fd.set_details(db, doc_id, bad, reviewer="王")
    assert fd.load_details(db, doc_id) == before
    assert fd.document_edits(db, doc_id) == []


def test_a_choice_to_go_on_with_open_errors_is_recorded(db, doc_id: int) -> None:
    fd.record_choice(db, doc_id, "exported_with_open_errors", "王", "2 个错误，已电话核实")
    [edit] = fd.document_edits(db, doc_id)
    assert (edit.field, edit.new_value, edit.reviewer) == (
        "exported_with_open_errors",
        "2 个错误，已电话核实",
        "王",
    )
    with pytest.raises(ValueError):
        fd.record_choice(db, doc_id, "anything", "王", "")


def test_the_audit_sheet_lists_detail_changes_and_choices(db, doc_id: int, tmp_path) -> None:
    import openpyxl

    from model.export import export_workbook

    fd.set_details(db, doc_id, fd.FilingDetails("323", "某局", 2023), reviewer="李")
    fd.record_choice(db, doc_id, "exported_with_open_errors", "王", "已电话核实")
    path = export_workbook(db, doc_id, tmp_path / "out.xlsx")
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(path)["审核记录"].iter_rows()]
    assert any(r[1] == "部门名称" and r[3:5] == ["某局", "李"] for r in rows)
    assert any(r[1:5] == ["有未处理的错误时导出", None, "已电话核实", "王"] for r in rows)
    cover = openpyxl.load_workbook(path)["封面"]
    assert "王" in str([c.value for r in cover.iter_rows() for c in r])
