"""parsers/docx.py: DOCX bodies become the layout stream with spans and anchors.

Documents are built in the test with python-docx, so each shows one thing.
"""

from __future__ import annotations

import io
import zipfile

import docx as python_docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from parsers import docx as reader
from parsers.extraction import InputError
from parsers.tables.layout import Grid, Line
from parsers.zipguard import ZipLimits, open_zip


def _save(document: python_docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _budget_docx() -> bytes:
    """A title, a tabbed caption, then a table with a two-level header (序号 and 合计
    merged down, 功能分类科目 merged across) and a first body column merged down."""
    document = python_docx.Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("部门预算支出总表").bold = True
    document.add_paragraph("323昌黎县人力资源和社会保障局\t预算年度：2023\t单位：万元")
    table = document.add_table(rows=6, cols=4)
    rows = [
        ["序号", "功能分类科目", "", "合计"],
        ["", "科目编码", "科目名称", ""],
        ["1", "205", "教育支出", "965.31"],
        ["", "20502", "普通教育", "949.40"],
        ["", "2050201", "学前教育", "10.40"],
        ["2", "208", "社会保障和就业支出", "28103.53"],
    ]
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            if text:
                table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(1, 0))  # vMerge restart/continue
    table.cell(0, 3).merge(table.cell(1, 3))
    table.cell(0, 1).merge(table.cell(0, 2))  # gridSpan 2
    table.cell(2, 0).merge(table.cell(4, 0))  # first column merged over three body rows
    document.add_paragraph("注：无政府性基金预算。")
    return _save(document)


def test_budget_table_keeps_spans_text_and_anchors() -> None:
    items = reader.layout(reader.source_view(_budget_docx(), "t.docx"))
    lines = [i for i in items if isinstance(i, Line)]
    grids = [i for i in items if isinstance(i, Grid)]
    assert [line.text for line in lines] == [
        "部门预算支出总表",
        "323昌黎县人力资源和社会保障局",
        "预算年度：2023",
        "单位：万元",
        "注：无政府性基金预算。",
    ]
    assert lines[0].bold and not lines[1].bold
    assert lines[0].anchor == "p0" and lines[2].anchor == "p1" and lines[4].anchor == "p2"
    (grid,) = grids
    assert (grid.n_rows, grid.n_cols) == (6, 4)
    assert grid.rows() == [
        ["序号", "功能分类科目", "", "合计"],
        ["", "科目编码", "科目名称", ""],
        ["1", "205", "教育支出", "965.31"],
        ["", "20502", "普通教育", "949.40"],
        ["", "2050201", "学前教育", "10.40"],
        ["2", "208", "社会保障和就业支出", "28103.53"],
    ]
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in grid.cells}
    assert spans[(0, 0)] == (2, 1)
    assert spans[(0, 1)] == (1, 2)
    assert spans[(0, 3)] == (2, 1)
    assert spans[(2, 0)] == (3, 1)
    assert (1, 0) not in spans and (0, 2) not in spans and (3, 0) not in spans
    anchors = {(c.row, c.col): c.anchor for c in grid.cells}
    assert anchors[(2, 3)] == "t0/r2/c3"
    assert anchors[(0, 1)] == "t0/r0/c1"


def test_source_view_reports_bold_alignment_and_matching_anchors() -> None:
    blocks = reader.source_view(_budget_docx(), "t.docx")
    title = blocks[0]
    assert isinstance(title, reader.SourceParagraph)
    assert (title.anchor, title.text, title.bold, title.alignment) == (
        "p0",
        "部门预算支出总表",
        True,
        "center",
    )
    table = next(b for b in blocks if isinstance(b, reader.SourceTable))
    assert table.anchor == "t0"
    grid = next(i for i in reader.layout(blocks) if isinstance(i, Grid))
    assert {c.anchor for c in table.cells} == {c.anchor for c in grid.cells}
    merged = next(c for c in table.cells if c.anchor == "t0/r2/c0")
    assert (merged.text, merged.rowspan, merged.colspan) == ("1", 3, 1)


def test_nested_table_is_flattened_into_its_cell_and_a_frame_is_unwrapped() -> None:
    document = python_docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "资金用途"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    for r, c, text in ((0, 0, "3月底"), (0, 1, "6月底"), (1, 0, "25"), (1, 1, "50")):
        inner.cell(r, c).text = text
    frame = document.add_table(rows=1, cols=1)
    frame.cell(0, 0).text = "框内标题"
    real = frame.cell(0, 0).add_table(rows=1, cols=2)
    real.cell(0, 0).text = "项目"
    real.cell(0, 1).text = "金额"
    items = reader.layout(reader.source_view(_save(document), "n.docx"))
    grids = [i for i in items if isinstance(i, Grid)]
    assert len(grids) == 2
    cell = grids[0].rows()[0][1]
    assert cell.split("\n")[-2:] == ["3月底 6月底", "25 50"]
    assert grids[1].rows() == [["项目", "金额"]]
    assert grids[1].cells[0].anchor == "t1/r0/c0/t0/r0/c0"
    assert any(isinstance(i, Line) and i.text == "框内标题" for i in items)


def test_read_assembles_a_filing() -> None:
    filing = reader.read(_budget_docx(), "t.docx")
    (table,) = filing.tables
    assert table.kind == "expenditure_summary"
    assert table.rows()[2] == ["1", "205", "教育支出", "965.31"]
    assert table.cell_at(3, 0) is not None and table.cell_at(3, 0).anchor == "t0/r2/c0"


def _one_line_chinese(err: InputError) -> str:
    text = str(err)
    assert "\n" not in text and any("\u4e00" <= ch <= "\u9fff" for ch in text)
    return text


def test_a_docx_that_is_no_zip_is_refused() -> None:
    with pytest.raises(InputError) as err:
        reader.read(b"this is plain text, not a word file", "bad.docx")
    assert "zip" in _one_line_chinese(err.value)


def test_a_zip_bomb_is_refused_before_inflating() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>")
        z.writestr("word/media/bomb.bin", bytes(12 * 2**20))  # 12 MB of zeros, ~1000:1
    with pytest.raises(InputError) as err:
        reader.read(buf.getvalue(), "bomb.docx")
    assert "压缩炸弹" in _one_line_chinese(err.value)


def test_the_total_unpacked_size_is_bounded() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("word/document.xml", b"x" * 5000)
    with pytest.raises(InputError) as err:
        open_zip(buf.getvalue(), "big.docx", "DOCX", ZipLimits(max_total=4000))
    assert "上限" in _one_line_chinese(err.value)
    open_zip(buf.getvalue(), "big.docx", "DOCX", ZipLimits(max_total=6000))  # under: fine


def test_a_hostile_grid_span_is_refused() -> None:
    data = _budget_docx()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(b'<w:gridSpan w:val="2"/>', b'<w:gridSpan w:val="60000"/>')
            z.writestr(info, body)
    with pytest.raises(InputError) as err:
        reader.read(out.getvalue(), "span.docx")
    _one_line_chinese(err.value)


_TEXT_BOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
    "<w:txbxContent><w:p><w:r><w:t>一般公共预算支出表</w:t></w:r></w:p></w:txbxContent>"
    "</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
    "<w:p><w:r><w:t>一般公共预算支出表</w:t></w:r></w:p></w:txbxContent></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r>"
)


def test_a_title_in_a_text_box_names_the_table() -> None:
    from lxml import etree

    document = python_docx.Document()
    host = document.add_paragraph()
    host._p.append(etree.fromstring(_TEXT_BOX))  # noqa: SLF001 - python-docx has no text box API
    grid = document.add_table(rows=2, cols=3)
    for c, text in enumerate(["科目编码", "科目名称", "合计"]):
        grid.cell(0, c).text = text
    for c, text in enumerate(["201", "一般公共服务支出", "1.00"]):
        grid.cell(1, c).text = text
    (t,) = reader.read(_save(document), "text-box.docx").tables
    assert (t.title, t.kind) == ("一般公共预算支出表", "gpb_expenditure")


def test_a_table_pasted_as_a_picture_is_read_by_ocr() -> None:
    import pymupdf
    from docx.shared import Pt

    from tests.parsers.test_pdf import draw_table
    from tests.parsers.test_title_forms import _first_page, _page

    drawn = pymupdf.open()
    draw_table(_page(drawn), 60, 100, _first_page())
    png = drawn[0].get_pixmap(dpi=200, clip=pymupdf.Rect(50, 90, 520, 215)).tobytes("png")
    document = python_docx.Document()
    for text in ("二、支出预算情况说明", "一般公共预算支出表", "单位：万元"):
        document.add_paragraph(text)
    document.add_picture(io.BytesIO(png), width=Pt(470))
    document.add_picture(io.BytesIO(png), width=Pt(60))  # a small picture: never OCR'd
    document.add_paragraph("三、其他说明")
    (t,) = reader.read(_save(document), "picture.docx").tables
    assert (t.title, t.kind, t.n_rows) == ("一般公共预算支出表", "gpb_expenditure", 6)
    assert [c.text for c in t.cells if c.row == 2][:3] == ["201", "一般公共服务支出", "300.00"]
    assert t.cells[0].anchor == "p3/x0/r0/c0"  # the picture's paragraph, for the source pane
