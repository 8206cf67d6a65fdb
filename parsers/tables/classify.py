"""Which catalog table (DOMAIN.md) a title names, and how a project table splits.

Kinds are the contract of INTERFACES.md. Titles vary between counties and years
(部门预算政府基金预算财政拨款支出表 vs 政府性基金预算财政拨款支出表), so the rules
test for the words that tell tables apart, most specific first.
"""

from __future__ import annotations

import re

KINDS = (
    "revenue_expenditure_summary",
    "revenue_summary",
    "expenditure_summary",
    "fiscal_appropriation_summary",
    "gpb_expenditure",
    "gpb_basic_expenditure",
    "gov_fund_expenditure",
    "soe_capital_expenditure",
    "three_public_expenditure",
    "procurement",
    "fixed_assets",
    "organization",
    "project_performance",
    "overall_performance",
)

# The nine standard budget tables: multi-level header, a 栏次 row numbering the data
# columns, amounts in 万元 (表1–表9 of the provincial template).
STANDARD_KINDS = frozenset(KINDS[:9])

# (kind, words that must all appear, words that must not) — order matters.
_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("overall_performance", ("整体绩效",), ()),
    ("project_performance", ("绩效目标表",), ()),
    ("project_performance", ("项目绩效表",), ()),
    ("three_public_expenditure", ("三公",), ("说明",)),
    ("gpb_basic_expenditure", ("一般公共预算", "基本支出"), ()),
    ("gpb_expenditure", ("一般公共预算", "支出表"), ()),
    ("gov_fund_expenditure", ("基金", "支出表"), ()),
    ("soe_capital_expenditure", ("国有资本经营", "支出表"), ()),
    ("fiscal_appropriation_summary", ("财政拨款收支总表",), ()),
    ("revenue_expenditure_summary", ("收支总表",), ()),
    ("revenue_summary", ("收入总表",), ()),
    ("expenditure_summary", ("支出总表",), ()),
    ("procurement", ("政府采购预算",), ("情况",)),
    ("fixed_assets", ("固定资产占用",), ()),
    ("organization", ("机构设置情况",), ()),
)

_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text without any white space: OCR and DOCX put spaces inside words (效益 指标)."""
    return _SPACE.sub("", text)


def kind_of_title(title: str) -> str | None:
    t = squeeze(title)
    if len(t) > 80:
        return None
    for kind, must, must_not in _RULES:
        if all(w in t for w in must) and not any(w in t for w in must_not):
            return kind
    return None


def looks_like_title(text: str) -> bool:
    """A line that names a catalog table, not a sentence that mentions one."""
    t = squeeze(text)
    if not t or len(t) > 80 or t.endswith(("。", "；", "：", ":")):
        return False
    if "详见" in t or "见下表" in t or "如下表" in t:
        return False
    return kind_of_title(t) is not None and (t.endswith(("表", "预算", "情况")))


def is_indicator_header(row: list[str]) -> bool:
    """The row that starts the indicator grid of a project or overall performance table."""
    cells = [squeeze(c) for c in row]
    return "一级指标" in cells or any(c.startswith("一级指标") for c in cells)
