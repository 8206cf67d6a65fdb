"""model/importing.py: a filing is stored whatever a reader handed over, and two
imports of the same new bytes at once end with one document, shared by both."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import traceback
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest
from sqlalchemy import func, select

from model import importing
from model.database import Database, open_database
from model.importing import Imported, import_bytes, import_file, store_filing
from model.schema import Cell, Document
from parsers.extraction import ExtractedCell, ExtractedFiling, ExtractedTable

SAMPLE = Path(__file__).parents[2] / "resources" / "sample" / "sample-filing-upstream.txt"


def test_two_cells_at_one_place_keep_the_first_and_log_the_rest(
    db, caplog: pytest.LogCaptureFixture
) -> None:
    """An 85-page WPS table volume stopped the import with IntegrityError: UNIQUE
    constraint failed: cell.table_id, cell.row, cell.col."""
    table = ExtractedTable(
        title="部门预算支出总表",
        kind="expenditure_summary",
        part=None,
        n_rows=2,
        n_cols=2,
        header_rows=1,
        pages=[84, 85],
        cells=[
            ExtractedCell(0, 0, "科目名称", page=84),
            ExtractedCell(0, 1, "合计", page=84),
            ExtractedCell(1, 0, "行政运行", page=85),
            ExtractedCell(1, 1, "1,234.567890", page=85),
            ExtractedCell(1, 1, "0.000000", page=85),
        ],
    )
    filing = ExtractedFiling(source="a3.pdf", sha256="cd" * 32, pages=85, blocks=[table])
    with caplog.at_level(logging.WARNING, logger="model.importing"):
        with db.Session.begin() as session:
            session.add(store_filing(filing, b"a3", "pdf"))
    with db.Session() as session:
        cells = session.scalars(select(Cell).order_by(Cell.row, Cell.col)).all()
        assert [(c.row, c.col, c.text) for c in cells][-1] == (1, 1, "1,234.567890")
        assert len(cells) == 4
    assert "0.000000" in caplog.text


def test_import_that_loses_the_race_returns_the_stored_document(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes importing one new file at once: the second ended in IntegrityError:
    UNIQUE constraint failed: document.sha256. Here the other process commits between
    this import's lookup (a miss) and its insert."""
    data = SAMPLE.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    rival = ExtractedFiling(source="rival.txt", sha256=sha, pages=1, blocks=[])
    real_lookup = importing.stored_document
    committed: list[int] = []

    def lookup_missing_the_rival(db: Database, sha256: str) -> Imported | None:
        if not committed:  # the first lookup runs before the rival commits
            with db.Session.begin() as session:
                doc = store_filing(rival, data, "txt")
                session.add(doc)
                session.flush()
                committed.append(doc.id)
            return None
        return real_lookup(db, sha256)

    monkeypatch.setattr(importing, "stored_document", lookup_missing_the_rival)
    imported = import_bytes(db, data, "sample-filing-upstream.txt")
    assert imported == Imported(committed[0], "rival.txt", reused=True)
    with db.Session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1
        assert session.scalar(select(func.count()).select_from(Cell)) == 0  # rolled back


def import_in_step(url: str, paths: list[str], barrier: Barrier, results: Queue) -> None:
    """A spawned process: import each file as soon as the other process is ready to import
    it too. Puts (round, document id, reused) or (round, traceback, None) on `results`."""
    db = open_database(url)
    try:
        for round_, path in enumerate(paths):
            barrier.wait(timeout=120)
            try:
                imported = import_file(db, Path(path))
                results.put((round_, imported.document_id, imported.reused))
            except BaseException:  # noqa: BLE001 - reported by the test
                results.put((round_, traceback.format_exc(), None))
    finally:
        db.dispose()


def assert_two_processes_share_each_import(url: str, folder: Path, rounds: int = 3) -> None:
    """Two processes import the same new file at the same moment, `rounds` times (a new
    file each round): both succeed with one document id, one stored, one reused."""
    data = SAMPLE.read_bytes()
    paths = []
    for round_ in range(rounds):
        path = folder / f"same-bytes-{round_}.txt"
        path.write_bytes(data + b"\n" * round_)  # new bytes, new document, each round
        paths.append(str(path))
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    clerks = [
        ctx.Process(target=import_in_step, args=(url, paths, barrier, results)) for _ in range(2)
    ]
    for clerk in clerks:
        clerk.start()
    got = [results.get(timeout=300) for _ in range(2 * rounds)]
    for clerk in clerks:
        clerk.join(timeout=60)
        assert clerk.exitcode == 0
    for round_ in range(rounds):
        (_, first, first_reused), (_, second, second_reused) = [g for g in got if g[0] == round_]
        assert first_reused is not None, first
        assert second_reused is not None, second
        assert first == second
        assert sorted([first_reused, second_reused]) == [False, True]
    db = open_database(url)
    try:
        with db.Session() as session:
            assert session.scalar(select(func.count()).select_from(Document)) == rounds
    finally:
        db.dispose()


def test_two_processes_import_the_same_file_at_once(db_url: str, tmp_path: Path) -> None:
    assert_two_processes_share_each_import(db_url, tmp_path)
