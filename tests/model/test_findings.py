"""Stored findings: keys survive re-validation, a clerk's decision survives the figures
adding up and breaking again, re-validation after an edit is incremental, and the
`check` command prints INTERFACES.md JSON with exit status 1 for open errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from model.findings import check_document, decide_many, list_findings, set_finding_status
from model.importing import store_filing
from model.schema import Finding, Table
from model.validation import refresh_findings
from parsers.extraction import ExtractedFiling, ExtractedTable, InputError, Paragraph

GT = Path(__file__).parents[1] / "fixtures" / "validation" / "002.gt.json"
BASIC = "部门预算一般公共预算财政拨款基本支出表"


def store_gt(db) -> int:  # noqa: ANN001 - model.database.Database
    """Seed 002's standard tables and narrative as a stored document, with one error
    beyond rounding: 30302 退休费 61.88 for 61.78, so 303's items add to 64.27 against
    its printed 64.16 (the seed's own 0.01 is rounding, a note)."""
    data = json.loads(GT.read_text(encoding="utf-8"))
    blocks = [
        ExtractedTable.from_block(b) if b["type"] == "table" else Paragraph(b["text"])
        for b in data["blocks"]
        if b.get("kind") != "project_performance"
    ]
    basic = next(b for b in blocks if getattr(b, "title", "") == BASIC)
    for c in basic.cells:  # type: ignore[union-attr]
        if (c.row, c.col) in ((27, 3), (27, 4)):
            assert c.text == "61.78"
            c.text = "61.88"
    filing = ExtractedFiling("002.gt.json", "0" * 64, 0, blocks)
    with db.Session.begin() as session:
        doc = store_filing(filing, b"", "txt")
        session.add(doc)
        session.flush()
        return doc.id


def set_text(session, doc_id: int, title: str, row: int, col: int, text: str) -> int:  # noqa: ANN001
    t = session.scalar(select(Table).where(Table.document_id == doc_id, Table.title == title))
    cell = next(c for c in t.cells if (c.row, c.col) == (row, col))
    cell.text = text
    return t.id


def test_check_finds_the_303_error_and_keeps_decisions(db) -> None:  # noqa: ANN001
    doc_id = store_gt(db)
    found = check_document(db, doc_id)
    errors = [f for f in found if f.severity == "error"]
    assert [(f.rule, f.table_title, f.cells[0], f.expected, f.actual) for f in errors] == [
        ("hierarchy_sum", BASIC, (26, 3), "64.27", "64.16"),
        ("hierarchy_sum", BASIC, (26, 4), "64.27", "64.16"),
    ]
    target = errors[0]
    set_finding_status(db, target.id, "confirmed", "已与单位核实", "clerk")

    # Fix the figure: the finding goes inactive, its decision stays.
    with db.Session.begin() as session:
        table_id = set_text(session, doc_id, BASIC, 26, 3, "64.27")
        changed = refresh_findings(session, doc_id, {table_id})
    assert changed == {table_id}
    active = {f.id for f in list_findings(db, doc_id)}
    assert target.id not in active
    gone = next(f for f in list_findings(db, doc_id, include_inactive=True) if f.id == target.id)
    assert (gone.active, gone.status, gone.note) == (False, "confirmed", "已与单位核实")

    # Break it again as it was: the same finding (same id and key) comes back with its
    # decision, made on these very figures.
    with db.Session.begin() as session:
        set_text(session, doc_id, BASIC, 26, 3, "64.16")
        assert refresh_findings(session, doc_id, {table_id}) == {table_id}
    back = next(f for f in list_findings(db, doc_id) if f.id == target.id)
    assert (back.status, back.note, back.actual, back.key) == (
        "confirmed",
        "已与单位核实",
        "64.16",
        target.key,
    )


def test_a_decision_is_reopened_when_its_figures_change(db) -> None:  # noqa: ANN001
    """Issue 26: the clerk decided on 64.16; other figures in its cells reopen the
    finding, automatically and on the record, the clerk's decision kept before it."""
    from model.decisions import decision_history
    from model.messages import AUTOMATIC_REVIEWER

    doc_id = store_gt(db)
    target = next(f for f in check_document(db, doc_id) if f.severity == "error")
    set_finding_status(db, target.id, "confirmed", "已与单位核实", "clerk")
    with db.Session.begin() as session:
        table_id = set_text(session, doc_id, BASIC, 26, 3, "64.15")
        assert refresh_findings(session, doc_id, {table_id}) == {table_id}
    back = next(f for f in list_findings(db, doc_id) if f.id == target.id)
    assert (back.status, back.actual, back.waiting) == ("open", "64.15", True)
    history = [d for d in decision_history(db, doc_id) if d.finding_id == target.id]
    assert [(d.status, d.reviewer, d.automatic) for d in history] == [
        ("confirmed", "clerk", False),
        ("open", AUTOMATIC_REVIEWER, True),
    ]
    assert history[0].note == "已与单位核实"
    assert "64.16→64.15" in history[1].note
    # Checking again with nothing changed leaves it as it is: no second reopening.
    with db.Session.begin() as session:
        refresh_findings(session, doc_id, {table_id})
    assert len([d for d in decision_history(db, doc_id) if d.finding_id == target.id]) == 2


def test_revalidation_runs_only_rules_reading_the_edited_table(db) -> None:  # noqa: ANN001
    doc_id = store_gt(db)
    check_document(db, doc_id)
    with db.Session.begin() as session:
        # The 303 error sits in the basic table; an edit to the assets table that still
        # adds up changes nothing and must not touch other rules' findings.
        assets = set_text(session, doc_id, "部门固定资产占用情况表", 2, 1, "9782.38")
        assert refresh_findings(session, doc_id, {assets}) == set()
        # Breaking the assets total changes only that table's findings.
        set_text(session, doc_id, "部门固定资产占用情况表", 1, 2, "803.67")
        assert refresh_findings(session, doc_id, {assets}) == {assets}
    rules = {(f.rule, f.table_title) for f in list_findings(db, doc_id)}
    assert ("fixed_assets_total", "部门固定资产占用情况表") in rules
    assert ("narrative_mismatch", "部门固定资产占用情况表") in rules  # text says 803.76
    assert ("hierarchy_sum", BASIC) in rules


def test_check_command_json_and_exit_status(db, db_url, capsys) -> None:  # noqa: ANN001
    import main

    doc_id = store_gt(db)
    assert main.main(["--db", db_url, "check", str(doc_id), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    first = out["findings"][0]
    assert {"rule", "severity", "table", "kind", "cells", "message", "expected", "actual"} <= set(
        first
    )
    assert (first["rule"], first["kind"], first["cells"][0]) == (
        "hierarchy_sum",
        "gpb_basic_expenditure",
        [26, 3],
    )
    for f in list_findings(db, doc_id):
        if f.severity == "error":
            set_finding_status(db, f.id, "dismissed", "印刷误差", "clerk")
    assert main.main(["--db", db_url, "check", str(doc_id)]) == 0
    assert "上下级科目金额核对" in capsys.readouterr().out  # the rule in Chinese


def test_an_edit_elsewhere_is_seen_by_the_next_check(db) -> None:  # noqa: ANN001
    doc_id = store_gt(db)
    check_document(db, doc_id)  # fills the per-document snapshot
    with db.Session.begin() as session:  # another session edits without re-validating
        set_text(session, doc_id, "部门固定资产占用情况表", 1, 2, "803.67")
    rules = {f.rule for f in check_document(db, doc_id)}
    assert {"fixed_assets_total", "narrative_mismatch"} <= rules


def test_check_folder_summary(db_url, tmp_path, capsys) -> None:  # noqa: ANN001

    import main

    sample = Path(__file__).parents[2] / "resources" / "sample" / "sample-filing-upstream.txt"
    folder = tmp_path / "filings"
    folder.mkdir()
    # one error beyond rounding: 30302 退休费 61.88 for 61.78 under 303's 64.16
    text = sample.read_text(encoding="utf-8")
    assert text.count("\t61.78\n") == 2
    (folder / "a.txt").write_text(text.replace("\t61.78\n", "\t61.88\n"), encoding="utf-8")
    (folder / "b.pdf").write_bytes(b"not a pdf")
    (folder / "notes.json").write_text("{}")
    assert main.main(["--db", db_url, "check", str(folder)]) == 2  # b.pdf is unreadable
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert lines[0].split("\t") == ["文件", "编号", "错误", "警告", "提示", "结果"]
    assert lines[1].startswith("a.txt\t") and lines[1].endswith("有待处理的错误")
    assert lines[2].startswith("b.pdf\t") and "无法读取" in lines[2]
    assert len(lines) == 3 and "2/2" in captured.err


def _stored(db, ids: list[int]) -> list[tuple[str, str, str | None, bool]]:  # noqa: ANN001
    with db.Session() as session:
        rows = [session.get(Finding, i) for i in ids]
        return [(f.status, f.note or "", f.decided_by, f.decided_at is not None) for f in rows]


def test_decide_many_records_each_finding_in_one_unit_of_work(db) -> None:  # noqa: ANN001
    doc_id = store_gt(db)
    chosen = check_document(db, doc_id)[:3]  # errors first, then notes
    assert len(chosen) == 3
    changes = decide_many(db, [f.id for f in chosen], "dismissed", "印刷误差", "clerk")
    assert _stored(db, [f.id for f in chosen]) == [("dismissed", "印刷误差", "clerk", True)] * 3
    assert changes.document_id == doc_id
    assert changes.findings == {f.table_id for f in chosen if f.table_id is not None}


def test_decide_many_is_all_or_none(db) -> None:  # noqa: ANN001
    doc_id = store_gt(db)
    chosen = [f.id for f in check_document(db, doc_id) if f.severity != "info"][:2]
    before = _stored(db, chosen)
    assert before == [("open", "", None, False)] * 2
    with pytest.raises(InputError):  # an unknown finding last: the first two roll back
        decide_many(db, [*chosen, 10**9], "confirmed", "已与单位核实", "clerk")
    assert _stored(db, chosen) == before
    with pytest.raises(InputError):  # a dismissal without its reason
        decide_many(db, chosen, "dismissed", "  ", "clerk")
    with pytest.raises(InputError):
        decide_many(db, chosen, "closed", "x", "clerk")
    assert _stored(db, chosen) == before
