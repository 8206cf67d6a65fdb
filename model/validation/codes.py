"""Classification codes against the reference lists in resources/codes/ (功能分类 and
经济分类, UTF-8 CSV a clerk can extend): a code whose name does not match the list,
or a code that is not a child of the row above it, is a finding — it catches OCR
errors in codes and names.
"""

from __future__ import annotations

import csv
import os
from functools import lru_cache
from pathlib import Path

from model.domain import FilingData, TableData
from model.validation import messages
from model.validation.grid import coded_rows, coded_tables, grid, label
from model.validation.registry import CODED_KINDS, rule
from model.validation.result import INFO, WARNING, FindingResult

CODES_DIR = Path(__file__).resolve().parents[2] / "resources" / "codes"


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


def codes_for(t: TableData) -> dict[str, str]:
    economic = t.kind == "gpb_basic_expenditure" or any(
        "经济分类" in h for col in grid(t).headers for h in col
    )
    return reference_list("economic_codes" if economic else "function_codes")


def _same_name(a: str, b: str) -> bool:
    # Filings write 维修（护）费 and 维修(护)费 alike; label() has unified the brackets.
    return a == b


@rule("code_name", "codes", CODED_KINDS)
def code_name(filing: FilingData) -> list[FindingResult]:
    out: list[FindingResult] = []
    for t, g, layout in coded_tables(filing, CODED_KINDS):
        ref = codes_for(t)
        by_name: dict[str, list[str]] = {}
        for code, name in ref.items():
            by_name.setdefault(name, []).append(code)
        for r, code in coded_rows(g, layout):
            name = label(g.text(r, layout.name_col))
            cells = ((r, layout.code_col), (r, layout.name_col))
            known = ref.get(code)
            if known is not None:
                if not _same_name(known, name):
                    out.append(
                        FindingResult(
                            "code_name",
                            WARNING,
                            t.id,
                            cells,
                            messages.CODE_NAME.format(code=code, expected=known, actual=name),
                            expected=known,
                            actual=name,
                            subject=f"r{r}",
                        )
                    )
                continue
            # Unknown code: maybe an OCR slip; suggest the code the name belongs to.
            candidates = sorted(
                (c for c in by_name.get(name, []) if len(c) == len(code)),
                key=lambda c: -len(os.path.commonprefix([c, code])),
            )
            if candidates:
                out.append(
                    FindingResult(
                        "code_name",
                        WARNING,
                        t.id,
                        cells,
                        messages.CODE_SUGGEST.format(code=code, name=name, expected=candidates[0]),
                        expected=candidates[0],
                        actual=code,
                        subject=f"r{r}",
                    )
                )
            else:
                out.append(
                    FindingResult(
                        "code_name",
                        INFO,
                        t.id,
                        cells,
                        messages.CODE_UNKNOWN.format(code=code, name=name),
                        actual=code,
                        subject=f"r{r}",
                    )
                )
    return out


@rule("code_parent", "codes", CODED_KINDS)
def code_parent(filing: FilingData) -> list[FindingResult]:
    out: list[FindingResult] = []
    for t, g, layout in coded_tables(filing, CODED_KINDS):
        rows = coded_rows(g, layout)
        for i, (r, code) in enumerate(rows):
            if len(code) == 3:
                continue
            parent = code[:-2]
            above = next(((r2, c2) for r2, c2 in reversed(rows[:i]) if len(c2) < len(code)), None)
            if above is None or above[1] != parent:
                above_code = above[1] if above else "（无）"
                cells = ((r, layout.code_col),) + (((above[0], layout.code_col),) if above else ())
                out.append(
                    FindingResult(
                        "code_parent",
                        WARNING,
                        t.id,
                        cells,
                        messages.CODE_PARENT.format(code=code, above=above_code, parent=parent),
                        expected=parent,
                        actual=above_code,
                        subject=f"r{r}",
                    )
                )
    return out
