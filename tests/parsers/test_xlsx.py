"""parsers/xlsx.py: sheets become titled Grids with merges, displayed numbers, anchors.

Workbooks are built in the test with openpyxl; a cached formula value (which
openpyxl cannot compute) is written into the sheet XML afterwards.
"""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

from parsers import xlsx as reader
from parsers.extraction import InputError
from parsers.tables.layout import Grid, Line


def _save(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, edit: dict[str, object]) -> bytes:
    """Copy of the zip with members replaced (bytes) or edited (callable on bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            change = edit.get(info.filename)
            if callable(change):
                body = change(body)
            elif isinstance(change, bytes):
                body = change
            z.writestr(info.filename, body)
    return out.getvalue()


def _budget_sheet(ws) -> None:  # noqa: ANN001 - an openpyxl worksheet
    """Title (row 1, merged), caption (row 2), two-level header with merges, 栏次, body."""
    ws.append(["部门预算支出总表", None, None, None, None])
    ws.merge_cells("A1:E1")
    ws.append(["323昌黎县人力资源和社会保障局", None, "预算年度：2023", None, "单位：万元"])
    ws.append(["序号", "功能分类科目", None, "合计", "基本支出"])
    ws.append([None, "科目编码", "科目名称", None, None])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:C3")
    ws.merge_cells("D3:D4")
    ws.merge_cells("E3:E4")
    ws.append(["栏次", "1", "2", "3", "4"])
    ws.append([1, None, "合计", "=SUM(D7:D8)", 2078.3])
    ws.append([2, "205", "教育支出", 965.31, None])
    ws.append([3, "208", "社会保障和就业支出", 28103.5, 1850])
    for row in ws.iter_rows(min_row=6, max_row=8):
        row[0].number_format = "0"
        for cell in row[3:]:
            cell.number_format = "#,##0.00"


def _with_cached_value(data: bytes, sheet: str, cell: str, value: str) -> bytes:
    def edit(xml: bytes) -> bytes:
        pattern = rb'(<c r="' + cell.encode() + rb'"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v></v>)?'
        new, n = re.subn(pattern, rb"\1<v>" + value.encode() + rb"</v>", xml)
        assert n == 1
        return new

    return _rezip(data, {sheet: edit})


def _budget_xlsx(cached: bool = True) -> bytes:
    wb = openpyxl.Workbook()
    _budget_sheet(wb.active)
    data = _save(wb)
    if cached:
        data = _with_cached_value(data, "xl/worksheets/sheet1.xml", "D6", "29069.11")
    return data


def test_sheet_gives_title_caption_lines_and_a_grid_with_merges() -> None:
    items = reader.layout(reader.source_view(_budget_xlsx(), "b.xlsx"))
    lines = [i for i in items if isinstance(i, Line)]
    assert [line.text for line in lines] == [
        "部门预算支出总表",
        "323昌黎县人力资源和社会保障局",
        "预算年度：2023",
        "单位：万元",
    ]
    assert lines[0].anchor == "s1/r1/c1" and lines[3].anchor == "s1/r2/c5"
    (grid,) = [i for i in items if isinstance(i, Grid)]
    assert (grid.n_rows, grid.n_cols) == (6, 5)
    assert grid.rows() == [
        ["序号", "功能分类科目", "", "合计", "基本支出"],
        ["", "科目编码", "科目名称", "", ""],
        ["栏次", "1", "2", "3", "4"],
        ["1", "", "合计", "29069.11", "2078.30"],
        ["2", "205", "教育支出", "965.31", ""],
        ["3", "208", "社会保障和就业支出", "28103.50", "1850.00"],
    ]
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in grid.cells}
    assert spans[(0, 0)] == (2, 1) and spans[(0, 1)] == (1, 2) and spans[(0, 3)] == (2, 1)
    assert (1, 0) not in spans and (0, 2) not in spans
    anchors = {(c.row, c.col): c.anchor for c in grid.cells}
    assert anchors[(3, 3)] == "s1/r6/c4"  # Excel D6, 1-based
    formula = next(c for c in grid.cells if (c.row, c.col) == (3, 3))
    assert formula.confidence == 1.0


def test_a_formula_without_cached_value_keeps_its_text_marked_unread() -> None:
    items = reader.layout(reader.source_view(_budget_xlsx(cached=False), "b.xlsx"))
    (grid,) = [i for i in items if isinstance(i, Grid)]
    cell = next(c for c in grid.cells if c.anchor == "s1/r6/c4")
    assert cell.text == "=SUM(D7:D8)"
    assert cell.confidence == 0.0
    sheet = reader.source_view(_budget_xlsx(cached=False), "b.xlsx")[0]
    assert next(c for c in sheet.cells if c.anchor == "s1/r6/c4").formula_uncached


def test_read_assembles_the_filing() -> None:
    filing = reader.read(_budget_xlsx(), "b.xlsx")
    (table,) = filing.tables
    assert table.kind == "expenditure_summary"
    assert table.rows()[3] == ["1", "", "合计", "29069.11", "2078.30"]
    assert filing.year == 2023


def test_template_sheets_that_are_not_filing_tables_are_skipped() -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "封面"
    wb.active.append(["部门", "323昌黎县人力资源和社会保障局"])
    _budget_sheet(wb.create_sheet("表3 支出总表"))
    flat = wb.create_sheet("表13 绩效指标明细")
    flat.append(["项目编码", "项目名称", "一级指标"])
    flat.append(["P1", "项目甲", "产出指标"])
    log = wb.create_sheet("审核记录")
    log.append(["规则", "表", "单元格"])
    sheets = reader.source_view(_save(wb), "t.xlsx")
    assert [s.skipped for s in sheets] == [True, False, True, True]
    grids = [i for i in reader.layout(sheets) if isinstance(i, Grid)]
    assert len(grids) == 1 and grids[0].cells[0].anchor == "s2/r3/c1"


def test_blocks_separated_by_an_empty_row_are_separate_tables() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for n in (1, 2):
        ws.append(["预算项目绩效表", None, None, None])
        ws.append([f"项目编码及名称：[P{n}]项目{n}", None, "预算年度：2024", f"金额：{n}万元"])
        ws.append(["项目编码", f"P{n}", "项目名称", f"项目{n}"])
        ws.append(["资金用途", "用途", None, None])
        ws.merge_cells(f"B{ws.max_row}:D{ws.max_row}")
        ws.append([])
    items = reader.layout(reader.source_view(_save(wb), "p.xlsx"))
    grids = [i for i in items if isinstance(i, Grid)]
    assert [g.rows()[0] for g in grids] == [
        ["项目编码", "P1", "项目名称", "项目1"],
        ["项目编码", "P2", "项目名称", "项目2"],
    ]
    assert grids[1].cells[0].anchor == "s1/r8/c1"
    assert grids[0].rows()[1] == ["资金用途", "用途", "", ""]
    titles = [i.text for i in items if isinstance(i, Line)]
    assert titles.count("预算项目绩效表") == 2 and "金额：2万元" in titles


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (29295.6, "#,##0.00", "29295.60"),
        (29295.6, "0.00", "29295.60"),
        (7200, "0", "7200"),
        (0.955, "0.0%", "95.5%"),
        (12.5, "General", "12.5"),
        (3.0, "General", "3"),
        (-0.001, "0.00", "0.00"),
        (8.5, '0.00"万元"', "8.50万元"),
        ("2080505", "@", "2080505"),
    ],
)
def test_numbers_read_as_the_clerk_sees_them(value: object, fmt: str, shown: str) -> None:
    assert reader.display_text(value, fmt) == shown


def _one_line_chinese(err: InputError) -> str:
    text = str(err)
    assert "\n" not in text and any("\u4e00" <= ch <= "\u9fff" for ch in text)
    return text


def test_a_sheet_declaring_a_million_rows_is_refused() -> None:
    def lie(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:E1000000"', xml)

    data = _rezip(_budget_xlsx(), {"xl/worksheets/sheet1.xml": lie})
    with pytest.raises(InputError) as err:
        reader.read(data, "huge.xlsx")
    assert "1000000" in _one_line_chinese(err.value)


def test_rows_beyond_the_limit_are_counted_even_without_a_dimension() -> None:
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, reader.MAX_ROWS + 2)
    )
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + rows
        + b"</sheetData></worksheet>"
    )
    data = _rezip(_budget_xlsx(), {"xl/worksheets/sheet1.xml": xml})
    with pytest.raises(InputError) as err:
        reader.read(data, "many.xlsx")
    _one_line_chinese(err.value)


def test_bad_xlsx_input_is_refused_and_nothing_is_stored(db) -> None:  # noqa: ANN001
    from sqlalchemy import func, select

    from model.importing import import_bytes
    from model.schema import Document

    with pytest.raises(InputError) as err:
        import_bytes(db, b"no zip at all", "bad.xlsx")
    _one_line_chinese(err.value)
    damaged = _rezip(_budget_xlsx(), {"xl/workbook.xml": b"<not-a-workbook"})
    with pytest.raises(InputError):
        import_bytes(db, damaged, "damaged.xlsx")
    with db.Session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_the_exported_template_workbook_reads_back_to_the_same_tables(db, tmp_path) -> None:  # noqa: ANN001
    """Round trip (TEMPLATE.md): import a DOCX, export the template, read the export."""
    from model.export import workbook
    from model.importing import import_bytes
    from parsers import docx as docx_reader
    from tests.parsers.test_docx import _budget_docx

    data = _budget_docx()
    original = docx_reader.read(data, "t.docx").tables[0]
    imported = import_bytes(db, data, "t.docx")
    path = workbook.export_workbook(db, imported.document_id, tmp_path)
    back = reader.read(path.read_bytes(), path.name)
    assert not any(
        s.skipped is False and s.title.startswith(("封面", "审核记录"))
        for s in reader.source_view(path.read_bytes(), path.name)
    )
    (table,) = [t for t in back.tables if t.kind == "expenditure_summary"]
    assert table.rows() == original.rows()
    assert table.header_rows == original.header_rows
    assert back.year == 2023 and back.department_code == "323"


def test_a_narrow_table_caption_and_a_lone_note_are_lines_not_tables() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["部门固定资产占用情况表", None, None])
    ws.merge_cells("A1:C1")
    ws.append(
        ["323昌黎县人力资源和社会保障局", "预算年度：2023", "单位：万元"]
    )  # fills all 3 columns
    ws.append(["项   目", "数量", "价值（金额单位：万元）"])  # a header, though it says 单位：
    ws.append(["资产总额", None, 803.76])
    ws.append([])
    ws.append(["注：无政府采购预算，空表列示。"])
    items = reader.layout(reader.source_view(_save(wb), "f.xlsx"))
    assert [type(i).__name__ for i in items] == ["Line"] * 4 + ["Grid", "Line"]
    grid = items[4]
    assert isinstance(grid, Grid) and grid.rows()[0] == [
        "项   目",
        "数量",
        "价值（金额单位：万元）",
    ]
    assert items[5].text == "注：无政府采购预算，空表列示。"


def test_sheet_without_a_title_row_is_named_by_its_page_header_or_tab() -> None:
    wb = openpyxl.Workbook()
    tab = wb.active
    tab.title = "表5 一般公共预算支出表"
    for row in (
        ["科目编码", "科目名称", "合计"],
        ["", "合计", "300.00"],
        ["201", "一般公共服务支出", "300.00"],
    ):
        tab.append(row)
    printed = wb.create_sheet("Sheet2")
    printed.oddHeader.center.text = '&"宋体,加粗"&16收支总表'
    for row in (
        ["收入", "", "支出", ""],
        ["项目", "预算数", "项目", "预算数"],
        ["一般公共预算", "1.00", "一般公共服务支出", "1.00"],
    ):
        printed.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    tables = reader.read(buffer.getvalue(), "untitled.xlsx").tables
    assert [(t.title, t.kind) for t in tables] == [
        ("表5 一般公共预算支出表", "gpb_expenditure"),
        ("收支总表", "revenue_expenditure_summary"),
    ]


def test_table_number_in_a_cell_of_its_own_beside_the_title() -> None:
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet["A1"], sheet["B1"] = "表1", "2024年部门收支总表"
    sheet.merge_cells("B1:D1")
    sheet["A2"], sheet["D2"] = "部门：某某局", "单位：万元"
    for row in (
        ["收入", "", "支出", ""],
        ["项目", "预算数", "项目", "预算数"],
        ["一般公共预算拨款", "1.00", "一般公共服务支出", "1.00"],
        ["收入总计", "1.00", "支出总计", "1.00"],
    ):
        sheet.append(row)
    sheet.merge_cells("A3:B3")
    sheet.merge_cells("C3:D3")
    buffer = io.BytesIO()
    wb.save(buffer)
    (t,) = reader.read(buffer.getvalue(), "numbered.xlsx").tables
    assert (t.title, t.kind, t.n_rows) == ("2024年部门收支总表", "revenue_expenditure_summary", 4)
    assert t.caption_lines == ["部门：某某局", "单位：万元"]
