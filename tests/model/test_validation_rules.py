"""Every rule on a minimal inline table: one where it fires (rule, cells, expected,
actual checked) and one where it does not."""

from __future__ import annotations

from model.domain import FilingData, ParagraphData, TableData
from model.validation import validate
from model.validation.registry import all_rules
from model.validation.result import FindingResult
from model.validation.snapshot import table_from_rows

_next_id = [100]


def table(
    kind: str | None,
    rows: list[list[str]],
    header_rows: int = 1,
    *,
    title: str = "",
    part: str | None = None,
    caption: tuple[str, ...] = (),
) -> TableData:
    _next_id[0] += 1
    return table_from_rows(
        _next_id[0],
        {
            "kind": kind,
            "rows": rows,
            "header_rows": header_rows,
            "title": title or kind or "",
            "part": part,
            "caption_lines": list(caption),
        },
    )


def filing(
    *tables: TableData, paragraphs: tuple[str, ...] = (), year: int | None = 2023
) -> FilingData:
    return FilingData(
        id=1,
        name="t",
        sha256="",
        file_type="json",
        page_count=1,
        department_code=None,
        department_name=None,
        year=year,
        status="new",
        tables=tuple(tables),
        paragraphs=tuple(ParagraphData(order=i, text=p) for i, p in enumerate(paragraphs)),
    )


def run(rule: str, f: FilingData) -> list[FindingResult]:
    fn = next(r.function for r in all_rules() if r.name == rule)
    return [x for x in fn(f) if x.severity != "info"]


def one(rule: str, f: FilingData) -> FindingResult:
    found = run(rule, f)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- hierarchy, codes

EXP_HEAD = [["序号", "科目编码", "科目名称", "合计", "基本支出", "项目支出"]]


def expenditure(rows: list[list[str]]) -> TableData:
    return table("gpb_expenditure", EXP_HEAD + rows)


GOOD_EXP = [
    ["1", "", "合计", "30.00", "10.00", "20.00"],
    ["2", "208", "社会保障和就业支出", "30.00", "10.00", "20.00"],
    ["3", "20801", "人力资源和社会保障管理事务", "30.00", "10.00", "20.00"],
    ["4", "2080101", "行政运行", "10.00", "10.00", ""],
    ["5", "2080199", "其他人力资源和社会保障管理事务支出", "20.00", "", "20.00"],
]


def test_hierarchy_sum() -> None:
    rows = [r[:] for r in GOOD_EXP]
    rows[4][3] = "20.10"
    rows[4][5] = "20.10"
    found = run("hierarchy_sum", filing(expenditure(rows)))
    by_col = {x.cells[0]: x for x in found}
    x = by_col[(3, 3)]
    assert x.rule == "hierarchy_sum" and x.severity == "error"
    assert x.cells == ((3, 3), (4, 3), (5, 3))
    assert (x.expected, x.actual) == ("30.10", "30.00")
    assert (3, 5) in by_col and len(found) == 2
    assert run("hierarchy_sum", filing(expenditure(GOOD_EXP))) == []


def test_hierarchy_total_row_equals_sum_of_classes() -> None:
    rows = [r[:] for r in GOOD_EXP]
    rows[0][4] = "11.00"
    x = one("hierarchy_sum", filing(expenditure(rows)))
    assert x.cells == ((1, 4), (2, 4)) and (x.expected, x.actual) == ("10.00", "11.00")


def all_of(rule: str, f: FilingData) -> list[FindingResult]:
    """Every finding of a rule, info notes included."""
    fn = next(r.function for r in all_rules() if r.name == rule)
    return fn(f)


def test_code_name_one_name_in_every_table() -> None:
    # 2080101 is 行政运行 in two tables and 行政远行 in a third (outside the catalog)
    odd = [r[:] for r in GOOD_EXP]
    odd[3][2] = "行政远行"
    other = table(None, EXP_HEAD + odd, title="机关运行经费支出表")
    f = filing(expenditure(GOOD_EXP), table("expenditure_summary", EXP_HEAD + GOOD_EXP), other)
    x = one("code_name", f)
    assert (x.rule, x.severity, x.table_id) == ("code_name", "warning", other.id)
    assert x.cells == ((4, 1), (4, 2)) and (x.expected, x.actual) == ("行政运行", "行政远行")
    assert "gpb_expenditure" in x.message
    assert run("code_name", filing(expenditure(GOOD_EXP), expenditure(GOOD_EXP))) == []


def test_code_and_name_printed_in_one_cell() -> None:
    """2080101-行政运行 in one cell (DOMAIN.md): the row has its code for the hierarchy,
    and its name is the same name as in a table that prints them apart."""
    joined = [["科目", "合计", "基本支出", "项目支出"]] + [
        [f"{r[1]}-{r[2]}" if r[1] else r[2], *r[3:]] for r in GOOD_EXP
    ]
    f = filing(table("expenditure_summary", joined), expenditure(GOOD_EXP))
    assert run("code_name", f) == [] and run("hierarchy_sum", f) == []
    joined[5][1] = joined[5][3] = "20.10"
    x = run("hierarchy_sum", filing(table("expenditure_summary", joined)))[0]
    assert x.message.startswith("20801 人力资源和社会保障管理事务「合计」")


def test_code_name_tie_warns_on_both() -> None:
    odd = [r[:] for r in GOOD_EXP]
    odd[3][2] = "行政远行"
    a, b = expenditure(GOOD_EXP), expenditure(odd)
    found = run("code_name", filing(a, b))
    assert {(x.table_id, x.actual, x.expected) for x in found} == {
        (a.id, "行政运行", "行政远行"),
        (b.id, "行政远行", "行政运行"),
    }


def test_code_name_level_marker_and_abbreviation_are_one_name() -> None:
    rows = [r[:] for r in GOOD_EXP]
    rows[1][2] = "社会保障和就业支出（类）"
    rows[2][2] = "人力资源和社会保障 管理事务"
    rows[4][2] = "其他人力资源和社会保障管理事务"  # 其他…支出 abbreviated
    assert all_of("code_name", filing(expenditure(GOOD_EXP), expenditure(rows))) == []


def test_code_name_missing_from_the_list_is_nothing() -> None:
    # a 2019 filing: 20405 检察 and its 2040501 are not in the partial list
    rows = [
        ["1", "", "合计", "10.00", "10.00", ""],
        ["2", "204", "公共安全支出", "10.00", "10.00", ""],
        ["3", "20405", "检察", "10.00", "10.00", ""],
        ["4", "2040501", "行政运行", "10.00", "10.00", ""],
        ["5", "2040599", "其他检察支出", "", "", ""],
    ]
    assert all_of("code_name", filing(expenditure(rows), table(None, EXP_HEAD + rows))) == []


def test_code_name_former_name_is_at_most_info() -> None:
    # 20805 was 行政事业单位离退休 before it became 行政事业单位养老支出
    rows = [
        ["1", "", "合计", "10.00", "10.00", ""],
        ["2", "208", "社会保障和就业支出", "10.00", "10.00", ""],
        ["3", "20805", "行政事业单位离退休", "10.00", "10.00", ""],
        ["4", "2080501", "行政单位离退休", "10.00", "10.00", ""],
    ]
    f = filing(expenditure(rows), table("expenditure_summary", EXP_HEAD + rows))
    assert run("code_name", f) == []
    notes = all_of("code_name", f)
    assert len(notes) == 1 and notes[0].severity == "info"
    assert (notes[0].expected, notes[0].actual) == ("行政事业单位养老支出", "行政事业单位离退休")


def test_code_name_suggests_a_code_only_for_a_likely_slip() -> None:
    rows = [r[:] for r in GOOD_EXP]
    rows[3][1] = "2080198"  # not in the list, but its parent 20801 is printed: the filing's own
    assert all_of("code_name", filing(expenditure(rows))) == []
    rows = [r[:] for r in GOOD_EXP[:2]] + [["3", "2080901", "行政运行", "30.00", "10.00", "20.00"]]
    notes = all_of("code_name", filing(expenditure(rows)))  # 20809 not printed: an OCR slip?
    assert [(x.severity, x.expected, x.actual) for x in notes] == [("info", "2080101", "2080901")]


def test_code_parent() -> None:
    rows = [r[:] for r in GOOD_EXP]
    rows[3][1] = "2050101"  # under 20801: its parent 20501 is not printed
    x = one("code_parent", filing(expenditure(rows)))
    assert x.cells == ((4, 1), (3, 1)) and (x.expected, x.actual) == ("20501", "20801")
    assert run("code_parent", filing(expenditure(GOOD_EXP))) == []


def test_code_parent_siblings_between_parent_and_child() -> None:
    rows = [
        ["1", "", "合计", "6.00", "6.00", ""],
        ["2", "208", "社会保障和就业支出", "6.00", "6.00", ""],
        ["3", "20801", "人力资源和社会保障管理事务", "3.00", "3.00", ""],
        ["4", "2080101", "行政运行", "1.00", "1.00", ""],
        ["5", "2080102", "一般行政管理事务", "2.00", "2.00", ""],
        ["6", "20805", "行政事业单位养老支出", "3.00", "3.00", ""],
        ["7", "2080505", "机关事业单位基本养老保险缴费支出", "3.00", "3.00", ""],
    ]
    assert run("code_parent", filing(expenditure(rows), table(None, EXP_HEAD + rows))) == []


def test_code_parent_in_a_table_outside_the_catalog() -> None:
    rows = [r[:] for r in GOOD_EXP]
    rows[2], rows[3] = rows[3], rows[2]  # 2080101 printed above its 款 20801
    other = table(None, EXP_HEAD + rows, title="机关运行经费支出表")
    x = one("code_parent", filing(other))
    assert (x.table_id, x.cells, x.expected, x.actual) == (
        other.id,
        ((3, 1), (2, 1)),
        "20801",
        "208",
    )
    assert any(r.name == "code_parent" and None in r.kinds for r in all_rules())


# ---------------------------------------------------------------- row arithmetic

REV_HEAD = [
    ["序号", "科目编码", "科目名称", "合计", "本年收入", "", "", "上年结转"],
    ["", "", "", "", "小计", "财政拨款收入", "事业收入", ""],
    ["栏次", "1", "2", "3", "4", "5", "6", "7"],
]


def test_row_sum_revenue_summary() -> None:
    good = ["1", "", "合计", "10.77", "10.00", "9.00", "1.00", "0.77"]
    assert run("row_sum", filing(table("revenue_summary", REV_HEAD + [good], 3))) == []
    bad = good[:]
    bad[5] = "9.50"
    x = one("row_sum", filing(table("revenue_summary", REV_HEAD + [bad], 3)))
    assert x.cells == ((3, 4), (3, 5), (3, 6)) and (x.expected, x.actual) == ("10.50", "10.00")
    bad = good[:]
    bad[3] = "10.70"
    x = one("row_sum", filing(table("revenue_summary", REV_HEAD + [bad], 3)))
    assert x.cells == ((3, 3), (3, 4), (3, 7)) and (x.expected, x.actual) == ("10.77", "10.70")


def test_row_sum_basic_expenditure() -> None:
    head = [["序号", "科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
    row = ["1", "301", "工资福利支出", "5.00", "4.00", "1.00"]
    t = table("gpb_basic_expenditure", head + [row])
    assert run("row_sum", filing(t)) == []
    row[5] = "1.10"
    x = one("row_sum", filing(table("gpb_basic_expenditure", head + [row])))
    assert x.cells == ((1, 3), (1, 4), (1, 5)) and (x.expected, x.actual) == ("5.10", "5.00")


# ---------------------------------------------------------------- summary balances


def summary(rev_items: list[str], exp_items: list[str], totals: tuple[str, ...]) -> TableData:
    head = [["序号", "收入", "", "支出", ""], ["", "项目", "预算数", "项目", "预算数"]]
    rows = [
        ["1", "一、一般公共预算拨款收入", rev_items[0], "五、教育支出", exp_items[0]],
        ["2", "二、事业收入", rev_items[1], "八、社会保障和就业支出", exp_items[1]],
        ["3", "本年收入合计", totals[0], "本年支出合计", totals[1]],
        ["4", "上年结转结余", totals[2], "年终结转结余", ""],
        ["5", "收入总计", totals[3], "支出总计", totals[4]],
    ]
    return table("revenue_expenditure_summary", head + rows, 2)


def test_summary_balance() -> None:
    good = summary(["8.00", "2.00"], ["3.00", "7.50"], ("10.00", "10.50", "0.50", "10.50", "10.50"))
    assert run("summary_balance", filing(good)) == []
    bad = summary(["8.00", "2.10"], ["3.00", "7.50"], ("10.00", "10.50", "0.50", "10.50", "10.50"))
    x = one("summary_balance", filing(bad))
    assert x.cells == ((4, 2), (2, 2), (3, 2)) and (x.expected, x.actual) == ("10.10", "10.00")
    bad = summary(["8.00", "2.00"], ["3.00", "7.50"], ("10.00", "10.50", "0.50", "10.50", "10.60"))
    found = run("summary_balance", filing(bad))
    assert {(x.expected, x.actual) for x in found} == {("10.50", "10.60"), ("10.60", "10.50")}


# ---------------------------------------------------------------- three public, assets


def three_public(values: dict[str, str]) -> TableData:
    head = [["序号", "项目", "合计", "一般公共预算财政拨款"]]
    labels = [
        "合计",
        "“三公”经费小计",
        "一、因公出国（境）费",
        "二、公务用车购置及运维费",
        "其中：公务用车购置费",
        "公务用车运行维护费",
        "三、公务接待费",
    ]
    rows = [
        [str(i + 1), lab, values.get(lab, ""), values.get(lab, "")] for i, lab in enumerate(labels)
    ]
    return table("three_public_expenditure", head + rows)


def test_three_public_sum() -> None:
    good = {
        "合计": "12.60",
        "“三公”经费小计": "12.60",
        "二、公务用车购置及运维费": "12.60",
        "公务用车运行维护费": "12.60",
    }
    assert run("three_public_sum", filing(three_public(good))) == []
    bad = dict(good, **{"三、公务接待费": "1.00"})
    found = run("three_public_sum", filing(three_public(bad)))
    assert {x.cells[0][1] for x in found} == {2, 3}  # 合计 and the fund column
    x = next(x for x in found if x.cells[0] == (2, 2))
    assert x.cells == ((2, 2), (3, 2), (4, 2), (7, 2))
    assert (x.expected, x.actual) == ("13.60", "12.60")
    bad = dict(good, **{"公务用车运行维护费": "12.00"})
    found = run("three_public_sum", filing(three_public(bad)))
    assert [(x.cells[0], x.expected, x.actual) for x in found if x.cells[0][1] == 2] == [
        ((4, 2), "12.00", "12.60")
    ]


def assets(total: str, office: str = "164.95") -> TableData:
    rows = [
        ["项目", "数量", "价值（金额单位：万元）"],
        ["资产总额", "", total],
        ["1、房屋（平方米）", "9782.37", "523.48"],
        ["其中：办公用房（平方米）", "5635.87", office],
        ["2、车辆（台、辆）", "6", "10.50"],
        ["3、单价在20万元以上的设备", "", ""],
        ["4、其他固定资产", "5401", "269.78"],
    ]
    return table("fixed_assets", rows)


def test_fixed_assets_total() -> None:
    assert run("fixed_assets_total", filing(assets("803.76"))) == []
    x = one("fixed_assets_total", filing(assets("803.67")))
    assert x.cells == ((1, 2), (2, 2), (4, 2), (5, 2), (6, 2))
    assert (x.expected, x.actual) == ("803.76", "803.67")


def test_fixed_assets_office() -> None:
    assert run("fixed_assets_office", filing(assets("803.76"))) == []
    x = one("fixed_assets_office", filing(assets("803.76", office="623.48")))
    assert x.cells == ((3, 2), (2, 2)) and x.actual == "623.48"


# ---------------------------------------------------------------- procurement

PROC_HEAD = [
    [
        "政府采购项目来源",
        "",
        "采购物品名称",
        "政府采购目录序号",
        "计量单位",
        "数量",
        "单价",
        "政府采购金额",
        "",
        "",
    ],
    ["项目名称", "预算资金", "", "", "", "", "", "合计", "一般公共预算拨款", "基金预算拨款"],
]


def procurement(rows: list[list[str]]) -> TableData:
    return table("procurement", PROC_HEAD + rows, 2, title="部门政府采购预算")


GOOD_PROC = [
    ["合计", "", "", "", "", "", "", "2.30", "2.30", ""],
    ["本级小计", "", "", "", "", "", "", "2.30", "2.30", ""],
    ["日常公用经费", "40.51", "复印机", "A020201", "台", "1.00", "0.50", "0.50", "0.50", ""],
    [
        "综合业务和事务管理工作经费",
        "8.5",
        "计算机设备",
        "A020101",
        "台",
        "3",
        "0.60",
        "1.80",
        "1.80",
        "",
    ],
]


def test_procurement_row_sum() -> None:
    assert run("procurement_row_sum", filing(procurement(GOOD_PROC))) == []
    rows = [r[:] for r in GOOD_PROC]
    rows[0][9] = "2.30"
    x = one("procurement_row_sum", filing(procurement(rows)))
    assert x.cells == ((2, 7), (2, 8), (2, 9)) and (x.expected, x.actual) == ("4.60", "2.30")


def test_procurement_amount() -> None:
    assert run("procurement_amount", filing(procurement(GOOD_PROC))) == []
    rows = [r[:] for r in GOOD_PROC]
    rows[3][5] = "4"
    x = one("procurement_amount", filing(procurement(rows)))
    assert x.cells == ((5, 5), (5, 6), (5, 7)) and (x.expected, x.actual) == ("2.40", "1.80")


def test_procurement_total() -> None:
    assert run("procurement_total", filing(procurement(GOOD_PROC))) == []
    rows = [r[:] for r in GOOD_PROC]
    rows[1][7] = rows[1][8] = "2.40"
    rows[0][7] = rows[0][8] = "2.40"
    found = run("procurement_total", filing(procurement(rows)))
    assert {(x.cells[0], x.expected, x.actual) for x in found} == {
        ((3, 7), "2.30", "2.40"),
        ((3, 8), "2.30", "2.40"),
    }
    assert found[0].cells[1:] == ((4, found[0].cells[0][1]), (5, found[0].cells[0][1]))


# ---------------------------------------------------------------- project performance


def project_header(
    budget: str,
    fiscal: str,
    plan: list[str],
    title: str = "1、X项目绩效目标表",
    name: str = "X项目",
) -> TableData:
    rows = [
        ["项目编码", "316-0802", "", "项目名称", name, "", ""],
        ["预算规模及资金用途", "预算数", budget, "其中：财政资金", fiscal, "其他资金", ""],
        ["", "用途", "", "", "", "", ""],
        ["资金支出计划(%)", "3月底", "6月底", "10月底", "12月底", "", ""],
        ["", *plan, "", ""],
        ["绩效目标", "目标", "", "", "", "", ""],
    ]
    return table("project_performance", rows, 0, title=title, part="header")


def indicators(rows: list[list[str]], title: str = "1、X项目绩效目标表") -> TableData:
    head = [["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]]
    return table("project_performance", head + rows, 1, title=title, part="indicators")


GOOD_IND = [
    ["产出指标", "数量指标", "培训人数", "培训人数", "≥100人", "计划"],
    ["", "成本指标", "建设成本", "建设成本", "≤8万元", "预算"],
    ["效益指标", "社会效益指标", "就业率", "就业率", "≥90%", "统计"],
    ["满意度指标", "服务对象满意度指标", "满意度", "满意度", "$\\geq 95\\%$", "调查"],
]


def test_budget_sum() -> None:
    assert (
        run("budget_sum", filing(project_header("8.04", "8.04", ["25", "50", "75", "100"]))) == []
    )
    x = one("budget_sum", filing(project_header("8.04", "8.40", ["25", "50", "75", "100"])))
    assert x.cells == ((1, 2), (1, 4), (1, 6)) and (x.expected, x.actual) == ("8.40", "8.04")


def test_title_amount() -> None:
    h = project_header("16.50", "16.50", ["0", "0", "0", "100"])
    t = table(
        "project_performance",
        [["序号", "项目编码及名称：X", "金额：16.5万元"]],
        0,
        title="1、X项目绩效目标表",
        part="header",
    )
    assert run("title_amount", filing(t, h)) == []
    h2 = project_header("15.50", "15.50", ["0", "0", "0", "100"])
    x = one("title_amount", filing(t, h2))
    assert x.table_id == h2.id and (x.expected, x.actual) == ("15.50", "16.50")


def test_spending_plan() -> None:
    assert run("spending_plan", filing(project_header("1", "1", ["25", "50", "75", "100"]))) == []
    x = one("spending_plan", filing(project_header("1", "1", ["100.00", "", "", ""])))
    assert x.cells == ((4, 1), (4, 2), (4, 3), (4, 4)) and (x.expected, x.actual) == ("100.00", "")
    found = run("spending_plan", filing(project_header("1", "1", ["50", "40", "75", "100"])))
    assert [(x.cells, x.actual) for x in found] == [(((4, 1), (4, 2)), "40")]


def test_indicator_category() -> None:
    assert run("indicator_category", filing(indicators(GOOD_IND))) == []
    rows = [r[:] for r in GOOD_IND]
    rows[3][1] = "社会效益指标"  # seed 001 item 9: under 满意度指标
    x = one("indicator_category", filing(indicators(rows)))
    assert x.cells == ((4, 0), (4, 1)) and (x.expected, x.actual) == ("效益指标", "满意度指标")
    rows = [r[:] for r in GOOD_IND]
    rows[3][0] = ""  # merged 一级 carried down: 满意度 missing, 服务对象满意度 under 效益
    found = run("indicator_category", filing(indicators(rows)))
    assert {x.subject for x in found} == {"r4:l2", "missing:满意度指标"}


def test_indicator_value() -> None:
    assert run("indicator_value", filing(indicators(GOOD_IND))) == []
    rows = [r[:] for r in GOOD_IND]
    rows[3][4] = "%"  # seed 000 item 13
    x = one("indicator_value", filing(indicators(rows)))
    assert x.cells == ((4, 4),) and x.actual == "%"
    rows[3][4] = "≥120%"
    x = one("indicator_value", filing(indicators(rows)))
    assert x.actual == "≥120%" and x.expected == "0–100%"
    rows[3][4] = "=效果显著"  # a phrase after a sign is qualitative
    assert run("indicator_value", filing(indicators(rows))) == []


def test_missing_value() -> None:
    assert run("missing_value", filing(indicators(GOOD_IND))) == []
    rows = [r[:] for r in GOOD_IND]
    rows[0][2] = ""
    rows[2][4] = ""
    found = run("missing_value", filing(indicators(rows)))
    assert {(x.cells, x.expected) for x in found} == {
        (((1, 2),), "三级指标"),
        (((3, 4),), "指标值"),
    }


def test_missing_value_split_columns() -> None:
    head = [
        [
            "序号",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标内容",
            "评（扣）分标准",
            "指标值",
            "",
            "",
            "指标确定依据",
        ],
        ["", "", "", "", "", "", "符号", "值", "单位（文字描述）", ""],
    ]
    rows = [
        [
            "14",
            "产出指标",
            "时效指标",
            "资金支付及时率",
            "及时拨付",
            "按时",
            "文字描述",
            "",
            "",
            "开展认证工作",
        ]
    ]
    t = table("project_performance", head + rows, 2, part="indicators")
    x = one("missing_value", filing(t))
    assert x.cells == ((2, 6), (2, 7), (2, 8))
    rows[0][8] = "按时拨付到位"
    assert (
        run(
            "missing_value", filing(table("project_performance", head + rows, 2, part="indicators"))
        )
        == []
    )


def test_cost_indicator_value() -> None:
    assert run("cost_indicator_value", filing(indicators(GOOD_IND))) == []
    rows = [r[:] for r in GOOD_IND]
    rows[1][3], rows[1][4] = "3万元", "=100%"  # seed 001 item 11
    x = one("cost_indicator_value", filing(indicators(rows)))
    assert x.cells == ((2, 1), (2, 2), (2, 4)) and x.actual == "=100%"
    rows = [r[:] for r in GOOD_IND]
    rows[1][3], rows[1][4] = "按照每人每月30元发放标准", "=30人/月"  # seed 001 item 7
    x = one("cost_indicator_value", filing(indicators(rows)))
    assert x.actual == "=30人/月"
    rows[1][3] = "按照每人每月标准"  # no money stated: a count may be what is meant
    assert run("cost_indicator_value", filing(indicators(rows))) == []


def test_a_count_stated_in_words_against_another_value() -> None:
    assert run("indicator_value", filing(indicators(GOOD_IND))) == []
    rows = [r[:] for r in GOOD_IND]
    rows[0][3], rows[0][4] = "慰问离退休老干部及遗孀33人", "35人"  # seed 003 project 14
    x = one("indicator_value", filing(indicators(rows)))
    assert x.severity == "warning" and (x.expected, x.actual) == ("33人", "35人")
    for words, value in (
        ("慰问离退休老干部及遗孀35人", "35人"),  # the same figure
        ("至少33人", "≥35人"),  # a bound, not a count
        ("培训33人次", "35人"),  # another unit
        ("一班33人，二班40人", "73人"),  # two figures: parts, perhaps
    ):
        rows[0][3], rows[0][4] = words, value
        assert run("indicator_value", filing(indicators(rows))) == [], words


def test_cost_over_budget() -> None:
    h = project_header("500.00", "500.00", ["100%", "", "", ""])
    assert run("cost_over_budget", filing(h, indicators(GOOD_IND))) == []
    rows = [r[:] for r in GOOD_IND]
    rows[1][4] = "800万元"  # seed 003 item 5
    ind = indicators(rows)
    x = one("cost_over_budget", filing(h, ind))
    assert x.table_id == ind.id and x.cells == ((2, 1), (2, 2), (2, 4))
    assert (x.expected, x.actual) == ("≤500.00", "800.00")


# ---------------------------------------------------------------- across tables, narrative


def test_cross_table_procurement_against_project() -> None:
    h = project_header(
        "8.04",
        "8.04",
        ["25", "50", "75", "100"],
        title="8、综合业务和事务管理工作经费绩效目标表",
        name="综合业务和事务管理工作经费",
    )
    p = procurement(GOOD_PROC)
    x = one("cross_table_amount", filing(h, p))
    assert x.table_id == p.id and x.cells == ((5, 1),)
    assert (x.expected, x.actual) == ("8.04", "8.50")
    rows = [r[:] for r in GOOD_PROC]
    rows[3][1] = "8.04"
    assert run("cross_table_amount", filing(h, procurement(rows))) == []


def test_cross_table_basic_expenditure() -> None:
    basic_head = [["序号", "科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
    basic = [
        ["1", "", "合计", "10.00", "9.00", "1.00"],
        ["2", "301", "工资福利支出", "10.00", "9.00", "1.00"],
    ]
    gpb = expenditure(GOOD_EXP)
    assert (
        run("cross_table_amount", filing(gpb, table("gpb_basic_expenditure", basic_head + basic)))
        == []
    )
    basic[0][3] = "11.00"
    b = table("gpb_basic_expenditure", basic_head + basic)
    found = run("cross_table_amount", filing(gpb, b))
    assert {(x.table_id, x.cells, x.expected, x.actual) for x in found} == {
        (gpb.id, ((1, 4),), "11.00", "10.00"),
        (b.id, ((1, 3),), "10.00", "11.00"),
    }


def test_cross_table_classes_of_the_summary() -> None:
    s = summary(["8.00", "2.00"], ["3.00", "7.50"], ("10.00", "10.50", "0.50", "10.50", "10.50"))
    head = [["序号", "科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    exp = table(
        "expenditure_summary",
        head
        + [
            ["1", "", "合计", "10.50", "10.50", ""],
            ["2", "205", "教育支出", "3.00", "3.00", ""],
            ["3", "208", "社会保障和就业支出", "7.50", "7.50", ""],
        ],
    )
    assert run("cross_table_amount", filing(s, exp)) == []
    exp2 = table(
        "expenditure_summary",
        head
        + [
            ["1", "", "合计", "10.50", "10.50", ""],
            ["2", "205", "教育支出", "3.00", "3.00", ""],
            ["3", "208", "社会保障和就业支出", "7.60", "7.60", ""],
        ],
    )
    found = run("cross_table_amount", filing(s, exp2))
    assert {(x.table_id, x.cells) for x in found} == {(s.id, ((3, 4),)), (exp2.id, ((3, 3),))}


NARRATIVE = (
    "2020年支出预算6919.34万元，其中基本支出966.96万元，包括人员经费906.2万元和日常公用经费"
    "60.76万元；项目支出5952.38万元。基本支出减少2671.4万元。",
    "2023年，我部门安排政府采购预算2.30万元。",
)


def test_narrative_parts_hold_in_seed_000_wording() -> None:
    assert run("narrative_parts", filing(paragraphs=NARRATIVE)) == []
    bad = (NARRATIVE[0].replace("906.2万元", "906.3万元"),)
    x = one("narrative_parts", filing(paragraphs=bad))
    assert (x.expected, x.actual) == ("967.06", "966.96")


# js_court_2017 as published (the parts add up): a change named after a part, a list
# after "其中：" that names 单位预留机动经费, a class list ended by "此外".
COURT = (
    "江苏省高级人民法院2017年度收入、支出预算总计28849.38万元，与上年相比收、支预算总计各"
    "增加1808.29万元，增长6.69%。主要原因是基本支出增加人员经费1408.29万元、项目支出安排"
    "增加400万元。其中：",
    "（二）支出预算总计28849.38万元。包括：",
    "1．公共安全（类）支出23513.11万元，主要用于人员支出。与上年相比增加410.44万元，增长1.78%。",
    "此外，基本支出预算数为17123.19万元。与上年相比增加1408.29万元，增长8.96%。",
    "江苏省高级人民法院本年支出预算合计28849.38万元，其中：",
    "基本支出17123.19万元，占59.35%；",
    "项目支出11543.27万元，占40.01%；",
    "单位预留机动经费182.92万元，占0.64%；",
    "预留机动经费,",
    "江苏省高级人民法院2017年度财政拨款基本支出预算17123.19万元，其中：",
    "（一）人员经费13594.82万元。主要包括：基本工资、津贴补贴。",
    "（二）公用经费3528.37万元。主要包括：办公费、水费。",
    "七、政府性基金支出预算表情况说明",
)


def test_narrative_parts_read_changes_and_named_parts_as_printed() -> None:
    assert run("narrative_parts", filing(paragraphs=COURT)) == []


def test_narrative_parts_count_every_part_the_list_names() -> None:
    bad = tuple(p.replace("182.92", "183.92") for p in COURT)
    x = one("narrative_parts", filing(paragraphs=bad))
    assert (x.expected, x.actual) == ("28850.38", "28849.38")
    assert "单位预留机动经费" in x.message and x.extra["paragraph"] == 4
    # a cent over four rounded figures is rounding: a note, not an error (issue 27)
    near = tuple(p.replace("182.92", "182.93") for p in COURT)
    assert run("narrative_parts", filing(paragraphs=near)) == []


def test_narrative_parts_nested_list_levels_are_skipped() -> None:
    # js_zx_2017: 类 and 款 lines under 人员经费 are a deeper level, not parts.
    text = (
        "基本支出预算5,836.27万元，其中：",
        "（一）人员经费4,704.35万元",
        "1、工资福利支出（类）2,097.51万元",
        "（1）基本工资（款）支出737.94万元。用于发放工资。",
        "（二）公用经费1,131.92万元",
        "商品和服务支出（类）1,131.92万元",
        "六、财政拨款收支预算表",
    )
    assert run("narrative_parts", filing(paragraphs=text)) == []
    x = one("narrative_parts", filing(paragraphs=(text[0].replace("836", "846"), *text[1:])))
    assert (x.expected, x.actual) == ("5836.27", "5846.27")


def test_narrative_parts_not_all_named_says_nothing() -> None:
    some = ("三公经费预算10万元，其中因公出国（境）费2万元，公务接待费3万元。",)
    assert run("narrative_parts", filing(paragraphs=some)) == []
    all_three = (some[0].replace("，公务接待费", "，公务用车购置及运维费4万元，公务接待费"),)
    x = one("narrative_parts", filing(paragraphs=all_three))
    assert (x.expected, x.actual) == ("9.00", "10.00")


def test_narrative_mismatch() -> None:
    p = procurement(GOOD_PROC)
    assert run("narrative_mismatch", filing(p, paragraphs=NARRATIVE[1:])) == []
    text = (NARRATIVE[1].replace("2.30", "3.30"),)
    x = one("narrative_mismatch", filing(p, paragraphs=text))
    assert (
        x.table_id == p.id and x.cells == ((2, 7),) and (x.expected, x.actual) == ("3.30", "2.30")
    )


# js_procur_2017/2018, js_court_2017 and js_rendaban_2018 as published: the figure of one
# fund or source ("其他资金收入预算总计", "政府性基金支出预算", "一般公共预算财政拨款支出预算")
# is that fund's share, not the department's 本年收入/支出合计.
FUNDS = (
    "（一）收入预算总计10.00万元",
    "1.财政拨款收入预算总计8.00万元",
    "（1）一般公共预算收入预算8.00万元",
    "（2）政府性基金收入预算0万元",
    "2.其他资金收入预算总计2万元",
    "政府性基金预算收入0万元",
    "2018年本部门国有资本经营预算收入为0万元",
    "（二）支出预算总计10.50万元",
    "省检察院本年支出预算合计10.50万元",
    "省检察院2018年一般公共预算财政拨款支出预算8.50万元",
    "省检察院2017年政府性基金支出预算支出0万元",
)


def test_narrative_mismatch_a_fund_figure_is_no_total() -> None:
    s = summary(["8.00", "2.00"], ["3.00", "7.50"], ("10.00", "10.50", "0.50", "10.50", "10.50"))
    assert run("narrative_mismatch", filing(s, paragraphs=FUNDS)) == []
    # the totals themselves are still compared
    bad = tuple(p.replace("合计10.50", "合计10.60") for p in FUNDS)
    x = one("narrative_mismatch", filing(s, paragraphs=bad))
    assert x.table_id == s.id and x.cells == ((4, 4),)
    assert (x.expected, x.actual) == ("10.60", "10.50")


def test_narrative_mismatch_procurement_spending_is_the_procurement_figure() -> None:
    # js_procur_2018: "政府采购支出预算总额" is the 政府采购预算, not the 支出预算; a class of
    # it ("货物类政府采购支出预算", js_zx_2017) is a part of that.
    s = summary(["8.00", "2.00"], ["3.00", "7.50"], ("10.00", "10.50", "0.50", "10.50", "10.50"))
    p = procurement(GOOD_PROC)
    text = ("2018年度政府采购支出预算总额2.30万元。", "货物类政府采购支出预算1.80万元。")
    assert run("narrative_mismatch", filing(s, p, paragraphs=text)) == []
    x = one("narrative_mismatch", filing(s, p, paragraphs=(text[0].replace("2.30", "3.30"),)))
    assert x.table_id == p.id and x.cells == ((2, 7),)
    assert (x.expected, x.actual) == ("3.30", "2.30")


def test_missing_tables_are_said_once_for_the_filing() -> None:
    # issue 27: one note that lists the checks not run, not one note per rule
    printed = table("revenue_summary", [["项目", "金额"], ["合计", "1.00"]])
    found = validate(filing(printed, paragraphs=NARRATIVE))
    notes = [x for x in found if x.rule == "checks_not_run"]
    assert len(notes) == 1 and notes[0].severity == "info" and notes[0].table_id is None
    assert "“三公”经费合计核对" in notes[0].message and "部门预算支出总表" in notes[0].message
    assert all(x.severity == "info" for x in found if x.rule != "narrative_parts")
    assert [x for x in found if x.rule == "hierarchy_sum"] == []


def test_rules_that_find_nothing_to_read_join_the_one_note() -> None:
    """Seed 003 (project tables only, no narrative): the cross-table and narrative
    checks are said in the one note, not each in a note of its own; the note never
    names as missing a table the filing has."""
    found = validate(filing(indicators(GOOD_IND)))
    absent = [x for x in found if x.subject == "absent"]
    assert [x.rule for x in absent] == ["checks_not_run"]
    for words in ("表间金额核对", "情况说明增减变化核对", "情况说明文字"):
        assert words in absent[0].message
    assert "项目绩效目标表" not in absent[0].message


def test_required_tables_names_the_missing_standard_table() -> None:
    from tests.model.test_required_tables import NINE  # DOMAIN.md's nine, as the spec lists them

    printed = [table(k, [["项目", "金额"], ["合计", "1.00"]]) for k in NINE]
    assert run("required_tables", filing(*printed)) == []
    x = one("required_tables", filing(*printed[:-1]))
    assert x.severity == "warning" and x.table_id is None and x.cells == ()
    assert x.subject == "missing:soe_capital_expenditure"


# ---------------------------------------------------------------- outline sums

# Jiangsu prints its 收入预算总表 and 政府采购预算表 as outlines: a row opens the level of
# its label column and adds the rows of the next level below it
JS_REVENUE = [
    ["项目名称", "", "金额"],
    ["收入总计", "", "20,849.45"],
    ["一般公共预算资金", "小计", "20,702.25"],
    ["", "公共财政拨款(补助)资金", "20,702.25"],
    ["", "专项收入", ""],
    ["财政专户管理资金", "小计", "147.20"],
    ["", "其他非税收入", "147.20"],
    ["上年结转和结余资金", "小计", ""],
    ["", "其中：动用上年结转和结余资金", ""],
]
JS_PROCUREMENT = [
    ["采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"],
    ["合计", "", "", "", "", "100.00"],
    ["一、货物A", "", "", "", "", "100.00"],
    ["", "办公设备购置费", "办公设备购置", "", "", "60.00"],
    ["", "", "", "台式计算机", "分散自行组织", "40.00"],
    ["", "", "", "复印机", "分散自行组织", "20.00"],
    ["", "", "专用设备购置", "", "", "40.00"],
    ["", "", "", "其他专用设备", "分散自行组织", "40.00"],
]


def test_outline_sum() -> None:
    rev = table(None, JS_REVENUE, title="收入预算总表")
    proc = table("procurement", JS_PROCUREMENT, title="政府采购预算表")
    assert run("outline_sum", filing(rev, proc)) == []
    bad = [row[:] for row in JS_REVENUE]
    bad[3][2] = "20,202.25"  # one digit of a source: its 小计 no longer adds up
    x = one("outline_sum", filing(table(None, bad, title="收入预算总表")))
    assert x.cells == ((2, 2), (3, 2), (4, 2)) and (x.expected, x.actual) == (
        "20202.25",
        "20702.25",
    )
    bad = [row[:] for row in JS_PROCUREMENT]
    bad[7][5] = "30.00"  # an item: its 经济科目 row
    x = one("outline_sum", filing(table("procurement", bad, title="政府采购预算表")))
    assert x.cells == ((6, 5), (7, 5)) and (x.expected, x.actual) == ("30.00", "40.00")


def test_every_rule_is_tested_here() -> None:
    import inspect
    import sys

    source = inspect.getsource(sys.modules[__name__])
    untested = [r.name for r in all_rules() if f'"{r.name}"' not in source]
    assert untested == []


def test_indicator_value_unit_spilled_into_the_value_cell() -> None:
    head = [
        ["序号", "一级指标", "二级指标", "三级指标", "指标内容", "指标值", "", "", "依据"],
        ["", "", "", "", "", "符号", "值", "单位（文字描述）", ""],
    ]
    row = ["22", "满意度指标", "服务对象满意度指标", "满意度", "满意", "≥", "95.00 %", "", "调查"]
    t = table("project_performance", [*head, row], 2, part="indicators")
    x = one("indicator_value", filing(t))
    assert x.severity == "warning" and x.cells == ((2, 6), (2, 7)) and x.expected == "%"
    row[6], row[7] = "95.00", "%"
    t = table("project_performance", [*head, row], 2, part="indicators")
    assert run("indicator_value", filing(t)) == []


def test_narrative_change_rate_agrees_within_the_printed_rounding() -> None:
    # js_court_2017: 1408.29 / (17123.19 - 1408.29) = 8.9615 %, printed 8.96 %; the
    # reason clause after it ("基本支出增加人员经费…") is not this figure's change.
    text = (
        "此外，基本支出预算数为17123.19万元。与上年相比增加1408.29万元，增长8.96%。"
        "主要原因是基本支出增加人员经费1408.29万元，增长50%。",
        "机关运行经费预算支出1,115.85万元，与上年相比减少2,233.13万元，下降66.68%。",
    )
    assert run("narrative_change", filing(paragraphs=text)) == []
    x = one("narrative_change", filing(paragraphs=(text[0].replace("8.96%", "9.96%"),)))
    assert (x.severity, x.expected, x.actual) == ("warning", "8.96", "9.96")


def test_narrative_change_against_a_printed_last_year_figure() -> None:
    good = ("公务接待费预算12.60万元，与上年30.60万元相比，共减少18.00万元，同比下降58.82%。",)
    assert run("narrative_change", filing(paragraphs=good)) == []
    x = one("narrative_change", filing(paragraphs=(good[0].replace("30.60", "31.60"),)))
    assert (x.severity, x.expected, x.actual) == ("error", "19.00", "18.00")


def test_missing_value_not_on_an_unused_template_category() -> None:
    # Hunan, Xi'an: every second-level category printed, 社会成本指标 left empty
    rows = [r[:] for r in GOOD_IND] + [["", "社会成本指标", "", "", "", ""]]
    assert run("missing_value", filing(indicators(rows))) == []
    rows[-1][2] = "社会影响"  # an indicator named, its value missing: still found
    assert [x.expected for x in run("missing_value", filing(indicators(rows)))] == ["指标值"]


def test_cross_table_classes_only_where_both_tables_list_classes() -> None:
    s = summary(["8.00", "2.00"], ["3.00", "7.50"], ("10.00", "10.50", "0.50", "10.50", "10.50"))
    head = [["序号", "科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    # Beijing's 支出总表 lists 项 only: no 类 rows to hold the summary's classes against
    items = table(
        "expenditure_summary",
        head
        + [
            ["1", "2050101", "行政运行", "3.00", "3.00", ""],
            ["2", "2080101", "行政运行", "7.50", "7.50", ""],
        ],
    )
    assert run("cross_table_amount", filing(s, items)) == []
    # a summary listing items below the classes (财政事务) or fund sources names no class
    listed = table(
        "revenue_expenditure_summary",
        [["序号", "收入", "", "支出", ""], ["", "项目", "预算数", "项目", "预算数"]]
        + [
            ["1", "一、一般公共预算拨款收入", "10.50", "行政运行", "3.00"],
            ["2", "", "", "其他人力资源和社会保障管理事务", "7.50"],
            ["3", "收入总计", "10.50", "支出总计", "10.50"],
        ],
        2,
    )
    classes = table(
        "expenditure_summary",
        head
        + [
            ["1", "", "合计", "10.50", "10.50", ""],
            ["2", "205", "教育支出", "3.00", "3.00", ""],
            ["3", "208", "社会保障和就业支出", "7.50", "7.50", ""],
        ],
    )
    assert run("cross_table_amount", filing(listed, classes)) == []


def test_outline_sum_not_over_a_unit_code_column() -> None:
    # Xi'an 汇总: the department's row, then its unit's, each with its unit code
    t = table(
        "revenue_summary",
        [
            ["单位编码", "单位名称", "合计", "一般公共预算拨款"],
            ["合计", "", "60.00", "60.00"],
            ["121", "西安市某局", "60.00", "60.00"],
            ["121001", "西安市某局", "30.00", "30.00"],
            ["121002", "西安市某中心", "30.00", "30.00"],
        ],
    )
    assert run("outline_sum", filing(t)) == []


def test_indicator_value_column_and_one_character_answers() -> None:
    # Hunan: 三级指标 | 指标值类型 | 指标值 | 计量单位; 无 (no complaints) is an answer
    head = ["一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "计量单位"]
    rows = [
        ["产出指标", "数量指标", "采集人数", "定量", "≥100", "人"],
        ["效益指标", "社会效益指标", "群众投诉事件", "定性", "无", ""],
    ]
    t = table("project_performance", [head, *rows], part="indicators")
    assert run("indicator_value", filing(t)) == []
    rows[0][4] = "≥"  # a bound with no number is still found
    t = table("project_performance", [head, *rows], part="indicators")
    assert [x.cells for x in run("indicator_value", filing(t))] == [((1, 4),)]


def test_summary_balance_grand_total_worded_as_a_second_total() -> None:
    # Fujian: 本年收入合计 … 上年结转结余 … 收入合计 (no 总计)
    head = [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]]
    rows = [
        ["一、一般公共预算拨款收入", "10.00", "一、一般公共服务支出", "10.00"],
        ["本年收入合计", "10.00", "本年支出合计", "10.00"],
        ["上年结转结余", "0.00", "结转下年支出", "0.00"],
        ["收入合计", "10.00", "支出合计", "10.00"],
    ]
    assert (
        run("summary_balance", filing(table("revenue_expenditure_summary", head + rows, 2))) == []
    )
    rows[3][1] = "10.50"
    found = run("summary_balance", filing(table("revenue_expenditure_summary", head + rows, 2)))
    assert found and all(x.rule == "summary_balance" for x in found)


def test_procurement_funds_as_the_header_groups_them() -> None:
    # Yantai: 合计 | 财政拨款 (小计 | 一般公共预算) | 单位资金; the 小计 stands for its sources
    head = [
        ["科目编码", "科目名称", "合计", "财政拨款", "", "单位资金"],
        ["", "", "", "小计", "一般公共预算", ""],
    ]
    rows = [["205", "教育支出", "30.00", "20.00", "20.00", "10.00"]]
    t = table("procurement", head + rows, 2)
    assert run("procurement_row_sum", filing(t)) == []
    rows = [["205", "教育支出", "30.01", "20.00", "20.00", "10.00"]]  # a cent: rounding
    fn = next(r.function for r in all_rules() if r.name == "procurement_row_sum")
    assert [x.severity for x in fn(filing(table("procurement", head + rows, 2)))] == ["info"]


def test_code_parent_not_in_a_one_level_listing_and_told_once() -> None:
    # Beijing: 项 codes only, repeated per economic class; no parent is printed at all
    flat = [
        ["1", "2050101", "行政运行", "1.00", "1.00", ""],
        ["2", "2050101", "行政运行", "2.00", "2.00", ""],
        ["3", "2050199", "其他教育管理事务支出", "3.00", "3.00", ""],
    ]
    assert run("code_parent", filing(expenditure(flat))) == []
    # a parent missing under a printed class is told once, not at every repeat
    rows = [["0", "205", "教育支出", "6.00", "6.00", ""], *flat]
    assert [x.expected for x in run("code_parent", filing(expenditure(rows)))] == ["20501"]


def test_cost_is_a_first_level_indicator_of_the_newer_template() -> None:
    rows = [r[:] for r in GOOD_IND] + [
        ["成本指标", "经济成本指标", "运维成本", "运维成本", "≤17万元", "预算"]
    ]
    assert run("indicator_category", filing(indicators(rows))) == []
    rows[-1][0] = "投入指标"  # still no category of the template
    assert [x.actual for x in run("indicator_category", filing(indicators(rows)))] == ["投入指标"]


def test_summary_balance_with_the_total_printed_first() -> None:
    # Chongqing's 收支总体情况表: 合计 on the first row, the items under it
    head = [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]]
    rows = [
        ["合计", "10.00", "合计", "10.00"],
        ["一、一般公共预算资金", "8.00", "一、一般公共服务支出", "7.00"],
        ["二、事业收入资金", "2.00", "二、教育支出", "3.00"],
    ]
    assert (
        run("summary_balance", filing(table("revenue_expenditure_summary", head + rows, 2))) == []
    )
    rows[2][3] = "3.60"  # a planted figure: the 支出 side no longer adds up
    found = run("summary_balance", filing(table("revenue_expenditure_summary", head + rows, 2)))
    assert any((4, 3) in x.cells for x in found)


def test_narrative_income_may_be_the_grand_total_with_the_carry_over() -> None:
    # Shenzhen: 收入预算 4684.30 = 本年收入合计 4676.96 + 上年结转 7.34 (收入总计)
    s = summary(["8.00", "2.00"], ["3.00", "7.50"], ("10.00", "10.50", "0.50", "10.50", "10.50"))
    for said in ("10.00", "10.50"):
        text = (f"2023年部门收入预算{said}万元。",)
        assert run("narrative_mismatch", filing(s, paragraphs=text)) == [], said
    found = run("narrative_mismatch", filing(s, paragraphs=("2023年部门收入预算10.70万元。",)))
    assert [x.actual for x in found] == ["10.00"]
