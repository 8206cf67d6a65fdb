"""parsers/tables/assemble.py on hand-made layout streams (no PDF): titles, captions,
stitching over pages, project table parts, paragraphs, department and year."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.extraction import ExtractedCell
from parsers.tables.assemble import assemble, header_rows_of, one_cell_per_place
from parsers.tables.layout import Grid, Line


def grid(rows: list[list[str]], page: int | None = 1, spans: dict | None = None) -> Grid:
    """A Grid from rows; `spans[(r, c)] = (rowspan, colspan)`; cells under a span are left out."""
    spans = spans or {}
    covered: set[tuple[int, int]] = set()
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            for i in range(r, r + rs):
                for j in range(c, c + cs):
                    covered.add((i, j))
            bbox = (50.0 + 60 * c, 100.0 + 20 * r, 50.0 + 60 * (c + cs), 100.0 + 20 * (r + rs))
            cells.append(ExtractedCell(r, c, text, rs, cs, page, bbox if page else None))
    n_cols = len(rows[0])
    return Grid(len(rows), n_cols, cells, page, None, [50.0 + 60 * k for k in range(n_cols + 1)])


def line(
    text: str, page: int | None = 1, y: float = 50.0, bold: bool = False, size: float = 10.5
) -> Line:
    bbox = (90.0, y, 90.0 + 11 * len(text), y + size) if page else None
    return Line(text, page, bbox, None if page else "p1", bold, size)


HEAD = [["序号", "科目编码", "科目名称", "合计"], ["栏次", "1", "2", "3"]]


def test_title_captions_kind_department_and_year() -> None:
    items = [
        line("部门预算支出总表", y=40, bold=True, size=16),
        line("323昌黎县人力资源和社会保障局", y=70),
        line("预算年度：2023", y=70),
        line("单位：万元", y=70),
        grid(HEAD + [["1", "", "合计", "10.00"]]),
    ]
    f = assemble(items, source="x.pdf", pages=1, page_sizes=[(595, 842)])
    (t,) = f.tables
    assert (t.title, t.kind, t.part, t.header_rows) == (
        "部门预算支出总表",
        "expenditure_summary",
        None,
        2,
    )
    assert t.caption_lines == ["323昌黎县人力资源和社会保障局", "预算年度：2023", "单位：万元"]
    assert (f.department_code, f.department_name, f.year) == (
        "323",
        "昌黎县人力资源和社会保障局",
        2023,
    )
    assert f.paragraphs == []


def test_department_from_a_cover_heading_wrapped_over_two_lines() -> None:
    """OCR returns a wrapped cover heading as two lines; the caption's short name is not it."""
    items = [
        line("高新区人力资源和社会保障局2024年部门", y=84, size=26.7),  # seed 004's scan
        line("预算绩效文本", y=117, size=24.3),
        line("本部门主要职责是贯彻执行国家和省市县人力资源和社会保障政策。", y=160),
        line("部门预算支出总表", y=200, bold=True, size=16),
        line("107承德高新技术产业开发区人社局", y=230),
        grid(HEAD + [["1", "", "合计", "10.00"]]),
    ]
    f = assemble(items, source="x.pdf", pages=1, page_sizes=[(595, 842)])
    assert (f.department_code, f.department_name) == ("107", "高新区人力资源和社会保障局")


def test_table_continued_on_next_page_drops_repeated_header_and_page_number() -> None:
    items = [
        line("部门预算支出总表", y=40, bold=True, size=16),
        grid(HEAD + [["1", "", "合计", "10.00"], ["2", "205", "教育支出", "10.00"]], page=1),
        line("- 1 -", page=1, y=800),
        grid(HEAD + [["3", "20502", "普通教育", "10.00"]], page=2),
        line("注：空表列示。", page=2, y=300),
    ]
    f = assemble(items, source="x.pdf", pages=2)
    (t,) = f.tables
    assert [r[0] for r in t.rows()] == ["序号", "栏次", "1", "2", "3"]
    assert t.pages == [1, 2]
    assert [p.text for p in f.paragraphs] == ["注：空表列示。"]


def test_next_page_grid_with_other_columns_is_a_new_table() -> None:
    items = [
        line("部门预算支出总表", bold=True, size=16),
        grid(HEAD, page=1),
        grid([["单位名称", "单位性质"], ["本级", "行政"]], page=2),
    ]
    assert len(assemble(items, source="x.pdf", pages=2).tables) == 2


def test_project_table_in_one_grid_splits_into_header_and_indicators() -> None:
    rows = [
        ["项目名称", "就业补助", "", ""],
        ["绩效目标", "促进就业", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人数", "≥700人"],
        ["", "质量指标", "合格率", "≥98%"],
    ]
    items = [
        line("1、就业补助资金绩效目标表", bold=True),
        grid(rows, spans={(0, 1): (1, 3), (1, 1): (1, 3), (3, 0): (2, 1)}),
    ]
    head, ind = assemble(items, source="x.pdf", pages=1).tables
    assert (head.part, ind.part) == ("header", "indicators")
    assert head.title == ind.title == "1、就业补助资金绩效目标表"
    assert head.kind == ind.kind == "project_performance"
    assert (head.header_rows, ind.header_rows) == (0, 1)
    assert ind.rows()[0][0] == "一级指标" and ind.cell_at(2, 0).text == "产出指标"  # type: ignore[union-attr]
    assert ind.n_rows == 3


def test_form_name_under_a_numbered_project_title_is_a_caption() -> None:
    """预算项目绩效表 printed under "1、…绩效目标表" (seed 004): the project's title names
    the table, the form's name is its caption."""
    rows = [["项目名称", "就业补助"], ["一级指标", "二级指标"], ["产出指标", "数量指标"]]
    items = [
        line("1、就业补助资金绩效目标表", page=None),
        line("预算项目绩效表", page=None),
        grid(rows, page=None),
    ]
    head, ind = assemble(items, source="x.txt", pages=0).tables
    assert head.title == ind.title == "1、就业补助资金绩效目标表"
    assert head.caption_lines == ["预算项目绩效表"]
    assert head.kind == "project_performance"


def test_project_parts_keep_only_the_columns_they_use() -> None:
    rows = [
        ["绩效目标", "促进就业", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人数", "≥700人"],
    ]
    items = [line("1、就业补助资金绩效目标表", bold=True), grid(rows)]
    head, ind = assemble(items, source="x.pdf", pages=1).tables
    assert (head.n_cols, ind.n_cols) == (2, 4)
    assert head.rows() == [["绩效目标", "促进就业"]]
    spanned = [["项目名称", "就业补助", "", ""]] + rows[1:]
    items = [line("1、就业补助资金绩效目标表", bold=True), grid(spanned, spans={(0, 1): (1, 3)})]
    head, _ = assemble(items, source="x.pdf", pages=1).tables
    assert head.n_cols == 4  # a cell spanning into a column keeps it


def test_indicator_grid_after_header_grid_takes_its_title() -> None:
    items = [
        line("2、培训经费绩效目标表", bold=True),
        grid([["绩效目标", "提高技能"]]),
        grid([["一级指标", "二级指标", "三级指标"], ["产出指标", "数量指标", "培训人数"]]),
        line("3、补贴资金绩效目标表", bold=True, y=500),
        grid([["绩效目标", "按时发放"]]),
    ]
    tables = assemble(items, source="x.pdf", pages=1).tables
    assert [(t.title[:2], t.part) for t in tables] == [
        ("2、", "header"),
        ("2、", "indicators"),
        ("3、", "header"),
    ]


def test_untitled_indicator_grid_under_overall_heading() -> None:
    items = [
        line("二、部门整体绩效指标如下表：", bold=True),
        grid([["一级指标", "二级指标"], ["产出指标", "数量指标"]]),
    ]
    (t,) = assemble(items, source="x.pdf", pages=1).tables
    assert (t.title, t.kind, t.part) == ("", "overall_performance", None)
    assert [p.heading for p in assemble(items, source="x", pages=1).paragraphs] == [True]


def test_lines_without_pages_are_paragraphs_and_grids_are_not_stitched() -> None:
    items = [
        line("一、部门职责", page=None),
        line("负责全县人力资源工作。", page=None),
        line("部门预算支出总表", page=None),
        grid(HEAD, page=None),
        grid(HEAD, page=None),
    ]
    f = assemble(items, source="x.docx", pages=0)
    assert [(p.text, p.heading) for p in f.paragraphs] == [
        ("一、部门职责", True),
        ("负责全县人力资源工作。", False),
    ]
    assert f.paragraphs[0].anchor == "p1"
    assert len(f.tables) == 2 and f.tables[0].title == "部门预算支出总表"


def test_wrapped_pdf_lines_join_into_one_paragraph() -> None:
    long = "按照预算法和地方预决算公开操作规程的规定现将本部门二〇二三年部门预算公开如下各项"
    items = [
        Line(long, 1, (90, 100, 505, 112), size=12),
        Line("内容。", 1, (90, 126, 126, 138), size=12),
        Line("（一）部门职责", 1, (114, 152, 200, 164), size=12),
    ]
    paras = assemble(items, source="x.pdf", pages=1).paragraphs
    assert [p.text for p in paras] == [long + "内容。", "（一）部门职责"]


def test_department_prefers_short_code_and_heading_name() -> None:
    items = [
        line("高新区人力资源和社会保障局2024年部门预算绩效文本", bold=True, size=22),
        line("1、培训经费绩效目标表", bold=True, y=100),
        line("107001高新区人社局本级", y=120),
        grid([["绩效目标", "提高技能"]]),
        line("部门政府采购预算", bold=True, y=400),
        line("107承德高新区人社局", y=420),
        grid([["项目名称", "预算资金"]]),
    ]
    f = assemble(items, source="x.pdf", pages=1)
    assert (f.department_code, f.department_name, f.year) == (
        "107",
        "高新区人力资源和社会保障局",
        2024,
    )


def test_header_rows_rules() -> None:
    rows = [["序号", "收入", ""], ["", "项目", "预算数"], ["1", "a", "1.00"]]
    assert header_rows_of(rows, [(0, 2), (0, 1), (1, 1), (1, 1), (2, 1)], None) == 2
    assert header_rows_of([["项目编码", "x"]], [(0, 1)], "header") == 0
    assert header_rows_of([["序号", "a"], ["栏次", "1"], ["1", "x"]], [], "header") == 2


def test_running_head_does_not_break_a_table_over_pages() -> None:
    head = "昌黎县人力资源和社会保障局2023年部门预算"
    items: list = [line("部门预算支出总表", y=60, bold=True, size=16)]
    for page in (1, 2, 3):
        items.append(line(head, page=page, y=30))
        items.append(grid(HEAD + [[str(page), "205", "教育支出", "1.00"]], page=page))
    f = assemble(items, source="x.pdf", pages=3, page_sizes=[(595.0, 842.0)] * 3)
    (t,) = f.tables
    assert [r[0] for r in t.rows()] == ["序号", "栏次", "1", "2", "3"]
    assert head not in [p.text for p in f.paragraphs]


def test_title_and_caption_rows_inside_the_ruling_are_peeled_off() -> None:
    rows = [
        ["部门预算支出总表", "", "", ""],
        ["单位：万元", "", "", ""],
        *HEAD,
        ["1", "", "合计", "1.00"],
    ]
    g = grid(rows, spans={(0, 0): (1, 4), (1, 0): (1, 4)})
    (t,) = assemble([g], source="x.xlsx", pages=1).tables
    assert (t.title, t.kind, t.caption_lines) == (
        "部门预算支出总表",
        "expenditure_summary",
        ["单位：万元"],
    )
    assert t.rows()[0] == HEAD[0] and t.header_rows == 2


def test_year_from_a_table_when_no_caption_or_narrative_gives_it() -> None:
    """A workbook of project tables only: 预算年度 stands in the table's top row."""
    grid = Grid(
        2,
        3,
        [
            ExtractedCell(0, 0, "项目编码及名称：[X1]城乡养老"),
            ExtractedCell(0, 1, "预算年度：2024"),
            ExtractedCell(0, 2, "金额：16.5万元"),
            ExtractedCell(1, 0, "项目编码"),
            ExtractedCell(1, 1, "X1"),
            ExtractedCell(1, 2, ""),
        ],
    )
    filing = assemble(
        [Line("1、城乡养老绩效目标表"), grid], source="x.xlsx", pages=0, page_sizes=[]
    )
    assert filing.year == 2024


# --- one cell per place (issue: IntegrityError UNIQUE cell.table_id, cell.row, cell.col) ---

_TEXTS = ["", "项目", "合计", "栏次", "1", "2.000000", "金额", "本年"]


@st.composite
def _page_grid(draw: st.DrawFn, page: int) -> Grid:
    """A page's grid as a reader might give it: spans that overlap, cells whose boxes
    stray into the next column, columns of other widths than the page before."""
    n_rows, n_cols = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    edges = [50.0]
    for _ in range(n_cols):
        edges.append(edges[-1] + draw(st.sampled_from([20.0, 30.0, 60.0])))
    cells = []
    for _ in range(draw(st.integers(1, 14))):
        r, c = draw(st.integers(0, n_rows - 1)), draw(st.integers(0, n_cols - 1))
        rs, cs = draw(st.integers(1, n_rows - r)), draw(st.integers(1, n_cols - c))
        x0 = edges[c] + draw(st.sampled_from([0.0, -15.0, 15.0]))
        x1 = max(edges[c + cs] + draw(st.sampled_from([0.0, -15.0, 15.0])), x0 + 1)
        bbox = (x0, 100.0 + 20 * r, x1, 100.0 + 20 * (r + rs))
        cells.append(ExtractedCell(r, c, draw(st.sampled_from(_TEXTS)), rs, cs, page, bbox))
    return Grid(
        n_rows, n_cols, cells, page, (edges[0], 100.0, edges[-1], 100 + 20.0 * n_rows), edges
    )


@st.composite
def _pages(draw: st.DrawFn) -> list[Grid]:
    return [draw(_page_grid(p)) for p in range(1, draw(st.integers(1, 4)) + 1)]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(_pages())
def test_assembled_tables_have_one_cell_per_place(grids: list[Grid]) -> None:
    """Whatever the pages' grids, stitched or not, no two cells of a table start at
    one (row, col), and none starts under another's span or outside the table."""
    f = assemble(list(grids), source="x.pdf", pages=4, page_sizes=[(595, 842)] * 4)
    for t in f.tables:
        places = [(c.row, c.col) for c in t.cells]
        assert len(places) == len(set(places))
        covered = [
            (i, j)
            for c in t.cells
            for i in range(c.row, c.row + c.rowspan)
            for j in range(c.col, c.col + c.colspan)
        ]
        assert len(covered) == len(set(covered))
        assert all(0 <= i < t.n_rows and 0 <= j < t.n_cols for i, j in covered)


def test_cell_starting_under_a_span_gives_its_text_to_the_span() -> None:
    cells = [
        ExtractedCell(0, 0, "项目", rowspan=2, colspan=2),
        ExtractedCell(1, 1, "本年"),
        ExtractedCell(0, 2, "金额"),
        ExtractedCell(0, 2, ""),
    ]
    out = one_cell_per_place(cells)
    assert [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in out] == [
        (0, 0, 2, 2, "项目本年"),
        (0, 2, 1, 1, "金额"),
    ]


def test_a_row_of_figures_is_no_cut_row() -> None:
    # gbc_wanli: the next page's first row 210 | 11 | | 行政事业单位医疗 | figures was
    # joined into 210 | 07 | 17 | 计划生育服务 because its 项 cell was empty
    from parsers.tables.stitch import is_split_row

    last = ["210", "07", "17", "计划生育服务", "200,000", "0", "200,000"]
    first = ["210", "11", "", "行政事业单位医疗", "3,023,657", "3,023,657", "0"]
    assert not is_split_row(last, first)
    # a name cut by the page break still joins
    assert is_split_row(["", "其他社会保障和就业", "12.00"], ["", "支出", ""])


def test_repeated_header_counts_the_rows_the_column_reading_calls_header() -> None:
    # the page's reader counted one header row; 功能分类科目编码 and 类/款/项 are header too
    from parsers.extraction import ExtractedCell
    from parsers.tables.layout import Grid
    from parsers.tables.stitch import TableDraft, repeated_header

    head = [
        ["项目", "", "", "", "一般公共预算支出", "", ""],
        ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "", "", "", ""],
    ]
    body = [["208", "05", "99", "其他行政事业单位养老支出", "6,160.00", "6,160.00", "0.00"]]

    def cells(rows: list[list[str]]) -> list[ExtractedCell]:
        return [ExtractedCell(r, c, t) for r, row in enumerate(rows) for c, t in enumerate(row)]

    draft = TableDraft(n_cols=7, cells=cells(head + body), n_rows=4, header_rows=1)
    page = Grid(page=2, n_rows=4, n_cols=7, cells=cells(head + body))
    assert repeated_header(draft, page) == 3
