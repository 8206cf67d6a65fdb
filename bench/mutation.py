"""Mutation bench: change one amount at random in a correct filing (seed 002's standard
tables, built from its ground truth so parser accuracy does not matter) and count the
changes caught by at least one new or changed finding naming the changed cell.

    uv run python bench/mutation.py [--runs 500] [--seed 7] [--blank]

Prints the share caught (goal ≥ 95 %), the misses, and the error findings on the
unmutated tables (goal: only the genuine 303 hierarchy error of 002).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.domain import FilingData, TableData  # noqa: E402
from model.validation import validate  # noqa: E402
from model.validation.amounts import is_blank, parse_amount, show  # noqa: E402
from model.validation.balances import summary_layout  # noqa: E402
from model.validation.fixed_assets import value_col  # noqa: E402
from model.validation.grid import coded_layout, grid  # noqa: E402
from model.validation.snapshot import filing_from_json  # noqa: E402
from parsers.tables.kinds import STANDARD_KINDS  # noqa: E402

GT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "validation" / "002.gt.json"


def amount_cells(t: TableData) -> list[tuple[int, int]]:
    """Body cells of a table's amount columns (found by header, as the rules do)."""
    g = grid(t)
    cols: tuple[int, ...] = ()
    if t.kind in ("revenue_expenditure_summary", "fiscal_appropriation_summary"):
        layout = summary_layout(t)
        if layout:
            cols = layout.revenue.amount_cols + layout.expenditure.amount_cols
    elif t.kind == "three_public_expenditure":
        c = g.find_col("合计", exact=True)
        cols = tuple(range(c, g.n_cols)) if c is not None else ()
    elif t.kind == "fixed_assets":
        cols = (value_col(g),)
    else:
        layout = coded_layout(g)
        cols = layout.amount_cols if layout else ()
    return [(r, c) for r in g.body for c in cols]


def mutate_text(rng: random.Random, text: str) -> str:
    old = parse_amount(text) or Decimal(0)
    while True:
        how = rng.random()
        if how < 0.4:  # a slip of a few cents
            new = old + Decimal(rng.choice([-1, 1]) * rng.randint(1, 9)) / 100
        elif how < 0.7:  # an OCR misread of one digit
            s = list(show(old) if old else "0.00")
            digits = [i for i, ch in enumerate(s) if ch.isdigit()]
            i = rng.choice(digits)
            s[i] = str((int(s[i]) + rng.randint(1, 9)) % 10)
            new = Decimal("".join(s))
        else:  # a different figure altogether
            new = Decimal(rng.randint(1, 100000)) / 100
        if show(new) != show(old):
            return show(new)


def with_text(filing: FilingData, table_id: int, row: int, col: int, text: str) -> FilingData:
    tables = []
    for t in filing.tables:
        if t.id == table_id:
            cells = tuple(
                replace(c, text=text) if (c.row, c.col) == (row, col) else c for c in t.cells
            )
            t = replace(t, cells=cells)
        tables.append(t)
    return replace(filing, tables=tuple(tables))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--blank", action="store_true", help="also put amounts into empty cells")
    args = ap.parse_args()
    filing = filing_from_json(json.loads(GT.read_text(encoding="utf-8")))
    kinds = {*STANDARD_KINDS, "fixed_assets"}
    base = validate(filing)
    base_errors = [f for f in base if f.severity == "error"]
    print(f"unmutated 002: {len(base)} findings, {len(base_errors)} errors")
    for f in base_errors:
        title = filing.table(f.table_id).title if f.table_id else "-"
        print(f"  error {f.rule} {title} {list(f.cells)} expected {f.expected} actual {f.actual}")
    base_set = {(f.key, f.cells, f.expected, f.actual) for f in base}

    candidates = []
    for t in filing.tables:
        if t.kind in kinds:
            g = grid(t)
            for r, c in amount_cells(t):
                if args.blank or not is_blank(g.text(r, c)):
                    candidates.append((t, r, c))
    rng = random.Random(args.seed)
    caught, misses = 0, []
    start = time.perf_counter()
    for _ in range(args.runs):
        t, r, c = rng.choice(candidates)
        old = grid(t).text(r, c)
        new = mutate_text(rng, old)
        mutated = with_text(filing, t.id, r, c, new)
        found = validate(mutated, {t.id})
        hit = [
            f
            for f in found
            if f.table_id == t.id
            and (r, c) in f.cells
            and (f.key, f.cells, f.expected, f.actual) not in base_set
        ]
        if hit:
            caught += 1
        else:
            misses.append(f"{t.title} ({r},{c}) {old!r} -> {new!r}")
    elapsed = time.perf_counter() - start
    print(f"candidate cells: {len(candidates)} (blank cells included: {args.blank})")
    print(
        f"caught {caught}/{args.runs} = {100 * caught / args.runs:.1f} %"
        f"  ({1000 * elapsed / args.runs:.1f} ms per mutation, incremental rules)"
    )
    for m in misses[:20]:
        print("  missed:", m)


if __name__ == "__main__":
    main()
