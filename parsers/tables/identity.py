"""Which department a filing is of, and for which year, from its own words.

Templates name the department in different places: a labelled line (编制部门：…,
编制单位：…, 预算主管部门：…, 部门名称：…, 部门：…), a code caption (316 高邑县人社局), or
only the cover heading (江苏省人民检察院 / 2017 年部门预算, 2018 年度XX预算公开). Section
headings (第二部分 …, 名词解释, 目录) must never be taken for a name. The year is the one
预算年度 says, else the year the table titles print (2025年部门收入预算总表), else the
cover's, else the one the text gives most often (a budget text also cites last year's).
Pure; reads only the blocks and caption lines assemble() built.
"""

from __future__ import annotations

import re
from collections import Counter

from parsers.extraction import Block, ExtractedTable, Paragraph
from parsers.tables.classify import squeeze

_NAME = r"(?P<name>[\u4e00-\u9fff（）()]{3,40}?)"
_NATURE = r"(?:部门|单位)?(?:综合)?(?:预算|决算|预决算)"  # 部门综合预算 (Shaanxi)
# a code then the name (316 高邑县人社局, 341-湖州市财政局); never a year (2026年度…表)
DEPT_CODE = re.compile(
    r"^[\[【]?(\d{3,9})(?!\d)[\]】]?\s*[-－—]?\s*(?![年月])([\u4e00-\u9fff（）()]{2,40})(?<![表年])$"
)
# the code a labelled name may start with (编制单位：341001-湖州市财政局, [341]湖州市财政局)
_LEADING_CODE = re.compile(r"^[\[【]?\d{3,9}[\]】]?[-－—]?(?=[\u4e00-\u9fff])")
_LABEL = r"(?:编制部门|编制单位|预算主管部门|主管部门|部门名称|单位名称|预算单位|部门|单位)[：:]"
_LABELLED = re.compile(rf"^{_LABEL}(.+)$")
_LABEL_ALONE = re.compile(rf"^{_LABEL}$")
# what may follow the name on the same printed line
_AFTER_NAME = re.compile(r"(?:金额)?单位[：:].*$|(?:编制)?日期[：:].*$|\d.*$")
_PLAIN_NAME = re.compile(r"^[\u4e00-\u9fff（）()]{3,40}$")
_SECTION = re.compile(r"^第[一二三四五六七八九十\d]+部分")
_NOT_NAMES = ("目录", "名词解释", "概况", "说明", "部分", "附件", "公开", "报表")
# name then year (江苏省人民检察院2017年部门预算), or year then name (2017年度江苏省…部门预算公开)
_HEADING_PATTERNS = (
    re.compile(rf"^{_NAME}20\d\d年(?:度)?{_NATURE}"),
    re.compile(rf"^20\d\d年(?:度)?+{_NAME}{_NATURE}"),
)
_YEAR_CAPTION = re.compile(r"预算年度\s*[：:]\s*(20\d\d)")
_YEAR_TITLE = re.compile(r"(20\d\d)年(?:度)?")
_YEAR_COVER = re.compile(r"(20\d\d)年(?:度)?(?!\d{1,2}月)")
_YEAR_TEXT = re.compile(rf"(20\d\d)\s*年(?:度)?\s*{_NATURE}")


def department(blocks: list[Block], captions: list[str]) -> tuple[str | None, str | None]:
    """(code, name): the code from a code caption (the shortest: unit tables carry longer
    codes, 316002 under department 316); the name from the cover heading (labelled lines
    and captions may abbreviate it: 承德高新区人设局), else a labelled line, else another
    heading, else the code caption."""
    code, coded_name = _coded(captions)
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    name = (
        _in_headings([p for p in paragraphs if p.page in (None, 1)][:8])
        or _labelled(captions + [p.text for p in paragraphs])
        or _in_headings([p for p in paragraphs if p.heading][:20])
        or coded_name
    )
    return code, canonical_name(name) if name else None


_PARTY_FULL = re.compile(r"^中国共产党(.{2,12}?)委员会")
_PARTY_SHORT = re.compile(r"^(.{2,12}?[省市县区州盟旗])委(?!员会|托)")


def canonical_name(name: str) -> str:
    """The one spelling of a party organ's name: filings print 中国共产党江苏省委员会办公厅,
    中共江苏省委办公厅 or just 江苏省委办公厅 for the same department; the registry
    (and the clerk's lists) use the short formal form 中共X委…."""
    # the department's own unit (…局本级, …局（本级）), its summary of all its units
    # (…局（汇总）) and a cover's "北京市教育委员会部门 / 2026年度部门预算" name the department
    name = re.sub(r"[（(]?本级[）)]?$|[（(]汇总[）)]$|(?<=.{4})部门$", "", name)
    name = _PARTY_FULL.sub(r"中共\1委", name)
    if not name.startswith("中共") and _PARTY_SHORT.match(name):
        name = "中共" + name
    return name


_CN_DIGITS = str.maketrans("〇零○O一二三四五六七八九", "0000123456789")
_CN_YEAR = re.compile(r"二[〇零○O][〇零○O一二三四五六七八九]{2}(?=年)")


def _arabic(text: str) -> str:
    """Squeezed, with a year written in numerals (二〇二四年, a cover's style) in digits."""
    return _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_DIGITS), squeeze(text))


def year(blocks: list[Block], captions: list[str]) -> int | None:
    """预算年度 of the captions; else the year most table titles print; else the cover's;
    else the year the headings and text give most often; else 预算年度 inside a table."""
    years = Counter(int(m.group(1)) for c in captions if (m := _YEAR_CAPTION.search(_arabic(c))))
    if not years:
        years = Counter(
            int(m.group(1))
            for b in blocks
            if isinstance(b, ExtractedTable) and (m := _YEAR_TITLE.search(_arabic(b.title)))
        )
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    if not years:
        cover = [p.text for p in paragraphs if p.page in (None, 1)][:8]
        joined = cover + [a + b for a, b in zip(cover, cover[1:], strict=False)]
        years = _text_years(joined) or _cover_years(joined)
    if not years:
        headings = [p.text for p in paragraphs if p.heading]
        years = _text_years((headings + [p.text for p in paragraphs])[:200])
    if not years:
        years = _years_in_tables(blocks)
    return years.most_common(1)[0][0] if years else None


def _text_years(texts: list[str]) -> Counter:
    return Counter(int(m.group(1)) for t in texts if (m := _YEAR_TEXT.search(_arabic(t))))


def _cover_years(texts: list[str]) -> Counter:
    """A cover that says 江苏省2018年度 / 省级部门预算公开报表: a year in a line about a
    budget or final account, not the date of publication (2018年2月24日)."""
    return Counter(
        int(m.group(1))
        for t in map(_arabic, texts)
        if ("预算" in t or "决算" in t) and (m := _YEAR_COVER.search(t))
    )


def _years_in_tables(blocks: list[Block]) -> Counter:
    """A workbook with no narrative may print 预算年度：YYYY only inside a table's top row
    (the project header of 预算项目绩效表)."""
    return Counter(
        int(m.group(1))
        for b in blocks
        if isinstance(b, ExtractedTable)
        for c in b.cells
        if c.row < 3 and (m := _YEAR_CAPTION.search(_arabic(c.text)))
    )


def _coded(captions: list[str]) -> tuple[str | None, str | None]:
    found = []
    for c in captions:
        labelled = _LABELLED.match(squeeze(c))  # 编制单位：341001-湖州市财政局
        m = DEPT_CODE.match(labelled.group(1) if labelled else squeeze(c))
        if m:
            found.append((len(m.group(1)), m.group(1), m.group(2)))
    if not found:
        return None, None
    found.sort(key=lambda f: f[0])
    _, code, name = found[0]
    # only unit codes printed (805001 霸州市…局本级): the department is their first three
    # digits, as a department's code prefixes its units' (DOMAIN.md)
    return code[:3], name


def _plausible(name: str) -> bool:
    return (
        bool(_PLAIN_NAME.match(name))
        and not _SECTION.match(name)
        and not any(w in name for w in _NOT_NAMES)
        and not name.endswith("元")
        and not name.startswith(("部门", "单位"))
    )


def _labelled(texts: list[str]) -> str | None:
    """The name 编制部门：/部门：/… lines give most often. A name cut by a line wrap
    (中国共产党XX委员会办) counts for the whole name it begins."""
    names = Counter()
    # a label printed alone on its line ("部门：" / "江苏省人大常委会办公厅", rotated
    # pages of Jiangsu's 2019 tables) names what the next line says
    texts = [
        squeeze(t) + squeeze(texts[i + 1])
        if i + 1 < len(texts) and _LABEL_ALONE.match(squeeze(t))
        else t
        for i, t in enumerate(texts)
    ]
    for text in texts:
        m = _LABELLED.match(squeeze(text))
        if m:
            name = _AFTER_NAME.sub("", _LEADING_CODE.sub("", m.group(1)))
            if _plausible(name):
                names[name] += 1
    if not names:
        return None
    merged = Counter()
    for name, n in names.items():
        longer = [o for o in names if o != name and o.startswith(name)]
        merged[max(longer, key=len) if longer else name] += n
    return max(merged, key=lambda k: (merged[k], len(k)))


def is_filing_heading(text: str) -> bool:
    """A line that names the department and the year's budget (湖州市财政局2024年部门
    预算): a heading of its own, never the first half of a table's title."""
    return _in_headings([Paragraph(text)]) is not None


_NAME_CUT = re.compile(r"[_：:\-－—、.\s]+")


def from_file_name(stem: str) -> tuple[str | None, int | None]:
    """(department, year) a file's name gives when the filing prints neither where we
    look (湖州市财政局2024年部门预算.pdf, 2024年湖州市财政局部门预算公开.docx): the last
    resort, since a clerk's copy may be renamed). What precedes a separator may be
    dropped: 附件2：北京市司法局2026年度部门预算报表, 03_…."""
    cuts = [stem] + [stem[m.end() :] for m in _NAME_CUT.finditer(stem)]
    name = next(filter(None, (_in_headings([Paragraph(c)]) for c in cuts)), None)
    years = _text_years([stem]) or _cover_years([stem])
    return (canonical_name(name) if name else None), (years.most_common(1)[0][0] if years else None)


def _in_headings(paragraphs: list[Paragraph]) -> str | None:
    """The department as a heading names itself (高新区人力资源和社会保障局2024年部门
    预算), tried also joined with the next line of the same page (a cover wrapped over
    two lines). 第X部分 before the name is dropped; a section word is never a name."""
    texts = [_arabic(p.text) for p in paragraphs]
    joined = [
        texts[i] + texts[i + 1]
        for i in range(len(texts) - 1)
        if paragraphs[i].page == paragraphs[i + 1].page
    ]
    for t in texts + joined:
        t = _SECTION.sub("", t)
        for pattern in _HEADING_PATTERNS:
            m = pattern.match(t)
            if m:
                name = m.group("name")
                if _plausible(name):
                    return name
    return None
