"""Title forms of other provinces' filings (issue 24, DOMAIN.md "Real filings of other
provinces"), on small PDFs drawn here: 表号 on its own line, the title written after the
table in the content stream, a section heading above the title, the title repeated on
each page a table runs over, a department code printed with a hyphen."""

from __future__ import annotations

import pymupdf
import pytest

from parsers import pdf
from parsers.extraction import ExtractedFiling
from parsers.text_layer import plausible
from tests.parsers.test_pdf import TableSpec, draw_table, text_line

WIDTHS = [70.0, 150.0, 80.0, 80.0, 80.0]
HEAD = {(0, c): t for c, t in enumerate(["科目编码", "科目名称", "合计", "基本支出", "项目支出"])}


def _first_page() -> TableSpec:
    cells: dict = dict(HEAD)
    rows = [
        ("", "合计", "300.00", "200.00", "100.00"),
        ("201", "一般公共服务支出", "300.00", "200.00", "100.00"),
        ("20101", "人大事务", "300.00", "200.00", "100.00"),
        ("2010101", "行政运行", "200.00", "200.00", ""),
        ("2010102", "一般行政管理事务", "100.00", "", "100.00"),
    ]
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            cells[(r, c)] = text
    return TableSpec(WIDTHS, len(rows) + 1, cells)


def _next_page() -> TableSpec:
    cells: dict = dict(HEAD)
    for r in range(1, 5):
        cells.update({(r, 0): f"20102{r:02d}", (r, 1): f"事务{r}", (r, 2): "1.00", (r, 3): "1.00"})
    return TableSpec(WIDTHS, 5, cells)


def _read(doc: pymupdf.Document) -> ExtractedFiling:
    return pdf.read(doc.tobytes(), "forms.pdf")


def _page(doc: pymupdf.Document) -> pymupdf.Page:
    return doc.new_page(width=595, height=842)


def _one_page(lines: list[tuple[float, float, str, float]], grid_first: bool = False) -> bytes:
    """A page with `lines` (x, y, text, size) over the first page of the 支出表; with
    `grid_first` the grid goes into the content stream before the text."""
    doc = pymupdf.open()
    page = _page(doc)
    if grid_first:
        draw_table(page, 60, 100, _first_page())
    for x, y, text, size in lines:
        text_line(page, x, y, text, size=size)
    if not grid_first:
        draw_table(page, 60, 100, _first_page())
    return doc.tobytes()


def test_table_number_on_its_own_line_above_the_title() -> None:
    lines = [
        (280, 40, "表5", 12),
        (180, 62, "一般公共预算支出表", 16),
        (450, 90, "单位：万元", 10.5),
    ]
    (t,) = pdf.read(_one_page(lines), "forms.pdf").tables
    assert (t.title, t.kind) == ("一般公共预算支出表", "gpb_expenditure")


def test_title_written_after_the_table_in_the_content_stream() -> None:
    # an Excel/WPS export draws the grid first
    lines = [(450, 90, "单位：元", 10.5), (180, 62, "2026年一般公共预算支出表", 16)]
    (t,) = pdf.read(_one_page(lines, grid_first=True), "forms.pdf").tables
    assert t.kind == "gpb_expenditure"
    assert t.caption_lines == ["单位：元"]


def test_section_heading_and_title_both_printed() -> None:
    lines = [
        (60, 40, "一、一般公共预算支出表", 14),
        (150, 62, "2026年度一般公共预算支出表", 16),
        (450, 90, "单位：万元", 10.5),
    ]
    filing = pdf.read(_one_page(lines), "forms.pdf")
    (t,) = filing.tables
    assert (t.title, t.kind) == ("2026年度一般公共预算支出表", "gpb_expenditure")
    assert t.caption_lines == ["单位：万元"]
    assert filing.year == 2026
    assert filing.department_code is None  # "2026年度…表" is no code caption


@pytest.mark.parametrize("repeated", ["一般公共预算支出表", "一般公共预算支出表（续）", "续表", ""])
def test_title_repeated_on_the_next_page_continues_the_table(repeated: str) -> None:
    doc = pymupdf.open()
    page = _page(doc)
    text_line(page, 180, 62, "一般公共预算支出表", size=16)
    text_line(page, 450, 90, "单位：万元")
    draw_table(page, 60, 100, _first_page())
    page = _page(doc)
    if repeated:
        text_line(page, 180, 62, repeated, size=16)
    text_line(page, 450, 90, "单位：万元")
    draw_table(page, 60, 100, _next_page())
    (t,) = _read(doc).tables
    assert (t.kind, t.pages, t.n_rows) == ("gpb_expenditure", [1, 2], 10)


def test_next_units_table_under_the_same_title_is_another_table() -> None:
    doc = pymupdf.open()
    for unit in ("某某县财政局机关", "某某县国库支付中心"):
        page = _page(doc)
        text_line(page, 180, 62, "一般公共预算支出表", size=16)
        text_line(page, 60, 90, f"单位名称：{unit}")
        draw_table(page, 60, 100, _first_page())
    tables = _read(doc).tables
    assert [t.pages for t in tables] == [[1], [2]]


def test_department_code_with_a_hyphen() -> None:
    lines = [
        (150, 62, "2026年部门一般公共预算支出表", 16),
        (60, 90, "341-湖州市财政局", 10.5),
        (450, 90, "单位：万元", 10.5),
    ]
    filing = pdf.read(_one_page(lines), "forms.pdf")
    assert (filing.department_code, filing.department_name) == ("341", "湖州市财政局")


def test_contents_leaders_are_plausible_text_not_mojibake() -> None:
    # a contents list's ⋯⋯ leaders (U+22EF, outside GB2312) sent its page to OCR
    assert plausible("⋯") and plausible("…")


def test_title_in_the_top_margin_of_every_page_is_no_running_head() -> None:
    # an A3 table volume (WPS export): title and captions printed again on each page
    doc = pymupdf.open()
    for number in range(4):
        page = doc.new_page(width=1191, height=842)
        text_line(page, 450, 50, "2024年部门支出预算表", size=18)
        text_line(page, 60, 75, "部门：某某县教育局")
        text_line(page, 1000, 75, "单位：万元")
        draw_table(page, 60, 85, _first_page() if number == 0 else _next_page())
    filing = _read(doc)
    (t,) = filing.tables
    assert (t.title, t.kind, t.pages, t.n_rows) == (
        "2024年部门支出预算表",
        "expenditure_summary",
        [1, 2, 3, 4],
        6 + 3 * 4,
    )
    assert t.caption_lines == ["部门：某某县教育局", "单位：万元"]
    assert filing.department_name == "某某县教育局"


def test_text_printed_as_outlines_is_read_by_ocr() -> None:
    # an export that turned its fonts into curves: no text layer, no image
    doc = pymupdf.open()
    page = _page(doc)
    text_line(page, 180, 62, "一般公共预算支出表", size=16)
    text_line(page, 450, 90, "单位：万元")
    draw_table(page, 60, 100, _first_page())
    svg = page.get_svg_image(text_as_path=True)
    outlined = pymupdf.open("svg", svg.encode()).convert_to_pdf()
    assert pymupdf.open(stream=outlined, filetype="pdf")[0].get_text().strip() == ""
    (t,) = pdf.read(outlined, "outlined.pdf").tables
    assert (t.kind, t.n_rows) == ("gpb_expenditure", 6)
    assert [c.text for c in t.cells if c.row == 2][:3] == ["201", "一般公共服务支出", "300.00"]


def test_a_ruled_grid_with_nothing_read_is_no_table_but_a_note() -> None:
    doc = pymupdf.open()
    page = _page(doc)
    text_line(page, 60, 62, "附件：部门预算公开表格")
    draw_table(page, 60, 100, TableSpec(WIDTHS, 4, {}))
    filing = _read(doc)
    assert filing.tables == []
    assert pdf.BLANK_GRID_NOTE in [p.text for p in filing.paragraphs]


def _picture_page(picture: pymupdf.Pixmap) -> bytes:
    doc = pymupdf.open()
    page = _page(doc)
    text_line(page, 60, 60, "二、支出预算情况说明", size=14)
    text_line(page, 60, 85, "2026年一般公共预算支出300.00万元，详见下表。")
    text_line(page, 180, 120, "一般公共预算支出表", size=16)
    text_line(page, 450, 140, "单位：万元")
    page.insert_image(pymupdf.Rect(50, 150, 520, 275), pixmap=picture)
    text_line(page, 60, 300, "三、其他说明")
    return doc.tobytes()


def test_a_table_pasted_as_a_picture_into_a_text_page_is_read_by_ocr() -> None:
    src = pymupdf.open()
    draw_table(_page(src), 60, 100, _first_page())
    picture = src[0].get_pixmap(dpi=200, clip=pymupdf.Rect(50, 90, 520, 215))
    filing = pdf.read(_picture_page(picture), "picture.pdf")
    (t,) = filing.tables
    assert (t.title, t.kind, t.n_rows) == ("一般公共预算支出表", "gpb_expenditure", 6)
    assert [c.text for c in t.cells if c.row == 2][:3] == ["201", "一般公共服务支出", "300.00"]
    texts = [p.text for p in filing.paragraphs]
    assert texts[-1] == "三、其他说明" and "2026年一般公共预算支出300.00万元，详见下表。" in texts


def test_a_chart_or_photo_on_a_text_page_is_not_sent_to_ocr(monkeypatch) -> None:  # noqa: ANN001
    from parsers import pdf_scan

    def no_ocr(*_args: object, **_kw: object) -> list:
        raise AssertionError("a picture without rules went to OCR")

    monkeypatch.setattr(pdf_scan, "ocr_pages", no_ocr)
    chart = pymupdf.open()
    page = _page(chart)
    for k, height in enumerate((100, 60, 30)):  # three bars filled with colour
        bar = pymupdf.Rect(100 + 130 * k, 300 - height, 200 + 130 * k, 300)
        page.draw_rect(bar, color=None, fill=(0.6, 0.6, 0.9))
    picture = page.get_pixmap(dpi=100, clip=pymupdf.Rect(80, 180, 520, 320))
    filing = pdf.read(_picture_page(picture), "chart.pdf")
    assert filing.tables == []


def test_a_title_merged_over_most_of_the_grid_s_top_row() -> None:
    # ruled inside the table, a blank cell left of it (an Excel print)
    cells: dict = {(0, 1): ("一般公共预算支出表", 1, 4)}
    spec = _first_page()
    cells.update({(r + 1, c): text for (r, c), text in spec.cells.items()})
    doc = pymupdf.open()
    draw_table(_page(doc), 60, 100, TableSpec(WIDTHS, spec.n_rows + 1, cells))
    (t,) = _read(doc).tables
    assert (t.title, t.kind, t.n_rows, t.header_rows) == (
        "一般公共预算支出表",
        "gpb_expenditure",
        6,
        1,
    )


def test_department_and_year_from_the_file_name_as_a_last_resort() -> None:
    from parsers import formats

    lines = [(180, 62, "一般公共预算支出表", 16), (450, 90, "单位：万元", 10.5)]
    filing = formats.read_filing(_one_page(lines), "湖州市财政局2024年部门预算.pdf")
    assert (filing.department_name, filing.year) == ("湖州市财政局", 2024)
    printed = [(150, 40, "某某县教育局2025年部门预算", 16), *lines]
    filing = formats.read_filing(_one_page(printed), "湖州市财政局2024年部门预算.pdf")
    assert (filing.department_name, filing.year) == ("某某县教育局", 2025)  # the filing's own
    # the heading right above the title, in its font, is no first half of the title
    assert [t.title for t in filing.tables] == ["一般公共预算支出表"]


def test_a_fault_of_the_assembly_costs_the_stitching_not_the_import(monkeypatch) -> None:  # noqa: ANN001
    from parsers.tables import assemble as assembly

    def broken(*_args: object) -> bool:
        raise IndexError("odd stitching")

    monkeypatch.setattr(assembly, "_continues", broken)
    doc = pymupdf.open()
    for spec in (_first_page(), _next_page()):
        page = _page(doc)
        text_line(page, 180, 62, "一般公共预算支出表", size=16)
        draw_table(page, 60, 100, spec)
    tables = _read(doc).tables
    assert [(t.kind, t.pages) for t in tables] == [
        ("gpb_expenditure", [1]),
        ("gpb_expenditure", [2]),
    ]


def test_a_page_the_assembly_cannot_place_keeps_its_text_with_a_note(monkeypatch) -> None:  # noqa: ANN001
    from parsers.tables import assemble as assembly

    peel = assembly.peel_heading_rows

    def broken_on_page_2(grid):  # noqa: ANN001, ANN202
        if grid.page == 2:
            raise KeyError("odd grid")
        return peel(grid)

    monkeypatch.setattr(assembly, "peel_heading_rows", broken_on_page_2)
    doc = pymupdf.open()
    for title in ("一般公共预算支出表", "政府性基金预算支出表"):
        page = _page(doc)
        text_line(page, 180, 62, title, size=16)
        draw_table(page, 60, 100, _first_page())
    filing = _read(doc)
    assert [t.title for t in filing.tables] == ["一般公共预算支出表"]
    texts = [p.text for p in filing.paragraphs]
    assert "政府性基金预算支出表" in texts
    assert pdf.UNPLACED_NOTE.format(error="KeyError") in texts


def _titled_inside(title_rows: list[str | None]) -> TableSpec:
    """The first page of the 支出表 with rows on top, inside the ruling, each one cell
    merged across (None: a blank row)."""
    body = _first_page()
    top = len(title_rows)
    cells: dict = {}
    for r, text in enumerate(title_rows):
        if text is not None:
            cells[(r, 0)] = (text, 1, len(WIDTHS))
        else:
            cells[(r, 0)] = ("", 1, len(WIDTHS))
    for (r, c), text in body.cells.items():
        cells[(r + top, c)] = text
    return TableSpec(WIDTHS, body.n_rows + top, cells)


def test_a_title_inside_the_ruling_beats_the_section_heading_above() -> None:
    # Changchun: 第二部分 2026年度部门预算表 over the page, 收支总表（预算表1） in the grid
    doc = pymupdf.open()
    page = _page(doc)
    text_line(page, 120, 60, "第二部分      2026年度部门预算表", size=16)
    draw_table(page, 60, 100, _titled_inside(["一般公共预算支出表（预算表5）", None]))
    (t,) = _read(doc).tables
    assert (t.title, t.kind) == ("一般公共预算支出表（预算表5）", "gpb_expenditure")
    assert t.rows()[0] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert any("第二部分" in p.text for p in _read(doc).paragraphs)


def test_a_title_in_a_box_of_its_own_titles_the_table_below() -> None:
    doc = pymupdf.open()
    page = _page(doc)
    box = TableSpec([sum(WIDTHS)], 2, {(0, 0): "某局2026年一般公共预算支出表（预算表5）"})
    draw_table(page, 60, 60, box)
    draw_table(page, 60, 120, _first_page())
    (t,) = _read(doc).tables
    assert t.kind == "gpb_expenditure" and t.title.startswith("某局2026年")
    assert all(any(c.text.strip() for c in t.cells) for t in _read(doc).tables)


def _excel_print(title: str) -> TableSpec:
    """An Excel sheet printed with its cell borders (Beijing's 预算NN表): the unit in
    the top row's last cell, the title in one cell of the grid, then the table."""
    body = _first_page()
    cells: dict = {(0, 4): "金额单位：万元", (1, 1): title}
    for (r, c), text in body.cells.items():
        cells[(r + 2, c)] = text
    return TableSpec(WIDTHS, body.n_rows + 2, cells)


def test_a_title_in_one_cell_of_an_excel_print_names_each_table() -> None:
    doc = pymupdf.open()
    draw_table(_page(doc), 60, 60, _excel_print("预算07表 政府性基金预算支出表"))
    draw_table(_page(doc), 60, 60, _excel_print("预算08表 国有资本经营预算支出表"))
    tables = _read(doc).tables
    assert [(t.kind, t.pages) for t in tables] == [
        ("gov_fund_expenditure", [1]),
        ("soe_capital_expenditure", [2]),
    ]
    assert tables[0].rows()[0] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert tables[0].caption_lines == ["金额单位：万元"]


def test_a_table_number_and_title_repeated_on_the_next_page_continue_the_table() -> None:
    # Shenzhen: 表1 at the left, 收支总表 centred, captions, on every page of the table
    doc = pymupdf.open()
    for spec in (_first_page(), _next_page()):
        page = _page(doc)
        text_line(page, 60, 40, "表1", size=10.5)
        text_line(page, 250, 62, "一般公共预算支出表", size=14)
        text_line(page, 60, 90, "部门名称：某局", size=10.5)
        draw_table(page, 60, 100, spec)
    (t,) = _read(doc).tables
    assert t.pages == [1, 2] and t.kind == "gpb_expenditure"
