"""required_tables on inline filings: the nine tables of a disclosure are printed or
stated empty; a narrative-only file is no disclosure of tables."""

from __future__ import annotations

from model.domain import FilingData, TableData
from model.validation import validate
from model.validation.registry import KIND_NAMES
from model.validation.result import FindingResult
from model.validation.snapshot import table_from_rows
from tests.model.test_validation_rules import filing as rules_filing

NINE = (
    "revenue_expenditure_summary",
    "revenue_summary",
    "expenditure_summary",
    "fiscal_appropriation_summary",
    "gpb_expenditure",
    "gpb_basic_expenditure",
    "three_public_expenditure",
    "gov_fund_expenditure",
    "soe_capital_expenditure",
)


def table(table_id: int, kind: str | None, *, title: str = "", body: str = "1.00") -> TableData:
    rows = [["项目", "金额"], ["合计", body]]
    return table_from_rows(
        table_id,
        {"kind": kind, "rows": rows, "header_rows": 1, "title": title or KIND_NAMES.get(kind, "")},
    )


def filing(
    kinds: tuple[str | None, ...] = NINE,
    *,
    paragraphs: tuple[str, ...] = (),
    year: int | None = 2023,
    tables: tuple[TableData, ...] = (),
) -> FilingData:
    printed = tables or tuple(table(i + 1, k) for i, k in enumerate(kinds))
    return rules_filing(*printed, paragraphs=paragraphs, year=year)


def found(f: FilingData) -> list[FindingResult]:
    return [x for x in validate(f) if x.rule == "required_tables"]


def without(*kinds: str) -> tuple[str, ...]:
    return tuple(k for k in NINE if k not in kinds)


def test_all_nine_printed_give_nothing() -> None:
    assert found(filing()) == []


def test_a_missing_table_is_one_warning_naming_it() -> None:
    (x,) = found(filing(without("gov_fund_expenditure")))
    assert x.severity == "warning" and x.table_id is None and x.cells == ()
    assert x.subject == "missing:gov_fund_expenditure"
    assert KIND_NAMES["gov_fund_expenditure"] in x.message


def test_each_missing_table_is_its_own_warning() -> None:
    xs = found(filing(without("three_public_expenditure", "gpb_basic_expenditure")))
    assert sorted(x.subject for x in xs) == [
        "missing:gpb_basic_expenditure",
        "missing:three_public_expenditure",
    ]
    assert all(x.severity == "warning" for x in xs)


def test_a_table_stated_empty_in_a_paragraph_is_not_missing() -> None:
    f = filing(
        without("gov_fund_expenditure", "soe_capital_expenditure"),
        paragraphs=(
            "本部门无政府性基金预算财政拨款收支，本表为空表。",
            "本单位没有使用国有资本经营预算拨款安排的支出。",
        ),
    )
    assert found(f) == []


def test_a_note_under_a_title_paragraph_states_that_table_empty() -> None:
    f = filing(
        without("three_public_expenditure"),
        paragraphs=("财政拨款“三公”经费支出表", "注：本表为空表。"),
    )
    assert found(f) == []


def test_a_sentence_about_a_part_does_not_state_the_table_empty() -> None:
    # 未安排 speaks of 公务接待费 here (seed 002), not of the whole "三公" table
    text = "我部门严格落实“三公”经费的政策要求，本年度未安排公务接待费预算。"
    (x,) = found(filing(without("three_public_expenditure"), paragraphs=(text,)))
    assert x.subject == "missing:three_public_expenditure"


def test_a_statement_in_another_tables_caption_counts() -> None:
    note = table_from_rows(
        99,
        {
            "kind": None,
            "rows": [["注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。"]],
            "caption_lines": [],
        },
    )
    tables = tuple(table(i + 1, k) for i, k in enumerate(without("gov_fund_expenditure")))
    assert found(filing(tables=(*tables, note))) == []


def test_a_table_of_the_kind_with_an_empty_body_is_there() -> None:
    tables = tuple(
        table(i + 1, k, body="" if k == "soe_capital_expenditure" else "1.00")
        for i, k in enumerate(NINE)
    )
    assert found(filing(tables=tables)) == []


def test_a_table_titled_as_the_kind_but_read_outside_the_catalog_is_there() -> None:
    # a 决算 基本支出表 printed as two code listings gets no kind, its title still names it
    tables = tuple(
        table(i + 1, None if k == "gpb_basic_expenditure" else k, title=KIND_NAMES[k])
        for i, k in enumerate(NINE)
    )
    assert found(filing(tables=tables)) == []


def test_the_soe_table_is_required_from_2020_on() -> None:
    assert found(filing(without("soe_capital_expenditure"), year=2018)) == []
    (x,) = found(filing(without("soe_capital_expenditure"), year=2020))
    assert x.subject == "missing:soe_capital_expenditure"
    (x,) = found(filing(without("soe_capital_expenditure"), year=None))
    assert x.subject == "missing:soe_capital_expenditure"


def test_a_final_account_names_the_final_account_table() -> None:
    def final_title(kind: str) -> str:
        return KIND_NAMES[kind].replace("部门预算", "部门决算").replace("支出表", "支出决算表")

    tables = tuple(
        table(i + 1, k, title=final_title(k)) for i, k in enumerate(without("gpb_expenditure"))
    )
    (x,) = found(filing(tables=tables))
    assert "一般公共预算财政拨款支出决算表" in x.message and "部门决算" in x.message


def test_a_text_only_filing_gets_no_warning() -> None:
    text = ("一、部门职责", "2018年本部门收入预算1000万元。", "本部门无政府性基金预算")
    f = filing((), paragraphs=text)
    assert found(f) == []
    # said in the filing's one note of the checks not run (issues 25, 27)
    (note,) = [x for x in validate(f) if x.rule == "checks_not_run"]
    assert note.severity == "info" and "没有找到预算表格" in note.message


def test_a_project_table_upload_gets_one_info_not_warnings() -> None:
    xs = found(filing(("project_performance", "procurement", "gpb_expenditure")))
    assert [(x.severity, x.subject) for x in xs] == [("info", "not_standard")]
