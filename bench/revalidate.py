"""Re-validation after one edit (goal ≤ 50 ms on a 30-page filing): seed 002's ground
truth (44 pages: 9 standard tables, 52 project table parts, procurement, assets,
narrative) stored in a fresh SQLite file, then one cell edited and
refresh_findings(session, doc, {table}) timed, as review.set_cell_text does.

Also the write the window makes on the GUI thread for each edit (the undo command's
review.set_cell_text(..., validate=False): the cell, its audit row, the table's review
mark; the rules then re-run on the job thread): goal within one frame, 16 ms.

    uv run python bench/revalidate.py [--edits 40]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from model import review  # noqa: E402
from model.database import open_database  # noqa: E402
from model.findings import check_document  # noqa: E402
from model.importing import store_filing  # noqa: E402
from model.schema import Cell, Table  # noqa: E402
from model.validation import refresh_findings  # noqa: E402
from parsers.extraction import ExtractedFiling, ExtractedTable, Paragraph  # noqa: E402

GT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "validation" / "002.gt.json"


def store(db, data: dict) -> int:  # noqa: ANN001
    """Seed 002's ground truth as a stored document (no parser in the measurement)."""
    blocks = [
        ExtractedTable.from_block(b) if b["type"] == "table" else Paragraph(b["text"])
        for b in data["blocks"]
    ]
    filing = ExtractedFiling("002", "0" * 64, data.get("pages", 0), blocks)
    with db.Session.begin() as session:
        doc = store_filing(filing, b"", "txt")
        session.add(doc)
        session.flush()
        return doc.id


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=40)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    data = json.loads(GT.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/bench.sqlite3")
        doc_id = store(db, data)
        t0 = time.perf_counter()
        found = check_document(db, doc_id)
        full = time.perf_counter() - t0
        with db.Session() as session:
            tables = session.scalars(select(Table).where(Table.document_id == doc_id)).all()
            n_cells = sum(len(t.cells) for t in tables)
            targets = [
                (t.id, t.kind, c.id) for t in tables for c in t.cells if c.row >= t.header_rows
            ]
        print(
            f"filing: {len(tables)} tables, {n_cells} cells, {data.get('pages')} pages; "
            f"full check {1000 * full:.1f} ms, {len(found)} findings"
        )
        rng = random.Random(args.seed)
        refresh_ms, total_ms = [], []
        by_kind: dict[str, list[float]] = {}
        for i in range(args.edits):
            table_id, kind, cell_id = rng.choice(targets)
            start = time.perf_counter()
            with db.Session.begin() as session:
                cell = session.get(Cell, cell_id)
                new = f"{rng.randint(1, 99999) / 100:.2f}"
                cell.text = new if i % 2 == 0 else cell.extracted_text
                r0 = time.perf_counter()
                refresh_findings(session, doc_id, {table_id})
                r1 = time.perf_counter()
            total_ms.append(1000 * (time.perf_counter() - start))
            refresh_ms.append(1000 * (r1 - r0))
            by_kind.setdefault(kind or "None", []).append(1000 * (r1 - r0))
        write_ms = []
        for i in range(args.edits):
            _table_id, _kind, cell_id = rng.choice(targets)
            with db.Session() as session:
                old = session.get(Cell, cell_id).text
            start = time.perf_counter()
            review.set_cell_text(
                db, cell_id, f"{i + 1}.00", expected=old, reviewer="bench", validate=False
            )
            write_ms.append(1000 * (time.perf_counter() - start))
        db.dispose()
    w = statistics.quantiles(write_ms, n=10)
    print(
        f"the GUI thread's write per edit (set_cell_text, validate=False): median "
        f"{statistics.median(write_ms):.1f} ms, p90 {w[-1]:.1f} ms, max {max(write_ms):.1f} ms"
    )
    q = statistics.quantiles(refresh_ms, n=10)
    print(
        f"refresh_findings after one edit: median {statistics.median(refresh_ms):.1f} ms, "
        f"p90 {q[-1]:.1f} ms, max {max(refresh_ms):.1f} ms ({args.edits} edits)"
    )
    print(
        f"whole unit of work (edit + refresh + commit): median {statistics.median(total_ms):.1f} ms"
    )
    for kind, ms in sorted(by_kind.items()):
        print(f"  {kind:30s} n={len(ms):3d} median {statistics.median(ms):.1f} ms")


if __name__ == "__main__":
    main()
