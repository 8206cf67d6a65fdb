"""Time `export_workbook` on the largest corpus filing (goal: ≤ 2 s on an office PC).

The stored filing is built from ground truth (dev/NNN.gt.json → ExtractedFiling →
model.importing.store_filing), so the figure does not depend on parser accuracy.

    uv run python bench/export_speed.py [CORPUS_DEV_DIR] [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.database import open_database  # noqa: E402
from model.export import export_workbook  # noqa: E402
from model.importing import store_filing  # noqa: E402
from parsers.extraction import (  # noqa: E402
    ExtractedFiling,
    ExtractedTable,
    Paragraph,
)

DEFAULT_DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def table_of(block: dict) -> ExtractedTable:
    """A ground-truth table block: merges [row, col, rowspan, colspan] become spans."""
    return ExtractedTable.from_block(block)


def filing_of(gt_path: Path) -> ExtractedFiling:
    gt = json.loads(gt_path.read_text(encoding="utf-8"))
    blocks = [
        table_of(b) if b["type"] == "table" else Paragraph(b.get("text", "")) for b in gt["blocks"]
    ]
    return ExtractedFiling(
        source=gt_path.name,
        sha256=hashlib.sha256(gt_path.read_bytes()).hexdigest(),
        pages=len(gt["pages"]) if isinstance(gt.get("pages"), list) else 0,
        blocks=blocks,
        department_code=gt["department"]["code"],
        department_name=gt["department"]["name"],
        year=gt["year"],
    )


def cell_count(filing: ExtractedFiling) -> int:
    return sum(len(t.cells) for t in filing.tables)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dev", nargs="?", type=Path, default=DEFAULT_DEV)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    filings = [filing_of(p) for p in sorted(args.dev.glob("*.gt.json"))]
    if not filings:
        print(f"no *.gt.json in {args.dev}")
        return 2
    largest = max(filings, key=cell_count)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        with db.Session.begin() as session:
            doc = store_filing(largest, b"bench", "txt")
            session.add(doc)
            session.flush()
            doc_id = doc.id
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            path = export_workbook(db, doc_id, Path(tmp))
            times.append(time.perf_counter() - t0)
        size = path.stat().st_size
        db.dispose()
    print(
        f"export_speed: {largest.source} ({len(largest.tables)} tables, {cell_count(largest)} "
        f"cells) → {size // 1024} KB; runs {', '.join(f'{t:.2f}' for t in times)} s; "
        f"median {statistics.median(times):.2f} s (goal ≤ 2 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
