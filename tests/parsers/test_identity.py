"""Department and year from a filing's own words (issue 15): labelled lines, the cover,
table titles; never a section heading."""

from __future__ import annotations

import pytest

from parsers.extraction import ExtractedTable, Paragraph
from parsers.tables.identity import canonical_name, department, year


def _p(text: str, page: int = 1, heading: bool = True) -> Paragraph:
    return Paragraph(text=text, heading=heading, page=page)


def _table(title: str) -> ExtractedTable:
    return ExtractedTable.from_rows(
        [["项目", "金额"]], title=title, kind=None, part=None, header_rows=1
    )


def test_labelled_line_beats_section_headings() -> None:
    blocks = [
        _p("上海市某区2025年区级部门预算"),
        _p("名词解释", page=5),
        _p("2025年部门预算编制说明", page=5),
        _p("第二部分 2025年度部门预算表", page=6),
    ]
    captions = ["编制部门：上海市某区人民政府办公室     单位：万元", "单位：万元"]
    assert department(blocks, captions) == (None, "上海市某区人民政府办公室")


def test_cover_over_two_lines_either_order() -> None:
    assert department([_p("江苏省某某检察院"), _p("2017 年部门预算")], [])[1] == "江苏省某某检察院"
    assert (
        department([_p("2018 年度江苏省某某"), _p("人民法院预算公开")], [])[1]
        == "江苏省某某人民法院"
    )
    assert department([_p("某某区财政局2024年度部门决算")], [])[1] == "某某区财政局"


def test_section_heading_is_never_a_name() -> None:
    blocks = [_p("目录"), _p("第二部分 2018年度部门预算表", page=8)]
    assert department(blocks, ["部门："])[1] is None


def test_wrapped_label_counts_for_the_whole_name() -> None:
    caps = ["部门：中国共产党某某县委员会办", "部门：中国共产党某某县委员会办公厅"]
    assert department([], caps)[1] == "中共某某县委办公厅"  # the one spelling


def test_cover_name_beats_an_abbreviated_label_and_code_caption() -> None:
    blocks = [_p("某某区人力资源和社会保障局2024年部门预算绩效文本")]
    code, name = department(blocks, ["107 某某区人社局", "编制单位：某某区人社局"])
    assert (code, name) == ("107", "某某区人力资源和社会保障局")


def test_year_from_table_titles_before_text() -> None:
    blocks = [
        _p("上海市某区2025年区级部门预算"),
        _p("2024年部门预算执行情况", page=3, heading=False),
        _p("2024年部门预算安排", page=3, heading=False),
        _table("2025年部门收入预算总表"),
    ]
    assert year(blocks, []) == 2025


def test_year_from_cover_not_the_publication_date() -> None:
    blocks = [_p("江苏省2018年度"), _p("省级部门预算公开报表"), _p("2019年1月5日")]
    assert year(blocks, []) == 2018
    assert year([_p("2018 年2 月24 日")], []) is None


def test_year_caption_first() -> None:
    assert year([_table("2025年部门收入预算总表")], ["预算年度：2024"]) == 2024


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("中国共产党江苏省委员会办公厅", "中共江苏省委办公厅"),
        ("江苏省委办公厅", "中共江苏省委办公厅"),
        ("中共江苏省委办公厅", "中共江苏省委办公厅"),
        ("江苏省人民政府办公厅", "江苏省人民政府办公厅"),
        ("湖州市发展和改革委员会", "湖州市发展和改革委员会"),
    ],
)
def test_party_organ_has_one_spelling(printed: str, name: str) -> None:
    assert canonical_name(printed) == name


def test_department_code_printed_with_a_hyphen_or_as_a_unit_code() -> None:
    assert department([], ["341-湖州市财政局"]) == ("341", "湖州市财政局")
    # only the unit's code (department 805, unit 001) and its 本级 name
    assert department([], ["805001 霸州市人力资源和社会保障局本级"]) == (
        "805",
        "霸州市人力资源和社会保障局",
    )


def test_a_label_alone_on_its_line_names_the_next_line() -> None:
    caps = ["公开表一", "部门：", "江苏省人大常委会办公厅", "单位：万元"]
    assert department([], caps) == (None, "江苏省人大常委会办公厅")


def test_a_labelled_name_with_its_code() -> None:
    for caption, code in (
        ("编制单位：341001-湖州市财政局本级", "341"),
        ("单位名称：[341]湖州市财政局", "341"),
        ("预算单位：341 湖州市财政局", "341"),
        ("部门：湖州市财政局（本级）", None),
    ):
        assert department([], [caption, "单位：万元"]) == (code, "湖州市财政局"), caption


def test_a_cover_with_the_year_in_numerals() -> None:
    cover = [Paragraph("湖州市财政局二〇二四年部门预算", page=1)]
    assert year(cover, []) == 2024
    assert department(cover, []) == (None, "湖州市财政局")


@pytest.mark.parametrize(
    ("cover", "name", "year_"),
    [
        # a cover printing 部门 after the name (Beijing)
        (["北京市某某委员会部门", "2026 年度部门预算信息公开"], "北京市某某委员会", 2026),
        # a department's summary of all its units (Xi'an)
        (["西安市某某局（汇总）2026年部门预算"], "西安市某某局", 2026),
        # 部门综合预算 (Shaanxi)
        (["西安市某某局2022 年部门综合预算"], "西安市某某局", 2022),
    ],
)
def test_cover_forms_of_other_provinces(cover: list[str], name: str, year_: int) -> None:
    blocks = [_p(t) for t in cover]
    assert department(blocks, [])[1] == name
    assert year(blocks, []) == year_


def test_a_department_name_is_never_cut_to_nothing() -> None:
    assert canonical_name("中共某市委宣传部") == "中共某市委宣传部"
    assert canonical_name("统战部门") == "统战部门"


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("附件2：北京市某某局2026年度部门预算报表", ("北京市某某局", 2026)),
        ("03_2024年湖州市某某局部门预算公开", ("湖州市某某局", 2024)),
        ("2026年北京市某某局部门预算", ("北京市某某局", 2026)),
        ("filing", (None, None)),
    ],
)
def test_file_name_with_an_attachment_number_before_the_heading(
    stem: str, expected: tuple[str | None, int | None]
) -> None:
    from parsers.tables.identity import from_file_name

    assert from_file_name(stem) == expected
