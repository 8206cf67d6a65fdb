"""An edit shown as saved survives `kill -9`: a child process applies edits and prints an
ack line after each commit; the test reads acks, kills the child mid-stream with SIGKILL,
reopens the database and finds every acknowledged edit (and a clean database).

The child uses `model.review.set_cell_text` when it exists and otherwise the same unit of
work written against the ORM (update the cell if its text is still the expected one,
append an Edit row, commit).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from model.database import open_database
from model.importing import store_filing
from model.schema import Cell, Edit
from parsers.extraction import ExtractedCell, ExtractedFiling, ExtractedTable

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import sys
    from sqlalchemy import select
    from model.database import open_database
    from model.schema import Cell

    from model.review import set_cell_text

    def big_import(db, n):
        # A large write (an import of 3000 cells) for the kill to land in.
        from model.importing import store_filing
        from parsers.extraction import ExtractedCell, ExtractedFiling, ExtractedTable
        cells = [ExtractedCell(r, c, f"{r}.{c}") for r in range(300) for c in range(10)]
        table = ExtractedTable(title="t", kind=None, part=None, n_rows=300, n_cols=10,
                               header_rows=0, cells=cells)
        filing = ExtractedFiling(source=f"big{n}.txt", sha256=f"{n:064x}", pages=1,
                                 blocks=[table])
        with db.Session.begin() as session:
            session.add(store_filing(filing, b"big", "txt"))

    db = open_database(sys.argv[1])
    with db.Session() as session:
        # The first filing's cells (stored first, lowest ids) are the ones edited.
        cell_ids = [c.id for c in session.scalars(select(Cell).order_by(Cell.id).limit(6))]
        texts = {cid: session.get(Cell, cid).text for cid in cell_ids}
    round_, imports = sys.argv[2], sys.argv[3] == "imports"
    print("ready", flush=True)
    step = 0
    while True:
        for cell_id in texts:
            new = f"{round_}-{step}"
            set_cell_text(db, cell_id, new, expected=texts[cell_id], reviewer="clerk")
            texts[cell_id] = new
            print(f"ack {cell_id} {new}", flush=True)
            step += 1
            if imports and step % 3 == 0:
                big_import(db, int(round_[1:]) * 100000 + step)
    """
)


def filing_with_cells(n: int) -> ExtractedFiling:
    cells = [ExtractedCell(r, 0, f"{r}.00") for r in range(n)]
    table = ExtractedTable(
        title="部门预算收入总表",
        kind="revenue_summary",
        part=None,
        n_rows=n,
        n_cols=1,
        header_rows=0,
        cells=cells,
    )
    return ExtractedFiling(source="crash.txt", sha256="cd" * 32, pages=1, blocks=[table])


def run_and_kill(
    url: str, round_: str, acks_before_kill: int, *, imports: bool = False
) -> list[tuple[int, str]]:
    """Start the child, wait for `acks_before_kill` acks, SIGKILL it, return all acks it
    printed (the pipe still holds the ones written just before the kill)."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, round_, "imports" if imports else "edits"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    acks: list[tuple[int, str]] = []
    try:
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first.strip() == "ready", first + child.stderr.read()  # type: ignore[union-attr]
        while len(acks) < acks_before_kill:
            line = child.stdout.readline()
            assert line.startswith("ack "), line + child.stderr.read()  # type: ignore[union-attr]
            _, cell_id, value = line.split()
            acks.append((int(cell_id), value))
        os.kill(child.pid, signal.SIGKILL)
        rest, _ = child.communicate()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    for line in rest.splitlines():
        if line.startswith("ack "):
            _, cell_id, value = line.split()
            acks.append((int(cell_id), value))
    return acks


@pytest.mark.parametrize(
    ("acks_before_kill", "imports"), [(1, False), (17, False), (60, False), (10, True)]
)
def test_every_acknowledged_edit_survives_kill_9(
    db_url: str, acks_before_kill: int, imports: bool
) -> None:
    """With `imports`, the child also stores a 3000-cell filing every third edit, so the
    kill often lands inside a large write; the database must still open cleanly."""
    db = open_database(db_url)
    with db.Session.begin() as session:
        session.add(store_filing(filing_with_cells(6), b"crash", "txt"))
    db.dispose()

    acks = run_and_kill(db_url, "r1", acks_before_kill, imports=imports)
    # a second run on the killed file
    acks += run_and_kill(db_url, "r2", acks_before_kill, imports=imports)

    reopened = open_database(db_url)
    try:
        with reopened.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        with reopened.Session() as session:
            stored = {c.id: c.text for c in session.scalars(select(Cell))}
            edits = {(e.cell_id, e.new_text) for e in session.scalars(select(Edit))}
            n_edits = session.scalar(select(func.count()).select_from(Edit))
        last_acked: dict[int, str] = {}
        for cell_id, value in acks:
            last_acked[cell_id] = value
            assert (cell_id, value) in edits, f"acknowledged edit lost: {cell_id} {value}"
        for cell_id, value in last_acked.items():
            # The child may have committed one more edit after its last ack, never fewer.
            assert _order(stored[cell_id]) >= _order(value), (cell_id, stored[cell_id], value)
        assert n_edits >= len(acks)
    finally:
        reopened.dispose()


def _order(value: str) -> tuple[str, int]:
    """'r2-15' sorts after 'r1-99' and 'r2-3'; an unedited '3.00' sorts first."""
    if "-" not in value:
        return ("", -1)
    round_, step = value.split("-")
    return (round_, int(step))
