"""The table kinds: the one list of the catalog (DOMAIN.md), its Chinese names and the
groups every layer reads tables by. Kinds are the contract of INTERFACES.md; parsers,
rules, export and GUI import them from here and spell them nowhere else.

Pure data; imports nothing.
"""

from __future__ import annotations

# kind -> the catalog title as the provincial template prints it, in catalog order
CATALOG: dict[str, str] = {
    "revenue_expenditure_summary": "部门预算收支总表",
    "revenue_summary": "部门预算收入总表",
    "expenditure_summary": "部门预算支出总表",
    "fiscal_appropriation_summary": "部门预算财政拨款收支总表",
    "gpb_expenditure": "一般公共预算财政拨款支出表",
    "gpb_basic_expenditure": "一般公共预算财政拨款基本支出表",
    "gov_fund_expenditure": "政府性基金预算财政拨款支出表",
    "soe_capital_expenditure": "国有资本经营预算财政拨款支出表",
    "three_public_expenditure": "财政拨款“三公”经费支出表",
    "procurement": "政府采购预算表",
    "fixed_assets": "固定资产占用情况表",
    "organization": "机构设置情况",
    "project_performance": "项目绩效目标表",
    "overall_performance": "部门整体绩效指标表",
}
KINDS = tuple(CATALOG)

# The nine standard budget tables a disclosure must publish (DOMAIN.md): multi-level
# header, a 栏次 row numbering the data columns, amounts in 万元 (表1–表9 of the template).
STANDARD_KINDS = KINDS[:9]

# Tables listed by classification code (科目编码): hierarchy sums, code checks. The
# catalog prints each as one listing; two listings side by side are another table.
CODED_KINDS = frozenset(
    {
        "revenue_summary",
        "expenditure_summary",
        "gpb_expenditure",
        "gpb_basic_expenditure",
        "gov_fund_expenditure",
        "soe_capital_expenditure",
    }
)

# Tables of words (indicator grids, 机构设置): no amount columns to read, no totals.
TEXT_KINDS = frozenset({"organization", "overall_performance", "project_performance"})


def kind_name(kind: str | None) -> str:
    """The catalog's Chinese name of a kind ("" for None or an unknown kind)."""
    return CATALOG.get(kind or "", "")
