"""The one reading of a table's columns (issue 24): codes in one column or in 类/款/项,
names, amounts and what each means, side-by-side panels, a multi-row header read as
one row, and the sums the merged header states. Tables as real filings print them."""

from __future__ import annotations

from parsers.extraction import ExtractedTable
from parsers.tables.columns import (
    AMOUNT,
    CHANGE,
    CODE,
    COUNT,
    NAME,
    OF_WHICH,
    PART,
    PRIOR,
    RATE,
    SEQ,
    SUBTOTAL,
    TEXT,
    TOTAL,
    ColumnReading,
    read_columns,
)


def table(rows: list[list[str]], header_rows: int, merges: list[list[int]] = ()) -> ExtractedTable:
    return ExtractedTable.from_rows(
        rows, list(merges), title="t", kind=None, part=None, header_rows=header_rows
    )


# Shanghai 2025: 类/款/项 in three columns, a 款 part printed without its leading 0
SPLIT_CODES = [
    ["项目", "", "", "", "一般公共预算支出", "", ""],
    ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", "", "", "", ""],
    ["", "", "", "合计", "30.00", "20.00", "10.00"],
    ["201", "", "", "一般公共服务支出", "30.00", "20.00", "10.00"],
    ["201", "3", "", "政府办公厅（室）及相关机构事务", "30.00", "20.00", "10.00"],
    ["201", "03", "01", "行政运行", "20.00", "20.00", ""],
    ["201", "03", "50", "事业运行", "10.00", "", "10.00"],
]
SPLIT_MERGES = [[0, 0, 1, 4], [0, 4, 1, 3], [1, 0, 1, 3]]


def test_codes_in_three_columns_are_one_code_per_row() -> None:
    t = table(SPLIT_CODES, 1, SPLIT_MERGES)
    r = read_columns(t)
    assert r.body_start == 3  # the 类/款/项 row belongs to the header
    assert r.code_cols() == (0, 1, 2)
    assert r.name_col() == 3
    assert r.amount_cols() == (4, 5, 6)
    codes = [r.code_of(row) for row in SPLIT_CODES[3:]]
    assert codes == [None, "201", "20103", "2010301", "2010350"]


def test_a_three_row_header_read_as_one_row() -> None:
    # Jiangsu's 三公 table, whose reader kept only the first header row
    rows = [
        ["合计", "“三公”经费", "", "", "", "", "", "会议费", "培训费"],
        ["", "小计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费", "", ""],
        ["", "", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", ""],
        ["2,599.37", "670.12", "180.00", "304.40", "", "304.40", "185.72", "228.00", "1,701.25"],
    ]
    r = read_columns(table(rows, 1))
    assert r.body_start == 3
    assert [c.role for c in r.columns] == [AMOUNT] * 9
    assert [c.meaning for c in r.columns[:4]] == [TOTAL, SUBTOTAL, PART, SUBTOTAL]
    # 合计 = “三公”经费小计 + 会议费 + 培训费; 小计 = 出国 + 用车小计 + 接待; 用车 = 购置 + 运维
    assert set(r.sums) == {(0, (1, 7, 8)), (1, (2, 3, 6)), (3, (4, 5))}


def test_side_by_side_panels() -> None:
    rows = [
        ["收入", "", "支出", ""],
        ["项目", "预算数", "项目", "预算数"],
        ["一、财政拨款收入", "10.00", "一、一般公共服务支出", "10.00"],
        ["收入总计", "10.00", "支出总计", "10.00"],
    ]
    r = read_columns(table(rows, 2, [[0, 0, 1, 2], [0, 2, 1, 2]]))
    assert r.panels == 2
    assert (r.name_col(0), r.amount_cols(0), r.name_col(1), r.amount_cols(1)) == (0, (1,), 2, (3,))


def test_what_each_amount_column_means() -> None:
    rows = [
        [
            "序号",
            "科目编码",
            "科目名称",
            "上年预算数",
            "本年预算数",
            "增减额",
            "增长%",
            "上年结转",
            "数量",
        ],
        ["1", "201", "一般公共服务支出", "8.00", "10.00", "2.00", "25.00", "1.00", "2"],
        ["2", "205", "教育支出", "4.00", "5.00", "1.00", "25.00", "0.50", "1"],
    ]
    r = read_columns(table(rows, 1))
    roles = [c.role for c in r.columns]
    assert roles[:3] == [SEQ, CODE, NAME]
    assert [r.meaning(c) for c in range(3, 9)] == [PRIOR, PART, CHANGE, RATE, PART, COUNT]
    assert r.money_cols() == (3, 4, 5, 7)


def test_the_reading_travels_as_json() -> None:
    r = read_columns(table(SPLIT_CODES, 1, SPLIT_MERGES))
    assert ColumnReading.from_json(r.to_json()) == r


def test_a_flat_header_keeps_the_breakdowns_the_classification_states() -> None:
    # 基本支出 | 人员经费 | 公用经费 printed side by side, nothing merged: 合计 adds
    # 基本支出 and 项目支出, and 基本支出 adds 人员经费 and 公用经费
    spending = table(
        [
            ["科目编码", "科目名称", "合计", "基本支出", "人员经费", "公用经费", "项目支出"],
            ["2010101", "行政运行", "150.00", "100.00", "80.00", "20.00", "50.00"],
        ],
        1,
    )
    assert set(read_columns(spending).sums) == {(2, (3, 6)), (3, (4, 5))}
    # and the 三公 car costs under 公务用车购置及运行费
    cars = table(
        [
            [
                "合计",
                "因公出国（境）费",
                "公务接待费",
                "公务用车购置及运行费",
                "公务用车购置费",
                "公务用车运行费",
            ],
            ["60.00", "10.00", "20.00", "30.00", "10.00", "20.00"],
        ],
        1,
    )
    assert set(read_columns(cars).sums) == {(0, (1, 2, 3)), (3, (4, 5))}


def test_a_table_whose_columns_cannot_be_read_is_still_imported(monkeypatch) -> None:  # noqa: ANN001
    from parsers import formats
    from parsers.extraction import ExtractedFiling

    def broken(_table: object) -> ColumnReading:
        raise ValueError("odd header")

    from parsers.tables import columns

    monkeypatch.setattr(columns, "read_columns", broken)
    odd = table([["科目编码", "合计"], ["201", "1.00"]], 1)
    odd.kind = "gpb_expenditure"
    filing = ExtractedFiling("x.pdf", "", 1, [odd])
    formats.settle_columns(filing)
    assert odd.kind is None and odd.header_rows == 1
    assert odd.columns.sums == () and odd.columns.amount_cols() == ()


def test_code_and_name_in_one_cell_give_the_row_its_code() -> None:
    coded = table(
        [
            ["功能分类科目", "合计"],
            ["201-一般公共服务支出", "150.00"],
            ["20101 人大事务", "150.00"],
            ["[2010101]行政运行", "150.00"],
            ["2024 年增加", "1.00"],
        ],
        1,
    )
    r = read_columns(coded)
    assert r.code_cols() == (0,) and r.name_col() == 0 and r.amount_cols() == (1,)
    rows = coded.rows()
    assert [r.code_of(row) for row in rows[1:]] == ["201", "20101", "2010101", None]
    assert r.name_of(rows[3]) == "行政运行"


def test_whole_yuan_of_three_or_five_digits_are_amounts_under_a_money_header() -> None:
    yuan = table(
        [
            ["支出功能分类科目", "科目名称", "合计", "基本支出", "项目支出"],
            ["201", "一般公共服务支出", "12345", "123", "12222"],
            ["20101", "人大事务", "12345", "123", "12222"],
        ],
        1,
    )
    r = read_columns(yuan)
    assert r.code_cols() == (0,) and r.amount_cols() == (2, 3, 4)
    assert r.sums == ((2, (3, 4)),)


def test_a_row_numbering_the_columns_is_header_not_a_body_row() -> None:
    # Hunan and Zhejiang print ** | 1 | 2 … under the header, without the word 栏次
    rows = [
        ["类", "款", "项", "功能科目", "合计", "财政拨款", "其他收入"],
        ["**", "**", "**", "**", "1", "2", "3"],
        ["201", "", "", "一般公共服务支出", "30.00", "20.00", "10.00"],
    ]
    r = read_columns(table(rows, 1))
    assert r.body_start == 2
    assert r.sums == ((4, (5, 6)),)
    # the central departments' 三公 table: 1 | 2 | 3 … over every column
    rows = [["合计", "因公出国（境）费", "公务接待费"], ["1", "2", "3"], ["3.00", "1.00", "2.00"]]
    assert read_columns(table(rows, 1)).body_start == 2


def test_a_share_headed_qizhong_is_no_part_of_the_total() -> None:
    # Xi'an: 小计 | 其中：专项资金列入部门预算项目; Shenzhen: 小计 | 其中：… | 其中：…
    rows = [
        ["单位名称", "合计", "一般公共预算拨款", "", "政府性基金拨款"],
        ["", "", "小计", "其中：专项资金列入部门预算项目", ""],
        ["某局", "30.00", "20.00", "5.00", "10.00"],
    ]
    r = read_columns(table(rows, 2, [[0, 0, 2, 1], [0, 1, 2, 1], [0, 2, 1, 2], [0, 4, 2, 1]]))
    assert r.meaning(3) == OF_WHICH
    assert set(r.sums) == {(1, (2, 4))}
    # 扣除基建项目后预算数 is the same money, net of some
    rows = [
        ["科目名称", "合计", "项目支出", ""],
        ["", "", "项目支出总数", "扣除基建项目后预算数"],
        ["行政运行", "10.00", "10.00", "8.00"],
    ]
    r = read_columns(table(rows, 2, [[0, 0, 2, 1], [0, 1, 2, 1], [0, 2, 1, 2]]))
    assert r.meaning(3) == OF_WHICH
    assert (1, (2,)) in r.sums and not any(3 in parts for _, parts in r.sums)


def test_qizhong_opening_a_list_heads_parts() -> None:
    # Guangzhou: 小计 | 其中：基本支出 | 项目支出 — the 其中 is printed once, before both
    rows = [
        ["功能科目名称", "一般公共预算支出", "", ""],
        ["", "小计", "其中：基本支出", "项目支出"],
        ["合计", "30.00", "20.00", "10.00"],
    ]
    r = read_columns(table(rows, 2, [[0, 0, 2, 1], [0, 1, 1, 3]]))
    assert r.meaning(2) == PART
    assert r.sums == ((1, (2, 3)),)


def test_a_rate_of_change_is_a_rate() -> None:
    rows = [["科目名称", "本年预算数", "增减（%）"], ["教育支出", "10.00", "-5.20"]]
    assert read_columns(table(rows, 1)).meaning(2) == RATE


def test_a_row_number_column_is_numbering_not_an_amount() -> None:
    # the central departments' 收入支出决算总表: 项目 | 行次 | 金额 on each side
    rows = [
        ["收入", "", "", "支出", "", ""],
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["一、一般公共预算财政拨款收入", "1", "19.00", "一、一般公共服务支出", "32", "19.00"],
        ["本年收入合计", "2", "19.00", "本年支出合计", "33", "19.00"],
    ]
    r = read_columns(table(rows, 2, [[0, 0, 1, 3], [0, 3, 1, 3]]))
    assert [c.role for c in r.columns] == [NAME, SEQ, AMOUNT, NAME, SEQ, AMOUNT]


def test_a_unit_code_column_and_a_balance_carried_in() -> None:
    # Xi'an 综合预算收入总表: 单位编码 125001, ** in the numbering row, 上年实户资金余额
    rows = [
        ["单位编码", "单位名称", "合计", "一般公共预算拨款", "上年结转", "上年实户资金余额"],
        ["**", "**", "1", "2", "3", "4"],
        ["125001", "某局", "3,695.91", "3,643.37", "11.61", "40.93"],
        ["125002", "某中心", "463.23", "461.80", "", "1.43"],
    ]
    r = read_columns(table(rows, 1))
    assert r.columns[0].role == TEXT and r.columns[0].path == ("单位编码",)
    assert r.meaning(5) == PART
    assert r.sums == ((2, (3, 4, 5)),)


def test_a_total_of_last_year_adds_last_years_figures() -> None:
    # Xi'an 三公 table: 上年 | 当年 | 增减变化情况, each with its own 合计 and parts
    rows = [
        ["单位名称", "上年", "", "", "当年", "", "", "增减变化情况", "", ""],
        ["", "合计", "会议费", "培训费", "合计", "会议费", "培训费", "合计", "会议费", "培训费"],
        ["某局", "3.00", "1.00", "2.00", "5.00", "2.00", "3.00", "2.00", "1.00", "1.00"],
    ]
    merges = [[0, 0, 2, 1], [0, 1, 1, 3], [0, 4, 1, 3], [0, 7, 1, 3]]
    r = read_columns(table(rows, 2, merges))
    assert set(r.sums) == {(1, (2, 3)), (4, (5, 6)), (7, (8, 9))}


def test_a_label_column_header_never_stretches_over_an_amount_column() -> None:
    # Shenzhen 项目支出总表: 支出项目类别 down the whole header, 总计 beside it under an
    # empty top cell, 2026年预算 over the sources
    rows = [
        ["支出项目类别", "", "2026年预算", ""],
        ["", "总计", "财政拨款", "单位资金"],
        ["社工服务项目", "3.00", "2.00", "1.00"],
    ]
    r = read_columns(table(rows, 2, [[0, 0, 2, 1], [0, 2, 1, 2], [1, 1, 1, 1]]))
    assert r.sums == ((1, (2, 3)),)


def test_a_grouped_total_adds_the_same_fund_of_each_group() -> None:
    # Shenzhen's 三公 table: 总计 and each 经费 over the same three funds
    funds = ["一般公共预算", "政府性基金预算", "国有资本经营预算"]
    rows = [
        ["年度", "总计", "", "", "因公出国（境）费", "", "", "公务接待费", "", ""],
        ["", *funds, *funds, *funds],
        ["2026年", "5.00", "0.00", "0.00", "2.00", "0.00", "0.00", "3.00", "0.00", "0.00"],
    ]
    merges = [[0, 0, 2, 1], [0, 1, 1, 3], [0, 4, 1, 3], [0, 7, 1, 3]]
    r = read_columns(table(rows, 2, merges))
    assert set(r.sums) == {(1, (4, 7)), (2, (5, 8)), (3, (6, 9))}


def test_a_qizhong_group_beside_parts_of_the_total_is_shares() -> None:
    # Beijing 支出总表: 合计 | 基本支出 | 项目支出 | 其中 [事业单位经营支出 | 上缴上级支出]
    rows = [
        ["科目名称", "合计", "基本支出", "项目支出", "其中", ""],
        ["", "", "", "", "事业单位经营支出", "上缴上级支出"],
        ["办公费", "964.67", "318.26", "646.41", "636.26", ""],
    ]
    merges = [[0, 0, 2, 1], [0, 1, 2, 1], [0, 2, 2, 1], [0, 3, 2, 1], [0, 4, 1, 2]]
    r = read_columns(table(rows, 2, merges))
    assert (r.meaning(4), r.meaning(5)) == (OF_WHICH, OF_WHICH)
    assert r.sums == ((1, (2, 3)),)
