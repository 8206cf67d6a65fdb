"""Pages whose text runs sideways (issue 15): a landscape table on a portrait page with
/Rotate so that it shows upright, and the same table printed sideways on an unrotated
page, read like the upright original. PDFs are drawn here; no corpus."""

from __future__ import annotations

import pymupdf
import pytest

from parsers import pdf
from tests.parsers.test_pdf import WIDTHS, TableSpec, _summary_header, _titled, draw_table


def _landscape() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=842, height=595)
    _titled(page, "部门收支预算总表")
    cells = _summary_header()
    cells.update({(3, 0): "1", (3, 1): "一、一般公共预算", (3, 2): "29295.60"})
    cells.update({(3, 3): "一、基本支出", (3, 4): "965.31"})
    draw_table(page, 60, 80, TableSpec(WIDTHS, 4, cells))
    return doc.tobytes()


def _sideways(rotate_page: bool) -> bytes:
    """The landscape page placed turned by a quarter on a portrait page; with
    `rotate_page` the page carries the /Rotate that shows it upright again."""
    src = pymupdf.open(stream=_landscape(), filetype="pdf")
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.show_pdf_page(page.rect, src, 0, rotate=90)
    if rotate_page:
        page.set_rotation(90)
    return doc.tobytes()


def test_the_sideways_fixture_really_runs_sideways() -> None:
    page = pymupdf.open(stream=_sideways(False), filetype="pdf")[0]
    dirs = {
        tuple(round(v) for v in line["dir"])
        for b in page.get_text("dict")["blocks"]
        for line in b.get("lines", ())
    }
    assert (1, 0) not in dirs


@pytest.mark.parametrize("rotate_page", [True, False])
def test_sideways_table_reads_like_the_upright_one(rotate_page: bool) -> None:
    (upright,) = pdf.read(_landscape(), "upright.pdf").tables
    data = _sideways(rotate_page)
    filing = pdf.read(data, "sideways.pdf")
    (t,) = filing.tables
    assert t.rows() == upright.rows()
    assert (t.title, t.kind) == (upright.title, "revenue_expenditure_summary")
    assert (filing.year, filing.department_name) == (2023, "昌黎县人力资源和社会保障局")
    # boxes are on the page as shown, over the text they hold
    page = pymupdf.open(stream=data, filetype="pdf")[0]
    cell = t.cell_at(3, 2)
    assert cell is not None and cell.bbox is not None
    shown = pymupdf.Rect(cell.bbox)
    assert page.rect.contains(shown)
    assert page.get_textbox(shown * page.derotation_matrix).strip() == "29295.60"
