"""Planted wrong amounts: do the validation rules point at the changed cell (issue 27)?

For each seed, ../shared/tools/plant_errors.py changes one amount printed in the body of
a summed table of every real published filing (../shared/corpus/real, labels.json) and
records where (page, bbox in points, top-left origin), old and new figure. Each planted
filing is then read as a clerk would import it (parsers.formats.read_filing, as in
bench/real_filings.py) and model.validation.registry.run_rules runs on the FilingData of
the extraction JSON (model.validation.snapshot, no database). The unplanted filing is read
once too: its error findings are false alarms, already there before the plant.

A finding's cells are [row, col] of its table (table_id = position in tables + 1); a cell
is the planted cell when its page is the planted page and its bbox overlaps the planted
bbox (of several such cells, the one holding the centre of the planted bbox, since that
box reaches a little into the rows above and below). Each plant is:

- caught: an error finding has the planted cell among its cells and is not also in the
  unplanted filing (same rule, table and cells);
- elsewhere: errors in the planted filing, but no new one on the planted cell;
- silent: no error finding at all.

Also printed: the planted cell's extracted text (it should hold the new figure, else the
plant was not read), the new errors (not in the unplanted filing) and the rules whose
findings name the planted cell (`old:` when the unplanted filing has that finding too,
`w:` for warnings). plant_errors.py runs once per filing, so one that fails or has no
summed amount is skipped with a note.

Goal (issue 27): every planted amount pointed at by an error whose cells include the
planted cell, i.e. caught N/N for every seed. Takes a few minutes on 2 cores.

    uv run python bench/planted.py [--corpus /work/shared/corpus/real] [--seeds 1 2 3] [--quiet]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CORPUS, ROOT  # noqa: E402

REAL = CORPUS / "real"
PLANT = CORPUS.parent / "tools" / "plant_errors.py"

Key = tuple[str, int | None, tuple[tuple[int, int], ...]]


def _extract(path: Path) -> dict:
    from parsers.formats import read_filing

    return read_filing(path.read_bytes(), path.name).to_json()


def _findings(data: dict) -> list:
    from model.validation.registry import run_rules
    from model.validation.snapshot import filing_from_json

    return run_rules(filing_from_json(data))


def _key(f) -> Key:  # noqa: ANN001 - a FindingResult
    return (f.rule, f.table_id, tuple(tuple(c) for c in f.cells))


def _overlap(a: list[float], b: list[float]) -> float:
    """Area the two boxes share (0 when they do not overlap)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _planted_cells(data: dict, page: int, bbox: list[float]) -> tuple[set, list[str]]:
    """(table_id, row, col) of every logical position of the planted cell (a span covers
    all its positions), and the extracted text of that cell.

    The planted word's box (the redaction rectangle: font ascent to descent) may reach
    a little into the cells above and below, so of the cells on the planted page whose
    bbox overlaps it, the one holding the box's centre is the planted cell (else the one
    sharing the most area)."""
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    hits = []
    for i, t in enumerate(data["tables"]):
        for c in t.get("cells") or []:
            if c.get("page") != page or not c.get("bbox"):
                continue
            area = _overlap(c["bbox"], bbox)
            if area > 0:
                x0, y0, x1, y1 = c["bbox"]
                hits.append((x0 <= cx <= x1 and y0 <= cy <= y1, area, i + 1, c))
    if not hits:
        return set(), []
    best = max(hits, key=lambda h: (h[0], h[1]))
    chosen = [h for h in hits if h[0]] if best[0] else [best]
    where: set[tuple[int, int, int]] = set()
    for _, _, table_id, c in chosen:
        for dr in range(c.get("rowspan", 1) or 1):
            for dc in range(c.get("colspan", 1) or 1):
                where.add((table_id, c["row"] + dr, c["col"] + dc))
    return where, [c.get("text", "") for _, _, _, c in chosen]


def _plant(labels: dict, name: str, src: Path, out: Path, seed: int) -> tuple[dict | None, str]:
    """Run plant_errors.py on one filing (its own labels file and folder, so one failure
    skips only that filing); (mutation, "") or (None, why not)."""
    out.mkdir(parents=True, exist_ok=True)
    one = out / "labels.json"
    one.write_text(json.dumps({name: labels[name]}, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(PLANT), str(one), str(src), str(out), "--seed", str(seed)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return None, f"plant_errors.py failed (rc {proc.returncode}): {last}"
    try:
        record = json.loads((out / "mutations.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return None, f"no mutations.json: {err}"
    if name not in record or not (out / name).exists():
        return None, proc.stdout.strip() or "not planted"
    return record[name], ""


def _run(path: Path, mutation: dict, baseline: set[Key], seed: int) -> dict:
    data = _extract(path)
    findings = _findings(data)
    where, texts = _planted_cells(data, mutation["page"], mutation["bbox"])
    errors = [f for f in findings if f.severity == "error"]
    new = [f for f in errors if _key(f) not in baseline]

    def on_cell(f) -> bool:  # noqa: ANN001 - a FindingResult
        return any((f.table_id, r, c) in where for r, c in f.cells)

    fired = []
    for f in findings:
        if f.severity in ("error", "warning") and on_cell(f):
            tag = "w:" if f.severity == "warning" else ("old:" if _key(f) in baseline else "")
            if tag + f.rule not in fired:
                fired.append(tag + f.rule)
    if any(on_cell(f) for f in new):
        verdict = "caught"
    elif errors:
        verdict = "elsewhere"
    else:
        verdict = "silent"
    kind = mutation.get("kind") or ",".join(mutation.get("kinds") or []) or "?"
    return {
        "file": path.name,
        "seed": seed,
        "kind": kind,
        "old": mutation["old"],
        "new": mutation["new"],
        "page": mutation["page"],
        "verdict": verdict,
        "errors": len(errors),
        "new_errors": len(new),
        "text": " | ".join(texts) if texts else "(no cell)",
        "read": any(mutation["new"] in t for t in texts),
        "fired": fired,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REAL)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--quiet", action="store_true", help="TOTAL lines only")
    args = ap.parse_args(argv)
    labels = json.loads((args.corpus / "labels.json").read_text(encoding="utf-8"))
    names = [n for n in sorted(labels) if (args.corpus / n).exists()]
    start = time.perf_counter()

    baselines: dict[str, set[Key]] = {}
    for name in names:
        found = _findings(_extract(args.corpus / name))
        baselines[name] = {_key(f) for f in found if f.severity == "error"}
    if not args.quiet:
        alarms = sum(len(b) for b in baselines.values())
        print(f"unplanted: {alarms} error findings (false alarms) in {len(names)} filings")
        for name in names:
            print(f"  {name:<34} {len(baselines[name]):>3} errors")

    rows: list[dict] = []
    notes: list[str] = []
    head = (
        f"{'file':<34} {'seed':>4} {'kind':<28} {'old -> new':<30} {'page':>4}"
        f" {'verdict':<9} {'err':>4} {'new':>4}  read  cell text / rules on the planted cell"
    )
    if not args.quiet:
        print(head)
        print("-" * len(head))
    for seed in args.seeds:
        with tempfile.TemporaryDirectory(prefix=f"planted-{seed}-") as tmp:
            for name in names:
                out = Path(tmp) / Path(name).stem
                mutation, why = _plant(labels, name, args.corpus, out, seed)
                if mutation is None:
                    notes.append(f"seed {seed} {name}: skipped, {why}")
                    if not args.quiet:
                        print(f"{name:<34} {seed:>4} skipped: {why}")
                    continue
                r = _run(out / name, mutation, baselines[name], seed)
                rows.append(r)
                if not args.quiet:
                    change = f"{r['old']} -> {r['new']}"
                    print(
                        f"{r['file']:<34} {seed:>4} {r['kind'][:28]:<28} {change:<30}"
                        f" {r['page']:>4} {r['verdict']:<9} {r['errors']:>4} {r['new_errors']:>4}"
                        f"  {'yes' if r['read'] else 'NO':<4}  {r['text'][:40]!r}"
                        f" {' '.join(r['fired']) or '-'}"
                    )
    if not args.quiet:
        print("-" * len(head))
    for seed in args.seeds:
        these = [r for r in rows if r["seed"] == seed]
        print(_total(f"seed {seed}", these))
    skipped = f", {len(notes)} skipped" if notes else ""
    print(_total("all seeds", rows) + f"{skipped}, {time.perf_counter() - start:.0f} s")
    return 0


def _total(label: str, rows: list[dict]) -> str:
    n = len(rows)
    caught = sum(r["verdict"] == "caught" for r in rows)
    rate = 100 * caught / n if n else 0.0
    return (
        f"TOTAL {label}: caught {caught}/{n} = {rate:.1f} %,"
        f" elsewhere {sum(r['verdict'] == 'elsewhere' for r in rows)},"
        f" silent {sum(r['verdict'] == 'silent' for r in rows)},"
        f" plant read {sum(r['read'] for r in rows)}/{n}"
    )


if __name__ == "__main__":
    sys.exit(main())
