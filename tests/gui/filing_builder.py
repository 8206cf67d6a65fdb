"""A tiny two-page filing for review tests: a PDF drawn with PyMuPDF and the matching
ExtractedFiling stored with model.importing.store_filing, so the tests do not depend on
the PDF parser's accuracy. Cell bboxes are exactly the drawn grid boxes (PDF points)."""

from __future__ import annotations

import hashlib

import pymupdf

from model.database import Database
from model.importing import store_filing
from parsers.extraction import ExtractedCell, ExtractedFiling, ExtractedTable, Paragraph

PAGE = (595.0, 842.0)
X = [60.0, 120.0, 330.0, 460.0]  # column edges
Y0, ROW_H = 120.0, 24.0

# (row, col, rowspan, colspan, text, confidence)
TABLE1 = [
    (0, 0, 1, 1, "序号", 1.0),
    (0, 1, 1, 1, "项目", 1.0),
    (0, 2, 1, 1, "预算数", 1.0),
    (1, 0, 1, 1, "1", 1.0),
    (1, 1, 1, 1, "一般公共服务支出", 1.0),
    (1, 2, 1, 1, "100.00", 1.0),
    (2, 0, 1, 1, "2", 1.0),
    (2, 1, 1, 1, "教育支出", 1.0),
    (2, 2, 1, 1, "50.00", 0.42),
    (3, 0, 1, 2, "合计", 1.0),
    (3, 2, 1, 1, "150.00", 1.0),
]
TABLE2 = [
    (0, 0, 1, 1, "项目", 1.0),
    (0, 1, 1, 1, "金额", 1.0),
    (1, 0, 1, 1, "公务接待费", 1.0),
    (1, 1, 1, 1, "3.50", 1.0),
    (2, 0, 1, 1, "合计", 1.0),
    (2, 1, 1, 1, "3.50", 1.0),
]


def bbox(row: int, col: int, rowspan: int = 1, colspan: int = 1):
    return (X[col], Y0 + row * ROW_H, X[col + colspan], Y0 + (row + rowspan) * ROW_H)


def small_pdf() -> bytes:
    doc = pymupdf.open()
    for title, cells in (("部门预算支出总表", TABLE1), ("财政拨款“三公”经费支出表", TABLE2)):
        page = doc.new_page(width=PAGE[0], height=PAGE[1])
        page.insert_text((60, 100), title, fontname="china-s", fontsize=14)
        for r, c, rs, cs, text, _ in cells:
            rect = pymupdf.Rect(*bbox(r, c, rs, cs))
            page.draw_rect(rect, color=(0, 0, 0), width=0.5)
            page.insert_text((rect.x0 + 3, rect.y1 - 7), text, fontname="china-s", fontsize=10)
    return doc.tobytes()


def small_filing(data: bytes) -> ExtractedFiling:
    def table(title: str, kind: str, cells, page: int) -> ExtractedTable:
        return ExtractedTable(
            title=title,
            kind=kind,
            part=None,
            n_rows=max(r + rs for r, _, rs, _, _, _ in cells),
            n_cols=max(c + cs for _, c, _, cs, _, _ in cells),
            header_rows=1,
            cells=[
                ExtractedCell(
                    row=r,
                    col=c,
                    text=t,
                    rowspan=rs,
                    colspan=cs,
                    page=page,
                    bbox=bbox(r, c, rs, cs),
                    confidence=conf,
                )
                for r, c, rs, cs, t, conf in cells
            ],
            pages=[page],
        )

    return ExtractedFiling(
        source="small-filing.pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        pages=2,
        blocks=[
            Paragraph(text="部门预算支出总表", heading=True, page=1),
            table("部门预算支出总表", "expenditure_summary", TABLE1, 1),
            table("财政拨款“三公”经费支出表", "three_public_expenditure", TABLE2, 2),
        ],
        department_code="323",
        department_name="测试县财政局",
        year=2023,
        page_sizes=[PAGE, PAGE],
    )


def store_small_filing(db: Database) -> int:
    """Store the small filing; returns its document id."""
    data = small_pdf()
    with db.Session.begin() as session:
        doc = store_filing(small_filing(data), data, "pdf")
        session.add(doc)
        session.flush()
        return doc.id
