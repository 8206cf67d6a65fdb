"""The filing's own header, merged cells and all, frozen above the body (issue 26): the
header rows are painted by the MultiRowHeaderView, the body starts at the first body
row, and stored row numbers stay what findings, selection and undo use."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from gui.header_view import MultiRowHeaderView
from model.domain import CellData, TableData
from tests.gui.test_table_view import make_view

HEADER = [
    # row, col, rowspan, colspan, text
    (0, 0, 2, 1, "科目编码"),
    (0, 1, 2, 1, "科目名称"),
    (0, 2, 1, 2, "一般公共预算拨款收入"),
    (1, 2, 1, 1, "基本支出"),
    (1, 3, 1, 1, "项目支出"),
]
BODY_ROWS = 60


def multi_level_table() -> TableData:
    spec = list(HEADER)
    for i in range(BODY_ROWS):
        r = 2 + i
        spec += [
            (r, 0, 1, 1, f"{301 + i}"),
            (r, 1, 1, 1, f"支出{i}"),
            (r, 2, 1, 1, "1.00"),
            (r, 3, 1, 1, "2.00"),
        ]
    cells = tuple(
        CellData(i, r, c, t, extracted_text=t, rowspan=rs, colspan=cs)
        for i, (r, c, rs, cs, t) in enumerate(spec)
    )
    return TableData(1, 0, None, "支出表", None, 2, 2 + BODY_ROWS, 4, cells)


def test_header_rows_are_frozen_above_the_body(qtbot, qtmodeltester) -> None:
    view, model = make_view(qtbot, multi_level_table(), (700, 400))
    qtmodeltester.check(model)
    header = view.horizontalHeader()
    assert isinstance(header, MultiRowHeaderView)
    assert model.body_start == 2 and header.header_rows == 2
    # The body starts at the first body row; the header rows are not body rows.
    assert view.isRowHidden(0) and view.isRowHidden(1) and not view.isRowHidden(2)
    assert view.rowAt(1) == 2
    # The merged header cell covers both columns it spans; the rowspan both rows.
    merged = next(c for c in model.header_cells() if c.colspan == 2)
    rect = header.cell_rect(merged)
    assert rect.width() == view.columnWidth(2) + view.columnWidth(3)
    tall = next(c for c in model.header_cells() if c.text == "科目编码")
    assert header.cell_rect(tall).height() == sum(header.row_heights())
    assert header.height() >= sum(header.row_heights())
    assert header.cell_at(rect.center().x(), rect.center().y()) == merged
    # Scrolling to the end keeps the header where it was, above the last rows.
    top = header.geometry()
    view.scrollToBottom()
    qtbot.wait(10)
    assert view.verticalScrollBar().value() > 0
    assert header.isVisible() and header.geometry() == top
    assert view.rowAt(view.viewport().height() - 2) == model.rowCount() - 1
    assert not view.grab().isNull()  # paints without error


def test_stored_rows_stay_the_indices(qtbot) -> None:
    """Selection, findings and undo keep naming stored rows: no offset to get wrong."""
    view, model = make_view(qtbot, multi_level_table(), (700, 400))
    idx = model.index(5, 1)
    view.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert model.data(view.currentIndex()) == "支出3"
    assert model.cell_at(5, 1).row == 5


def test_header_rows_can_be_edited_on_demand(qtbot) -> None:
    view, model = make_view(qtbot, multi_level_table(), (700, 400))
    assert not view.header_rows_action.isChecked()
    view.header_rows_action.setChecked(True)
    assert not view.isRowHidden(0) and not view.isRowHidden(1)
    assert model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    view.header_rows_action.setChecked(False)
    assert view.isRowHidden(0)
    # A header cell chosen elsewhere (a finding, a click on the page) shows the rows.
    shown = []
    view.current_cell_changed.connect(shown.append)
    view.selectionModel().setCurrentIndex(
        model.index(1, 3), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    assert view.header_rows_action.isChecked() and not view.isRowHidden(1)
    assert shown and shown[-1].text == "项目支出"


def test_a_table_without_header_rows_keeps_a_plain_header(qtbot) -> None:
    cells = (CellData(1, 0, 0, "a"), CellData(2, 0, 1, "1.00"))
    view, model = make_view(qtbot, TableData(2, 0, None, "", None, 0, 1, 2, cells), (700, 400))
    assert model.body_start == 0 and view.horizontalHeader().header_rows == 0
    assert not view.isRowHidden(0)
