"""DOCX source pane: selecting an extracted cell highlights its source cell (same
anchor), clicking a source cell selects the extracted one."""

from __future__ import annotations

import io

import docx as python_docx
import pytest
from PySide6.QtCore import Qt

from model.importing import import_bytes


def _small_docx() -> bytes:
    d = python_docx.Document()
    d.add_paragraph("部门预算支出总表")
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=4, cols=3)
    for r, row in enumerate(
        [
            ["序号", "项目", "预算数"],
            ["1", "教育支出", "10.00"],
            ["2", "卫生健康支出", "5.00"],
            ["", "合计", "15.00"],
        ]
    ):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture
def docx_window(qtbot, db, settings, no_rules):
    from gui.main_window import MainWindow

    doc_id = import_bytes(db, _small_docx(), "small-filing.docx").document_id
    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    with qtbot.waitSignal(w.checked, timeout=30_000):
        w.open_document(doc_id)
    return w


def _cell_with_text(window, text: str):
    for table in window.filing.tables:
        for cell in table.cells:
            if cell.text == text:
                return table, cell
    raise AssertionError(text)


def test_cell_selection_highlights_its_source(docx_window) -> None:
    w = docx_window
    assert w.source_stack.currentWidget() is w.source_browser
    table, cell = _cell_with_text(w, "卫生健康支出")
    assert cell.anchor
    w.select_table(table.id)
    w.select_cell(cell.row, cell.col)
    assert w.source_browser.highlighted_anchor == cell.anchor
    start, end = w.source_browser.anchor_range(cell.anchor)
    text = w.source_browser.document().toPlainText()
    assert "卫生健康支出" in text[start : end + 1]


def test_clicking_the_source_selects_the_cell(docx_window, qtbot) -> None:
    w = docx_window
    table, cell = _cell_with_text(w, "10.00")
    start, _ = w.source_browser.anchor_range(cell.anchor)
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(w.source_browser.document())
    cursor.setPosition(start + 1)
    pos = w.source_browser.cursorRect(cursor).center()
    qtbot.mouseClick(w.source_browser.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    current = w.table_view.currentIndex()
    assert w.table_id == table.id
    assert (current.row(), current.column()) == (cell.row, cell.col)


def test_a_docx_after_a_pdf_shows_no_pages(qtbot, db, settings, no_rules) -> None:
    """Issue 26: a DOCX showed "（第 页）" and the previous PDF's page box."""
    from gui.main_window import MainWindow
    from tests.gui.filing_builder import store_small_filing

    pdf_id = store_small_filing(db)
    docx_id = import_bytes(db, _small_docx(), "small-filing.docx").document_id
    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.checked, timeout=30_000):
        w.open_document(pdf_id)
    assert w.page_box.isEnabled() and w.page_box.maximum() == 2
    with qtbot.waitSignal(w.checked, timeout=30_000):
        w.open_document(docx_id)
    assert not w.page_box.isEnabled()
    assert w.page_box.maximum() == 1 and w.page_box.suffix() == ""
    assert "pages" not in w.table_title.text() and "()" not in w.table_title.text()
    with qtbot.waitSignal(w.checked, timeout=30_000):
        w.open_document(pdf_id)
    assert w.page_box.isEnabled() and w.page_box.suffix() == " / 2"
