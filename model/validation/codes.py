"""Classification codes checked where the filing itself settles them (DOMAIN.md, "Real
filings of other provinces"): a code carries one name in every table of the filing,
and a 款 is printed below its 类, a 项 below its 款.

The national 政府收支分类科目 changes every year (codes added, renamed, retired) and the
lists in resources/codes/ (功能分类 and 经济分类, UTF-8 CSV a clerk can extend) are
partial and of one year, so they are only a hint: a code named otherwise there is an
info note, a code missing from them is nothing.
"""

from __future__ import annotations

import csv
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from model.domain import FilingData, TableData
from model.validation import messages
from model.validation.grid import CodedLayout, Grid, coded_rows, coded_tables, label
from model.validation.registry import CODED_KINDS, KIND_NAMES, rule
from model.validation.result import INFO, WARNING, FindingResult

CODES_DIR = Path(__file__).resolve().parents[2] / "resources" / "codes"

# Every coded panel, tables outside the catalog (None) included: a 基本支出 table the
# catalog does not know still prints the codes of the filing.
KINDS = CODED_KINDS | {None}

FUNCTION, ECONOMIC = "function_codes", "economic_codes"

# A name as printed with its level marker (一般公共服务支出（类）) is the same name.
_LEVEL_MARK = re.compile(r"（[类款项]）")


@lru_cache(maxsize=4)
def reference_list(name: str) -> dict[str, str]:
    """code -> name from resources/codes/<name>.csv (a missing file gives {})."""
    path = CODES_DIR / f"{name}.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        return {
            row["code"].strip(): label(row["name"])
            for row in csv.DictReader(f)
            if row.get("code") and row.get("name")
        }


def classification(t: TableData, g: Grid, layout: CodedLayout, code: str) -> str:
    """FUNCTION or ECONOMIC: which list a printed code belongs to.

    301 is 工资福利支出 (经济分类) and 201 一般公共服务支出 (功能分类), so one
    code column never mixes them; the header says which (the panel's own header first:
    a 决算 基本支出表 prints two listings side by side). A header that says neither
    (Jiangsu's 财政拨款基本支出预算表 prints only 科目编码) leaves the leading digit:
    功能分类 codes begin with 1 or 2, 经济分类 codes with 3 or 5.
    """
    own = [h for c in (*layout.code_cols, layout.name_col) for h in g.headers[c]]
    for headers in (own, [h for col in g.headers for h in col]):
        economic = any("经济分类" in h or "经济科目" in h for h in headers)
        function = any("功能分类" in h or "功能科目" in h for h in headers)
        if economic != function:
            return ECONOMIC if economic else FUNCTION
    if t.kind == "gpb_basic_expenditure":
        return ECONOMIC
    return ECONOMIC if code[:1] in ("3", "5") else FUNCTION


def same_name_key(name: str) -> str:
    """The form two printed names of one code are compared in.

    Conservative on purpose: only what a filing varies without meaning another
    科目 is dropped (spaces and bracket widths, which label() has unified; the level
    marker （类）（款）（项）; and the trailing 支出 of 其他…支出, which narrow columns
    abbreviate as 其他…).
    """
    key = _LEVEL_MARK.sub("", label(name))
    if key.startswith("其他") and key.endswith("支出") and len(key) > 4:
        key = key[: -len("支出")]
    return key


def table_name(t: TableData) -> str:
    """How a finding names another table: its printed title, with its page."""
    name = label(t.title) or KIND_NAMES.get(t.kind or "", "") or f"第 {t.order + 1} 个表"
    return f"「{name}」（第 {t.pages[0]} 页）" if t.pages else f"「{name}」"


@dataclass(frozen=True)
class _Printed:
    """One printing of a code: where, and the name beside it."""

    table: TableData
    cells: tuple[tuple[int, int], ...]
    row: int
    name: str
    key: str


def _printings(
    filing: FilingData,
) -> tuple[dict[tuple[str, str], list[_Printed]], set[tuple[str, str, int]]]:
    """(list, code) -> every printing of the code with a name, in filing order; and
    (list, code, table id) of every code printed, named or not."""
    out: dict[tuple[str, str], list[_Printed]] = {}
    printed_in: set[tuple[str, str, int]] = set()
    for t, g, layout in coded_tables(filing, None):
        for r, code in coded_rows(g, layout):
            listed = classification(t, g, layout, code)
            printed_in.add((listed, code, t.id))
            name = label(g.text(r, layout.name_col))
            if not name:
                continue  # a code whose name the reading lost says nothing about names
            cells = ((r, layout.code_col), (r, layout.name_col))
            printed = _Printed(t, cells, r, name, same_name_key(name))
            out.setdefault((listed, code), []).append(printed)
    return out, printed_in


@rule("code_name", "codes", KINDS)
def code_name(filing: FilingData) -> list[FindingResult]:
    """A code printed with two names in the filing: a warning on the printings whose
    name differs from the one most tables give (on all of them at a tie).

    The reference list adds info notes only; see the module docstring.
    """
    out: list[FindingResult] = []
    printings, printed_in = _printings(filing)
    for (listed, code), found in printings.items():
        # in order of first printing, so a tie is reported the same way every run
        keys = dict.fromkeys(p.key for p in found)
        tables_by_key = Counter({k: len({p.table.id for p in found if p.key == k}) for k in keys})
        out.extend(_name_disagreements(code, found, tables_by_key))
        out.extend(_list_hints(listed, code, found, printed_in))
    return out


def _name_disagreements(
    code: str, found: list[_Printed], tables_by_key: Counter[str]
) -> list[FindingResult]:
    if len(tables_by_key) < 2:
        return []
    ranked = tables_by_key.most_common()
    top = ranked[0][1]
    majority = [k for k, n in ranked if n == top]
    out = []
    for p in found:
        if len(majority) == 1 and p.key == majority[0]:
            continue
        other_key = next(k for k in majority if k != p.key)
        other = next(o for o in found if o.key == other_key)
        out.append(
            FindingResult(
                "code_name",
                WARNING,
                p.table.id,
                p.cells,
                messages.CODE_NAME_TABLES.format(
                    code=code, actual=p.name, expected=other.name, other=table_name(other.table)
                ),
                expected=other.name,
                actual=p.name,
                subject=f"r{p.row}",
                extra={"other_table": other.table.id, "other_row": other.row},
            )
        )
    return out


def _list_hints(
    listed: str, code: str, found: list[_Printed], printed_in: set[tuple[str, str, int]]
) -> list[FindingResult]:
    """Info notes from the reference list: at the first printing of each name that the
    list names otherwise; or, for a code the list lacks whose name the list gives
    another code of the same level, an OCR slip in the code is likely only when the
    code's parent is not printed in the table either (a parent printed there says the
    code is the filing's own, a code of another year)."""
    ref = reference_list(listed)
    out: list[FindingResult] = []
    known = ref.get(code)
    first: dict[str, _Printed] = {}
    for p in found:
        first.setdefault(p.key, p)
    if known is not None:
        for p in first.values():
            if same_name_key(known) != p.key:
                out.append(
                    FindingResult(
                        "code_name",
                        INFO,
                        p.table.id,
                        p.cells,
                        messages.CODE_NAME_LIST.format(code=code, expected=known, actual=p.name),
                        expected=known,
                        actual=p.name,
                        # apart from a warning on the same printing, so both keys hold
                        subject=f"list-r{p.row}",
                    )
                )
        return out
    for p in first.values():
        if (listed, code[:-2], p.table.id) in printed_in:
            continue
        candidates = [
            c for c, n in ref.items() if len(c) == len(code) and same_name_key(n) == p.key
        ]
        if candidates:
            # the candidate sharing the longest prefix with the printed code
            best = max(candidates, key=lambda c: len(os.path.commonprefix([c, code])))
            out.append(
                FindingResult(
                    "code_name",
                    INFO,
                    p.table.id,
                    p.cells,
                    messages.CODE_SUGGEST.format(code=code, name=p.name, expected=best),
                    expected=best,
                    actual=code,
                    subject=f"list-r{p.row}",
                )
            )
    return out


@rule("code_parent", "codes", KINDS)
def code_parent(filing: FilingData) -> list[FindingResult]:
    """A 款 or 项 whose parent code is not printed above it in the same panel (siblings
    and their children may come between: 20801, 2080101, 2080102 …)."""
    out: list[FindingResult] = []
    for t, g, layout in coded_tables(filing, None):
        rows = coded_rows(g, layout)
        if len({len(code) for _, code in rows}) < 2:
            # a listing at one level (Beijing's tables by 项 and economic class, Xi'an's
            # per-unit lists) prints no parents at all: nothing is missing from it
            continue
        above: set[str] = set()
        told: set[str] = set()  # a parent missing is told once, not at every repeat
        for i, (r, code) in enumerate(rows):
            parent = code[:-2]
            if len(code) > 3 and parent not in above and parent not in told:
                told.add(parent)
                # the nearest shorter code above: where the clerk looks for the parent
                near = next(
                    ((r2, c2) for r2, c2 in reversed(rows[:i]) if len(c2) < len(code)), None
                )
                cells = ((r, layout.code_col),) + (((near[0], layout.code_col),) if near else ())
                out.append(
                    FindingResult(
                        "code_parent",
                        WARNING,
                        t.id,
                        cells,
                        messages.CODE_PARENT.format(code=code, parent=parent),
                        expected=parent,
                        actual=near[1] if near else "（无）",
                        subject=f"r{r}",
                    )
                )
            above.add(code)
    return out
