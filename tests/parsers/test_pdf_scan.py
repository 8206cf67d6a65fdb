"""Scanned pages: deskew, ruling lines, OCR words, and the shared table steps on top.

The fixtures in tests/fixtures/scan/ are JPEG crops of the corpus scans of seed 002
(tests/fixtures/scan/make_fixtures.py); what they must read is the seed's text PDF.
Each fixture is OCR'd once per test session (seconds each)."""

from __future__ import annotations

import math
import multiprocessing
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pymupdf
import pytest

from parsers import pdf_scan, scan_image
from parsers.progress import Cancelled
from parsers.tables.amounts import mend_amount, parse_amount
from parsers.tables.cells import page_items
from parsers.tables.layout import Grid, PageContent, Segment, Word
from parsers.tables.settings import SCAN, TEXT_LAYER
from parsers.tables.stitch import draft_of, same_columns
from parsers.tables.text_lines import group_lines
from tests.conftest import FIXTURES

SCANS = FIXTURES / "scan"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def read_fixture() -> object:
    cache: dict[str, PageContent] = {}

    def read(name: str) -> PageContent:
        if name not in cache:
            with pymupdf.open(SCANS / name) as doc:
                cache[name] = pdf_scan.page_content(doc[0], 1)
        return cache[name]

    return read


def grids(content: PageContent) -> list[Grid]:
    return [it for it in page_items(content, SCAN) if isinstance(it, Grid)]


# --- amounts (pure) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("read", "amount"),
    [
        ("550:00", "550.00"),  # a point read as a colon
        ("500.00.", "500.00"),  # a speck after the figure
        ("100..88", "100.88"),
        ("1.0.0", "1.00"),
        ("5O0.0O", "500.00"),
        ("19876，00", "19876.00"),
        ("29，295.60", "29,295.60"),
        ("１９８７６．００", "19876.00"),
        ("S00.00", "500.00"),
        ("2080704", "2080704"),
        ("-12.50", "-12.50"),
    ],
)
def test_misread_amounts_are_mended(read: str, amount: str) -> None:
    assert mend_amount(read) == amount


@pytest.mark.parametrize("text", ["财政拨款", "I", "SOS", "lO", "B5", "95%", "≥98%", "", "1年"])
def test_words_are_not_turned_into_amounts(text: str) -> None:
    assert mend_amount(text) is None


def test_parse_amount_reads_thousands_separators() -> None:
    assert str(parse_amount("29,295.60")) == "29295.60"
    assert parse_amount("29 295.6x") is None


def test_specks_and_full_width_digits_are_cleaned() -> None:
    assert scan_image.mended(".三级指标") == "三级指标"
    assert scan_image.mended("·培养学生技能专长。") == "培养学生技能专长。"
    assert scan_image.mended("≤１００人") == "≤100人"
    assert scan_image.mended("550:00") == "550.00"
    assert scan_image.mended("教育支出.") == "教育支出"
    assert scan_image.mended("每月大于.108元") == "每月大于108元"
    assert scan_image.mended("相关文件，统☑计数据") == "相关文件，统计数据"
    assert scan_image.mended("A09.") == "A09"
    assert scan_image.mended("全年工作计☑☑划") == "全年工作计划"
    assert scan_image.mended("☑☑划") == "划"
    assert scan_image.mended("☑.") == ""
    assert scan_image.mended("70.00]") == "70.00"  # the cell's right rule read as "]"
    assert scan_image.mended("附件[1]") == "附件[1]"  # a bracket of the text stays
    assert scan_image.mended("≥90.%") == "≥90%"
    assert scan_image.mended("评.（扣）分标准") == "评（扣）分标准"
    assert scan_image.mended("提高服务能力,.加强信访工作") == "提高服务能力,加强信访工作"
    assert scan_image.mended("1.加强队伍建设") == "1.加强队伍建设"  # a list number stays


# --- deskew and ruling lines (synthetic image, no OCR) ----------------------------------


def table_image(angle: float) -> np.ndarray:
    """A 200 dpi page with a 5 x 4 ruled grid, leaning by `angle` degrees."""
    img = np.full((1400, 1000), 255, np.uint8)
    ys = [200, 300, 400, 500, 600, 700]
    xs = [100, 300, 500, 700, 900]
    for y in ys:
        cv2.line(img, (xs[0], y), (xs[-1], y), 0, 3)
    for x in xs:
        cv2.line(img, (x, ys[0]), (x, ys[-1]), 0, 3)
    cv2.putText(img, "2080704", (120, 260), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2)
    img = cv2.GaussianBlur(img, (3, 3), 0)  # a scanner's blur
    m = cv2.getRotationMatrix2D((500, 700), -angle, 1.0)
    return cv2.warpAffine(img, m, (1000, 1400), borderValue=255)


@pytest.mark.parametrize("angle", [-1.0, -0.4, 0.0, 0.7, 1.0])
def test_skew_is_measured_from_the_rules(angle: float) -> None:
    assert scan_image.skew_angle(table_image(angle)) == pytest.approx(angle, abs=0.05)


def test_straightened_page_gives_grid_lines_in_points() -> None:
    gray = table_image(0.9)
    segments = scan_image.ruling_segments(scan_image.deskew(gray, scan_image.skew_angle(gray)))
    scale = 72 / 200
    hs = sorted(s.y0 for s in segments if s.y0 == s.y1)
    vs = sorted(s.x0 for s in segments if s.x0 == s.x1)
    assert len(hs) == 6 and len(vs) == 5
    assert hs == pytest.approx([y * scale for y in (200, 300, 400, 500, 600, 700)], abs=2.0)
    assert vs == pytest.approx([x * scale for x in (100, 300, 500, 700, 900)], abs=2.0)
    h = next(s for s in segments if s.y0 == s.y1)
    assert math.isclose(h.x1 - h.x0, 800 * scale, abs_tol=3.0)


# --- OCR'd fixtures through the shared table steps ----------------------------------------


def test_merged_header_is_rebuilt(read_fixture) -> None:
    content = read_fixture("merged-header-amounts.pdf")
    assert content.ocr and content.words
    assert all(0.0 < w.confidence <= 1.0 for w in content.words)
    (grid,) = grids(content)
    rows = grid.rows()
    assert grid.n_cols == 13
    spans = {c.text: (c.rowspan, c.colspan) for c in grid.cells}
    assert spans["本年收入"] == (1, 8)
    assert spans["功能分类科目"] == (1, 2)
    assert spans["序号"] == (2, 1)
    assert rows[1][5] == "财政拨款收入"  # two OCR lines in one cell
    assert rows[2] == ["栏次"] + [str(i) for i in range(1, 13)]


def test_amount_column_reads_as_amounts(read_fixture) -> None:
    content = read_fixture("summary-title-amount-column.pdf")
    (grid,) = grids(content)
    rows = grid.rows()
    body = {r[0]: r for r in rows[3:]}
    assert body["1"][1:3] == ["一、一般公共预算拨款收入", "29295.60"]
    assert body["5"][3:5] == ["五、教育支出", "965.31"]
    assert body["8"][4] == "28103.53"
    amounts = [c for c in grid.cells if parse_amount(c.text) is not None and "." in c.text]
    assert len(amounts) == 3
    assert all(c.confidence > 0.8 and c.bbox is not None for c in amounts)


def test_indicator_grid_keeps_its_rowspan(read_fixture) -> None:
    content = read_fixture("indicator-grid-rowspan.pdf")
    indicator = next(g for g in grids(content) if g.rows()[0][0] == "一级指标")
    rows = indicator.rows()
    assert rows[0] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "绩效指标描述",
        "指标值",
        "指标值确定依据",
    ]
    first = next(c for c in indicator.cells if c.text == "产出指标")
    assert first.col == 0 and first.rowspan >= 3
    assert [r[1] for r in rows[1:4]] == ["数量指标", "质量指标", "时效指标"]
    assert [r[4] for r in rows[1:4]] == ["≤100人", "≥80%", "≥98%"]


# --- worker processes ---------------------------------------------------------------------


class Recorder:
    def __init__(self, cancel_after: int | None = None) -> None:
        self.reports: list[tuple[int, int]] = []
        self.cancel_after = cancel_after

    def report(self, done: int, total: int, text: str = "") -> None:
        self.reports.append((done, total))

    def check(self) -> None:
        if self.cancel_after is not None and len(self.reports) >= self.cancel_after:
            raise Cancelled()


def two_page_pdf() -> bytes:
    """Page 1: a crop of a scan; page 2: one printed figure as an image (cheap to OCR)."""
    out = pymupdf.open()
    with pymupdf.open(SCANS / "indicator-grid-rowspan.pdf") as doc:
        out.insert_pdf(doc)
    strip = pymupdf.open()
    page = strip.new_page(width=120, height=30)
    page.insert_text((10, 20), "29295.60", fontsize=12, fontname="helv")
    png = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY).tobytes("png")
    out.new_page(width=120, height=30).insert_image(pymupdf.Rect(0, 0, 120, 30), stream=png)
    return out.tobytes()


def test_pages_are_read_in_a_worker_process_with_progress() -> None:
    progress = Recorder()
    (page,) = pdf_scan.ocr_pages(two_page_pdf(), [2], workers=1, progress=progress)
    assert page.number == 2 and page.ocr
    assert [w.text for w in page.words] == ["29295.60"]
    assert page.words[0].bbox[0] == pytest.approx(10, abs=4)
    assert progress.reports == [(1, 1)]


def test_cancel_stops_the_workers() -> None:
    progress = Recorder(cancel_after=0)
    with pytest.raises(Cancelled):
        pdf_scan.ocr_pages(two_page_pdf(), [1, 2], workers=2, progress=progress)
    assert progress.reports == []
    assert multiprocessing.active_children() == []  # killed, not left to finish their page


def test_worker_module_leaves_pymupdf_out() -> None:
    """OCR workers import parsers.scan_image only; PyMuPDF there costs ~185 MB each."""
    probe = "import sys, parsers.scan_image; print('pymupdf' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"


# --- stitching scanned pages ------------------------------------------------------------


def piece(edges: list[float]) -> Grid:
    return Grid(1, len(edges) - 1, [], 2, (edges[0], 100, edges[-1], 120), edges)


def test_scanned_page_shifted_across_still_continues_the_table() -> None:
    """Each scanned page sits some points off the last: the same columns, shifted."""
    table = draft_of(piece([60.0, 120.0, 300.0, 420.0, 540.0]))
    assert same_columns(table, piece([80.0, 140.0, 320.0, 440.0, 560.0]))
    assert not same_columns(table, piece([80.0, 140.0, 250.0, 440.0, 560.0]))
    assert not same_columns(table, piece([260.0, 320.0, 500.0, 620.0, 740.0]))


def test_title_wrapped_over_two_ocr_lines_is_one_word() -> None:
    """Seed 002 p. 27: padded OCR boxes overlap, so the table steps saw two lines."""
    words = [
        Word(
            "7、提前下达2023年省级现代职业教育发展专项资金（生均公用经费）绩效目", (96, 72, 516, 90)
        ),
        Word("标表", (289, 87, 324, 110)),
        Word("绩效目标", (116, 116, 162, 135)),
    ]
    joined = scan_image.joined_titles(words)
    assert [w.text for w in joined] == [
        "7、提前下达2023年省级现代职业教育发展专项资金（生均公用经费）绩效目标表",
        "绩效目标",
    ]
    assert joined[0].bbox == (96, 72, 516, 110)
    beside = [Word("一般公共预算支出", (100, 72, 300, 90)), Word("表", (310, 72, 330, 90))]
    assert len(scan_image.joined_titles(beside)) == 2


def test_border_of_a_narrow_cell_is_a_rule_but_a_dash_is_not() -> None:
    """Seed 004: the 序号 column (23 pt) is ruled row by row beside a merged cell."""
    img = np.full((800, 800), 255, np.uint8)
    for x in (100, 164, 700):  # a 64 px (23 pt) column, then a wide merged cell
        cv2.line(img, (x, 100), (x, 500), 0, 3)
    for y in (100, 500):
        cv2.line(img, (100, y), (700, y), 0, 3)
    cv2.line(img, (100, 300), (164, 300), 0, 3)  # the narrow column's row border
    cv2.line(img, (300, 400), (360, 400), 0, 3)  # a "——" inside the merged cell
    segments = scan_image.ruling_segments(img)
    scale = 72 / 200
    rows = sorted(s.y0 / scale for s in segments if s.y0 == s.y1)
    assert rows == pytest.approx([100, 300, 500], abs=2)


def test_rule_broken_by_a_scanner_dropout_is_one_rule() -> None:
    """Seed 004: a 栏次 row's column border (15 pt) and a 序号 row border (23 pt),
    each with a two-pixel gap, split the cells beside them."""
    img = np.full((800, 800), 255, np.uint8)
    for y in (100, 142, 400):
        cv2.line(img, (100, y), (700, y), 0, 3)
    for x in (100, 700):
        cv2.line(img, (x, 100), (x, 400), 0, 3)
    cv2.line(img, (400, 100), (400, 142), 0, 3)  # the short column border ...
    img[118:120, 395:405] = 255  # ... with a dropout
    cv2.line(img, (164, 142), (164, 400), 0, 3)  # a narrow column
    cv2.line(img, (100, 270), (164, 270), 0, 3)  # its row border ...
    img[265:275, 140:142] = 255  # ... with a dropout
    segments = scan_image.ruling_segments(img)
    scale = 72 / 200
    assert any(s.x0 == s.x1 and abs(s.x0 / scale - 400) < 3 for s in segments)
    assert any(s.y0 == s.y1 and abs(s.y0 / scale - 270) < 3 for s in segments)


def test_wrapped_cell_lines_in_padded_ocr_boxes_keep_their_order() -> None:
    """Excel prints set wrapped lines close: OCR's padded boxes of the two lines of one
    cell overlap by half their height, yet the second line must not join the first."""
    first = Word("新增创业担保贷款额度占创业担保基金放款额度", (100, 100, 300, 120), size=15)
    second = Word("比例情况", (100, 110, 140, 130), size=15)
    beside = Word("≥80%", (310, 102, 350, 121), size=15)  # same line, its own word
    lines = group_lines([second, first, beside], SCAN)
    assert [ln.text(SCAN) for ln in lines] == [
        "新增创业担保贷款额度占创业担保基金放款额度 ≥80%",
        "比例情况",
    ]
    assert len(group_lines([second, first], TEXT_LAYER)) == 1  # a text layer: as before


def test_ocr_box_over_a_column_border_is_cut_between_figure_and_text() -> None:
    """A small-font Excel print, scanned: the amount and the item name beside it come
    back as one OCR box ("770复印机"); long text running on over a border stays whole."""
    rules = [Segment(100, y, 400, y) for y in (100, 120, 140)]
    rules += [Segment(x, 100, x, 140) for x in (100, 150, 400)]
    words = [
        Word("770复印机", (128, 103, 195, 117), size=10),
        Word("按照上级文件精神开发扶贫公益专岗", (104, 123, 300, 137), size=10),
    ]
    (grid,) = page_items(PageContent(1, 595, 842, words, rules, ocr=True), SCAN)
    assert grid.rows() == [["770", "复印机"], ["", "按照上级文件精神开发扶贫公益专岗"]]


def test_ocr_box_of_two_amounts_over_a_column_border_is_cut_after_the_cents() -> None:
    """gbc_ptoffice_2025 (a landscape page, narrow columns, read by OCR): two amounts in
    neighbouring cells come back as one box "82,096,797.4282,096,797.42"; the cut goes
    after the first one's cents, not where the characters' widths say the border is."""
    rules = [Segment(100, y, 300, y) for y in (100, 120)]
    rules += [Segment(x, 100, x, 120) for x in (100, 200, 300)]
    words = [Word("82,096,797.4282,096, 797.42", (110, 103, 290, 117), size=10)]
    (grid,) = page_items(PageContent(1, 595, 842, words, rules, ocr=True), SCAN)
    assert grid.rows() == [["82,096,797.42", "82,096, 797.42"]]


def test_ocr_box_of_amount_and_name_is_never_cut_inside_the_amount() -> None:
    """js_swb_2019 without ToUnicode: "27,664.22二、外交支出" over the border between the
    收入 amount and the 支出 item; the widths put the border near "27,664|.22"."""
    rules = [Segment(100, y, 300, y) for y in (100, 120)]
    rules += [Segment(x, 100, x, 120) for x in (100, 138, 300)]
    words = [Word("27,664.22二、外交支出", (104, 103, 220, 117), size=10)]
    (grid,) = page_items(PageContent(1, 595, 842, words, rules, ocr=True), SCAN)
    assert grid.rows() == [["27,664.22", "二、外交支出"]]
