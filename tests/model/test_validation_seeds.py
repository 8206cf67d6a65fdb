"""The known errors of the dev filings (ground truth `known_findings`, copied into
tests/fixtures/validation/) are all found, each by its rule and on its cells."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.validation import validate
from model.validation.snapshot import filing_from_json

FIXTURES = Path(__file__).parents[1] / "fixtures" / "validation"


def load(name: str) -> tuple[dict, object]:
    data = json.loads((FIXTURES / f"{name}.gt.json").read_text(encoding="utf-8"))
    return data, filing_from_json(data)


@pytest.mark.parametrize("name", ["000", "002", "004"])
def test_known_findings_are_found(name: str) -> None:
    data, filing = load(name)
    found = validate(filing)
    missing = []
    for known in data["known_findings"]:
        cells = {tuple(c) for c in known["cells"]}
        hit = [
            f
            for f in found
            if f.rule == known["rule"]
            and f.table_id is not None
            and filing.table(f.table_id).title == known["table_title"]
            and filing.table(f.table_id).part == known["part"]
            and cells & set(f.cells)
        ]
        if not hit:
            missing.append((known["rule"], known["table_title"], known["cells"]))
    assert missing == []


def test_002_rounding_is_told_from_error() -> None:
    # 303 printed 64.16 over 61.78 + 1.92 + 0.47 = 64.17: four figures rounded to the
    # cent can differ by 0.02, so the clerk gets a note, not an error (issue 27)
    _, filing = load("002")
    found = validate(filing)
    assert [f for f in found if f.severity in ("error", "warning")] == []
    notes = {
        (f.rule, f.cells[0], f.expected, f.actual)
        for f in found
        if f.severity == "info" and f.cells
    }
    assert {
        ("hierarchy_sum", (26, 3), "64.17", "64.16"),
        ("hierarchy_sum", (26, 4), "64.17", "64.16"),
    } <= notes


def test_000_narrative_parts_hold() -> None:
    # 基本支出 966.96 = 人员经费 906.2 + 日常公用经费 60.76; 支出 6919.34 = 966.96 + 5952.38
    _, filing = load("000")
    assert [f for f in validate(filing) if f.rule == "narrative_parts"] == []


def test_000_spending_plans_match_ground_truth() -> None:
    data, filing = load("000")
    expected = {k["table_title"] for k in data["known_findings"] if k["rule"] == "spending_plan"}
    found = {filing.table(f.table_id).title for f in validate(filing) if f.rule == "spending_plan"}
    assert found == expected


def test_003_four_known_findings() -> None:
    """Seed 003 (project tables only) has four: item 5's cost of 800 万元 over its 500.00
    budget, the spending plans of projects 5 and 14 that never reach 100 % at 12月底, and
    project 14's count told twice (慰问…遗孀33人 in its words, 35人 as its value)."""
    from parsers.formats import read_filing

    seed = Path(__file__).parents[1] / "fixtures" / "seeds" / "003_424e243368a2cf83.txt"
    filing = filing_from_json(read_filing(seed.read_bytes(), seed.name).to_json())
    found = {
        (f.rule, filing.table(f.table_id).title.split(".")[0])
        for f in validate(filing)
        if f.severity in ("error", "warning") and f.table_id is not None
    }
    assert found == {
        ("cost_over_budget", "5"),
        ("spending_plan", "5"),
        ("spending_plan", "14"),
        ("indicator_value", "14"),
    }
