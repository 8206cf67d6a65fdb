"""The tables a 部门预算 (or 部门决算) disclosure must publish (DOMAIN.md, "Real filings
of other provinces": 地方预决算公开操作规程) are there, or the filing states them empty.

Reads table kinds and titles, captions, cells and paragraphs; no ORM, no gui/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from model.domain import FilingData
from model.validation import messages
from model.validation.registry import KIND_NAMES, rule
from model.validation.result import INFO, WARNING, FindingResult
from parsers.tables import kinds
from parsers.tables.classify import kind_of_title, nature_of_title, squeeze

# The nine tables of a disclosure (DOMAIN.md), in catalog order.
REQUIRED_KINDS = kinds.STANDARD_KINDS
# Most provinces publish the 国有资本经营预算 table from the 2020 budget on (DOMAIN.md);
# earlier filings (Jiangsu 2017/2018) have eight. A filing whose year is unknown is held
# to the nine of the catalog, as the Hebei template of every seed prints them.
SOE_FROM_YEAR = 2020
# Fewer standard tables than this and the file is not a disclosure of the standard tables
# (a narrative-only volume whose tables are a separate PDF, a project-table upload).
MIN_STANDARD = 3

# What a statement names when it says a table is empty, in the squeezed text (fund names
# first: they are what a department lacks).
_SUBJECTS = {
    "revenue_expenditure_summary": re.compile(r"(?<!财政拨款)收(?:入)?支(?:出)?(?:预算|决算)?总表"),
    "revenue_summary": re.compile(r"收入(?:预算|决算)?总?表"),
    "expenditure_summary": re.compile(r"支出(?:预算|决算)?总表"),
    "fiscal_appropriation_summary": re.compile(r"财政拨款收(?:入)?支(?:出)?"),
    "gpb_expenditure": re.compile(r"一般公共预算(?:财政)?(?:拨款)?支出"),
    "gpb_basic_expenditure": re.compile(r"一般公共预算(?:财政)?(?:拨款)?基本支出"),
    "three_public_expenditure": re.compile(r"三公"),
    "gov_fund_expenditure": re.compile(r"政府性?基金"),
    "soe_capital_expenditure": re.compile(r"国有资本经营"),
}
# 无 right before the subject ("本部门2025年无政府性基金预算…", "无“三公”经费"), no clause
# break between: a bare 无 elsewhere in the sentence says nothing about this table.
_NONE_BEFORE = re.compile(r"(?:无|没有|不涉及|未安排|未使用)[^，。；,;：:]{0,12}$")
# After the subject, in its sentence: "…，故本表为空表", "故本表无数据", "：无". 没有 and
# 未安排 there mostly speak of a part ("…“三公”经费…，未安排公务接待费预算", seed 002).
_EMPTY_AFTER = re.compile(r"空表|无数据|无此|不涉及|[为：:]无(?:$|[，。；,;）)])")
# …or in the next sentence, which points back ("…0万元。主要原因是本部门无此项支出。").
_EMPTY_NEXT = re.compile(r"空表|无数据|无此")
_AFTER_REACH = 60
_SENTENCE_END = re.compile(r"[。；;]")
# A note with no subject of its own, printed under the table's title: "本表为空表".
_EMPTY_NOTE = re.compile(r"空表|无数据|无此项|不涉及")


def _statements(filing: FilingData) -> Iterator[str]:
    """Every text that may state a table empty, squeezed: paragraphs (a title paragraph
    joined with the note under it), table titles with their captions, and cells."""
    paragraphs = [squeeze(p.text) for p in filing.paragraphs]
    for i, text in enumerate(paragraphs):
        yield text
        if i + 1 < len(paragraphs) and kind_of_title(text) is not None:
            yield text + "。" + paragraphs[i + 1]
    for t in filing.tables:
        caption = "".join(squeeze(c) for c in t.caption_lines)
        yield squeeze(t.title) + "。" + caption
        for c in t.cells:
            if c.text.strip():
                yield squeeze(c.text)


def _says_empty(kind: str, text: str) -> bool:
    """Whether `text` states the table of `kind` empty (本部门无政府性基金预算财政拨款收支，
    本表为空表; 本单位没有使用国有资本经营预算拨款安排的支出)."""
    subject = _SUBJECTS[kind]
    for m in subject.finditer(text):
        if _NONE_BEFORE.search(text[max(0, m.start() - 16) : m.start()]):
            return True
        after = _SENTENCE_END.split(text[m.end() : m.end() + _AFTER_REACH], maxsplit=2)
        if _EMPTY_AFTER.search(after[0]):
            return True
        if len(after) > 1 and _EMPTY_NEXT.search(after[1]):
            return True
    # a title naming the table, then a note without a subject ("注：本表为空表")
    head, _, note = text.partition("。")
    return bool(note) and kind_of_title(head) == kind and bool(_EMPTY_NOTE.search(note))


def published_kinds(filing: FilingData) -> set[str]:
    """The standard kinds the filing prints: a table of that kind, or a table whose title
    names it though its columns keep it outside the catalog (a 决算 基本支出表 printed as
    two code listings side by side)."""
    kinds = {t.kind for t in filing.tables} | {kind_of_title(t.title) for t in filing.tables}
    return kinds & set(REQUIRED_KINDS)


def required_kinds(filing: FilingData) -> tuple[str, ...]:
    if filing.year is not None and filing.year < SOE_FROM_YEAR:
        return tuple(k for k in REQUIRED_KINDS if k != "soe_capital_expenditure")
    return REQUIRED_KINDS


def is_final(filing: FilingData) -> bool:
    """A 部门决算 disclosure: most of its standard tables' titles say 决算."""
    natures = [
        nature_of_title(t.title)
        for t in filing.tables
        if t.kind in REQUIRED_KINDS or kind_of_title(t.title) in REQUIRED_KINDS
    ]
    return natures.count("final") > natures.count("budget")


def table_name(kind: str, final: bool) -> str:
    """The Chinese name of the table (registry.KIND_NAMES), as a 决算 filing prints it
    when `final` (部门决算收支总表, 一般公共预算财政拨款支出决算表)."""
    name = KIND_NAMES.get(kind, kind)
    if not final:
        return name
    if "部门预算" in name:
        return name.replace("部门预算", "部门决算")
    return name[: -len("表")] + "决算表" if name.endswith("表") else name


@rule("required_tables", "required_tables", REQUIRED_KINDS, reads_paragraphs=True)
def required_tables(filing: FilingData) -> list[FindingResult]:
    """One warning per table of the nine (eight before 2020) that the filing neither
    prints nor states empty; one info when the file is no disclosure of the standard
    tables (fewer than three of them), since there is nothing to count against."""
    present = published_kinds(filing)
    if len(present) < MIN_STANDARD:
        return [
            FindingResult(
                "required_tables",
                INFO,
                None,
                (),
                messages.REQUIRED_NOT_STANDARD,
                subject="not_standard",
            )
        ]
    missing = [k for k in required_kinds(filing) if k not in present]
    if not missing:
        return []
    statements = list(_statements(filing))
    final = is_final(filing)
    out = []
    for kind in missing:
        if any(_says_empty(kind, s) for s in statements):
            continue
        name = table_name(kind, final)
        out.append(
            FindingResult(
                "required_tables",
                WARNING,
                None,
                (),
                messages.REQUIRED_TABLE_MISSING.format(
                    table=name, what="部门决算" if final else "部门预算"
                ),
                expected=name,
                subject=f"missing:{kind}",
            )
        )
    return out
