"""Which catalog table (DOMAIN.md) a title names, and how a project table splits.

Kinds are the contract of INTERFACES.md. Titles vary between counties and years
(部门预算政府基金预算财政拨款支出表 vs 政府性基金预算财政拨款支出表), so the rules
test for the words that tell tables apart, most specific first.
"""

from __future__ import annotations

import re
from typing import Any

from parsers.tables import kinds

# (kind, pattern searched in the title's core words, words that must not appear) —
# order matters, most specific first. The core (core_words) has lost numbering, year,
# brackets and the words 预算/决算/部门/单位/财务 that templates put between the key
# words, so 部门财务收支预算总表, 收入支出决算总表 and 收支总表 all read 收支总表.
_RULES: tuple[tuple[str | None, re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (kind, re.compile(pattern), must_not)
    for kind, pattern, must_not in (
        # a self-evaluation (绩效自评表, of the accounts) or an evaluation report is no
        # target table, of projects or of the whole department
        (None, r"自评|评价报告", ()),
        # a special fund's 整体支出绩效目标表 is the target table of that fund, a project's
        ("overall_performance", r"整体.{0,4}绩效", ("说明", "报告", "专项")),
        ("project_performance", r"绩效目标.{0,4}表", ()),
        ("project_performance", r"项目绩效表", ()),
        ("three_public_expenditure", r"三公", ("说明",)),
        ("gpb_basic_expenditure", r"一般公共.*基本支出", ("说明", "情况")),
        # 财政拨款基本支出表 (all funds, Jiangsu) is no catalog table: no rule may read
        # it as the 一般公共预算 one, nor as the 支出总表 its shape resembles
        (None, r"基本支出.*表$", ()),
        # a listing of projects (一般公共预算项目支出预算表) is no catalog table either
        (None, r"项目支出.*表$", ()),
        ("gpb_expenditure", r"一般公共.*支出.*表$", ()),
        # a fund's own 收支表 (Xi'an 政府性基金收支表) is that fund's table
        ("gov_fund_expenditure", r"基金.*(?:支出|收支).*表$", ()),
        ("soe_capital_expenditure", r"国有资本经营.*(?:支出|收支).*表$", ()),
        ("fiscal_appropriation_summary", r"财政拨款(?:收支|收入支出)总?表", ()),
        ("revenue_expenditure_summary", r"(?:收支|收入支出)总?表", ()),
        ("revenue_summary", r"收入总?表$", ("支出",)),
        ("expenditure_summary", r"支出总表", ()),
        ("procurement", r"政府采购", ("情况", "说明")),
        ("fixed_assets", r"固定资产占用", ()),
        ("organization", r"机构设置情况", ()),
        # 支出决算表, 财政拨款支出预算表: the shape of the summary
        # but not a part of the spending: 专项业务经费支出表, 财政拨款结转资金支出表
        ("expenditure_summary", r"支出表$", ("项目", "专项", "结转", "经费")),
    )
)

_SPACE = re.compile(r"\s+")
# A part of a table printed as a table of its own: "一般公共预算基本支出表--人员经费
# (工资福利支出)" beside the whole 基本支出表 (Hunan); named, but outside the catalog.
_PART_OF_TABLE = re.compile(r"表(?:-{1,2}|—{1,2}|－{1,2}|─{1,2})(?=[^\s\d])")  # not 表14表-1
_CN_NUM = "一二三四五六七八九十〇零"
# Numbering printed before a title: 表1、附表一、公开01表：、一、、1.、（三）、表2-1
# digits or numerals, never both, and never the 一 of 一般 (表5一般…, 表一一般…)
# (digits run into a year once squeezed: 附表15 2019年… is 附表152019年…)
_NUM = rf"(?:\d{{1,3}}(?=\D|$|20\d\d年)|[{_CN_NUM}]{{1,3}}(?!般))"
# the word a series of tables is numbered under: 预算01表, 公开表1, 决算03表 (Beijing,
# Shandong, the central departments)
_SERIES = r"(?:预算|决算|公开|附)?"
# a table's number: 表1, 附表一, 公开01表, 预算14表-1, 2-1表
_PART_NO = r"(?:[-－]\d{1,2})?"
_TABLE_NO = (
    rf"(?:{_SERIES}表{_NUM}{_PART_NO}表?"
    rf"|公开{_NUM}{_PART_NO}表?"
    rf"|{_SERIES}{_NUM}{_PART_NO}表{_PART_NO})"
)
_NUMBERING = re.compile(rf"^(?:[（(]{_NUM}[）)]|{_TABLE_NO}[、.．:：]?|{_NUM}[、.．:：](?!\d))")
_YEAR = re.compile(r"^(?:20\d\d)年度?")
_TRAILING_BRACKET = re.compile(r"[（(][^（）()]{0,24}[）)]$")
# a title quoted whole, as contents pages and texts name tables: 《收入决算表》, “收支总表”
_QUOTED = re.compile(r"^[《〈“\"](.+)[》〉”\"]$")
# the table number printed at the right of the title's line: "部门收支总表    表1"
_TRAILING_NUMBER = re.compile(rf"(?<=表)(?:附表|表){_NUM}(?:[-－]\d{{1,2}})?$")
# Fund names that contain 预算 themselves, kept whole before 预算 is dropped.
_FUNDS = (
    ("一般公共预算", "一般公共"),
    ("政府性基金预算", "政府性基金"),
    ("政府基金预算", "政府性基金"),
    ("国有资本经营预算", "国有资本经营"),
)
_FILLER = re.compile(r"预算|决算|部门|单位|财务")
# the Ministry of Finance's template words its tables 收支总体情况表, 一般公共预算支出
# 情况表 (Chongqing, Guangdong, Hunan, Shandong): the same tables as 收支总表, 支出表
_WORDING = ((re.compile(r"总体情况表$"), "总表"), (re.compile(r"情况表$"), "表"))
# a caption label a layout line may carry after the title (表 then 部门：/单位：万元)
_TRAILING_CAPTION = re.compile(r"(?<=表)(?:编制部门|编制单位|部门|单位|金额单位)[：:].*$")


def squeeze(text: str) -> str:
    """Text without any white space: OCR and DOCX put spaces inside words (效益 指标)."""
    return _SPACE.sub("", text)


def bare_title(title: str) -> str:
    """The title without numbering, a leading year and trailing brackets:
    "一、2017 年度…收支预算总表（功能科目）" → "…收支预算总表". Brackets are stripped
    from the end only, so 三公 quotes and inner brackets stay."""
    t = squeeze(title)
    for _ in range(3):
        before = t
        t = _NUMBERING.sub("", t)
        t = _YEAR.sub("", t)
        t = _TRAILING_BRACKET.sub("", t)
        t = _TRAILING_NUMBER.sub("", t)
        t = _QUOTED.sub(r"\1", t)
        if t == before:
            break
    return t


def core_words(title: str) -> str:
    """The words that tell catalog tables apart: bare_title without 预算/决算 (kept in
    the fund names), 部门, 单位, 财务."""
    t = bare_title(title)
    for long, short in _FUNDS:
        t = t.replace(long, short)
    for wording, plain in _WORDING:
        t = wording.sub(plain, t)
    return _FILLER.sub("", t)


def nature_of_title(title: str) -> str | None:
    """ "final" for a 决算 table, "budget" for a 预算 one (the fund names do not count),
    None when the title does not say; the table's title keeps it, there is no field."""
    t = bare_title(title)
    for long, short in _FUNDS:
        t = t.replace(long, short)
    if "决算" in t:
        return "final"
    return "budget" if "预算" in t else None


def _rule_of_title(title: str) -> tuple[str | None] | None:
    """The first rule the title's core words meet, as a one-tuple of its kind (None for
    a table named but outside the catalog); None when no rule names the title."""
    t = squeeze(title)
    if len(t) > 80:
        return None
    if _PART_OF_TABLE.search(t):
        return (None,)
    core = core_words(t)
    for kind, pattern, must_not in _RULES:
        if pattern.search(core) and not any(w in core for w in must_not):
            return (_other_classification(kind, t),)
    return None


def _other_classification(kind: str | None, title: str) -> str | None:
    """None for a catalog title printed over the other classification, which the title
    (or its trailing bracket) says: the catalog's 一般公共预算支出表 is by function
    (功能分类), its 基本支出表 by economic class (经济分类); 一般公共预算支出表（按经济
    分类）and 基本支出明细表（按支出功能分类科目）are other tables (Shenzhen, Xi'an)."""
    if kind == "gpb_expenditure" and "经济分类" in title:
        return None
    if kind == "gpb_basic_expenditure" and re.search(r"功能(?:分类|科目)", title):
        return None
    return kind


def kind_of_title(title: str) -> str | None:
    rule = _rule_of_title(title)
    return rule[0] if rule else None


def kind_fitting_columns(kind: str | None, reading: Any) -> str | None:  # noqa: ANN401
    """The title's kind, or None where the columns (a parsers.tables.columns
    ColumnReading) show the table is not the catalog's shape of that kind."""
    # the catalog prints a coded table as one listing: two side by side (a 决算
    # 基本支出表: 工资福利支出 | 商品和服务支出, one 决算数 column each) are another table
    if kind in kinds.CODED_KINDS:
        coded_panels = sum(1 for p in range(reading.panels) if reading.code_cols(p))
        if coded_panels > 1:
            return None
    return kind


def split_trailing_caption(text: str) -> tuple[str, str]:
    """A title line with a caption label glued on by the layout
    ("…支出预算表部门：" → ("…支出预算表", "部门：")); ("", text) for a caption alone."""
    t = squeeze(text)
    m = _TRAILING_CAPTION.search(t)
    if m is None:
        return text.strip(), ""
    return t[: m.start()], t[m.start() :]


def looks_like_table_title(text: str) -> bool:
    """A printed table title outside the catalog (部门决算单位构成表): short, ends in 表
    once numbering and brackets are off, no sentence punctuation."""
    t = squeeze(text)
    part = _PART_OF_TABLE.search(t)
    bare = bare_title(t[: part.start() + 1] if part else t)
    return (
        4 <= len(bare) <= 40
        and bare.endswith("表")
        and bare not in ("续表", "附表")
        and not any(p in bare for p in "。，；：,;:")
        and not t.startswith(("注", "说明"))
    )


def is_table_title(text: str) -> bool:
    """A printed table title, of a catalog table or of one outside it."""
    return looks_like_title(text) or looks_like_table_title(text)


# a table number printed alone, in a cell or on a line of its own: 表1, 附表3, 表一, 表2-1
_TABLE_NUMBER = re.compile(rf"^{_TABLE_NO}[:：]?$")


def is_table_number(text: str) -> bool:
    return bool(_TABLE_NUMBER.match(squeeze(text)))


def looks_like_title(text: str) -> bool:
    """A line that names a catalog table, not a sentence that mentions one."""
    t = squeeze(split_trailing_caption(text)[0])
    if not t or len(t) > 80 or t.endswith(("。", "；", "：", ":")):
        return False
    if "详见" in t or "见下表" in t or "如下表" in t:
        return False
    bare = bare_title(t)
    return _rule_of_title(t) is not None and bare.endswith(("表", "预算", "情况"))


def is_indicator_header(row: list[str]) -> bool:
    """The row that starts the indicator grid of a project or overall performance table."""
    cells = [squeeze(c) for c in row]
    return "一级指标" in cells or any(c.startswith("一级指标") for c in cells)
