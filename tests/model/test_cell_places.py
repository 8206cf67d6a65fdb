"""Cells named as printed (row label and column header), and named in time linear in
the table: a table's rows are read once however many finding cells name it (issue:
4,000 rows took 105 s because each cell re-read its whole table)."""

from __future__ import annotations

from model.cell_places import CellPlaces, cell_place
from model.domain import CellData, FilingData, TableData
from model.export.audit_log import audit_trail
from model.findings import FindingData, check_document
from model.importing import store_filing
from model.library import load_filing
from model.validation.batch import findings_text
from parsers.extraction import ExtractedFiling, ExtractedTable

TITLE = "部门预算支出总表"
HEADER = [
    ["序号", "功能分类科目", "", "合计", "基本支出", "项目支出"],
    ["", "科目编码", "科目名称", "", "", ""],
    ["栏次", "1", "2", "3", "4", "5"],
]
MERGES = [[0, 0, 2, 1], [0, 1, 1, 2], [0, 3, 2, 1], [0, 4, 2, 1], [0, 5, 2, 1]]
ITEMS = 40


def coded_rows() -> list[list[str]]:
    """One 类 and one 款 over 40 项 whose 合计 is each 1.00 over 基本 + 项目: 40 row
    findings, and the 款, 类 and table sums wrong too."""
    items = [
        [str(i + 3), f"20101{i:02d}", f"项目{i}", f"{i + 11}.00", f"{i}.00", "10.00"]
        for i in range(1, ITEMS + 1)
    ]
    basic = sum(range(1, ITEMS + 1))
    total = f"{basic + 10 * ITEMS}.00"
    return [
        ["1", "", "合计", total, f"{basic}.00", f"{10 * ITEMS}.00"],
        ["2", "201", "一般公共服务支出", total, f"{basic}.00", f"{10 * ITEMS}.00"],
        ["3", "20101", "人大事务", total, f"{basic}.00", f"{10 * ITEMS}.00"],
        *items,
    ]


def filing() -> ExtractedFiling:
    table = ExtractedTable.from_rows(
        HEADER + coded_rows(),
        MERGES,
        title=TITLE,
        kind="expenditure_summary",
        part=None,
        header_rows=3,
        pages=[1],
        caption_lines=["单位：万元"],
    )
    return ExtractedFiling("many-findings.txt", "1" * 64, 1, [table], "999", "测试部门", 2024)


def count_rows(monkeypatch) -> list[int]:  # noqa: ANN001 - pytest.MonkeyPatch
    """Counts reads of a table's logical grid (TableData.rows), by table id."""
    calls: list[int] = []
    grid_of = TableData.rows

    def counted(self: TableData) -> list[list[str]]:
        calls.append(self.id)
        return grid_of(self)

    monkeypatch.setattr(TableData, "rows", counted)
    return calls


def small_table() -> TableData:
    texts = [
        ("序号", 0, 0, 2, 1),
        ("功能分类科目", 0, 1, 1, 2),
        ("合计", 0, 3, 2, 1),
        ("科目编码", 1, 1, 1, 1),
        ("科目名称", 1, 2, 1, 1),
        ("1", 2, 0, 1, 1),
        ("2010101", 2, 1, 1, 1),
        ("行政 运行", 2, 2, 1, 1),
        ("12.50", 2, 3, 1, 1),
    ]
    cells = tuple(
        CellData(i, r, c, t, rowspan=rs, colspan=cs) for i, (t, r, c, rs, cs) in enumerate(texts)
    )
    return TableData(7, 0, None, "支出表", None, 2, 3, 4, cells)


def test_places_read_as_printed() -> None:
    table = small_table()
    places = CellPlaces([table])
    assert places.place(7, 2, 3) == "「2010101 行政 运行」行「合计」列"
    assert places.place(7, 2, 1) == "「2010101 行政 运行」行「功能分类科目·科目编码」列"
    assert places.place(7, 0, 2) == "表头第1行「功能分类科目·科目名称」列"
    assert places.place(7, 2, None) == "「2010101 行政 运行」行"
    assert places.place(8, 2, 3) == "第3行第4列"  # a table not in the filing
    assert places.place(None, 4, None) == "第5行"
    # the one-cell helper says the same
    assert cell_place(table, 2, 3) == places.place(7, 2, 3)
    assert cell_place(None, 2, 3) == "第3行第4列"


def test_check_text_reads_each_table_once(monkeypatch) -> None:  # noqa: ANN001
    table = small_table()
    other = TableData(8, 1, None, "另一表", None, 2, 3, 4, table.cells)
    findings = [
        FindingData(
            i,
            str(i),
            t.id,
            t.title,
            None,
            "row_sum",
            "error",
            ((2, 3),),
            "",
            "",
            "",
            "open",
            "",
            True,
        )
        for i, t in enumerate([table, other] * 50)
    ]
    filing = FilingData(
        1, "x", "0" * 64, "txt", 1, "999", "测试部门", 2024, "unreviewed", (table, other)
    )
    calls = count_rows(monkeypatch)
    text = findings_text(findings, filing)
    assert text.count("「2010101 行政 运行」行「合计」列") == 100
    assert sorted(calls) == [7, 8]


def test_audit_trail_and_check_text_read_the_table_once(db, monkeypatch) -> None:  # noqa: ANN001
    with db.Session.begin() as session:
        doc = store_filing(filing(), b"", "txt")
        session.add(doc)
        session.flush()
        doc_id = doc.id
    found = [f for f in check_document(db, doc_id) if f.table_id is not None]
    assert sum(len(f.cells) for f in found) > ITEMS  # a finding per 项 row at least
    loaded = load_filing(db, doc_id)
    (table,) = loaded.tables

    calls = count_rows(monkeypatch)
    with db.Session() as session:
        trail = audit_trail(session, loaded)
    assert calls == [table.id]
    assert any("「2010140 项目40」行" in row[4] for row in trail.findings)

    calls.clear()
    findings_text(found, loaded)
    assert calls == [table.id]


def test_rows_named_by_the_column_reading() -> None:
    """A row is named as the page prints it (issue 26): code and name, else 序号 and
    name, and the row header shows the printed 序号 or code, never our grid number."""
    table = TableData(
        3,
        0,
        None,
        "支出表",
        None,
        1,
        4,
        3,
        tuple(
            CellData(i, r, c, t)
            for i, (r, c, t) in enumerate(
                [
                    (0, 0, "科目编码"),
                    (0, 1, "科目名称"),
                    (0, 2, "合计"),
                    (1, 0, "303"),
                    (1, 1, "办公费"),
                    (1, 2, "12.00"),
                    (2, 0, ""),
                    (2, 1, "合计"),
                    (2, 2, "12.00"),
                    (3, 0, ""),
                    (3, 1, ""),
                    (3, 2, "1.00"),
                ]
            )
        ),
    )
    places = CellPlaces([table]).of(3)
    assert places is not None
    assert places.row_name(1) == "303 办公费"
    assert places.row_label(1) == "「303 办公费」行"
    assert places.place(1, 2) == "「303 办公费」行「合计」列"
    assert places.row_label(2) == "「合计」行"
    assert places.row_label(3) == "第4行"  # nothing printed to name it by
    assert places.row_mark(1) == "303"
    assert places.row_mark(2) == ""
    seq = CellPlaces([small_table()]).of(7)
    assert seq is not None and seq.row_mark(2) == "1"  # the printed 序号 first


def grid_table(table_id: int, rows: list[list[str]], header_rows: int) -> TableData:
    cells = tuple(
        CellData(r * 10 + c, r, c, t) for r, row in enumerate(rows) for c, t in enumerate(row)
    )
    return TableData(
        table_id,
        0,
        "project_performance",
        "1.X绩效目标表",
        None,
        header_rows,
        len(rows),
        len(rows[0]),
        cells,
    )


def test_a_form_names_its_cells_by_the_labels_printed_beside_them() -> None:
    """A project's form (no header rows): "「资金支出计划（%）·12月底」", not "「100%」行第5列"."""
    form = grid_table(
        5,
        [
            ["预算规模及资金用途", "预算数", "500.00", "其中：财政资金", "500.00"],
            ["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"],
            ["", "100%", "", "", ""],
        ],
        0,
    )
    places = CellPlaces([form]).of(5)
    assert places is not None
    assert places.place(2, 4) == "「资金支出计划（%）·12月底」"
    assert places.place(0, 2) == "「预算规模及资金用途·预算数」"
    assert places.place(0, 4) == "「预算规模及资金用途·其中：财政资金」"


def test_an_indicator_row_is_named_by_its_levels_once_each() -> None:
    indicators = grid_table(
        6,
        [
            ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"],
            ["产出指标", "成本指标", "建设成本", "建设成本", "800万元"],
        ],
        1,
    )
    places = CellPlaces([indicators]).of(6)
    assert places is not None
    assert places.place(1, 4) == "「产出指标 成本指标 建设成本」行「指标值」列"


def test_a_row_of_the_right_panel_is_named_by_that_panel() -> None:
    """收入 | 支出 side by side: a finding on the 支出 side names the 支出 row."""
    rows = [
        ["收入", "", "支出", ""],
        ["项目", "合计", "项目", "合计"],
        ["（一）一般公共预算拨款", "100.00", "（一）一般公共服务支出", "80.00"],
        ["（二）政府性基金预算拨款", "20.00", "（二）城乡社区支出", "40.00"],
    ]
    cells = grid_table(5, rows, 2).cells
    table = TableData(
        5, 0, "fiscal_appropriation_summary", "财政拨款收支总表", None, 2, 4, 4, cells
    )
    places = CellPlaces([table]).of(5)
    assert places is not None
    assert places.row_label(3, 3) == "「（二）城乡社区支出」行"
    assert places.row_label(3, 1) == "「（二）政府性基金预算拨款」行"
