"""Titles of tables as the PDF reader gives them (issue 15): a table outside the
catalog keeps its printed title; a caption label on the title's line goes to the
captions; a contents list on the page before never titles a table."""

from __future__ import annotations

import pymupdf

from parsers import pdf
from parsers.tables.classify import looks_like_table_title, split_trailing_caption
from tests.parsers.test_pdf import TableSpec, draw_table, text_line

ROWS = {(0, 0): "序号", (0, 1): "单位名称", (1, 0): "1", (1, 1): "某某局机关"}


def _one_table(lines: list[tuple[float, float, str]], prior: list[str] | None = None) -> bytes:
    doc = pymupdf.open()
    if prior:
        page = doc.new_page(width=595, height=842)
        for i, text in enumerate(prior):
            text_line(page, 60, 700 + 18 * i, text)
    page = doc.new_page(width=595, height=842)
    for x, y, text in lines:
        text_line(page, x, y, text, size=14 if y < 60 else 10.5)
    draw_table(page, 60, 100, TableSpec([60.0, 200.0], 2, dict(ROWS)))
    return doc.tobytes()


def test_table_outside_the_catalog_keeps_its_printed_title() -> None:
    (t,) = pdf.read(_one_table([(200, 50, "部门预算单位构成表")]), "x.pdf").tables
    assert (t.title, t.kind) == ("部门预算单位构成表", None)


def test_caption_label_glued_to_the_title_goes_to_the_captions() -> None:
    # the caption printed on the title's line: one layout line "…预算表 部门：某某局"
    lines = [(150, 50, "一般公共预算支出预算表"), (330, 50, "部门：某某局")]
    (t,) = pdf.read(_one_table(lines), "x.pdf").tables
    assert (t.title, t.kind) == ("一般公共预算支出预算表", "gpb_expenditure")
    assert t.caption_lines == ["部门：某某局"]
    assert split_trailing_caption("单位：万元") == ("单位：万元", "")


def test_contents_on_the_page_before_is_not_the_title() -> None:
    data = _one_table([(200, 50, "收支预算总表")], prior=["十一、“三公”经费支出预算表"])
    (t,) = pdf.read(data, "x.pdf").tables
    assert (t.title, t.kind) == ("收支预算总表", "revenue_expenditure_summary")


def test_generic_title_is_short_and_not_a_sentence() -> None:
    assert looks_like_table_title("附表3 部门预算单位构成表（续表）")
    assert not looks_like_table_title("续表")
    assert not looks_like_table_title("详见下表，单位构成如下表")
    assert not looks_like_table_title("注：本表反映单位构成")


def test_title_wrapped_over_two_loosely_spaced_lines() -> None:
    # js_procur_2018 p19: 公开09 表：一般公共预算“三公”经费、会议费、培训费 / 支出预算表,
    # 16 pt lines 28 pt apart; the second line alone would read as a 支出表
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    text_line(page, 60, 40, "公开09表：一般公共预算“三公”经费、会议费、培训费", size=16)
    text_line(page, 60, 72, "支出预算表", size=16)
    draw_table(page, 60, 100, TableSpec([60.0, 200.0], 2, dict(ROWS)))
    (t,) = pdf.read(doc.tobytes(), "x.pdf").tables
    assert t.kind == "three_public_expenditure"
    assert t.title.endswith("培训费支出预算表")


def test_untitled_table_is_named_by_the_section_it_is_printed_under() -> None:
    """gbc_socialwork_2024 p4: the list of units, printed with no title of its own under
    the heading 二、部门决算单位构成 and a line introducing it; the table list shows
    "部门决算单位构成", not （无标题表格）, and no kind is read from a heading."""
    lines = [
        (60, 62, "二、部门决算单位构成"),
        (60, 80, "纳入本部门决算编制范围的单位包括："),
    ]
    (t,) = pdf.read(_one_table(lines), "x.pdf").tables
    assert (t.title, t.kind) == ("部门决算单位构成", None)
    (t,) = pdf.read(_one_table([(60, 80, "纳入本部门决算编制范围的单位包括：")]), "y.pdf").tables
    assert t.title == ""  # no heading: still untitled
