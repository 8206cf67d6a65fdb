"""The amounts a 情况说明 states, each read with the words right before it.

A filing's narrative says "基本支出 17123.19 万元" (a figure), "与上年相比增加 1408.29 万元"
(a change), "与上年 0 万元相比" (last year's figure) and "其中：基本支出…项目支出…单位预留
机动经费…" (a breakdown naming its own parts). The rules in narrative.py compare figures
with the tables, parts with their totals, and changes with the figures they compare;
this module only reads. Pure functions on paragraph text; imports nothing from gui.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from model.validation.amounts import normalise, parse_amount

# label as written -> item. Longer labels first so the alternation prefers them.
LABELS: dict[str, str] = {
    "收入预算总计": "income",
    "预算收入": "income",
    "收入预算": "income",
    "支出预算总计": "spending",
    "预算总支出": "spending",
    "支出预算": "spending",
    "基本支出": "basic",
    "人员类项目经费": "staff",
    "人员经费": "staff",
    "公用项目经费": "public",
    "日常公用经费": "public",
    "公用经费": "public",
    "项目支出": "project",
    "机关运行经费": "running",
    "单位运行经费": "running",
    "运行经费": "running",
    "三公经费": "three_public",
    "因公出国（境）费用": "abroad",
    "因公出国（境）费": "abroad",
    "公务用车购置及运行维护费": "car",
    "公务用车购置及运维费": "car",
    "公务用车购置及运行费": "car",
    "公务用车购置费": "car_buy",
    "公务用车购置": "car_buy",
    "公务用车运行维护费": "car_run",
    "公务用车运维费": "car_run",
    "公务用车运行费": "car_run",
    "公务接待费": "reception",
    "政府采购支出预算": "procurement",
    "政府采购预算": "procurement",
    "上年末固定资产金额": "assets",
    "固定资产金额": "assets",
}
# Only these characters may stand between a label and its amount ("基本支出预算数为").
_FILLER = "为是共计安排预算合计总额约：:（）()用共支出数"
_LABEL = "|".join(sorted(map(re.escape, LABELS), key=len, reverse=True))
_LABEL_AT_END = re.compile(f"({_LABEL})[{_FILLER}]{{0,8}}$")
# The funds and sources a budget is split into (the three 财政拨款 funds, the source
# columns of the 收入总表, the 货物/服务/工程 classes of 政府采购). Right before a label
# one makes the amount that fund's or part's share ("其他资金收入预算总计15万元",
# "政府性基金支出预算0万元", "一般公共预算财政拨款支出预算21940.96万元"), not the item's
# own figure. "一般公共预算收入" reads as 一般公共 + the label 预算收入.
_FUND = re.compile(
    r"(?:(?:一般公共|政府性基金|国有资本经营)(?:预算)?(?:财政)?(?:拨款)?|财政拨款"
    r"|财政专户(?:管理资金|核拨)?|其他资金|其他|单位资金|事业|经营|上级补助|附属单位上缴"
    r"|上年结转(?:结余)?|货物类|服务类|工程类)(?:收入|资金)?$"
)
_ANY_LABEL = re.compile(_LABEL)
# An amount in 万元; after `normalise` the Chinese comma is ",", so a thousands
# separator is only read before exactly three digits.
_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)万元")
_PERCENT = re.compile(
    r"[,;]?(?:同比|比上年|较上年)?(?:增长|增加|减少|下降|降低|上升|增幅为?|减幅为?|降幅为?)"
    r"(?:了)?(\d+(?:\.\d+)?)%"
)
# Words that make a change the reason for another figure's change, not its own.
_REASON = re.compile(r"原因|主要是|由于|其中|包括")
# Clause ends: the words right before an amount start after the last of these.
_BOUNDARY = frozenset(",。；;：:、")
# Words that make the amount after them a change against last year, not a figure.
_CHANGE = re.compile(r"增加|减少|增长|下降|降低|上升|增减|压减|调减|调增|增幅|减幅|降幅")
_DOWN = re.compile(r"减少|下降|降低|压减|调减|减幅|降幅")
# Words that make it last year's figure (上年末 and 上年结转 are this year's figures).
_LAST = re.compile(r"上年(?!末|结转|结余)|(?:比|较|与|同)\d{4}年")
# Words that open a breakdown: the parts of the amount before them follow.
_INTRO = re.compile(r"其中|包括|具体如下|分别为|分别是")
# List numbering at the start of a paragraph: （一） 1． (2) 三、
_NUMBERING = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、．.])"
)
# Connectors and openers stripped from the front of a part's name.
_LEAD = re.compile(r"^(?:[（(\s]|此外|另外|其中|包括|具体如下|分别为|分别是|以及|和|及|与)+")
# Budget wording after a part's name ("单位预留机动经费预算数为" names 单位预留机动经费).
_TAIL = re.compile(r"(?:预算数|预算支出|支出预算|预算|安排|合计|共计|总额|[为是约：:])*$")

FIGURE, CHANGE, LAST = "figure", "change", "last"


def clean(text: str) -> str:
    """Paragraph text as read here: ASCII digits, no spaces or quotes, （） parentheses."""
    text = normalise(text)
    for q in '“”"‘’':
        text = text.replace(q, "")
    return text.replace("(", "（").replace(")", "）")


@dataclass(frozen=True)
class Mention:
    """One amount in 万元 and the words right before it (back to the clause start or the
    previous amount). `kind` says what the words make it: this year's figure, a change
    against last year, or last year's figure. `start`/`end` span the amount and its
    unit in `clean(paragraph)`; `depth` is how many parentheses are open there. `fund`
    is the fund or source named right before the label ("一般公共预算财政拨款", "其他资金"),
    "" when the words name the item itself."""

    value: Decimal
    text: str
    words: str
    name: str
    item: str | None
    kind: str
    start: int
    end: int
    depth: int
    decimals: int
    fund: str = ""


def _depths(text: str) -> list[int]:
    out, d = [], 0
    for ch in text:
        if ch == "（":
            d += 1
        out.append(d)
        if ch == "）":
            d = max(0, d - 1)
    return out


def mentions(text: str) -> list[Mention]:
    """The amounts of one cleaned paragraph, in reading order."""
    depth = _depths(text)
    out: list[Mention] = []
    prev_end = 0
    for m in _AMOUNT.finditer(text):
        value = parse_amount(m.group(1))
        if value is None:
            continue
        head_start = prev_end
        for i in range(m.start() - 1, prev_end - 1, -1):
            if text[i] in _BOUNDARY:
                head_start = i + 1
                break
        words = text[head_start : m.start()]
        if _CHANGE.search(words):
            kind = CHANGE
        elif _LAST.search(words):
            kind = LAST
        else:
            kind = FIGURE
        label = _LABEL_AT_END.search(words)
        fund = _FUND.search(words, 0, label.start()) if label else None
        name = _TAIL.sub("", _LEAD.sub("", _NUMBERING.sub("", words)))
        digits = m.group(1).partition(".")[2]
        out.append(
            Mention(
                value,
                text[head_start : m.end()],
                words,
                name or words,
                LABELS[label.group(1)] if label else None,
                kind,
                m.start(),
                m.end(),
                depth[m.start()],
                len(digits),
                fund.group(0) if fund else "",
            )
        )
        prev_end = m.end()
    return out


@dataclass(frozen=True)
class Breakdown:
    """A total and the parts its own sentence (or the list after it) names."""

    total: Mention
    parts: tuple[Mention, ...]
    paragraph: int
    in_list: bool = False
    nested: tuple[Breakdown, ...] = field(default=(), compare=False)


def _attached_intro(text: str, after: Mention, limit: int) -> re.Match[str] | None:
    """The breakdown opener that belongs to `after`: in its own sentence, or opening the
    very next one ("…9.79万元，与上年相比减少0.02万元。其中…"); only change wording
    may stand between."""
    m = _INTRO.search(text, after.end, limit)
    if m is None:
        return None
    between = text[after.end : m.start()]
    stops = between.count("。")
    if stops > 1 or (stops == 1 and not between.endswith("。")):
        return None
    return m


def _paren_end(text: str, open_at: int) -> int:
    d = 0
    for i in range(open_at, len(text)):
        if text[i] == "（":
            d += 1
        elif text[i] == "）":
            d -= 1
            if d == 0:
                return i
    return len(text)


def _region(
    text: str, ms: list[Mention], total: Mention, intro: re.Match[str], siblings: set[str]
) -> tuple[int, int]:
    """Where the parts of `total` stand: inside the parenthesis the opener starts, else up
    to the sentence end (a nested breakdown up to "；" or a sibling part as well)."""
    start = intro.end()
    if intro.start() > 0 and text[intro.start() - 1] == "（":
        return start, _paren_end(text, intro.start() - 1)
    stops = "。" + ("；;" if siblings else "")
    end = len(text)
    for i in range(start, len(text)):
        if text[i] in stops:
            end = i
            break
    for m in ms:
        if start <= m.start < end and m.item in siblings and m.kind == FIGURE:
            end = m.start - len(m.words)
            break
    return start, end


def _inline(
    text: str,
    ms: list[Mention],
    total: Mention,
    intro: re.Match[str],
    siblings: set[str],
    order: int,
    parts_of: dict[str, tuple[str, ...]],
) -> Breakdown:
    start, end = _region(text, ms, total, intro, siblings)
    inside = [m for m in ms if start <= m.start < end]
    base = min((m.depth for m in inside), default=0)
    parts: list[Mention] = []
    nested: list[Breakdown] = []
    skip_to = -1
    for m in inside:
        if m.start < skip_to or m.kind != FIGURE or m.depth != base:
            continue
        parts.append(m)
        sub = _attached_intro(text, m, end)
        if sub is not None and not any(
            x.kind == FIGURE and m.end <= x.start < sub.start() for x in inside
        ):
            inner_siblings = set(parts_of.get(total.item or "", ())) - {m.item or ""}
            b = _inline(text, ms, m, sub, inner_siblings, order, parts_of)
            nested.append(b)
            skip_to = max(skip_to, max((p.end for p in b.parts), default=sub.end()))
    return Breakdown(total, tuple(parts), order, False, tuple(nested))


def _style(text: str) -> str:
    """The numbering style a paragraph opens with: （一） （1） 一、 1． or none."""
    m = _NUMBERING.match(text)
    if m is None:
        return ""
    n = m.group(0)
    paren = n[0] in "（("
    chinese = any(c in "一二三四五六七八九十" for c in n)
    return ("(" if paren else "") + ("一" if chinese else "1")


def _list_items(outer: str, texts: list[str]) -> tuple[Mention, ...]:
    """The parts of a list that follows "其中：" at the end of a paragraph numbered in the
    style `outer`. Each paragraph numbered like the first item (short and unnumbered
    when the first is) adds its first amount; paragraphs numbered otherwise are a
    deeper level and skipped; the list ends at a paragraph with no amount, one numbered
    like the total's own paragraph, or after an item closed with "。" when the items
    before it closed with "；"."""
    parts: list[Mention] = []
    first: str | None = None
    semicolons = False
    for text in texts:
        ms = mentions(text)
        if not ms:
            break
        style = _style(text)
        if first is not None and style != first:
            if style == outer or not first:
                break
            continue
        head = ms[0]
        before = text[: head.start - len(head.words)]
        if _NUMBERING.sub("", before) or head.kind != FIGURE or head.depth:
            break
        if not head.words or (not style and len(head.name) > 16):
            # An amount with no name opens a line the PDF broke mid-sentence.
            break
        first = style
        parts.append(head)
        tail = text.rstrip()
        if tail.endswith(("；", ";")):
            semicolons = True
        elif semicolons and tail.endswith("。"):
            break
    return tuple(parts)


def breakdowns(
    paragraphs: Iterable[tuple[int, str]], parts_of: dict[str, tuple[str, ...]]
) -> list[Breakdown]:
    """Every breakdown of the narrative, nested ones included (a part with its own
    "包括…" or "（其中：…）"). `paragraphs` are (order, raw text); `parts_of` names the
    known parts of an item, whose siblings end a nested breakdown."""
    paras = [(order, clean(t)) for order, t in paragraphs]
    out: list[Breakdown] = []
    for n, (order, text) in enumerate(paras):
        ms = mentions(text)
        used: set[int] = set()
        for m in ms:
            if m.kind != FIGURE or m.start in used:
                continue
            intro = _attached_intro(text, m, len(text))
            if intro is None:
                continue
            if any(x.kind == FIGURE and m.end <= x.start < intro.start() for x in ms):
                continue
            rest = text[intro.end() :].strip(":：")
            if not rest:
                items = _list_items(_style(text), [t for _, t in paras[n + 1 :]])
                out.append(Breakdown(m, items, order, True))
                continue
            b = _inline(text, ms, m, intro, set(), order, parts_of)
            stack = [b]
            while stack:
                x = stack.pop()
                out.append(x)
                used.update(p.start for p in x.parts)
                stack.extend(x.nested)
            used.add(m.start)
    return out


@dataclass(frozen=True)
class YearChange:
    """ "A 万元，比上年增加 X 万元，增长 Y%": this year's figure, the change, and the rate
    and last year's figure where printed (`rate` in %, `rate_decimals` as printed)."""

    current: Mention
    change: Mention
    down: bool
    rate: Decimal | None
    rate_decimals: int
    last: Mention | None


def year_changes(text: str) -> list[YearChange]:
    """The year-on-year statements of one cleaned paragraph. A change belongs to the last
    figure before it in its own sentence or the one before ("…17123.19万元。与上年相比
    增加1408.29万元"); a change whose words name another item or give a reason
    ("主要原因是基本支出增加…") is not that figure's."""
    ms = mentions(text)
    out: list[YearChange] = []
    for i, x in enumerate(ms):
        if x.kind != CHANGE or _REASON.search(x.words):
            continue
        current = next((m for m in reversed(ms[:i]) if m.kind == FIGURE), None)
        if current is None or current.depth != x.depth:
            continue
        if text[current.end : x.start].count("。") > 1:
            continue
        named = {LABELS[n] for n in _ANY_LABEL.findall(x.words)}
        if named - {current.item}:
            continue
        last = next((m for m in ms[:i] if m.kind == LAST and current.end <= m.start), None)
        rate = _PERCENT.match(text, x.end)
        value = parse_amount(rate.group(1)) if rate else None
        out.append(
            YearChange(
                current,
                x,
                bool(_DOWN.search(x.words)),
                value,
                len(rate.group(1).partition(".")[2]) if rate else 0,
                last,
            )
        )
    return out
