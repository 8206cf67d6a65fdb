from __future__ import annotations

from parsers.extraction import ExtractedTable, table_json


def test_rows_with_merges_give_one_top_left_cell_per_merge() -> None:
    rows = [["序号", "收入", ""], ["", "项目", "预算数"], ["1", "一般公共预算", "29295.60"]]
    t = ExtractedTable.from_rows(
        rows, [[0, 0, 2, 1], [0, 1, 1, 2]], title="收支总表", kind=None, part=None, header_rows=2
    )
    assert (t.n_rows, t.n_cols, len(t.cells)) == (3, 3, 7)  # 9 places, 2 under merges
    assert t.cell_at(1, 0).text == "序号" and t.cell_at(0, 2).colspan == 2
    assert t.rows() == rows
    assert table_json(t)["rows"] == rows
