"""Extraction accuracy of the upstream-text reader on the five seeds (issue 3).

Reads every seed (.txt in CORPUS/seeds) through `parsers.formats.read_filing`, the path
of `main.py extract` minus the database, and prints per seed the tables per kind, the
department and year. Seeds 000, 002 and 004 have ground truth (dev/NNN.gt.json, made
from the DOCX renders of the same filings): their extraction JSON is scored with the
corpus's score.py for cell accuracy and table recall. Goal: cell accuracy >= 99 %.

    uv run python bench/seeds.py [--corpus /work/shared/corpus] [--details]

Also prints the read time per seed (seconds, wall clock) for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parsers.formats import read_filing  # noqa: E402


def score(corpus: Path, gt: Path, out: Path, details: bool) -> dict:
    cmd = [sys.executable, str(corpus / "score.py"), str(gt), str(out), "--json"]
    result = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    if details:
        print(subprocess.run(cmd[:-1] + ["--details"], capture_output=True, text=True).stdout)
    return result


def pct(figure: dict) -> str:
    return f"{100 * figure['rate']:7.2f}% ({figure['right']}/{figure['total']})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    ap.add_argument("--details", action="store_true", help="print score.py --details per seed")
    args = ap.parse_args()
    seeds = sorted((args.corpus / "seeds").glob("*.txt"))
    right = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in seeds:
            number = path.name[:3]
            start = time.perf_counter()
            filing = read_filing(path.read_bytes(), path.name)
            seconds = time.perf_counter() - start
            kinds = Counter(t.kind for t in filing.tables)
            print(
                f"seed {number}  {seconds:5.2f}s  {filing.department_code} "
                f"{filing.department_name} {filing.year}  tables {len(filing.tables)}  "
                f"paragraphs {len(filing.paragraphs)}"
            )
            print("    " + ", ".join(f"{k}={n}" for k, n in sorted(kinds.items(), key=str)))
            gt = args.corpus / "dev" / f"{number}.gt.json"
            if not gt.exists():
                continue
            out = Path(tmp) / f"{number}.json"
            out.write_text(json.dumps(filing.to_json(), ensure_ascii=False), encoding="utf-8")
            result = score(args.corpus, gt, out, args.details)
            cells = result["cell_accuracy"]
            right += cells["right"]
            total += cells["total"]
            print(
                f"    cell accuracy {pct(cells)}  table recall {pct(result['table_recall'])}  "
                f"kind {pct(result['kind_accuracy'])}  "
                f"header_rows {pct(result['header_rows_accuracy'])}"
            )
    if total:
        print(f"all scored seeds: cell accuracy {100 * right / total:.2f}% ({right}/{total})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
