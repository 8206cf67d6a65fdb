"""Export of filings printed in 元 or 千元: the workbook is in the template's 万元
(TEMPLATE.md), so their amounts are converted, exactly, and totals still equal their
parts; a table printed in 万元 is written as it stands (DOMAIN.md, Units)."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from model.export import export_workbook
from model.filing_details import FilingDetails, set_details
from model.importing import store_filing
from parsers.extraction import ExtractedFiling, ExtractedTable

DEPT = "323某县财政局"
HEADER = ["科目编码", "科目名称", "合计", "财政拨款收入", "其他收入"]
# 元, as a county prints them: 合计 = 财政拨款收入 + 其他收入, 合计 row = 205 + 208.
REVENUE_YUAN = [
    ["", "合计", "371,514,655", "371,000,000", "514,655"],
    ["205", "教育支出", "271,514,600", "271,000,000", "514,600"],
    ["208", "社会保障和就业支出", "100,000,055", "100,000,000", "55"],
]


def table(kind: str, body: list[list[str]], *captions: str) -> ExtractedTable:
    return ExtractedTable.from_rows(
        [HEADER, *body],
        title={"revenue_summary": "收入总表", "expenditure_summary": "支出总表"}[kind],
        kind=kind,
        part=None,
        header_rows=1,
        caption_lines=[DEPT, "预算年度：2024", *captions],
    )


def export(db, tmp_path: Path, *tables: ExtractedTable, unit: str | None = None) -> Path:  # noqa: ANN001
    """Store a filing of these tables (the clerk setting its unit when given), export it."""
    raw = repr([(t.kind, t.caption_lines, t.rows()) for t in tables]).encode()
    filing = ExtractedFiling(
        source="units.txt",
        sha256=hashlib.sha256(raw).hexdigest(),
        pages=0,
        blocks=list(tables),
        department_code="323",
        department_name="某县财政局",
        year=2024,
    )
    with db.Session.begin() as session:
        doc = store_filing(filing, raw, "txt")
        session.add(doc)
        session.flush()
        doc_id = doc.id
    if unit is not None:
        set_details(db, doc_id, FilingDetails("323", "某县财政局", 2024, unit), "审核员")
    out = tmp_path / "out"
    out.mkdir()
    return export_workbook(db, doc_id, out)


def body(ws: Worksheet) -> dict[str, list]:
    """科目名称 -> the row's amount cells (合计, 财政拨款收入, 其他收入) as written."""
    rows: dict[str, list] = {}
    for row in ws.iter_rows(min_row=4):
        name = row[1].value
        if isinstance(name, str) and name in ("合计", "教育支出", "社会保障和就业支出"):
            rows[name] = list(row[2:5])
    return rows


def exact(cell) -> Decimal:  # noqa: ANN001 - an openpyxl cell
    assert isinstance(cell.value, int | float), (cell.coordinate, cell.value)
    return Decimal(str(cell.value))


def assert_totals_add_up(rows: dict[str, list]) -> None:
    for cells in rows.values():
        assert exact(cells[0]) == exact(cells[1]) + exact(cells[2])
    for col in range(3):
        parts = exact(rows["教育支出"][col]) + exact(rows["社会保障和就业支出"][col])
        assert exact(rows["合计"][col]) == parts


def test_a_filing_printed_in_yuan_exports_its_totals_in_wan(db, tmp_path: Path) -> None:  # noqa: ANN001
    path = export(db, tmp_path, table("revenue_summary", REVENUE_YUAN, "单位：元"))
    ws = openpyxl.load_workbook(path)["表2 收入总表"]
    rows = body(ws)
    total = rows["合计"][0]
    assert exact(total) == Decimal("37151.4655")
    assert total.number_format == "#,##0.00"  # shown as 37,151.47
    assert exact(rows["社会保障和就业支出"][2]) == Decimal("0.0055")
    assert all(c.number_format == "#,##0.00" for cells in rows.values() for c in cells)
    assert_totals_add_up(rows)
    assert "单位：万元" in [c.value for c in ws[2]]


@pytest.mark.parametrize("caption", ["金额单位：元", "（单位： 元）", "单位:元"])
def test_every_way_of_printing_yuan_is_read(db, tmp_path: Path, caption: str) -> None:  # noqa: ANN001
    path = export(db, tmp_path, table("revenue_summary", REVENUE_YUAN, caption))
    rows = body(openpyxl.load_workbook(path)["表2 收入总表"])
    assert exact(rows["合计"][0]) == Decimal("37151.4655")


def test_a_unit_printed_in_a_header_cell_is_read_and_restated(db, tmp_path: Path) -> None:  # noqa: ANN001
    t = ExtractedTable.from_rows(
        [["单位：元", "", "", "", ""], HEADER, *REVENUE_YUAN],
        [[0, 0, 1, 5]],
        title="收入总表",
        kind="revenue_summary",
        part=None,
        header_rows=2,
        caption_lines=[DEPT],
    )
    ws = openpyxl.load_workbook(export(db, tmp_path, t))["表2 收入总表"]
    assert ws.cell(3, 1).value == "单位：万元"
    assert exact(body(ws)["合计"][0]) == Decimal("37151.4655")


def test_the_clerks_unit_applies_to_a_table_printing_none(db, tmp_path: Path) -> None:  # noqa: ANN001
    path = export(db, tmp_path, table("revenue_summary", REVENUE_YUAN), unit="元")
    rows = body(openpyxl.load_workbook(path)["表2 收入总表"])
    assert exact(rows["合计"][0]) == Decimal("37151.4655")
    assert_totals_add_up(rows)


def test_a_table_printed_in_wan_inside_a_yuan_filing_is_not_converted(db, tmp_path: Path) -> None:  # noqa: ANN001
    wan = [
        ["", "合计", "37151.47", "37100.00", "51.47"],
        ["205", "教育支出", "27151.46", "27100.00", "51.46"],
        ["208", "社会保障和就业支出", "10000.01", "10000.00", "0.01"],
    ]
    path = export(
        db,
        tmp_path,
        table("revenue_summary", REVENUE_YUAN),
        table("expenditure_summary", wan, "金额单位：万元"),
        unit="元",
    )
    wb = openpyxl.load_workbook(path)
    assert exact(body(wb["表2 收入总表"])["合计"][0]) == Decimal("37151.4655")
    rows = body(wb["表3 支出总表"])
    assert exact(rows["合计"][0]) == Decimal("37151.47")
    assert rows["合计"][0].number_format == "#,##0.00"
    assert_totals_add_up(rows)


def test_a_filing_printed_in_thousands_of_yuan_is_converted(db, tmp_path: Path) -> None:  # noqa: ANN001
    qian = [
        ["", "合计", "371,514.66", "371,000.00", "514.66"],
        ["205", "教育支出", "271,514.60", "271,000.00", "514.60"],
        ["208", "社会保障和就业支出", "100,000.06", "100,000.00", "0.06"],
    ]
    path = export(db, tmp_path, table("revenue_summary", qian, "单位：千元"))
    rows = body(openpyxl.load_workbook(path)["表2 收入总表"])
    assert exact(rows["合计"][0]) == Decimal("37151.466")
    assert exact(rows["社会保障和就业支出"][2]) == Decimal("0.006")
    assert_totals_add_up(rows)


def test_counts_and_columns_naming_their_unit_are_not_converted(db, tmp_path: Path) -> None:  # noqa: ANN001
    assets = ExtractedTable.from_rows(
        [["项目", "数量", "价值（万元）", "原值"], ["车辆", "3", "45.60", "456,000"]],
        title="固定资产占用情况表",
        kind="fixed_assets",
        part=None,
        header_rows=1,
        caption_lines=[DEPT, "单位：元"],
    )
    ws = openpyxl.load_workbook(export(db, tmp_path, assets))["表11 固定资产占用情况表"]
    row = next(r for r in ws.iter_rows(min_row=4) if r[0].value == "车辆")
    assert [exact(c) for c in row[1:4]] == [Decimal(3), Decimal("45.6"), Decimal("45.6")]


def test_a_project_budget_printed_in_yuan_is_in_wan_on_both_sheets(db, tmp_path: Path) -> None:  # noqa: ANN001
    header = ExtractedTable.from_rows(
        [["项目名称", "培训项目", "预算数", "165,000"], ["资金用途", "培训", "", ""]],
        title="1.培训项目绩效目标表",
        kind="project_performance",
        part="header",
        header_rows=0,
        caption_lines=["单位：元"],
    )
    indicators = ExtractedTable.from_rows(
        [
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人数", ">=300人"],
        ],
        title="1.培训项目绩效目标表",
        kind="project_performance",
        part="indicators",
        header_rows=1,
    )
    wb = openpyxl.load_workbook(export(db, tmp_path, header, indicators))
    assert "金额：16.50万元" in [c.value for c in wb["表12 项目支出绩效目标表"][2]]
    budget = wb["表13 绩效指标明细"].cell(4, 3)
    assert exact(budget) == Decimal("16.5") and budget.number_format == "#,##0.00"
