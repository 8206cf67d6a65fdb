"""The selected cell's source, zoomed, under the table (issue 26); hidden without a page."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from gui.source_crop import CROP_ZOOM, MARGIN, MAX_HEIGHT, MAX_WIDTH, SourceCropView
from model.domain import CellData
from tests.gui.filing_builder import bbox


def test_selecting_a_cell_shows_its_crop(window, qtbot) -> None:
    crop = window.findChild(SourceCropView)
    assert crop is not None
    idx = window.table_model.index(2, 2)
    with qtbot.waitSignal(crop.crop_shown, timeout=30_000) as shown:
        window.table_view.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
    assert shown.args == [1]
    assert crop.isVisible()
    x0, y0, x1, y1 = bbox(2, 2)
    pixmap = crop.pixmap()
    assert not pixmap.isNull()
    # Drawn at CROP_ZOOM, scaled down only to fit MAX_WIDTH x MAX_HEIGHT: still larger
    # than the box in points.
    w, h = ((x1 - x0 + 2 * MARGIN) * CROP_ZOOM, (y1 - y0 + 2 * MARGIN) * CROP_ZOOM)
    scale = min(1.0, MAX_WIDTH / w, MAX_HEIGHT / h)
    assert abs(pixmap.width() - w * scale) <= 1 and pixmap.height() <= MAX_HEIGHT
    assert pixmap.height() > (y1 - y0) * 1.5


def test_no_crop_without_a_page(qtbot) -> None:
    crop = SourceCropView()
    qtbot.addWidget(crop)
    crop.show()
    crop.set_document(None)
    crop.show_cell(CellData(1, 0, 0, "x", page=1, bbox=(0, 0, 10, 10)))
    assert not crop.isVisible()
