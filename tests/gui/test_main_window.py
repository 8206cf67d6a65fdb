"""The review loop end to end, offscreen: cell <-> page linking, edits with undo/redo in
the database, findings navigation, review marks that persist."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar
from sqlalchemy import select

from model import review
from model.library import load_filing
from model.schema import Cell, Edit, Finding
from tests.gui.filing_builder import bbox


def _cell_center(row: int, col: int) -> tuple[float, float]:
    x0, y0, x1, y1 = bbox(row, col)
    return (x0 + x1) / 2, (y0 + y1) / 2


def test_opens_filing_with_tables_and_pages(window) -> None:
    assert window.table_list_model.rowCount() == 2
    assert window.pdf_view.page_count == 2
    assert window.table_model.rowCount() == 4 and window.table_model.columnCount() == 3
    assert window.table_view.rowSpan(3, 0) == 1 and window.table_view.columnSpan(3, 0) == 2


def test_clicking_a_cell_highlights_its_bbox(window, qtbot) -> None:
    view = window.table_view
    idx = window.table_model.index(2, 2)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(idx).center())
    assert window.pdf_view.highlight_bbox() == (1, bbox(2, 2))


def test_clicking_the_page_selects_the_cell(window, qtbot) -> None:
    pdf = window.pdf_view
    pdf.show_highlight(1, bbox(1, 1))  # bring row 1 into view
    qtbot.mouseClick(
        pdf.viewport(), Qt.MouseButton.LeftButton, pos=pdf.view_point(1, *_cell_center(1, 1))
    )
    current = window.table_view.currentIndex()
    assert (current.row(), current.column()) == (1, 1)
    assert pdf.highlight_bbox() == (1, bbox(1, 1))


def test_clicking_the_second_page_switches_table(window, qtbot) -> None:
    pdf = window.pdf_view
    pdf.show_highlight(2, bbox(1, 1))
    qtbot.mouseClick(
        pdf.viewport(), Qt.MouseButton.LeftButton, pos=pdf.view_point(2, *_cell_center(1, 1))
    )
    assert window.current_table().kind == "three_public_expenditure"
    assert window.table_view.currentIndex().row() == 1


def test_edit_undo_redo_reach_the_database(window, db, settle) -> None:
    model = window.table_model
    idx = model.index(1, 2)
    cell_id = model.cell_at(1, 2).id
    assert model.setData(idx, "101.5")
    with db.Session() as s:
        assert s.get(Cell, cell_id).text == "101.50"
        edit = s.scalars(select(Edit)).one()
        assert (edit.old_text, edit.new_text) == ("100.00", "101.50")
        assert edit.reviewer == review.reviewer_name()
    assert idx.data() == "101.50"
    assert "101.50" in window.undo_action.toolTip()
    assert window.undo_action.text() == "&Undo"  # the toolbar button keeps its size
    window.undo_action.trigger()
    settle()
    with db.Session() as s:
        assert s.get(Cell, cell_id).text == "100.00"
    assert model.index(1, 2).data() == "100.00"
    window.redo_action.trigger()
    with db.Session() as s:
        assert s.get(Cell, cell_id).text == "101.50"
        assert len(s.scalars(select(Edit)).all()) == 3
    assert model.index(1, 2).data() == "101.50"


def test_amount_cell_refuses_text(window, db) -> None:
    model = window.table_model
    assert not model.setData(model.index(1, 2), "abc")
    assert model.setData(model.index(1, 1), "一般公共服务")  # a text cell takes text
    with db.Session() as s:
        assert [e.new_text for e in s.scalars(select(Edit))] == ["一般公共服务"]


def test_consecutive_edits_of_a_cell_merge(window, settle) -> None:
    model = window.table_model
    model.setData(model.index(1, 2), "1")
    model.setData(model.index(1, 2), "2")
    assert window.undo_stack().count() == 1
    window.undo_action.trigger()
    settle()
    assert model.index(1, 2).data() == "100.00"


def test_edit_conflict_is_reported_and_dropped(window, db, settle) -> None:
    cell_id = window.table_model.cell_at(1, 2).id
    with db.Session.begin() as s:
        s.get(Cell, cell_id).text = "5.00"  # another clerk, behind our back
    window.table_model.setData(window.table_model.index(1, 2), "7")
    settle()
    assert window.undo_stack().count() == 0
    assert "5.00" in window.errors.last_message
    assert window.table_model.index(1, 2).data() == "5.00"  # the view shows what is stored


def test_insert_and_delete_row_are_undoable(window, db, doc_id, settle) -> None:
    window.select_cell(2, 1)
    window.insert_above_action.trigger()
    settle()
    assert window.table_model.rowCount() == 5
    assert load_filing(db, doc_id).tables[0].n_rows == 5
    window.undo_action.trigger()
    settle()
    assert window.table_model.rowCount() == 4
    window.select_cell(2, 1)
    window.delete_row_action.trigger()
    settle()
    assert window.table_model.index(2, 1).data() == ""  # the 合计 row moved up
    assert window.table_model.cell_at(2, 0).text == "合计"
    window.undo_action.trigger()
    settle()
    assert window.table_model.index(2, 1).data() == "教育支出"


def _add_findings(db, doc_id: int) -> None:
    filing = load_filing(db, doc_id)
    t1, t2 = filing.tables
    with db.Session.begin() as s:
        s.add(
            Finding(
                document_id=doc_id,
                table_id=t1.id,
                key="k1",
                rule="test_sum_a",
                severity="error",
                cells=[[3, 2], [1, 2], [2, 2]],
                message="合计不等于各项之和",
                expected="150.00",
                actual="151.00",
            )
        )
        s.add(
            Finding(
                document_id=doc_id,
                table_id=t2.id,
                key="k2",
                rule="test_sum_b",
                severity="warning",
                cells=[[1, 1]],
                message="三公经费",
                expected="3.5",
                actual="3.6",
            )
        )


def test_clicking_a_finding_selects_its_cells(window, db, doc_id, qtbot, settle) -> None:
    _add_findings(db, doc_id)
    window.reload_findings()
    settle()
    dock = window.findings_dock
    assert dock.model.rowCount() == 2
    view = dock.view
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(dock.model.index(0, 2)).center(),
    )
    selected = {(i.row(), i.column()) for i in window.table_view.selectionModel().selectedIndexes()}
    assert selected == {(3, 2), (1, 2), (2, 2)}
    assert window.pdf_view.mark_count() == 3
    assert window.table_list_model.index(0, 2).data() == "1"


def test_f8_moves_to_the_next_finding(window, db, doc_id, qtbot, settle) -> None:
    _add_findings(db, doc_id)
    window.reload_findings()
    settle()
    window.activateWindow()
    window.next_finding_action.trigger()
    assert window.findings_dock.current().rule == "test_sum_a"
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert window.findings_dock.current().rule == "test_sum_b"
    assert window.current_table().kind == "three_public_expenditure"
    assert window.table_view.currentIndex().row() == 1
    window.prev_finding_action.trigger()
    assert window.findings_dock.current().rule == "test_sum_a"


def test_marking_reviewed_persists_across_reopen(
    window, db, doc_id, settings, qtbot, settle
) -> None:
    from gui.main_window import MainWindow

    window.reviewed_action.setChecked(True)
    settle()
    assert window.table_list_model.index(0, 1).data() == window.table_list_model.tr("Reviewed")
    window.close()
    again = MainWindow(db, settings)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.checked, timeout=30_000):
        again.open_document(doc_id)
    assert again.current_table().review_status == "reviewed"
    assert again.reviewed_action.isChecked()


def test_layout_is_remembered(window, settings) -> None:
    window.splitter.setSizes([300, 900])
    window.save_layout()
    assert settings.value("main_splitter") is not None
    assert settings.value("last_document") is not None


def test_pages_render_off_the_gui_thread(window, qtbot) -> None:
    pdf = window.pdf_view
    if not pdf.is_rendered(1):
        with qtbot.waitSignal(pdf.page_rendered, timeout=10_000):
            pass
    assert pdf.is_rendered(1)
    pdf.zoom_in()
    assert not pdf.is_rendered(1)
    qtbot.waitUntil(lambda: pdf.is_rendered(1), timeout=10_000)


def test_low_confidence_and_header_cells_are_distinct(window) -> None:
    from gui.table_model import HEADER_BRUSH, LOW_CONFIDENCE_BRUSH

    model = window.table_model
    assert model.index(2, 2).data(Qt.ItemDataRole.BackgroundRole) == LOW_CONFIDENCE_BRUSH
    assert model.index(1, 2).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole) == HEADER_BRUSH
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(1, 2).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(1, 0).data(Qt.ItemDataRole.TextAlignmentRole) != right
    assert not model.flags(model.index(3, 1)) & Qt.ItemFlag.ItemIsEditable  # under a span


def test_hover_text_names_extraction_and_confidence(window) -> None:
    text = window.pdf_view.hover_text(1, *_cell_center(2, 2))
    assert "50.00" in text and "42%" in text


def test_qt_models_pass_the_model_tester(window, db, doc_id, qtmodeltester, settle) -> None:
    _add_findings(db, doc_id)
    window.reload_findings()
    settle()
    qtmodeltester.check(window.table_model)
    qtmodeltester.check(window.table_list_model)
    qtmodeltester.check(window.findings_dock.model)
    qtmodeltester.check(window.library_dock.model)


def test_opening_runs_the_rules_and_lists_what_they_find(qtbot, db, settings, doc_id) -> None:
    """With the real rules: whatever they find is what the dock lists."""
    from gui.main_window import MainWindow

    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.checked, timeout=60_000):
        w.open_document(doc_id)
    stored = review.document_findings(db, doc_id)
    assert w.findings_dock.model.rowCount() == sum(f.waiting for f in stored)
    w.findings_dock.set_filter("notes")
    assert w.findings_dock.model.rowCount() == sum(f.severity == "info" for f in stored)
    counts = sum(
        int(w.table_list_model.index(r, 2).data() or 0)
        for r in range(w.table_list_model.rowCount())
    )
    assert counts == sum(1 for f in stored if f.table_id is not None and f.waiting)


def test_edit_reruns_the_rules_off_the_gui_thread(window, db, doc_id, qtbot, monkeypatch) -> None:
    """The edit is written at once; the rules run after it in a job and the dock updates.
    A stand-in rule files one finding on the edited table."""
    from model.schema import Finding as FindingRow

    ran: list[set[int]] = []

    def fake_refresh(session, document_id, table_ids):
        ran.append(set(table_ids))
        for table_id in table_ids:
            session.add(
                FindingRow(
                    document_id=document_id,
                    table_id=table_id,
                    key="fake",
                    rule="test_fake",
                    severity="error",
                    cells=[[1, 2]],
                    message="改过了",
                )
            )
        return frozenset(table_ids)

    monkeypatch.setattr(review, "rerun_rules", fake_refresh)
    model = window.table_model
    with qtbot.waitSignal(window.revalidated, timeout=10_000):
        model.setData(model.index(1, 2), "7")
        model.setData(model.index(2, 2), "8")  # one job for both edits
    assert ran == [{window.table_id}]
    assert [f.message for f in window.findings_dock.model.items()] == ["改过了"]
    assert window.table_list_model.index(0, 2).data() == "1"


def test_batch_check_runs_as_a_job(window, qtbot) -> None:
    job = window.check_library()
    with qtbot.waitSignal(job.finished, timeout=30_000) as done:
        pass
    assert done.args[0].documents


def test_dropping_a_file_imports_and_opens_it(window, qtbot, tmp_path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from tests.gui.filing_builder import small_pdf

    path = tmp_path / "dropped.pdf"
    path.write_bytes(small_pdf())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(tmp_path / "x.exe"))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.imported, timeout=60_000):
        window.dropEvent(event)
    assert event.isAccepted()
    assert [a.toolTip() for a in window.recent_menu.actions()] == [str(path.resolve())]


def test_keyboard_zoom_and_fit_width(window, qtbot) -> None:
    pdf = window.pdf_view
    before = pdf.zoom
    window.zoom_in_action.trigger()
    assert pdf.zoom > before
    window.zoom_out_action.trigger()
    window.zoom_out_action.trigger()
    assert pdf.zoom < before
    window.fit_width_action.trigger()
    page_width = pdf.page_rect(1).width() * pdf.zoom
    assert page_width <= pdf.viewport().width()
    assert page_width > 0.8 * pdf.viewport().width()


def test_first_start_fits_the_screen_and_the_toolbar_stays_put(
    qtbot,
    db,
    settings,
    doc_id,
    no_rules,  # noqa: ANN001
) -> None:
    """Issue 26: a fresh profile on a small screen (offscreen: 800×800, below 1366×768
    in width) gets the whole window on screen; an edit does
    not move the toolbar's buttons (the undo button keeps its text)."""
    from gui.main_window import MainWindow

    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.checked, timeout=30_000):
        w.open_document(doc_id)
    area = w.screen().availableGeometry()
    assert area.contains(w.frameGeometry())
    toolbar = w.findChild(QToolBar, "ReviewToolBar")
    before = [toolbar.widgetForAction(a).geometry() for a in toolbar.actions() if a.isVisible()]
    w.table_model.setData(w.table_model.index(1, 2), "101.5")
    assert w.undo_action.isEnabled()
    after = [toolbar.widgetForAction(a).geometry() for a in toolbar.actions() if a.isVisible()]
    assert after == before


def test_the_pages_a_table_runs_over_read_as_ranges() -> None:
    from gui.table_list import pages_text

    assert pages_text(list(range(1, 38))) == "1–37"
    assert pages_text([4, 5]) == "4、5"
    assert pages_text([1, 2, 3, 7, 9, 10, 11, 12]) == "1–3、7、9–12"
    assert pages_text([]) == ""


def test_the_table_list_says_the_pages_of_each_table(window) -> None:
    """Tables printed under one title (each unit's 收支总表) are told apart by their pages."""
    model = window.table_list_model
    assert model.headerData(3, Qt.Orientation.Horizontal) == model.tr("Pages")
    assert [model.index(r, 3).data() for r in range(model.rowCount())] == ["1", "2"]
