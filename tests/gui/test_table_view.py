"""The table as printed (issue 26): columns sized to content with long text wrapped and
rows grown (nothing cut off), amounts with thousands separators when the page prints
them, rows named by their printed 序号 / code in the row header and the undo text."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QRect, Qt
from PySide6.QtGui import QFontMetrics

from gui.table_model import BudgetTableModel
from gui.table_view import MAX_COLUMN_WIDTH, TableView
from model.domain import CellData, TableData

LONG = "因公出国（境）费用及外事接待、国际会议和对外交流合作等相关支出"


def table(rows: list[list[str]], header: list[str]) -> TableData:
    spec = [(0, c, t) for c, t in enumerate(header)]
    spec += [(r + 1, c, t) for r, row in enumerate(rows) for c, t in enumerate(row)]
    cells = tuple(CellData(i, r, c, t, extracted_text=t) for i, (r, c, t) in enumerate(spec))
    return TableData(1, 0, None, "表", None, 1, len(rows) + 1, len(header), cells)


def make_view(
    qtbot, t: TableData, size: tuple[int, int] = (800, 500)
) -> tuple[TableView, BudgetTableModel]:
    """A table view on its own over `t`, shown (the header and sizing tests share it)."""
    model = BudgetTableModel()
    view = TableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_table(t)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view, model


def test_long_names_wrap_and_rows_grow(qtbot) -> None:
    view, model = make_view(
        qtbot,
        table(
            [["302", LONG, "12.00"], ["303", "办公费", "3.00"]], ["科目编码", "科目名称", "合计"]
        ),
    )
    assert view.columnWidth(1) <= MAX_COLUMN_WIDTH
    assert view.columnWidth(0) < view.columnWidth(1)  # sized to content, not all alike
    assert model.data(model.index(1, 1)) == LONG  # the whole text, never elided
    assert view.textElideMode() == Qt.TextElideMode.ElideNone
    metrics = QFontMetrics(view.font())
    needed = metrics.boundingRect(
        QRect(0, 0, view.columnWidth(1) - 8, 10_000), int(Qt.TextFlag.TextWordWrap), LONG
    ).height()
    assert view.rowHeight(1) >= needed > metrics.lineSpacing()  # grown to show it all
    assert view.rowHeight(2) < view.rowHeight(1)
    # Narrowing the column grows the row again.
    before = view.rowHeight(1)
    view.setColumnWidth(1, 90)
    qtbot.waitUntil(lambda: view.rowHeight(1) > before)


def test_amounts_shown_as_printed(qtbot) -> None:
    grouped = table([["301", "工资", "1,234,567.00"]], ["科目编码", "科目名称", "合计"])
    _view, model = make_view(qtbot, grouped)
    assert model.data(model.index(1, 2)) == "1,234,567.00"
    plain = table([["301", "工资", "1234567"]], ["科目编码", "科目名称", "合计"])
    _view, model = make_view(qtbot, plain)
    assert model.data(model.index(1, 2)) == "1234567.00"


def test_rows_headed_by_their_printed_number(qtbot) -> None:
    t = table(
        [["1", "303", "办公费", "5.00"], ["", "", "合计", "5.00"]],
        ["序号", "科目编码", "科目名称", "合计"],
    )
    _view, model = make_view(qtbot, t)
    vertical = Qt.Orientation.Vertical
    assert model.headerData(1, vertical) == "1"  # the printed 序号
    assert model.headerData(2, vertical) == ""  # 合计 has none
    assert model.headerData(1, vertical, Qt.ItemDataRole.ToolTipRole) == "「303 办公费」行"
    assert model.headerData(3, Qt.Orientation.Horizontal) == "合计"
    assert model.place(1, 3) == "「303 办公费」行「合计」列"


def test_undo_text_names_the_row_as_printed(window) -> None:
    model = window.table_model
    assert model.setData(model.index(1, 2), "101.5")
    stack = window.undo_stack()
    text = stack.text(stack.index() - 1)
    assert "一般公共服务支出" in text and "预算数" in text, text
    assert "R2" not in text and "第2行" not in text
    window.table_view.selectionModel().setCurrentIndex(
        model.index(2, 1), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    window.delete_row()
    assert "教育支出" in stack.text(stack.index() - 1)
