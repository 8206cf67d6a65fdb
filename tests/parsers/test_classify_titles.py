"""Catalog kinds from printed titles as provinces word them (issue 15): 决算 tables,
the words 预算/决算/部门/单位/财务 between the key words, numbering, a leading year and
trailing brackets."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from parsers.tables.classify import (
    bare_title,
    kind_of_title,
    looks_like_table_title,
    looks_like_title,
    nature_of_title,
)

TITLES = [
    ("收入支出决算总表", "revenue_expenditure_summary"),
    ("收入决算表", "revenue_summary"),
    ("支出决算表", "expenditure_summary"),
    ("财政拨款收入支出决算总表", "fiscal_appropriation_summary"),
    ("一般公共预算财政拨款支出决算表", "gpb_expenditure"),
    ("一般公共预算财政拨款基本支出决算表", "gpb_basic_expenditure"),
    ("政府性基金预算财政拨款收入支出决算表", "gov_fund_expenditure"),
    ("国有资本经营预算财政拨款收入支出决算表", "soe_capital_expenditure"),
    ("2025年部门财务收支预算总表", "revenue_expenditure_summary"),
    ("2025年部门收入预算总表", "revenue_summary"),
    ("2025年部门支出预算总表", "expenditure_summary"),
    ("2025年部门财政拨款收支预算总表", "fiscal_appropriation_summary"),
    ("2025年部门一般公共预算支出功能分类预算表", "gpb_expenditure"),
    ("2025年部门一般公共预算基本支出部门预算经济分类预算表", "gpb_basic_expenditure"),
    ("部门“三公”经费和机关运行经费预算表", "three_public_expenditure"),
    ("一、2017 年度某某省某某厅部门收支预算总表", "revenue_expenditure_summary"),
    ("公开07 表：一般公共预算支出预算表", "gpb_expenditure"),
    ("表1 收支预算总表", "revenue_expenditure_summary"),
    ("附表三、支出预算总表", "expenditure_summary"),
    ("1. 收入预算总表", "revenue_summary"),
    ("一般公共预算支出预算表（功能科目）", "gpb_expenditure"),
    ("财政拨款支出预算表(续表)", "expenditure_summary"),
    ("“三公”经费、会议费、培训费支出预算表（一般公共预算）", "three_public_expenditure"),
    ("2017 年政府采购预算表", "procurement"),
    ("部门政府采购预算", "procurement"),
    ("部门预算政府基金预算财政拨款支出表", "gov_fund_expenditure"),
    ("部门预算财政拨款收支总表", "fiscal_appropriation_summary"),
    ("公开12 表：政府采购支出预算表", "procurement"),
    ("十二、政府采购支出预算表", "procurement"),
    # other provinces' wordings: 总 left out, 整体支出, 申报表
    ("收入支出决算表", "revenue_expenditure_summary"),
    ("2024年度部门收支预算表", "revenue_expenditure_summary"),
    ("部门整体支出绩效目标表", "overall_performance"),
    ("2024年项目支出绩效目标申报表", "project_performance"),
    ("北京市某某局2024年部门收支总表", "revenue_expenditure_summary"),
    ("一般公共预算财政拨款“三公”经费支出表", "three_public_expenditure"),
    # the number glued to a title that starts with 一般 (表号 and title on two lines)
    ("表5 一般公共预算支出表", "gpb_expenditure"),
    ("表一一般公共预算基本支出表", "gpb_basic_expenditure"),
    # the number printed at the right of the title's line
    ("部门收支总表    表1", "revenue_expenditure_summary"),
    ("一般公共预算支出表 附表5", "gpb_expenditure"),
]

# printed tables outside the catalog: named as titles, but no catalog kind (labels.json
# "other"): 财政拨款基本支出 covers every fund, not the 一般公共预算 table of the catalog
OUTSIDE = [
    "六、2017 年度江苏省高级人民法院部门财政拨款基本支出预算表",
    "公开06 表：财政拨款基本支出预算表",
    "财政拨款基本支出预算表（经济科目）",
    # a listing of projects, and a part of a table printed as a table of its own
    "一般公共预算项目支出预算表",
    "一般公共预算基本支出表--人员经费(工资福利支出)",
]


@pytest.mark.parametrize("title", OUTSIDE)
def test_outside_catalog_is_a_title_without_kind(title: str) -> None:
    assert kind_of_title(title) is None
    assert looks_like_title(title) or looks_like_table_title(title)


@pytest.mark.parametrize(("title", "kind"), TITLES)
def test_kind_and_title_line(title: str, kind: str) -> None:
    assert kind_of_title(title) == kind
    assert looks_like_title(title)


@pytest.mark.parametrize(
    "text",
    [
        "二、收入预算情况说明",
        "（三）“三公”经费预算情况说明",
        "一般公共预算支出情况",
        "表1",
        "收支预算总表详见附件。",
    ],
)
def test_headings_and_sentences_are_not_titles(text: str) -> None:
    assert not looks_like_title(text)


def test_numbering_does_not_eat_words() -> None:
    # 一 of 一般公共预算 is not a numeral, 10、 is
    assert bare_title("一般公共预算支出表") == "一般公共预算支出表"
    assert bare_title("10、项目绩效目标表") == "项目绩效目标表"
    assert bare_title("（二）2024年度收入决算表（按功能分类）") == "收入决算表"


def test_nature_kept_in_title() -> None:
    assert nature_of_title("一般公共预算财政拨款支出决算表") == "final"
    assert nature_of_title("一般公共预算支出预算表") == "budget"
    assert nature_of_title("一般公共预算财政拨款支出表") is None


def _other_provinces() -> list[tuple[str, str | None, str]]:
    """Titles printed by provinces and ministries this project never read a filing of
    (tests/fixtures/titles/other_provinces.tsv: title, kind judged from DOMAIN.md's
    catalog, where it was printed, its source)."""
    path = Path(__file__).resolve().parents[1] / "fixtures" / "titles" / "other_provinces.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [
        (r["title"], None if r["expected_kind"] == "null" else r["expected_kind"], r["province"])
        for r in rows
    ]


@pytest.mark.parametrize(("title", "kind", "province"), _other_provinces())
def test_titles_of_other_provinces_get_their_kind(
    title: str, kind: str | None, province: str
) -> None:
    assert kind_of_title(title) == kind, province


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("《国有资本经营预算财政拨款收入支出决算表》", "soe_capital_expenditure"),
        ("《政府性基金预算财政拨款收入支出决算表》", "gov_fund_expenditure"),
        ("《一般公共预算财政拨款支出决算表》", "gpb_expenditure"),
        ("“收支总表”", "revenue_expenditure_summary"),
        ("“三公”经费支出表", "three_public_expenditure"),
        ("八、一般公共预算财政拨款基本支出决算情况", None),
        ("整体绩效自评情况说明", None),
        ("部门整体支出绩效自评表", None),
        ("项目支出绩效自评表", None),
        ("大寨镇2023年部门整体支出绩效评价报告", None),
    ],
)
def test_quoted_titles_headings_and_self_evaluations(title: str, kind: str | None) -> None:
    """A title quoted whole as a contents page or a text names it is the table's; an
    explanation heading, a report or a self-evaluation is no catalog table."""
    assert kind_of_title(title) == kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        # the Ministry of Finance template's wording (Chongqing, Guangdong, Hunan, Shandong)
        ("表一 2026年部门收支总体情况表", "revenue_expenditure_summary"),
        ("表2 收入总体情况表", "revenue_summary"),
        ("表3 本年支出总体情况表", "expenditure_summary"),
        ("公开表4 财政拨款收支总体情况表", "fiscal_appropriation_summary"),
        ("2026年一般公共预算支出情况表", "gpb_expenditure"),
        ("公开表6 一般公共预算基本支出情况表", "gpb_basic_expenditure"),
        ("政府性基金预算支出情况表", "gov_fund_expenditure"),
        ("固定资产占用情况表", "fixed_assets"),
        # numbered under the series: 预算01表 (Beijing), 公开表1 (Shandong), 14表-1
        ("预算01表 收支总表", "revenue_expenditure_summary"),
        ("预算14表-1 促进教育事业均衡发展共同事权转移支付绩效目标表", "project_performance"),
        ("附表15 2019年专项资金整体支出绩效目标表", "project_performance"),
        # the other classification than the catalog's (Shenzhen, Xi'an, Fujian)
        ("表8 一般公共预算支出表（按经济分类）", None),
        ("2026年度一般公共预算支出经济分类情况表", None),
        ("表7 部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）", None),
        ("2026年度一般公共预算基本支出经济分类情况表", "gpb_basic_expenditure"),
        # a fund's own 收支表 is that fund's table; parts of the spending are not the summary
        ("表9 部门综合预算政府性基金收支表", "gov_fund_expenditure"),
        ("表10 部门综合预算专项业务经费支出表", None),
        ("表11 财政拨款结转资金支出表", None),
    ],
)
def test_title_forms_of_the_template_and_other_provinces(title: str, kind: str | None) -> None:
    assert kind_of_title(title) == kind


def test_a_numbered_title_with_a_colon_is_a_table_title() -> None:
    assert looks_like_table_title("表11：2026年市级部门项目支出绩效表")
