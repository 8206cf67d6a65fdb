"""Export to the provincial template workbook (TEMPLATE.md), read back with openpyxl.

Filings are built from ground-truth tables of seeds 002 and 004 copied into
tests/fixtures/export/ (merges as [row, col, rowspan, colspan]).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from model.export import export_workbook
from model.export.catalog import SHEETS
from model.importing import store_filing
from model.progress import Cancelled
from model.schema import Edit, Finding
from parsers.extraction import ExtractedFiling, ExtractedTable, Paragraph

FIXTURES = Path(__file__).parent.parent / "fixtures" / "export"
TEMPLATE_SHEETS = [
    "封面",
    "表1 收支总表",
    "表2 收入总表",
    "表3 支出总表",
    "表4 财政拨款收支总表",
    "表5 一般公共预算支出表",
    "表6 一般公共预算基本支出表",
    "表7 政府性基金支出表",
    "表8 国有资本经营支出表",
    "表9 三公经费支出表",
    "表10 政府采购预算表",
    "表11 固定资产占用情况表",
    "表12 项目支出绩效目标表",
    "表13 绩效指标明细",
    "表14 部门整体绩效目标表",
    "表15 机构设置",
    "审核记录",
]


def gt_table(block: dict) -> ExtractedTable:
    """A ground-truth table as a reader would give it: top-left cells, spans from merges."""
    return ExtractedTable.from_block(block)


def fixture_filing(*names: str, patch=None) -> ExtractedFiling:  # noqa: ANN001
    blocks: list = []
    meta: dict = {}
    for name in names:
        data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        meta = meta or data
        blocks.extend(gt_table(b) for b in data["blocks"])
    if patch:
        patch(blocks)
    raw = json.dumps([n for n in names], ensure_ascii=False).encode() + repr(patch).encode()
    return ExtractedFiling(
        source="seed-fixture.txt",
        sha256=hashlib.sha256(raw).hexdigest(),
        pages=0,
        blocks=blocks,
        department_code=meta["department"]["code"],
        department_name=meta["department"]["name"],
        year=meta["year"],
    )


def store(db, filing: ExtractedFiling) -> int:  # noqa: ANN001
    with db.Session.begin() as session:
        doc = store_filing(filing, b"fixture", "txt")
        session.add(doc)
        session.flush()
        return doc.id


def set_text(table: ExtractedTable, row: int, col: int, text: str) -> None:
    cell = table.cell_at(row, col)
    assert cell is not None and (cell.row, cell.col) == (row, col)
    cell.text = text


def _patch(blocks: list) -> None:
    revenue = blocks[0]
    set_text(revenue, 5, 2, "=SUM(A1:A3)")  # a name a filing could carry; never a formula
    set_text(revenue, 6, 2, "@cmd|' /c calc'!A0")
    indicators = blocks[3]
    assert indicators.part == "indicators"
    set_text(indicators, 6, 4, "较上年提升")
    set_text(indicators, 7, 4, ">=300人")


ALL = (
    "revenue-summary-3-header-rows-002.json",
    "project-one-string-values-002.json",
    "project-split-values-004.json",
)


@pytest.fixture
def exported(db, tmp_path: Path) -> Path:  # noqa: ANN001
    doc_id = store(db, fixture_filing(*ALL, patch=_patch))
    out = tmp_path / "out"  # the library database sits in tmp_path itself
    out.mkdir()
    return export_workbook(db, doc_id, out)


def test_file_name_and_sheets_in_template_order(exported: Path) -> None:
    assert exported.name == "323昌黎县人力资源和社会保障局2023年部门预算公开表.xlsx"
    wb = openpyxl.load_workbook(exported)
    assert wb.sheetnames == TEMPLATE_SHEETS == [s.name for s in SHEETS]
    assert not [p for p in exported.parent.iterdir() if p != exported]  # no temp file left


def test_revenue_summary_keeps_its_merged_header(exported: Path) -> None:
    ws = openpyxl.load_workbook(exported)["表2 收入总表"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    # title + the filing's merges [[0,0,2,1],[0,1,1,2],[0,3,2,1],[0,4,1,8],[0,12,2,1]] from row 3
    assert merged == {"A1:M1", "A3:A4", "B3:C3", "D3:D4", "E3:L3", "M3:M4"}
    assert ws["A1"].value == "部门预算收入总表"
    assert ws["A1"].font.b and ws["A1"].font.sz == 16
    assert ws["A2"].value == "323昌黎县人力资源和社会保障局"
    assert ws["G2"].value == "预算年度：2023" and ws["M2"].value == "单位：万元"
    assert [c.value for c in ws[5]][:4] == ["栏次", "1", "2", "3"]
    assert ws["E3"].fill.fgColor.rgb == "FFD9D9D9" and ws["A6"].fill.fill_type is None
    assert ws["C4"].border.left.style == "thin" and ws["L40"].border.left.style is None
    assert ws.freeze_panes == "A6"
    assert ws.print_title_rows == "$3:$5"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_codes_are_text_amounts_numbers_empty_stays_empty(exported: Path) -> None:
    ws = openpyxl.load_workbook(exported)["表2 收入总表"]
    assert ws["B7"].value == "205" and ws["B7"].data_type == "s"  # 科目编码 of 教育支出
    assert ws["B9"].value == "2050201" and ws["B9"].data_type == "s"
    assert ws["A6"].value == "1" and ws["A6"].data_type == "s"  # 序号 stays as printed
    assert ws["D6"].value == pytest.approx(29296.37) and ws["D6"].data_type == "n"
    assert ws["D6"].number_format == "#,##0.00"
    assert ws["G6"].value is None  # 财政专户收入 of 合计 is empty in the filing, not 0


def test_filing_text_is_never_a_formula(exported: Path) -> None:
    ws = openpyxl.load_workbook(exported)["表2 收入总表"]
    assert ws["C8"].value == "=SUM(A1:A3)" and ws["C8"].data_type == "s"
    assert ws["C9"].value == "@cmd|' /c calc'!A0" and ws["C9"].data_type == "s"
    with zipfile.ZipFile(exported) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)


def test_absent_and_empty_tables_get_headers_and_note(exported: Path) -> None:
    wb = openpyxl.load_workbook(exported)
    ws = wb["表1 收支总表"]  # not in the filing: canonical header, 栏次 row, note
    assert ws["A1"].value == "部门预算收支总表"
    assert [c.value for c in ws[3]] == ["序号", "收入", None, "支出", None]
    assert ws["A5"].value == "栏次"
    assert ws["A6"].value == "注：无部门预算收支，空表列示。"
    ws = wb["表7 政府性基金支出表"]  # in the filing with no body, as seed 002 prints it
    assert ws["A1"].value == "部门预算政府基金预算财政拨款支出表"
    assert ws["A6"].value == "注：无政府性基金预算财政拨款预算，空表列示。"
    assert wb["表15 机构设置"]["A3"].value == "单位名称"


def _indicator_rows(ws) -> list[list]:  # noqa: ANN001
    return [[c.value for c in row] for row in ws.iter_rows(min_row=4)]


def test_indicator_list_splits_one_string_values(exported: Path) -> None:
    ws = openpyxl.load_workbook(exported)["表13 绩效指标明细"]
    assert [c.value for c in ws[3]] == [
        "项目编码",
        "项目名称",
        "预算数",
        "一级指标",
        "二级指标",
        "三级指标",
        "绩效指标描述",
        "评（扣）分标准",
        "符号",
        "值",
        "单位",
        "指标值确定依据",
    ]
    rows = _indicator_rows(ws)
    assert len(rows) == 9 + 9 + 9  # 002 projects 1 and 2, 004 project 1 (9 indicators each)
    by_third = {r[5]: r for r in rows}
    first = by_third["年度考核完成率"]  # ≥98% in 002
    assert first[1] == "2023年度事业单位工作人员年度考核奖励奖金"
    assert first[3:5] == ["产出指标", "质量指标"]  # 一级 filled down from its merged cell
    assert first[8:11] == ["≥", "98", "%"]
    assert by_third["资金支付及率"][8:11] == ["≥", "95", "%"]
    assert by_third["提高服务效率"][8:11] == ["文字描述", None, "较上年提升"]
    ws_cells = {c.coordinate: c for row in ws.iter_rows(min_row=4) for c in row}
    spelled = next(
        c for c in ws_cells.values() if c.column == 6 and c.value == "节约资源，绿色办公"
    )
    sign = ws.cell(row=spelled.row, column=9)
    assert [sign.value, ws.cell(row=spelled.row, column=10).value] == ["≥", "300"]
    assert sign.comment is not None and ">=300人" in sign.comment.text
    assert by_third["年度考核完成率"] and ws.cell(row=4, column=9).comment is None
    split = by_third["城乡居民基本养老保险参保人数"]  # 004 already prints 符号/值/单位
    assert split[0] == "13081122P00799110002Y" and split[2] == pytest.approx(16.5)
    assert split[7] == "应保尽保达95%以上为优，未达到95%为扣分项"
    assert split[8:11] == ["≥", "95.00", "%"]


def test_project_blocks_keep_each_part(exported: Path) -> None:
    ws = openpyxl.load_workbook(exported)["表12 项目支出绩效目标表"]
    col_a = [c.value for c in ws["A"]]
    titles = [v for v in col_a if isinstance(v, str) and v.endswith("绩效目标表")]
    assert titles == [
        "1、2023年度事业单位工作人员年度考核奖励奖金绩效目标表",
        "2、就业创业补助资金县级配套绩效目标表",
        "1、城乡养老缴费补贴区级配套绩效目标表",
    ]
    captions = [v for v in col_a if isinstance(v, str) and v.startswith("项目编码及名称：")]
    assert captions[2] == "项目编码及名称：[13081122P00799110002Y]城乡养老缴费补贴区级配套"
    assert col_a.count("一级指标") == 2 and col_a.count("12") == 1  # 004 numbers its rows


def test_long_texts_get_rows_tall_enough_to_wrap(exported: Path) -> None:
    """Neither Excel nor LibreOffice grows a row for wrapped text in a merged cell, so
    long 资金用途 and indicator texts would print over each other."""
    from model.export.sheet_style import LINE_HEIGHT

    ws = openpyxl.load_workbook(exported)["表12 项目支出绩效目标表"]
    longest = max(
        (c for row in ws.iter_rows() for c in row if isinstance(c.value, str)),
        key=lambda c: len(c.value),
    )
    assert len(longest.value) > 40  # 80+ display columns: wider than any column
    assert ws.row_dimensions[longest.row].height >= 2 * LINE_HEIGHT


def test_audit_sheet_lists_findings_and_edits(db, tmp_path: Path) -> None:  # noqa: ANN001
    doc_id = store(db, fixture_filing(ALL[0]))
    with db.Session.begin() as session:
        from model.schema import Table

        table_id = session.query(Table.id).filter_by(document_id=doc_id, order=0).scalar()
        session.add(
            Finding(
                document_id=doc_id,
                table_id=table_id,
                key="k1",
                rule="hierarchy_sum",
                severity="error",
                cells=[[4, 3], [5, 3]],
                message="类合计不等于款之和",
                expected="965.31",
                actual="965.30",
                status="dismissed",
                note="原表如此",
                decided_by="张三",
            )
        )
        session.add(
            Edit(
                table_id=table_id,
                row=4,
                col=3,
                old_text="965.3l",
                new_text="965.31",
                reviewer="李四",
            )
        )
    path = export_workbook(db, doc_id, tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(path)
    values = [[c.value for c in row] for row in wb["审核记录"].iter_rows()]
    finding = next(r for r in values if "上下级科目金额核对" in r)
    assert finding[1:10] == [
        "上下级科目金额核对",  # the rule as a clerk names it, never its id
        "错误",
        "部门预算收入总表",
        "「205 教育支出」行「合计」列、「20502 普通教育」行「合计」列",  # as printed
        "类合计不等于款之和",
        "965.31",
        "965.30",
        "已忽略",
        "原表如此",
    ]
    edit = next(r for r in values if "965.3l" in r)
    assert edit[1:7] == [
        "部门预算收入总表",
        "「205 教育支出」行「合计」列",
        "修改",
        "965.3l",
        "965.31",
        "李四",
    ]
    assert not any("hierarchy_sum" in str(v) for r in values for v in r)
    cover = {r[0].value: r[1].value for r in wb["封面"].iter_rows(min_row=3, max_row=11)}
    assert cover["未处理问题数"] == "0" and cover["审核人"] == "李四、张三"
    assert cover["来源文件SHA-256"] == fixture_filing(ALL[0]).sha256


def test_audit_sheet_keeps_every_decision_mark_and_info_note(db, tmp_path: Path) -> None:  # noqa: ANN001
    """Issue 26: each decision on a finding (reopened and decided again), each review
    mark (with who and when, and taken back by an edit), and info notes apart from the
    findings, never 未处理."""
    from model import review
    from model.library import load_filing

    doc_id = store(db, fixture_filing(ALL[0]))
    table = load_filing(db, doc_id).tables[0]
    with db.Session.begin() as session:
        for key, severity, message in (
            ("k1", "error", "类合计不等于款之和"),
            ("k2", "info", "本文件没有政府采购预算表，此项检查未进行"),
        ):
            session.add(
                Finding(
                    document_id=doc_id,
                    table_id=table.id,
                    key=key,
                    rule="hierarchy_sum",
                    severity=severity,
                    cells=[[4, 3]],
                    message=message,
                    status="open",
                )
            )
    error = next(f for f in review.document_findings(db, doc_id) if f.severity == "error")
    review.set_finding_status(db, error.id, "dismissed", reviewer="张三", note="原表如此")
    review.set_finding_status(db, error.id, "open", reviewer="李四")
    review.set_finding_status(db, error.id, "confirmed", reviewer="李四", note="已与单位核实")
    review.mark_table_reviewed(db, table.id, True, "王五")
    cell = table.cell(4, 3)
    review.set_cell_text(db, cell.id, "965.32", expected=cell.text, reviewer="李四", validate=False)
    path = export_workbook(db, doc_id, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(path)["审核记录"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]

    def section(heading: str) -> list[list]:
        start = next(i for i, r in enumerate(values) if str(r[0] or "").startswith(heading))
        rows = []
        for r in values[start + 2 :]:
            if r[0] is None or not str(r[0]).isdigit():
                break
            rows.append(r)
        return rows

    findings = section("一、")
    assert [r[2] for r in findings] == ["错误"]  # the info note is not a finding
    decisions = section("四、")
    assert {r[3] for r in decisions} == {"「205 教育支出」行「合计」列"}
    assert [(r[4], r[5], r[6]) for r in decisions] == [
        ("忽略", "原表如此", "张三"),
        ("重新打开", None, "李四"),
        ("确认", "已与单位核实", "李四"),
    ]
    assert all(r[7] for r in decisions)  # each with its time
    marks = section("五、")
    assert [(r[1], r[2], r[3]) for r in marks] == [
        ("部门预算收入总表", "标记为已审核", "王五"),
        ("部门预算收入总表", "修改后退回待审核", "李四"),
    ]
    assert all(r[4] for r in marks)
    notes = section("六、")
    assert [r[3] for r in notes] == ["本文件没有政府采购预算表，此项检查未进行"]
    assert not any(v == "未处理" for r in values for v in r)


class _Recorder:
    def __init__(self, cancel_at: int | None = None) -> None:
        self.reports: list[tuple[int, int, str]] = []
        self.cancel_at = cancel_at

    def report(self, done: int, total: int, text: str) -> None:
        self.reports.append((done, total, text))

    def check(self) -> None:
        if self.cancel_at is not None and len(self.reports) >= self.cancel_at:
            raise Cancelled()


def test_progress_per_sheet_and_cancel_writes_nothing(db, tmp_path: Path) -> None:  # noqa: ANN001
    doc_id = store(db, fixture_filing(ALL[0]))
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    progress = _Recorder()
    export_workbook(db, doc_id, tmp_path / "a.xlsx", progress=progress)
    assert [t for _, _, t in progress.reports][:17] == TEMPLATE_SHEETS
    assert progress.reports[-1][0] == progress.reports[-1][1]
    with pytest.raises(Cancelled):
        export_workbook(db, doc_id, tmp_path / "b.xlsx", progress=_Recorder(cancel_at=5))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]


def test_crash_while_saving_leaves_nothing_behind(db, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    doc_id = store(db, fixture_filing(ALL[0]))
    target = tmp_path / "out" / "book.xlsx"
    target.parent.mkdir()

    def half_save(self, filename) -> None:  # noqa: ANN001
        Path(filename).write_bytes(b"PK\x03\x04 half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", half_save)
    with pytest.raises(OSError):
        export_workbook(db, doc_id, target)
    assert list(target.parent.iterdir()) == []


def test_crash_keeps_the_previous_export(db, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    doc_id = store(db, fixture_filing(ALL[0]))
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = export_workbook(db, doc_id, tmp_path)
    before = target.read_bytes()

    def boom(self, filename) -> None:  # noqa: ANN001
        raise RuntimeError("crash")

    monkeypatch.setattr(openpyxl.Workbook, "save", boom)
    with pytest.raises(RuntimeError):
        export_workbook(db, doc_id, tmp_path)
    assert target.read_bytes() == before and len(list(tmp_path.iterdir())) == 1


def test_opens_in_libreoffice_without_repair(exported: Path, tmp_path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    out = tmp_path / "pdf"
    result = subprocess.run(
        [
            office,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(exported),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = out / (exported.stem + ".pdf")
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000


def _comparable(t) -> tuple:  # noqa: ANN001 - ExtractedTable
    spans = sorted(
        (c.row, c.col, c.rowspan, c.colspan) for c in t.cells if c.rowspan > 1 or c.colspan > 1
    )
    return (t.kind, t.part, t.title, t.rows(), spans)


def _round_trip(db, tmp_path: Path) -> tuple[ExtractedFiling, ExtractedFiling]:  # noqa: ANN001
    from parsers.formats import read_filing

    original = fixture_filing(*ALL, patch=_patch)
    path = export_workbook(db, store(db, original), tmp_path)
    return original, read_filing(path.read_bytes(), path.name)


def test_round_trip_gives_the_same_standard_tables(db, tmp_path: Path) -> None:  # noqa: ANN001
    """Importing the exported workbook (parsers/xlsx.py) gives the filing's tables back,
    cell by cell; the placeholder sheets of absent kinds add header-only tables."""
    original, back = _round_trip(db, tmp_path)
    want = [_comparable(t) for t in original.tables if t.kind != "project_performance"]
    present = {t.kind for t in original.tables}
    got = [_comparable(t) for t in back.tables if t.kind in present - {"project_performance"}]
    assert got == want
    assert [t.header_rows for t in back.tables if t.kind == "revenue_summary"] == [3]
    assert (back.department_code, back.department_name, back.year) == (
        "323",
        "昌黎县人力资源和社会保障局",
        2023,
    )
    assert all(t.kind is not None for t in back.tables)  # notes are not tables
    absent = next(t for t in back.tables if t.kind == "revenue_expenditure_summary")
    assert absent.n_rows == absent.header_rows == 3  # header only, from the placeholder


def test_round_trip_gives_the_same_project_parts(db, tmp_path: Path) -> None:  # noqa: ANN001
    original, back = _round_trip(db, tmp_path)
    want = [_comparable(t) for t in original.tables if t.kind == "project_performance"]
    got = [_comparable(t) for t in back.tables if t.kind == "project_performance"]
    assert got == want


def test_cli_export_to_a_folder(db_url: str, tmp_path: Path, db) -> None:  # noqa: ANN001
    import main

    doc_id = store(db, fixture_filing(ALL[0]))
    assert main.main(["--db", db_url, "export", str(doc_id), "-o", str(tmp_path)]) == 0
    assert (tmp_path / "323昌黎县人力资源和社会保障局2023年部门预算公开表.xlsx").exists()
    assert main.main(["--db", db_url, "export", "999", "-o", str(tmp_path)]) == 2


def test_paragraph_blocks_are_not_exported(db, tmp_path: Path) -> None:  # noqa: ANN001
    filing = fixture_filing(ALL[0])
    filing.blocks.insert(0, Paragraph('=HYPERLINK("x")'))
    path = export_workbook(db, store(db, filing), tmp_path)
    wb = openpyxl.load_workbook(path)
    assert all(c.value != '=HYPERLINK("x")' for ws in wb for row in ws.iter_rows() for c in row)
