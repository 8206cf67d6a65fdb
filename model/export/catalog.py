"""The sheets of the provincial template workbook (TEMPLATE.md), in order, and the
canonical headers used when a stored table lacks one.

Workbook text lives here rather than in model/messages.py because it is the
template's own wording, not a message. Imports nothing from gui/ or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsers.tables import kinds


@dataclass(frozen=True)
class SheetSpec:
    name: str  # sheet tab, at most 31 characters (Excel's limit)
    title: str  # the table title printed when the filing has no such table
    kind: str | None  # catalog kind of DOMAIN.md; None for 封面 and 审核记录
    absent: str = ""  # what 注：无…，空表列示。 says is missing


COVER = SheetSpec("封面", "部门预算公开表", None)
STANDARD = (
    SheetSpec("表1 收支总表", "部门预算收支总表", "revenue_expenditure_summary", "部门预算收支"),
    SheetSpec("表2 收入总表", "部门预算收入总表", "revenue_summary", "部门预算收入"),
    SheetSpec("表3 支出总表", "部门预算支出总表", "expenditure_summary", "部门预算支出"),
    SheetSpec(
        "表4 财政拨款收支总表",
        "部门预算财政拨款收支总表",
        "fiscal_appropriation_summary",
        "财政拨款收支预算",
    ),
    SheetSpec(
        "表5 一般公共预算支出表",
        "一般公共预算财政拨款支出表",
        "gpb_expenditure",
        "一般公共预算财政拨款预算",
    ),
    SheetSpec(
        "表6 一般公共预算基本支出表",
        "一般公共预算财政拨款基本支出表",
        "gpb_basic_expenditure",
        "一般公共预算财政拨款基本支出预算",
    ),
    SheetSpec(
        "表7 政府性基金支出表",
        "政府性基金预算财政拨款支出表",
        "gov_fund_expenditure",
        "政府性基金预算财政拨款预算",
    ),
    SheetSpec(
        "表8 国有资本经营支出表",
        "国有资本经营预算财政拨款支出表",
        "soe_capital_expenditure",
        "国有资本经营预算财政拨款预算",
    ),
    SheetSpec(
        "表9 三公经费支出表",
        "财政拨款“三公”经费支出表",
        "three_public_expenditure",
        "财政拨款“三公”经费预算",
    ),
    SheetSpec("表10 政府采购预算表", "部门政府采购预算表", "procurement", "政府采购预算"),
    SheetSpec(
        "表11 固定资产占用情况表", "部门固定资产占用情况表", "fixed_assets", "固定资产占用情况"
    ),
)
PROJECTS = SheetSpec(
    "表12 项目支出绩效目标表", "预算项目绩效表", "project_performance", "项目支出绩效目标"
)
INDICATORS = SheetSpec("表13 绩效指标明细", "绩效指标明细", None, "项目绩效指标")
OVERALL = SheetSpec(
    "表14 部门整体绩效目标表", "部门整体绩效指标表", "overall_performance", "部门整体绩效目标"
)
ORGANIZATION = SheetSpec("表15 机构设置", "部门机构设置情况", "organization", "机构设置情况")
AUDIT = SheetSpec("审核记录", "审核记录", None)

SHEETS: tuple[SheetSpec, ...] = (
    COVER,
    *STANDARD,
    PROJECTS,
    INDICATORS,
    OVERALL,
    ORGANIZATION,
    AUDIT,
)

# Sheets a reader of the exported workbook must skip: they are derived from the
# filing (cover, indicator list, audit trail), not tables of it.
DERIVED_SHEETS = frozenset({COVER.name, INDICATORS.name, AUDIT.name})

_FUNCTION_HEADER = (
    ("序号", "功能分类科目", "", "合计", "基本支出", "项目支出"),
    ("", "科目编码", "科目名称", "", "", ""),
)

# Canonical header rows (without the 栏次 row, which is added) per kind, after seed 002.
# A merged cell is written once; "" marks a position under a span. Spans are given as
# (row, col, rowspan, colspan) over these rows.
CANONICAL_HEADERS: dict[
    str, tuple[tuple[tuple[str, ...], ...], tuple[tuple[int, int, int, int], ...]]
] = {
    "revenue_expenditure_summary": (
        (("序号", "收入", "", "支出", ""), ("", "项目", "预算数", "项目", "预算数")),
        ((0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 1, 2)),
    ),
    "revenue_summary": (
        (
            (
                "序号",
                "功能分类科目",
                "",
                "合计",
                "本年收入",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "上年结转",
            ),
            (
                "",
                "科目编码",
                "科目名称",
                "",
                "小计",
                "财政拨款收入",
                "财政专户收入",
                "事业收入",
                "经营收入",
                "上级补助收入",
                "附属单位上缴收入",
                "其他收入",
                "",
            ),
        ),
        ((0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 2, 1), (0, 4, 1, 8), (0, 12, 2, 1)),
    ),
    "expenditure_summary": (
        (
            (
                "序号",
                "功能分类科目",
                "",
                "合计",
                "基本支出",
                "项目支出",
                "经营支出",
                "上解上级支出",
                "对附属单位补助支出",
            ),
            ("", "科目编码", "科目名称", "", "", "", "", "", ""),
        ),
        ((0, 0, 2, 1), (0, 1, 1, 2), *((0, c, 2, 1) for c in range(3, 9))),
    ),
    "fiscal_appropriation_summary": (
        (
            ("序号", "收入", "", "支出", "", "", "", ""),
            (
                "",
                "项目",
                "金额",
                "项目",
                "合计",
                "一般公共预算财政拨款",
                "政府性基金预算财政拨款",
                "国有资本经营预算财政拨款",
            ),
        ),
        ((0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 1, 5)),
    ),
    "gpb_expenditure": (
        _FUNCTION_HEADER,
        ((0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 2, 1), (0, 4, 2, 1), (0, 5, 2, 1)),
    ),
    "gpb_basic_expenditure": (
        (
            ("序号", "经济分类科目", "", "合计", "人员经费", "公用经费"),
            ("", "科目编码", "科目名称", "", "", ""),
        ),
        ((0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 2, 1), (0, 4, 2, 1), (0, 5, 2, 1)),
    ),
    "gov_fund_expenditure": (
        _FUNCTION_HEADER,
        ((0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 2, 1), (0, 4, 2, 1), (0, 5, 2, 1)),
    ),
    "soe_capital_expenditure": (
        _FUNCTION_HEADER,
        ((0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 2, 1), (0, 4, 2, 1), (0, 5, 2, 1)),
    ),
    "three_public_expenditure": (
        (
            ("序号", "项目", "资金性质", "", "", ""),
            (
                "",
                "",
                "合计",
                "一般公共预算财政拨款",
                "政府性基金预算拨款",
                "国有资本经营预算财政拨款",
            ),
        ),
        ((0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 1, 4)),
    ),
    "procurement": (
        (
            (
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
                "",
                "",
                "",
            ),
            (
                "项目名称",
                "预算资金",
                "",
                "",
                "",
                "",
                "",
                "合计",
                "一般公共预算拨款",
                "基金预算拨款",
                "国有资本经营预算拨款",
                "财政专户核拨",
                "单位资金/其他来源收入",
            ),
        ),
        ((0, 0, 1, 2), *((0, c, 2, 1) for c in range(2, 7)), (0, 7, 1, 6)),
    ),
    "fixed_assets": ((("项目", "数量", "价值（万元）"),), ()),
    "organization": ((("单位名称", "单位性质", "单位规格", "经费保障形式"),), ()),
    "overall_performance": (
        (
            (
                "一级指标",
                "二级指标",
                "三级指标",
                "绩效指标描述",
                "指标值",
                "",
                "",
                "指标值确定依据",
            ),
            ("", "", "", "", "符号", "值", "单位", ""),
        ),
        ((0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 2, 1), (0, 3, 2, 1), (0, 4, 1, 3), (0, 7, 2, 1)),
    ),
}

# Kinds whose body holds text only (indicator grids, organisation): no amount columns.
TEXT_KINDS = kinds.TEXT_KINDS
