"""No rule crashes on odd tables (OCR debris, short rows, labels in amount columns),
and every cell a finding names lies inside its table."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.validation.registry import all_rules
from tests.model.test_validation_rules import filing, table

TOKENS = [
    "",
    "合计",
    "小计",
    "208",
    "20801",
    "2080101",
    "301",
    "30101",
    "12.60",
    "0.77",
    "1,234.5",
    "——",
    "%",
    "≥95%",
    "$\\geq 95\\%$",
    "文字描述",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "产出指标",
    "成本指标",
    "800万元",
    "预算数",
    "财政资金",
    "其他资金",
    "3月底",
    "12月底",
    "100",
    "本年收入合计",
    "本年支出合计",
    "收入总计",
    "支出总计",
    "上年结转结余",
    "资产总额",
    "房屋",
    "办公用房",
    "项目名称",
    "预算资金",
    "数量",
    "单价",
    "科目编码",
    "科目名称",
    "栏次",
    "基本支出",
    "项目支出",
    "人员经费",
    "公用经费",
    "“三公”经费小计",
    "公务接待费",
    "金额：16.5万元",
]
KINDS = [None, *sorted({k for r in all_rules() for k in r.kinds if k})]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(KINDS),
    rows=st.lists(
        st.lists(st.sampled_from(TOKENS), min_size=1, max_size=9), min_size=1, max_size=8
    ),
    header_rows=st.integers(0, 3),
    part=st.sampled_from([None, "header", "indicators"]),
    text=st.sampled_from(
        ["", "安排政府采购预算5万元", "基本支出10万元，包括人员经费6万元和公用经费4万元"]
    ),
)
def test_rules_survive_odd_tables(kind, rows, header_rows, part, text) -> None:  # noqa: ANN001
    t = table(kind, rows, header_rows, part=part, title="1、X绩效目标表")
    f = filing(t, paragraphs=(text,))
    for r in all_rules():
        for x in r.function(f):  # called directly: an exception fails the test
            for row, col in x.cells:
                assert 0 <= row < t.n_rows and 0 <= col < t.n_cols, (r.name, x)


def test_a_label_at_the_end_of_its_row_names_no_cell_outside() -> None:
    # hypothesis found it: 预算数 in the last column, header_rows 0 (budget_sum named (0, 2))
    rows = [["", "预算数"], ["财政资金", "100"]]
    t = table("project_performance", rows, 0, part="header", title="1、X绩效目标表")
    f = filing(t)
    for r in all_rules():
        for x in r.function(f):
            assert all(0 <= row < t.n_rows and 0 <= col < t.n_cols for row, col in x.cells), x


def test_a_procurement_table_without_items_names_no_cell_outside() -> None:
    # hypothesis found it: the narrative's 政府采购 figure against a procurement table whose
    # body is empty named the row after the table
    t = table("procurement", [["项目名称", "合计"]], 1, title="政府采购预算表")
    f = filing(t, paragraphs=("安排政府采购预算5万元",))
    for r in all_rules():
        for x in r.function(f):
            assert all(0 <= row < t.n_rows and 0 <= col < t.n_cols for row, col in x.cells), x
