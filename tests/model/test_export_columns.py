"""The export reads a table through its one column reading (issue 24): a three-row header
that a reader took for one row is written as a header, and every amount under it is a
number, not text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl

from model.export import export_workbook
from model.importing import store_filing
from parsers.extraction import ExtractedFiling, ExtractedTable

# Jiangsu's 三公 table; its reader kept only the first of its three header rows
THREE_ROW_HEADER = [
    ["合计", "“三公”经费", "", "", "", "", "", "会议费", "培训费"],
    ["", "小计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费", "", ""],
    ["", "", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", ""],
    ["2,599.37", "670.12", "180.00", "304.40", "", "304.40", "185.72", "228.00", "1,701.25"],
]


def test_a_three_row_header_exports_every_amount_as_a_number(db, tmp_path: Path) -> None:  # noqa: ANN001
    t = ExtractedTable.from_rows(
        THREE_ROW_HEADER,
        title="“三公”经费、会议费、培训费支出预算表",
        kind="three_public_expenditure",
        part=None,
        header_rows=1,
    )
    filing = ExtractedFiling("sangong.txt", hashlib.sha256(b"3").hexdigest(), 0, [t])
    with db.Session.begin() as session:
        doc = store_filing(filing, b"3", "txt")
        session.add(doc)
        session.flush()
        doc_id = doc.id
    out = tmp_path / "out"
    out.mkdir()
    ws = openpyxl.load_workbook(export_workbook(db, doc_id, out))["表9 三公经费支出表"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    figures = next(r for r in rows if 2599.37 in r or "2,599.37" in r)
    header = rows[: rows.index(figures)]
    assert any("公务用车购置费" in r for r in header)  # the third header row stays header
    written = [v for v in figures if v is not None]
    assert written == [2599.37, 670.12, 180.0, 304.4, 304.4, 185.72, 228.0, 1701.25]
    assert all(isinstance(v, int | float) for v in written)
