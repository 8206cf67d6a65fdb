"""The upstream-text reader on the five seeds (tests/fixtures/seeds, copied from the
corpus): tables per kind, department and year, and spot cells checked against the seed
text, including stitched tables, repeated headers, OCR spaces and LaTeX residue."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from parsers import formats
from parsers.extraction import ExtractedFiling, ExtractedTable, InputError
from parsers.progress import Cancelled, NoProgress
from parsers.tables.classify import squeeze
from parsers.text_cleanup import clean
from parsers.upstream_text import read

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def seed(number: str) -> ExtractedFiling:
    path = next(SEEDS.glob(f"{number}_*.txt"))
    return read(path.read_bytes(), path.name, progress=NoProgress())


@pytest.fixture(scope="module")
def seeds() -> dict[str, ExtractedFiling]:
    return {n: seed(n) for n in ("000", "001", "002", "003", "004")}


def kinds(filing: ExtractedFiling) -> Counter[str | None]:
    return Counter(t.kind for t in filing.tables)


def table(filing: ExtractedFiling, title_start: str, part: str | None = None) -> ExtractedTable:
    found = [t for t in filing.tables if t.title.startswith(title_start) and t.part == part]
    assert len(found) == 1, [t.title for t in found]
    return found[0]


def sq(rows: list[str]) -> list[str]:
    return [squeeze(c) for c in rows]


# ---------------------------------------------------------------- seed 000 (OCR)


def test_seed000_department_year_and_kinds(seeds):
    f = seeds["000"]
    assert (f.department_code, f.department_name, f.year) == (
        "316",
        "高邑县人力资源和社会保障局",
        2020,
    )
    assert kinds(f) == {
        "organization": 1,
        "project_performance": 52,
        "procurement": 1,
        "fixed_assets": 1,
    }
    parts = Counter(t.part for t in f.tables if t.kind == "project_performance")
    assert parts == {"header": 26, "indicators": 26}


def test_seed000_procurement_is_stitched_over_five_pages(seeds):
    t = table(seeds["000"], "部门政府采购预算")
    rows = t.rows()
    assert t.n_rows == 32 and t.header_rows == 2
    assert t.caption_lines == ["316高邑县人力资源和社会保障局", "单位：万元"]
    assert rows[2][:1] + rows[2][7:9] == ["合计", "62.17", "62.17"]
    assert rows[6][:3] == ["日常公用经费", "40.51", "打印设备"]  # row cut by a page break
    assert rows[30][2] == "其他办公消耗用品及类似物品"
    assert rows[31][:3] == ["日常公用", "2.81", "复印纸"]
    assert sum(1 for r in rows if squeeze(r[0]) == "项目名称") == 1  # repeated header dropped


def test_seed000_project_header_is_rebuilt(seeds):
    f = seeds["000"]
    h1 = table(f, "1、处理和解决", "header").rows()
    assert h1[0][:5] == [
        "项目编码",
        "316-0603-JXN-250G",
        "",
        "项目名称",
        "处理和解决农民工工资突出问题工作经费",
    ]
    assert h1[1][1:3] == ["预算数", "0.64"]
    assert h1[3][1:5] == ["3月底", "6月底", "10月底", "12月底"]
    assert h1[4][1:5] == ["100.00", "", "", ""]
    assert table(f, "7、人员工资", "header").rows()[4][1:5] == ["25.00", "50.00", "100.00", ""]
    assert table(f, "21、个人缴费", "header").rows()[4][1:5] == ["", "", "75.00", "100.00"]
    goals = table(f, "9、解决遗留问题", "header").rows()[5][1]
    assert "工资发放" in goals and "社保缴纳" in goals


def test_seed000_indicator_grids(seeds):
    f = seeds["000"]
    t14 = table(f, "14、关于提前下达2020年普惠金融", "indicators")
    assert t14.n_rows == 9 and t14.header_rows == 1
    assert t14.rows()[1][4] == "≥6%"  # $\geq 6\%$
    t23 = table(f, "23、关于提前下达2020年省级城乡居民养老保险", "indicators")
    assert t23.n_rows == 15  # four repeated 一级指标 headers dropped
    assert t23.rows()[5][2] == "16-59周岁人员参保政府代缴率(政府实际代缴人数/16-59周岁参保人员数)"
    assert table(f, "13、高校毕业生", "indicators").rows()[4][4] == "%"


def test_seed000_other_tables_and_narrative(seeds):
    f = seeds["000"]
    assert table(f, "部门机构设置情况").rows()[1] == [
        "高邑县人力资源和社会保障局（本级）",
        "行政",
        "正科级",
        "财政拨款",
    ]
    assets = table(f, "高邑县县直部门固定资产占用情况表")
    assert assets.rows()[1] == ["资产总额", "——", "787.93"]
    texts = [p.text for p in f.paragraphs]
    assert any("基本支出966.96万元，包括人员经费906.2万元" in t for t in texts)
    assert any("包括办公费、印刷费" in t and "培训费" in t for t in texts)  # page break joined
    heading = next(p for p in f.paragraphs if p.text == "一、部门职责及机构设置情况")
    assert heading.heading
    assert all("**" not in t and "$" not in t for t in texts)


# ---------------------------------------------------------------- seed 002 (DOCX text)


def test_seed002_standard_tables(seeds):
    f = seeds["002"]
    assert (f.department_code, f.department_name, f.year) == (
        "323",
        "昌黎县人力资源和社会保障局",
        2023,
    )
    assert kinds(f) == {
        "revenue_expenditure_summary": 1,
        "revenue_summary": 1,
        "expenditure_summary": 1,
        "fiscal_appropriation_summary": 1,
        "gpb_expenditure": 1,
        "gpb_basic_expenditure": 1,
        "gov_fund_expenditure": 1,
        "soe_capital_expenditure": 1,
        "three_public_expenditure": 1,
        "organization": 1,
        "project_performance": 52,
        "procurement": 1,
        "fixed_assets": 1,
    }
    rev = table(f, "部门预算收入总表")
    rows = rev.rows()
    assert rev.header_rows == 3 and rev.n_cols == 13
    assert rev.caption_lines == ["323昌黎县人力资源和社会保障局", "预算年度：2023", "单位：万元"]
    assert rows[0] == ["序号", "功能分类科目", "", "合计", "本年收入"] + [""] * 7 + ["上年结转"]
    assert rev.cell_at(0, 4).colspan == 8 and rev.cell_at(0, 0).rowspan == 2
    assert rows[2][0] == "栏次" and rows[3][2:4] == ["合计", "29296.37"]
    summary = table(f, "部门预算收支总表").rows()
    assert summary[0] == ["序号", "收入", "", "支出", ""]
    assert summary[-1] == ["34", "收入总计", "29296.37", "支出总计", "29296.37"]
    basic = table(f, "部门预算一般公共预算财政拨款基本支出表")
    assert basic.rows()[0][1:4] == ["支出部门经济分类科目", "", "一般公共预算基本支出"]
    assert basic.cell_at(0, 3).colspan == 3
    fiscal = table(f, "部门预算财政拨款收支总表").rows()
    assert fiscal[0][3] == "支出" and fiscal[1][3:5] == ["项目", "合计"]


def test_seed002_project_tables(seeds):
    f = seeds["002"]
    header = table(f, "1、2023年度事业单位工作人员", "header")
    assert header.n_rows == 1 and header.rows()[0][0] == "绩效目标"
    grid = table(f, "26、提前下达2023年中央财政机关事业单位", "indicators")
    assert grid.n_rows == 10 and grid.rows()[4][2:5] == [
        "项目预算控制数",
        "不超过财政支持经费",
        "≤3972万元",
    ]
    assert table(f, "部门政府采购预算").n_rows == 2  # an empty table stays empty


# ---------------------------------------------------------------- seeds 001 and 003 (DOCX text)


def test_seed001(seeds):
    f = seeds["001"]
    assert (f.department_code, f.department_name, f.year) == (
        "805",
        "霸州市人力资源和社会保障局",
        2021,
    )
    assert kinds(f) == {
        "organization": 1,
        "project_performance": 28,
        "procurement": 1,
        "fixed_assets": 1,
    }
    nine = table(f, "9、养老证制作经费", "indicators").rows()
    assert nine[-1][:2] == ["满意度指标", "社会效益指标"]  # the source error stays visible
    proc = table(f, "单位政府采购预算")
    assert proc.cell_at(0, 0).colspan == 2 and proc.cell_at(0, 7).colspan == 6
    assert proc.rows()[3][:3] == ["公用类项目", "202.49", "台式计算机"]
    assert table(f, "霸州市人力资源和社会保障局单位固定资产").rows()[1][2] == "182.79"
    assert not any("bookmark" in p.text for p in f.paragraphs)


def test_seed003(seeds):
    f = seeds["003"]
    assert (f.department_code, f.department_name, f.year) == (
        "316",
        "魏县人力资源和社会保障局",
        2025,
    )
    assert kinds(f) == {"project_performance": 28}
    h1 = table(f, "1.社会保障工作经费", "header").rows()
    assert h1[0][1] == "13043425P00000110011H" and h1[1][2] == "150.00"
    assert squeeze(h1[1][3]) == "其中：财政资金"
    assert h1[4][1:5] == ["25%", "50%", "75%", "100%"]
    assert table(f, "5.公共实训基地", "header").rows()[4][1:5] == ["100%", "", "", ""]
    twelve = table(f, "12.劳务派遣人员工资", "indicators").rows()  # rows cut by page breaks
    assert twelve[2] == [
        "",
        "质量指标",
        "工资足额发放率",
        "工资应发放额/工资实际发放额",
        "100%",
        "县长办公会议纪要十六届【2020】62号、2025年度工作计划",
    ]
    assert twelve[4][2:5] == ["工资社保发放缴纳及时率", "按计划每月月底完成发放", "≥90%"]
    assert table(f, "5.公共实训基地", "indicators").rows()[4][4] == "800万元"


# ---------------------------------------------------------------- seed 004 (OCR, newer form)


def test_seed004(seeds):
    f = seeds["004"]
    assert (f.department_code, f.department_name, f.year) == (
        "107",
        "高新区人力资源和社会保障局",
        2024,
    )
    assert kinds(f) == {
        "overall_performance": 1,
        "project_performance": 34,
        "procurement": 1,
        "fixed_assets": 1,
    }
    overall = next(t for t in f.tables if t.kind == "overall_performance")
    assert overall.header_rows == 2 and sq(overall.rows()[1])[4:7] == [
        "符号",
        "值",
        "单位(文字描述)",
    ]
    h6 = table(f, "6、档案管理专项", "header")
    assert h6.caption_lines == ["预算项目绩效表"] and h6.header_rows == 2
    assert h6.rows()[0][6:9] == ["预算年度：2024", "", "金额：10万元"]
    h1 = table(f, "1、城乡养老缴费补贴", "header").rows()
    assert h1[5][1:9] == ["资金支出计划", "3月底", "", "6月底", "", "10月底", "", "12月底"]
    assert h1[6][2:9] == ["0", "", "0", "", "0", "", "100"]
    i3 = table(f, "3、社会保险认证专项", "indicators").rows()
    assert i3[6][1:3] == ["效益指标", "可持续影响指标"]  # OCR spaces inside words removed
    i4 = table(f, "4、监察仲裁专项", "indicators").rows()
    assert i4[-1][6:9] == ["≥", "95.00", "%"]  # 95.00 % spilled into one cell
    i7 = table(f, "7、机关事业单位养老保险", "indicators").rows()
    assert i7[-1][:3] == ["22", "满意度指标", "服务对象满意度指标"]  # row shifted right


def test_cells_have_no_page_and_full_confidence(seeds):
    cells = [c for f in seeds.values() for t in f.tables for c in t.cells]
    assert cells and all(c.page is None and c.bbox is None and c.confidence == 1.0 for c in cells)


# ---------------------------------------------------------------- cleaning


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        (r"$\geq 95\%$", "≥95%"),
        (r"$\leq 5\%$", "≤5%"),
        ("**一般公共预算拨款收入**：指", "一般公共预算拨款收入：指"),
        ("效益 指标", "效益指标"),
        ("2020 年", "2020年"),
        ("≥ 32320 人", "≥32320人"),
        ("1.00 2.00", "1.00 2.00"),
        ("[bookmark: _Toc30521345]预算项目", "预算项目"),
        ("| 合计 |", "合计"),
    ],
)
def test_clean(raw, want):
    assert clean(raw) == want


# ---------------------------------------------------------------- bad input


def one_line_refusal(data: bytes, name: str = "x.txt") -> str:
    with pytest.raises(InputError) as err:
        read(data, name, progress=NoProgress())
    message = str(err.value)
    assert message and "\n" not in message
    return message


def test_empty_file_is_refused():
    assert "为空" in one_line_refusal(b"")
    assert "为空" in one_line_refusal(b"  \n\n")


def test_binary_file_named_txt_is_refused():
    assert "二进制" in one_line_refusal(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)


def test_undecodable_bytes_are_refused():
    assert "编码" in one_line_refusal(bytes(range(0x80, 0x100)) * 20)


def test_gbk_text_is_read_like_utf8():
    path = next(SEEDS.glob("002_*.txt"))
    text = path.read_text(encoding="utf-8")
    gbk = read(text.encode("gb18030"), "gbk.txt", progress=NoProgress())
    utf8 = read(text.encode("utf-8"), "utf8.txt", progress=NoProgress())
    assert [t.rows() for t in gbk.tables] == [t.rows() for t in utf8.tables]
    assert gbk.department_name == "昌黎县人力资源和社会保障局"


def test_too_big_file_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(formats, "MAX_BYTES", 1000)
    with pytest.raises(InputError) as err:
        formats.read_filing(b"x" * 1001, "big.txt")
    assert "过大" in str(err.value) and "\n" not in str(err.value)


def test_read_filing_dispatches_txt_and_md():
    data = next(SEEDS.glob("001_*.txt")).read_bytes()
    filing = formats.read_filing(data, "seed.md")
    assert filing.source == "seed.md" and len(filing.sha256) == 64 and filing.year == 2021


def test_cancel_stops_reading():
    class Cancelling(NoProgress):
        def check(self) -> None:
            raise Cancelled

    data = next(SEEDS.glob("000_*.txt")).read_bytes()
    with pytest.raises(Cancelled):
        read(data, "000.txt", progress=Cancelling())


def test_markdown_pipe_table_is_read():
    text = (
        "部门机构设置情况\n\n| 单位名称 | 单位性质 | 单位规格 | 经费保障形式 |\n"
        "|---|---|---|---|\n| 某县人社局 | 行政 | 正科级 | 财政拨款 |\n"
    )
    filing = read(text.encode("utf-8"), "org.md", progress=NoProgress())
    (t,) = filing.tables
    assert t.kind == "organization"
    assert t.rows() == [
        ["单位名称", "单位性质", "单位规格", "经费保障形式"],
        ["某县人社局", "行政", "正科级", "财政拨款"],
    ]


def test_text_without_tables_is_narrative():
    filing = read("一、概况\n本部门无预算。\n".encode(), "note.txt", progress=NoProgress())
    assert filing.tables == [] and [p.heading for p in filing.paragraphs] == [True, False]


def test_ocr_table_without_rows_is_no_crash() -> None:
    """Fuzz found it: a table marker with no rows made max() fail on an empty list."""
    from parsers.upstream_text import _ocr_layout

    assert _ocr_layout([]) == ([], [])


def test_a_few_damaged_bytes_keep_the_filing() -> None:
    from parsers.text_cleanup import decode

    good = "部门预算收入总表\n合计\t29296.37\n" * 50
    data = bytearray(good.encode("utf-8"))
    data[10] = 0xFF  # one byte damaged inside a character
    text = decode(bytes(data), "x.txt")
    assert "\ufffd" in text and "29296.37" in text
    with pytest.raises(InputError):
        decode(bytes([0xFF, 0xFE, 0xFA] * 400), "x.txt")  # no text at all
