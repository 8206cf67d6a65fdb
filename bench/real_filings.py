"""Real published filings read as a clerk would import them (issue 15).

Every ../shared/corpus/real/*.pdf goes through parsers.formats.read_filing (the path of
`main.py extract` and of the GUI import, OCR "auto") and is compared with labels.json:

- kinds: for each labelled printed title (page, kind), is there an extracted table on
  that page with that kind, one table per title on a page (a table continued under its
  title repeated answers each page's label; misses listed with what is there);
- empty tables: extracted tables whose cells are all empty;
- department and year against the labels;
- validation: model.validation.registry.run_rules on the FilingData of the extraction
  JSON (model.validation.snapshot, no database), error and warning findings counted and
  their rule names listed. The filings are correct as published, so an error is a false
  alarm unless the document itself is wrong.

Goal (issue 15): kinds >= 98 % of labelled titles, 0 empty tables, department and year
right in all, zero error findings. Takes about a minute on 2 cores.

    uv run python bench/real_filings.py [--corpus /work/shared/corpus/real] [--quiet]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CORPUS  # noqa: E402

REAL = CORPUS / "real"


def _extract(path: Path) -> dict:
    from parsers.formats import read_filing

    return read_filing(path.read_bytes(), path.name).to_json()


def _findings(data: dict) -> Counter:
    """(severity, rule) counts of the validation findings on the extraction."""
    from model.validation.registry import run_rules
    from model.validation.snapshot import filing_from_json

    return Counter((f.severity, f.rule) for f in run_rules(filing_from_json(data)))


def _all_empty(table: dict) -> bool:
    return not any(str(c).strip() for row in table["rows"] for c in row)


def _titled(table: dict, kind: str | None) -> bool:
    """A table outside the catalog counts only when it kept a printed title: a grid
    with neither kind nor title is a miss, not a match for "other"."""
    return kind is not None or bool(table["title"].strip())


def _kind_matches(
    label: dict, tables: list[dict], used: set[tuple[int, int]]
) -> tuple[bool, list[str]]:
    """Whether a table on the labelled page, not yet matched to another labelled title
    on that page, has the labelled kind (that table is then used up on that page: two
    titles printed on one page need two tables; a table whose title is printed again
    on each page it runs over is one table, and answers the label of each); else what
    is there."""
    here = [i for i, t in enumerate(tables) if label["page"] in (t.get("pages") or [])]
    # "other": a printed table outside the catalog, which wants no catalog kind
    wanted = None if label["kind"] == "other" else label["kind"]
    for i in here:
        place = (i, label["page"])
        if place not in used and tables[i]["kind"] == wanted and _titled(tables[i], wanted):
            used.add(place)
            return True, []
    starting = [i for i in here if (tables[i].get("pages") or [None])[0] == label["page"]]
    seen = [f"{tables[i]['kind']}:{tables[i]['title'][:30]!r}" for i in (starting or here)]
    return False, seen


def _run(path: Path, label: dict, verbose: bool) -> dict:
    start = time.perf_counter()
    data = _extract(path)
    seconds = time.perf_counter() - start
    tables = data["tables"]
    matched, misses, used = 0, [], set()
    for lab in label.get("tables", []):
        ok, seen = _kind_matches(lab, tables, used)
        if ok:
            matched += 1
        else:
            misses.append(f"p{lab['page']} {lab['kind']} {lab['title']!r} -> {seen or 'nothing'}")
    found = _findings(data)
    dept_ok = (data["department"]["name"] or "") == label["department"]
    year_ok = data["year"] == label["year"]
    row = {
        "file": path.name,
        "labelled": len(label.get("tables", [])),
        "matched": matched,
        "tables": len(tables),
        "empty": sum(_all_empty(t) for t in tables),
        "dept_ok": dept_ok,
        "dept": data["department"]["name"],
        "year_ok": year_ok,
        "year": data["year"],
        "errors": sum(n for (sev, _), n in found.items() if sev == "error"),
        "warnings": sum(n for (sev, _), n in found.items() if sev == "warning"),
        "rules": sorted({rule for (sev, rule) in found if sev in ("error", "warning")}),
        "error_rules": sorted({rule for (sev, rule) in found if sev == "error"}),
        "seconds": seconds,
    }
    if verbose:
        for m in misses:
            print(f"  miss {path.name}: {m}")
        if not dept_ok:
            print(f"  department {path.name}: {row['dept']!r} != {label['department']!r}")
        if not year_ok:
            print(f"  year {path.name}: {data['year']} != {label['year']}")
        if row["error_rules"]:
            print(f"  errors {path.name}: {', '.join(row['error_rules'])}")
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REAL)
    ap.add_argument("--quiet", action="store_true", help="summary table only")
    args = ap.parse_args(argv)
    labels = json.loads((args.corpus / "labels.json").read_text(encoding="utf-8"))
    rows = []
    for name in sorted(labels):
        path = args.corpus / name
        if path.exists():
            rows.append(_run(path, labels[name], not args.quiet))
    head = (
        f"{'file':<34} {'kinds':>9} {'tables':>6} {'empty':>5} {'dept':>4} {'year':>4}"
        f" {'err':>4} {'warn':>4} {'sec':>5}  rules (error/warning)"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        kinds = f"{r['matched']}/{r['labelled']}"
        print(
            f"{r['file']:<34} {kinds:>9} {r['tables']:>6} {r['empty']:>5}"
            f" {'ok' if r['dept_ok'] else 'NO':>4} {'ok' if r['year_ok'] else 'NO':>4}"
            f" {r['errors']:>4} {r['warnings']:>4} {r['seconds']:>5.1f}  {' '.join(r['rules'])}"
        )
    labelled = sum(r["labelled"] for r in rows)
    matched = sum(r["matched"] for r in rows)
    rate = 100 * matched / labelled if labelled else 0.0
    print("-" * len(head))
    print(
        f"TOTAL {len(rows)} filings: kinds {matched}/{labelled} = {rate:.1f} %,"
        f" empty tables {sum(r['empty'] for r in rows)} of {sum(r['tables'] for r in rows)},"
        f" department right {sum(r['dept_ok'] for r in rows)}/{len(rows)},"
        f" year right {sum(r['year_ok'] for r in rows)}/{len(rows)},"
        f" errors {sum(r['errors'] for r in rows)}, warnings {sum(r['warnings'] for r in rows)},"
        f" {sum(r['seconds'] for r in rows):.0f} s extracting"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
