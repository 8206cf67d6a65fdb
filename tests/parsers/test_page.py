"""parsers/tables/page.py: what on a page is not a table although it reads as a grid
(issue "Every real filing read right": charts, legends and paragraphs are not tables).
Each page is a tiny PDF drawn here, after the real filing that showed the fault."""

from __future__ import annotations

import pymupdf
import pytest

from parsers import pdf
from tests.parsers.test_pdf import FONT, new_doc, new_page, text_line


def _underline(shape: pymupdf.Shape, x0: float, x1: float, y: float) -> None:
    shape.draw_line((x0, y + 3), (x1, y + 3))


def test_underlined_figures_in_a_paragraph_are_text() -> None:
    """js_procur_2017 p18: figures filled into underlined blanks of a paragraph were
    read as a 2 x 2 grid ('17981.68' | '' / '8.8' | '%') ruled across by the blanks."""
    doc = new_doc()
    page = new_page(doc)
    shape = page.new_shape()
    rows = [  # nine characters each (14 pt), so the blanks line up as in a justified text
        ("一、收入预算总计为", "17996.68", "万元。包括："),
        ("一般公共预算收入为", "17981.68", "万元，与上年相比"),
        ("相比增加较多，增长", "8.8", "。主要是因员额制"),
    ]
    for i, (before, figure, after) in enumerate(rows):
        y = 100 + 27 * i
        text_line(page, 90, y, before, size=14)
        page.insert_text((222, y), figure, fontname="helv", fontsize=14)
        _underline(shape, 218, 282, y)
        if after.startswith("。"):
            page.insert_text((270, y), "%", fontname="helv", fontsize=14)  # typed in the blank
        text_line(page, 286, y, after, size=14)
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    filing = pdf.read(doc.tobytes(), "issue-blanks-in-paragraph.pdf")
    assert filing.tables == []
    text = "".join(p.text for p in filing.paragraphs).replace(" ", "")
    assert "收入为17981.68万元，与上年相比" in text and "增长8.8%。" in text


def test_paragraph_lines_with_wide_gaps_are_text() -> None:
    """js_procur_2018 p24: lines of a paragraph spaced out around figures read as an
    unruled 5 x 3 grid ('（二）支出预算总计' | '21,955.35' | '万元。包括：')."""
    doc = new_doc()
    page = new_page(doc)
    lines = [
        [(90, "（二）支出预算总计"), (250, "21,955.35"), (340, "万元。包括：")],
        [(90, "1．公共安全（类）支出 16,458.75"), (400, "万元，主要用于")],
        [(90, "检察院行政支出及办案业务、检察网络运行维护、检察教育")],
        [(90, "培训费等项目支出。与上年相比增加"), (380, "2,802.41 万元，增")],
        [(90, "长20.52 %。主要原因是员额制检察官工资改革等政策性")],
        [(90, "调整因素，"), (250, "增加了"), (400, "支出。")],
    ]
    for i, parts in enumerate(lines):
        for x, text in parts:
            text_line(page, x, 100 + 27 * i, text, size=14)
    filing = pdf.read(doc.tobytes(), "issue-spaced-paragraph.pdf")
    assert filing.tables == []
    text = "".join(p.text for p in filing.paragraphs).replace(" ", "")
    assert "支出预算总计21,955.35万元。包括：1．公共安全" in text


def test_contents_list_with_dot_leaders_is_text() -> None:
    """gbc_wanli_2024 p2: the contents list (entries with dot leaders to a page
    number) read as an untitled 4 x 2 grid."""
    doc = new_doc()
    page = new_page(doc)
    text_line(page, 270, 60, "目 录", size=16)
    entries = [
        ("1.", "2024年部门财务收支预算总表"),
        ("2.", "2024年部门收入预算总表"),
        ("3.", "2024年部门支出预算总表"),
        ("4.", "2024年部门财政拨款收支预算总表"),
    ]
    for i, (number, title) in enumerate(entries):
        y = 100 + 20 * i
        text_line(page, 60, y, number, size=10.5)
        text_line(page, 100, y, title + " " + "…" * 12, size=10.5)
        text_line(page, 520, y, str(3 + i), size=10.5)
    filing = pdf.read(doc.tobytes(), "issue-contents-leaders.pdf")
    assert filing.tables == []
    assert any("财政拨款收支预算总表" in p.text for p in filing.paragraphs)


@pytest.mark.parametrize("head", [[(270, "目  录")], [(250, "目"), (330, "录")]])
def test_contents_list_without_leaders_is_text(head: list[tuple[float, str]]) -> None:
    """js_zx_2019 p2: a contents list of section headings, no leaders, no page
    numbers, some entries spaced out ("第三部分  2019 年度…"), read as a 20 x 2 grid.
    Changchun spreads 目 and 录 so far apart that they fell into two cells."""
    doc = new_doc()
    page = new_page(doc)
    for x, text in head:
        text_line(page, x, 60, text, size=16)
    entries = [
        [(90, "第一部分  部门概况")],
        [(90, "一、主要职能")],
        [(90, "二、部门机构设置及预算单位构成情况")],
        [(90, "第二部分"), (200, "2019 年度部门预算表")],
        [(90, "一、收支预算总表")],
        [(90, "二、收入预算总表")],
        [(90, "第三部分"), (200, "2019 年度部门预算情况说明")],
        [(90, "第四部分  名词解释")],
    ]
    for i, parts in enumerate(entries):
        for x, text in parts:
            text_line(page, x, 100 + 22 * i, text, size=14)
    filing = pdf.read(doc.tobytes(), "issue-contents-headings.pdf")
    assert filing.tables == []
    assert any("部门预算情况说明" in p.text for p in filing.paragraphs)


def test_chart_legend_is_text() -> None:
    """js_court_2017 p20: a pie chart's legend (a box with a colour key before each
    label) became an untitled 1 x 3 table '基本支出' | '项目支出' | '预留机动经费'."""
    doc = new_doc()
    page = new_page(doc)
    shape = page.new_shape()
    shape.draw_rect(pymupdf.Rect(170, 750, 375, 768))
    shape.finish(color=(0, 0, 0), width=0.5)
    for x, label in ((174, "基本支出"), (234, "项目支出"), (293, "预留机动经费")):
        shape.draw_rect(pymupdf.Rect(x, 755, x + 7, 762))
        shape.finish(color=(0, 0, 0), fill=(0.6, 0.6, 1.0), width=0.5)
        page.insert_text((x + 10, 762), label, fontname=FONT, fontsize=9)
    shape.commit()
    filing = pdf.read(doc.tobytes(), "issue-pie-legend.pdf")
    assert filing.tables == []
    assert "".join(p.text for p in filing.paragraphs) == "基本支出项目支出预留机动经费"


def test_boxed_row_of_labels_with_figures_stays_a_table() -> None:
    """The legend rule reads no figures: a small ruled table keeps its cells."""
    doc = new_doc()
    page = new_page(doc)
    shape = page.new_shape()
    for x0, x1 in ((170, 260), (260, 350)):
        for y0 in (750, 768):
            shape.draw_rect(pymupdf.Rect(x0, y0, x1, y0 + 18))
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    for x, y, text in ((174, 762, "基本支出"), (264, 762, "项目支出"), (174, 780, "10.00")):
        page.insert_text((x, y), text, fontname=FONT, fontsize=9)
    (t,) = pdf.read(doc.tobytes(), "boxed-labels.pdf").tables
    assert t.rows() == [["基本支出", "项目支出"], ["10.00", ""]]
