"""model/importing.py: a filing is stored whatever a reader handed over."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from model.importing import store_filing
from model.schema import Cell
from parsers.extraction import ExtractedCell, ExtractedFiling, ExtractedTable


def test_two_cells_at_one_place_keep_the_first_and_log_the_rest(
    db, caplog: pytest.LogCaptureFixture
) -> None:
    """An 85-page WPS table volume stopped the import with IntegrityError: UNIQUE
    constraint failed: cell.table_id, cell.row, cell.col."""
    table = ExtractedTable(
        title="部门预算支出总表",
        kind="expenditure_summary",
        part=None,
        n_rows=2,
        n_cols=2,
        header_rows=1,
        pages=[84, 85],
        cells=[
            ExtractedCell(0, 0, "科目名称", page=84),
            ExtractedCell(0, 1, "合计", page=84),
            ExtractedCell(1, 0, "行政运行", page=85),
            ExtractedCell(1, 1, "1,234.567890", page=85),
            ExtractedCell(1, 1, "0.000000", page=85),
        ],
    )
    filing = ExtractedFiling(source="a3.pdf", sha256="cd" * 32, pages=85, blocks=[table])
    with caplog.at_level(logging.WARNING, logger="model.importing"):
        with db.Session.begin() as session:
            session.add(store_filing(filing, b"a3", "pdf"))
    with db.Session() as session:
        cells = session.scalars(select(Cell).order_by(Cell.row, Cell.col)).all()
        assert [(c.row, c.col, c.text) for c in cells][-1] == (1, 1, "1,234.567890")
        assert len(cells) == 4
    assert "0.000000" in caplog.text
