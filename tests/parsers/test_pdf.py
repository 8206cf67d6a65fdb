"""parsers/pdf.py on small PDFs drawn in the test with PyMuPDF (no corpus needed).

Shows: a merged two-level header, a table over two pages with its header repeated,
a row cut by the page break, a table without ruling, cell bboxes, progress and
cancel per page, and bad input (truncated, encrypted, no pages, too big).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pymupdf
import pytest

from parsers import formats, pdf
from parsers.extraction import InputError, Paragraph
from parsers.progress import Cancelled

FONT = "china-s"


@dataclass
class TableSpec:
    """A ruled table: `cells[(row, col)] = text` or `(text, rowspan, colspan)`."""

    col_widths: list[float]
    n_rows: int
    cells: dict[tuple[int, int], str | tuple[str, int, int]] = field(default_factory=dict)
    row_height: float = 18.0
    lines: bool = True  # draw with line strokes (else rectangles per cell)


def draw_table(page: pymupdf.Page, x0: float, y0: float, spec: TableSpec) -> float:
    """Draw `spec` with its top-left at (x0, y0); returns the y of its bottom edge."""
    xs = [x0]
    for w in spec.col_widths:
        xs.append(xs[-1] + w)
    ys = [y0 + i * spec.row_height for i in range(spec.n_rows + 1)]
    covered: set[tuple[int, int]] = set()
    shape = page.new_shape()
    for r in range(spec.n_rows):
        for c in range(len(spec.col_widths)):
            if (r, c) in covered:
                continue
            value = spec.cells.get((r, c), "")
            text, rs, cs = (value, 1, 1) if isinstance(value, str) else value
            for i in range(r, r + rs):
                for j in range(c, c + cs):
                    covered.add((i, j))
            rect = pymupdf.Rect(xs[c], ys[r], xs[c + cs], ys[r + rs])
            if spec.lines:
                for a, b in (
                    (rect.tl, rect.tr),
                    (rect.bl, rect.br),
                    (rect.tl, rect.bl),
                    (rect.tr, rect.br),
                ):
                    shape.draw_line(a, b)
            else:
                shape.draw_rect(rect)
            if text:
                page.insert_text((rect.x0 + 3, rect.y0 + 12), text, fontname=FONT, fontsize=9)
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    return ys[-1]


def text_line(page: pymupdf.Page, x: float, y: float, text: str, size: float = 10.5) -> None:
    page.insert_text((x, y), text, fontname=FONT, fontsize=size)


def new_doc() -> pymupdf.Document:
    return pymupdf.open()


def new_page(doc: pymupdf.Document) -> pymupdf.Page:
    return doc.new_page(width=595, height=842)


CAPTION_Y = 70.0


def _titled(page: pymupdf.Page, title: str) -> None:
    text_line(page, 200, 50, title, size=16)
    text_line(page, 60, CAPTION_Y, "323昌黎县人力资源和社会保障局")
    text_line(page, 260, CAPTION_Y, "预算年度：2023")
    text_line(page, 450, CAPTION_Y, "单位：万元")


def _summary_header() -> dict:
    return {
        (0, 0): ("序号", 2, 1),
        (0, 1): ("收入", 1, 2),
        (0, 3): ("支出", 1, 2),
        (1, 1): "项目",
        (1, 2): "预算数",
        (1, 3): "项目",
        (1, 4): "预算数",
        (2, 0): "栏次",
        (2, 1): "1",
        (2, 2): "2",
        (2, 3): "3",
        (2, 4): "4",
    }


WIDTHS = [40.0, 130.0, 80.0, 130.0, 80.0]


def merged_header_pdf() -> bytes:
    doc = new_doc()
    page = new_page(doc)
    _titled(page, "部门预算收支总表")
    cells = _summary_header()
    cells.update(
        {
            (3, 0): "1",
            (3, 1): "一、一般公共预算拨款收入",
            (3, 2): "29295.60",
            (3, 3): "一、一般公共服务支出",
            (4, 0): "2",
            (4, 1): "二、事业收入",
            (4, 3): "五、教育支出",
            (4, 4): "965.31",
        }
    )
    draw_table(page, 60, 80, TableSpec(WIDTHS, 5, cells))
    return doc.tobytes()


def test_merged_header_gives_spans_title_captions_and_kind() -> None:
    filing = pdf.read(merged_header_pdf(), "merged.pdf")
    assert len(filing.tables) == 1
    t = filing.tables[0]
    assert t.title == "部门预算收支总表"
    assert t.kind == "revenue_expenditure_summary"
    assert t.header_rows == 3  # two header rows and the 栏次 row
    rows = t.rows()
    assert rows[0] == ["序号", "收入", "", "支出", ""]
    assert rows[1] == ["", "项目", "预算数", "项目", "预算数"]
    assert rows[3] == ["1", "一、一般公共预算拨款收入", "29295.60", "一、一般公共服务支出", ""]
    income = t.cell_at(0, 1)
    assert income is not None and (income.rowspan, income.colspan) == (1, 2)
    number = t.cell_at(1, 0)
    assert number is not None and number.text == "序号" and number.rowspan == 2
    assert "单位：万元" in t.caption_lines and "预算年度：2023" in t.caption_lines
    assert (filing.department_code, filing.department_name) == ("323", "昌黎县人力资源和社会保障局")
    assert filing.year == 2023
    assert t.pages == [1]
    assert all(c.confidence == 1.0 and c.page == 1 for c in t.cells)


def test_cell_bbox_holds_its_text() -> None:
    data = merged_header_pdf()
    t = pdf.read(data, "merged.pdf").tables[0]
    cell = t.cell_at(3, 2)
    assert cell is not None and cell.text == "29295.60"
    page = pymupdf.open(stream=data, filetype="pdf")[0]
    assert page.get_textbox(pymupdf.Rect(cell.bbox)).strip() == "29295.60"
    x0, y0, x1, y1 = cell.bbox
    assert (x0, y0, x1, y1) == pytest.approx((230, 134, 310, 152), abs=1)


def two_page_pdf(split_row: bool = False) -> bytes:
    """A table over two pages, header repeated on page 2; optionally the last row of
    page 1 is cut by the page break (its 说明 goes on at the top of page 2)."""
    doc = new_doc()
    widths = [40.0, 120.0, 200.0, 80.0]
    head = {(0, 0): "序号", (0, 1): "项目", (0, 2): "说明", (0, 3): "金额"}
    p1 = new_page(doc)
    _titled(p1, "部门预算支出总表")
    cells = dict(head)
    for r in range(1, 4):
        cells.update({(r, 0): str(r), (r, 1): f"项目{r}", (r, 2): f"说明{r}", (r, 3): f"{r}.00"})
    if split_row:
        cells[(3, 2)] = "用于日常"
    draw_table(p1, 60, 80, TableSpec(widths, 4, cells))
    p2 = new_page(doc)
    cells = dict(head)
    first = 1
    if split_row:
        cells[(1, 2)] = "办公支出"
        first = 2
    for k, r in enumerate(range(4, 6)):
        row = first + k
        cells.update(
            {(row, 0): str(r), (row, 1): f"项目{r}", (row, 2): f"说明{r}", (row, 3): f"{r}.00"}
        )
    draw_table(p2, 60, 60, TableSpec(widths, first + 2, cells, lines=False))
    text_line(p2, 60, 300, "注：以上为本部门支出情况。")
    return doc.tobytes()


def test_table_over_two_pages_is_one_table_with_header_once() -> None:
    filing = pdf.read(two_page_pdf(), "two.pdf")
    assert len(filing.tables) == 1
    t = filing.tables[0]
    assert t.pages == [1, 2]
    assert t.kind == "expenditure_summary"
    rows = t.rows()
    assert [r[0] for r in rows] == ["序号", "1", "2", "3", "4", "5"]
    assert t.header_rows == 1
    assert t.cell_at(4, 1).page == 2  # type: ignore[union-attr]
    assert any("以上为本部门支出情况" in p.text for p in filing.paragraphs)


def test_row_cut_by_page_break_is_joined() -> None:
    t = pdf.read(two_page_pdf(split_row=True), "split.pdf").tables[0]
    rows = t.rows()
    assert [r[0] for r in rows] == ["序号", "1", "2", "3", "4", "5"]
    assert rows[3] == ["3", "项目3", "用于日常办公支出", "3.00"]


def test_a_page_holding_only_the_total_row_goes_on_the_table() -> None:
    """gbc_wanli_2025 p18: the 合计 row alone at the top of the next page, merged across
    the 类/款/项 and name columns, became an untitled 1 x 4 table of its own."""
    doc = new_doc()
    widths = [40.0, 40.0, 40.0, 160.0, 80.0, 80.0]
    p1 = new_page(doc)
    _titled(p1, "部门预算支出总表")
    cells: dict = {(0, 0): "类", (0, 1): "款", (0, 2): "项", (0, 3): "科目名称"}
    cells.update({(0, 4): "合计", (0, 5): "基本支出"})
    for r, (code, name) in enumerate((("201", "一般公共服务支出"), ("208", "社会保障支出")), 1):
        cells.update({(r, 0): code, (r, 3): name, (r, 4): f"{r}0.00", (r, 5): f"{r}0.00"})
    draw_table(p1, 60, 80, TableSpec(widths, 3, cells))
    p2 = new_page(doc)
    total = {(0, 0): ("合计", 1, 4), (0, 4): "30.00", (0, 5): "30.00"}
    draw_table(p2, 60, 60, TableSpec(widths, 1, total))
    (t,) = pdf.read(doc.tobytes(), "total-alone.pdf").tables
    assert t.pages == [1, 2]
    assert t.rows()[-1] == ["合计", "", "", "", "30.00", "30.00"]


def test_table_without_ruling_is_read_by_alignment() -> None:
    doc = new_doc()
    page = new_page(doc)
    text_line(page, 220, 50, "部门预算收入总表", size=16)
    data = [
        ("科目编码", "科目名称", "合计"),
        ("205", "教育支出", "965.31"),
        ("20502", "普通教育", "949.40"),
        ("2050201", "学前教育", "10.40"),
    ]
    for i, (a, b, c) in enumerate(data):
        y = 100 + i * 16
        text_line(page, 60, y, a, size=9)
        text_line(page, 160, y, b, size=9)
        text_line(page, 330, y, c, size=9)
    text_line(
        page, 60, 200, "以上数据来自部门预算批复，说明了本部门的收入情况和来源构成。", size=10.5
    )
    filing = pdf.read(doc.tobytes(), "plain.pdf")
    assert len(filing.tables) == 1
    t = filing.tables[0]
    assert t.kind == "revenue_summary"
    assert t.rows() == [list(r) for r in data]
    assert any("批复" in p.text for p in filing.paragraphs)


class Recorder:
    def __init__(self, cancel_after: int | None = None) -> None:
        self.reports: list[tuple[int, int]] = []
        self.cancel_after = cancel_after

    def report(self, done: int, total: int, text: str = "") -> None:
        self.reports.append((done, total))

    def check(self) -> None:
        if self.cancel_after is not None and len(self.reports) >= self.cancel_after:
            raise Cancelled()


def test_progress_per_page_and_cancel_between_pages() -> None:
    rec = Recorder()
    pdf.read(two_page_pdf(), "two.pdf", progress=rec)
    assert rec.reports == [(0, 2), (1, 2), (0, 1)]  # pages read, then 整理表格 begins
    with pytest.raises(Cancelled):
        pdf.read(two_page_pdf(), "two.pdf", progress=Recorder(cancel_after=1))


def test_progress_names_its_phases() -> None:
    """Each phase counts from 0 (gui/import_queue.py maps them into one bar); a text PDF
    has no OCR phase."""
    from parsers.progress import ASSEMBLING, READING

    class Phases(Recorder):
        def begin_phase(self, phase: str) -> None:
            self.reports.append(phase)  # type: ignore[arg-type]

    rec = Phases()
    pdf.read(two_page_pdf(), "two.pdf", progress=rec)
    assert rec.reports == [READING, (0, 2), (1, 2), ASSEMBLING, (0, 1)]


def test_render_page_png() -> None:
    from parsers.render import render_page_png

    png = render_page_png(merged_header_pdf(), 1, zoom=0.5)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(InputError):
        render_page_png(merged_header_pdf(), 2, zoom=0.5)


def _one_line(err: pytest.ExceptionInfo[InputError]) -> str:
    text = str(err.value)
    assert "\n" not in text and any("\u4e00" <= ch <= "\u9fff" for ch in text)
    return text


def test_truncated_pdf_is_refused() -> None:
    data = merged_header_pdf()
    with pytest.raises(InputError) as err:
        formats.read_filing(data[: len(data) // 3], "cut.pdf")
    assert "损坏" in _one_line(err) or "不完整" in _one_line(err)


def test_encrypted_pdf_needs_password_but_empty_password_opens() -> None:
    doc = pymupdf.open(stream=merged_header_pdf(), filetype="pdf")
    locked = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="u")
    open_ = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="")
    with pytest.raises(InputError) as err:
        formats.read_filing(locked, "locked.pdf")
    assert "加密" in _one_line(err)
    assert formats.read_filing(open_, "open.pdf").tables[0].kind == "revenue_expenditure_summary"


def test_pdf_without_pages_is_refused() -> None:
    zero = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    with pytest.raises(InputError) as err:
        formats.read_filing(zero, "zero.pdf")
    assert "页" in _one_line(err)


def test_huge_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "MAX_BYTES", 1000)
    with pytest.raises(InputError) as err:
        formats.read_filing(merged_header_pdf(), "big.pdf")
    assert "过大" in _one_line(err)


def test_table_ruled_only_across_reads_columns_from_text() -> None:
    doc = new_doc()
    page = new_page(doc)
    text_line(page, 200, 50, "部门预算支出总表", size=16)
    data = [
        ("科目编码", "科目名称", "合计", "基本支出"),
        ("205", "教育支出", "965.31", ""),
        ("20502", "普通教育", "949.40", "12.00"),
        ("2050201", "学前教育", "10.40", "3.00"),
    ]
    xs = [60, 160, 330, 420]
    shape = page.new_shape()
    for i, row in enumerate(data):
        y = 80 + i * 18
        shape.draw_line((60, y), (520, y))
        for x, text in zip(xs, row, strict=True):
            if text:
                text_line(page, x + 3, y + 13, text, size=9)
    shape.draw_line((60, 80 + 4 * 18), (520, 80 + 4 * 18))
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    text_line(page, 60, 200, "注：本表反映一般公共预算财政拨款支出的功能分类明细情况。", size=10.5)
    (t,) = pdf.read(doc.tobytes(), "across.pdf").tables
    assert t.kind == "expenditure_summary"
    assert t.rows() == [list(r) for r in data]


def test_rotated_page_boxes_are_on_the_page_as_shown() -> None:
    doc = pymupdf.open(stream=merged_header_pdf(), filetype="pdf")
    doc[0].set_rotation(90)
    data = doc.tobytes()
    (t,) = pdf.read(data, "rotated.pdf").tables
    cell = t.cell_at(3, 2)
    assert cell is not None and cell.text == "29295.60"
    page = pymupdf.open(stream=data, filetype="pdf")[0]
    shown = pymupdf.Rect(cell.bbox)
    assert page.rect.contains(shown)
    # the shown box maps back onto the unrotated box that holds the text
    back = shown * page.derotation_matrix
    assert page.get_textbox(back).strip() == "29295.60"


def test_unruled_rows_as_close_as_wrapped_lines_are_told_apart() -> None:
    """An Excel print without gridlines: the row pitch is one line pitch, so only the
    text tells a wrapped cell ("职业技能提升" / "行动补贴资金") from the next row."""
    doc = new_doc()
    page = new_page(doc)
    text_line(page, 220, 50, "部门预算项目支出表", size=16)
    lines = [
        ("序号", "项目名称", "金额"),
        ("1", "就业补助资金", "10.00"),
        ("2", "职业技能提升", "20.00"),
        ("", "行动补贴资金", ""),
        ("3", "社保经费", "30.00"),
        ("4", "人才经费", "40.00"),
    ]
    for i, row in enumerate(lines):
        for x, text in zip((60, 160, 330), row, strict=True):
            if text:
                text_line(page, x, 100 + i * 12, text, size=9)
    (t,) = pdf.read(doc.tobytes(), "excel.pdf").tables
    assert t.rows() == [
        ["序号", "项目名称", "金额"],
        ["1", "就业补助资金", "10.00"],
        ["2", "职业技能提升行动补贴资金", "20.00"],
        ["3", "社保经费", "30.00"],
        ["4", "人才经费", "40.00"],
    ]


def test_rows_ruled_across_keep_apart_where_a_short_rule_is_missing() -> None:
    """Rules only across, and none under "12" (the rule under a merged cell is too short
    to count): "12" and "13" are still two rows, the merged cell spans both."""
    doc = new_doc()
    page = new_page(doc)
    text_line(page, 200, 50, "部门预算支出总表", size=16)
    shape = page.new_shape()
    for y in (80, 94, 122, 136):
        shape.draw_line((60, y), (400, y))
    shape.draw_line((60, 108), (90, 108))  # under "12": too short to count as a rule
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    for x, text in ((62, "序号"), (100, "一级指标"), (260, "二级指标")):
        text_line(page, x, 90, text, size=9)
    for x, y, text in ((62, 104, "12"), (62, 118, "13"), (100, 111, "产出指标")):
        text_line(page, x, y, text, size=9)
    for y, text in ((104, "数量指标"), (118, "质量指标")):
        text_line(page, 260, y, text, size=9)
    for x, text in ((62, "14"), (100, "效益指标"), (260, "社会效益")):
        text_line(page, x, 132, text, size=9)
    (t,) = pdf.read(doc.tobytes(), "across.pdf").tables
    rows = t.rows()
    assert [r[0] for r in rows] == ["序号", "12", "13", "14"]
    assert [r[2] for r in rows] == ["二级指标", "数量指标", "质量指标", "社会效益"]
    assert "产出指标" in (rows[1][1], rows[2][1])


def test_unruled_table_goes_on_past_a_long_cell_text() -> None:
    """A long text inside a column (not from the margin) does not end an unruled
    table; a paragraph from the margin does."""
    doc = new_doc()
    page = new_page(doc)
    text_line(page, 200, 50, "部门预算项目支出表", size=16)
    y = 100.0
    for row in [("序号", "项目", "用途"), ("1", "就业", "补贴"), ("2", "培训", "经费")]:
        for x, text in zip((60, 120, 200), row, strict=True):
            text_line(page, x, y, text, size=6)
        y += 12
    text_line(
        page, 200, y, "做好企业职工养老保险、机关事业单位养老保险和城乡居民养老保险认证工作", 6
    )
    text_line(page, 60, y + 6, "3", size=6)
    text_line(page, 120, y + 6, "认证", size=6)
    y += 16
    for x, text in zip((60, 120, 200), ("4", "仲裁", "办案"), strict=True):
        text_line(page, x, y, text, size=6)
    text_line(page, 60, y + 14, "以上数据来自部门预算批复，说明了本部门的支出情况和用途构成。", 6)
    filing = pdf.read(doc.tobytes(), "excel.pdf")
    (t,) = filing.tables
    assert [r[0] for r in t.rows()] == ["序号", "1", "2", "3", "4"]
    assert t.rows()[3][2].startswith("做好企业职工")
    assert any("批复" in p.text for p in filing.paragraphs)


def test_unruled_form_block_label_beside_wrapped_text_is_a_table() -> None:
    """A project's header block printed without ruling: "绩效目标" centred beside its
    text wrapped in a column of its own is a one-row table (the header part), and the
    indicator table under it the indicators part of the same project."""
    doc = new_doc()
    page = new_page(doc)
    text_line(page, 150, 60, "2、就业创业补助资金县级配套绩效目标表", size=12)
    text_line(page, 176, 92, "充分发挥就业创业补助资金的作用，提高资金使用效率，确保各项政", 9)
    text_line(page, 113, 98, "绩效目标", 9)
    text_line(page, 176, 104, "策的落实，促进全县就业形势稳定。", 9)
    rows = [
        ("一级指标", "二级指标", "三级指标", "指标值"),
        ("产出指标", "数量指标", "享受补贴人数", "≥700人"),
        ("效益指标", "社会效益", "就业形势", "稳定"),
    ]
    for i, row in enumerate(rows):
        for x, text in zip((90, 180, 270, 400), row, strict=True):
            text_line(page, x, 150 + i * 18, text, 9)
    head, ind = pdf.read(doc.tobytes(), "form.pdf").tables
    assert (head.part, ind.part) == ("header", "indicators")
    assert head.kind == ind.kind == "project_performance"
    assert head.rows() == [
        [
            "绩效目标",
            "充分发挥就业创业补助资金的作用，提高资金使用效率，确保各项政策的落实，促进全县就业形势稳定。",
        ]
    ]
    assert ind.rows()[0] == list(rows[0])


def test_table_ruled_only_down_has_no_empty_row_under_its_border() -> None:
    doc = new_doc()
    page = new_page(doc)
    text_line(page, 200, 50, "部门预算支出总表", size=16)
    data = [
        ("科目编码", "科目名称", "合计"),
        ("205", "教育支出", "965.31"),
        ("20502", "普通教育", "949.40"),
        ("2050201", "学前教育", "10.40"),
    ]
    shape = page.new_shape()
    for x in (60, 150, 320, 420):
        shape.draw_line((x, 80), (x, 160))  # from the top border down, 8 pt above the text
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    for i, row in enumerate(data):
        for x, text in zip((63, 153, 323), row, strict=True):
            text_line(page, x, 98 + i * 16, text, size=9)
    (t,) = pdf.read(doc.tobytes(), "down.pdf").tables
    assert t.rows() == [list(r) for r in data]
    assert t.header_rows == 1


def test_rule_across_cut_by_a_merged_cell_still_parts_the_numbers() -> None:
    """The rule under "12" is drawn beside the merged "产出指标" cell only; its short
    piece in the 序号 column is too short to be kept. "12" and "13" stay two rows,
    "产出指标" one cell over both."""
    doc = new_doc()
    page = new_page(doc)
    text_line(page, 200, 50, "部门预算支出总表", size=16)
    shape = page.new_shape()
    for y in (80, 98, 134, 152):
        shape.draw_line((60, y), (400, y))
    shape.draw_line((60, 116), (90, 116))  # the 序号 piece: dropped as too short
    shape.draw_line((200, 116), (400, 116))  # beside the merged cell
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    for x, text in ((62, "序号"), (100, "一级指标"), (202, "二级指标")):
        text_line(page, x, 92, text, size=9)
    for y, a, c in ((110, "12", "数量指标"), (128, "13", "质量指标"), (146, "14", "社会效益")):
        text_line(page, 62, y, a, size=9)
        text_line(page, 202, y, c, size=9)
    text_line(page, 100, 119, "产出指标", size=9)
    text_line(page, 100, 146, "效益指标", size=9)
    (t,) = pdf.read(doc.tobytes(), "across.pdf").tables
    assert [r[0] for r in t.rows()] == ["序号", "12", "13", "14"]
    merged = t.cell_at(1, 1)
    assert merged is not None and (merged.text, merged.rowspan) == ("产出指标", 2)


def test_rule_across_in_two_pieces_does_not_break_the_table() -> None:
    """Both pieces of a rule cut by a merged cell are long enough to keep: nothing
    stands between them (they are one line), so the table is not cut there."""
    doc = new_doc()
    page = new_page(doc)
    text_line(page, 200, 50, "部门预算支出总表", size=16)
    shape = page.new_shape()
    for y in (80, 98, 134, 152):
        shape.draw_line((60, y), (400, y))
    shape.draw_line((60, 116), (120, 116))
    shape.draw_line((200, 116), (400, 116))
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    for x, text in ((62, "序号"), (122, "一级指标"), (202, "二级指标")):
        text_line(page, x, 92, text, size=9)
    for y, a, c in ((110, "12", "数量指标"), (128, "13", "质量指标"), (146, "14", "社会效益")):
        text_line(page, 62, y, a, size=9)
        text_line(page, 202, y, c, size=9)
    text_line(page, 122, 119, "产出指标", size=9)
    text_line(page, 122, 146, "效益指标", size=9)
    (t,) = pdf.read(doc.tobytes(), "across.pdf").tables
    assert [r[0] for r in t.rows()] == ["序号", "12", "13", "14"]
    assert [r[2] for r in t.rows()] == ["二级指标", "数量指标", "质量指标", "社会效益"]


def test_rules_down_drawn_in_part_add_the_text_gutters_between_them() -> None:
    """Only the outer rules and the one after the label column are drawn down; the
    amounts to the right stand in columns of their own all the same."""
    doc = new_doc()
    page = new_page(doc)
    text_line(page, 200, 50, "部门预算支出总表", size=16)
    data = [
        ("科目名称", "合计", "基本支出"),
        ("教育支出", "965.31", "900.00"),
        ("普通教育", "949.40", "12.00"),
        ("学前教育", "10.40", "3.00"),
    ]
    shape = page.new_shape()
    for x in (60, 150, 420):
        shape.draw_line((x, 86), (x, 160))
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    for i, row in enumerate(data):
        for x, text in zip((63, 160, 300), row, strict=True):
            text_line(page, x, 98 + i * 16, text, size=9)
    (t,) = pdf.read(doc.tobytes(), "down.pdf").tables
    assert t.rows() == [list(r) for r in data]


def test_next_row_text_out_of_line_with_the_widest_text_above_is_a_new_row() -> None:
    """The widest text of a column could always have wrapped; the line under it is its
    continuation only if it keeps its alignment (here it is centred further right)."""
    doc = new_doc()
    page = new_page(doc)
    text_line(page, 200, 50, "部门预算项目支出表", size=16)
    rows = [
        ((60, "项目"), (160, "用途"), (450, "金额")),
        ((60, "招聘"), (160, "主要用于招聘服务费用支出"), (450, "8.00")),
        ((190, "3月底"),),
        ((60, "其他"), (170, "其他资金"), (450, "1.00")),
    ]
    for i, row in enumerate(rows):
        for x, text in row:
            text_line(page, x, 100 + i * 11, text, size=9)
    (t,) = pdf.read(doc.tobytes(), "excel.pdf").tables
    assert [r[1] for r in t.rows()] == ["用途", "主要用于招聘服务费用支出", "3月底", "其他资金"]
    assert t.rows()[2] == ["", "3月底", ""]


GARBLED_ROWS = [
    ["科目编码", "科目名称", "合计"],
    ["205", "教育支出", "965.31"],
    ["20502", "普通教育", "949.40"],
    ["2050201", "学前教育", "10.40"],
]


def garbled_pdf() -> bytes:
    """A ruled table in an embedded CJK font whose ToUnicode map is then removed (as
    /work/shared/tools/strip_tounicode.py does): it renders, its text layer is mojibake."""
    doc = new_doc()
    page = new_page(doc)
    font = pymupdf.Font("cjk")
    page.insert_font(fontname="F0", fontbuffer=font.buffer)
    page.insert_text((200, 50), "部门预算支出总表", fontname="F0", fontsize=16)
    widths = [110.0, 150.0, 110.0]
    xs = [60.0, 170.0, 320.0, 430.0]
    shape = page.new_shape()
    for r, row in enumerate(GARBLED_ROWS):
        y = 80 + 22 * r
        shape.draw_line((xs[0], y), (xs[-1], y))
        for c, text in enumerate(row):
            page.insert_text((xs[c] + 4, y + 15), text, fontname="F0", fontsize=11)
    y_end = 80 + 22 * len(GARBLED_ROWS)
    shape.draw_line((xs[0], y_end), (xs[-1], y_end))
    for x in xs:
        shape.draw_line((x, 80), (x, y_end))
    shape.finish(color=(0, 0, 0), width=0.8)
    shape.commit()
    assert sum(widths) == xs[-1] - xs[0]
    doc.subset_fonts()
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Type")[1] != "/Font":
            continue
        if doc.xref_get_key(xref, "ToUnicode")[0] != "null":
            doc.xref_set_key(xref, "ToUnicode", "null")
    return doc.tobytes(garbage=3, deflate=True)


def test_garbled_text_layer_is_read_by_ocr_with_a_note() -> None:
    filing = pdf.read(garbled_pdf(), "garbled.pdf")
    assert [t.rows() for t in filing.tables] == [GARBLED_ROWS]
    assert filing.tables[0].kind == "expenditure_summary"
    notes = [p for p in filing.paragraphs if p.text == pdf.GARBLED_NOTE]
    assert [p.page for p in notes] == [1]


def test_garbled_text_layer_is_not_stored_when_ocr_is_never() -> None:
    filing = pdf.read(garbled_pdf(), "garbled.pdf", ocr="never")
    assert filing.tables == []


def test_page_note_goes_after_a_table_running_onto_its_page() -> None:
    table = pdf.read(two_page_pdf(), "two.pdf").tables[0]
    first = Paragraph("表前说明", page=1)
    last = Paragraph("注：以上为本部门支出情况。", page=2)
    blocks = pdf.with_page_notes([first, table, last], [1, 2], "N")
    assert [b.text if isinstance(b, Paragraph) else "T" for b in blocks] == [
        "N",
        "表前说明",
        "T",
        "N",
        "注：以上为本部门支出情况。",
    ]


def test_a_page_the_layout_cannot_place_keeps_the_rest_of_the_filing(monkeypatch) -> None:  # noqa: ANN001
    """A fault of the layout code on one page costs that page's tables, with a note on
    the page, not the import (issue 24: the import never stops on a real PDF)."""
    from parsers.tables import cells

    placed = cells.page_items

    def fails_on_page_2(content, settings):  # noqa: ANN001, ANN202
        if content.number == 2:
            raise IndexError("a layout fault")
        return placed(content, settings)

    monkeypatch.setattr(pdf, "page_items", fails_on_page_2)
    filing = pdf.read(two_page_pdf(), "two.pdf")
    (table,) = filing.tables
    assert table.pages == [1] and table.kind == "expenditure_summary"
    notes = [p for p in filing.paragraphs if p.text.startswith("本页版面未能识别")]
    assert len(notes) == 1 and notes[0].page == 2 and "IndexError" in notes[0].text
    assert any("以上为本部门支出情况" in p.text for p in filing.paragraphs)  # page 2's words
