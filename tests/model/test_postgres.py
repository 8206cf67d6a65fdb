"""A bureau's shared library on PostgreSQL: migrations from an empty database, and two
clerks saving the same cell, where the second save is refused with the other's value
(optimistic locking on `Cell.version`) and no update is lost silently; two clerks
importing the same new file at once share one document.

The server: `BRD_TEST_PG_URL` (set by .ci/run, a role that may CREATE DATABASE), or else
a throwaway cluster started here from the Debian binaries under /usr/lib/postgresql,
listening on 127.0.0.1 only. Skipped, with the reason, only when neither exists.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm.exc import StaleDataError

from model.database import open_database
from model.importing import store_filing
from model.schema import Cell, Edit
from parsers.extraction import ExtractedCell, ExtractedFiling, ExtractedTable
from tests.model.test_importing import assert_two_processes_share_each_import


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(found[0]).parent if found else None


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A server URL (database `postgres`) whose role may create databases."""
    url = os.environ.get("BRD_TEST_PG_URL")
    if url:
        yield url
        return
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and "
            "BRD_TEST_PG_URL is unset; .ci/run installs it"
        )
    root = Path(tempfile.mkdtemp(prefix="brd-pg-"))
    as_user: dict = {}
    if os.geteuid() == 0:  # the server refuses to run as root; Debian's package adds `postgres`
        shutil.chown(root, "postgres", "postgres")
        as_user = {"user": "postgres", "group": "postgres", "extra_groups": []}
    data, port = root / "data", _free_port()
    try:
        subprocess.run(
            [
                bindir / "initdb",
                "-D",
                data,
                "-U",
                "brd",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
            **as_user,
        )
        subprocess.run(
            [
                bindir / "pg_ctl",
                "-D",
                data,
                "-l",
                root / "log",
                "-w",
                "-t",
                "60",
                "-o",
                f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off",
                "start",
            ],
            check=True,
            capture_output=True,
            **as_user,
        )
    except subprocess.CalledProcessError as err:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"could not start a throwaway PostgreSQL: {err.stderr!r:.300}")
    try:
        yield f"postgresql+psycopg://brd@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [bindir / "pg_ctl", "-D", data, "-m", "immediate", "stop"],
            capture_output=True,
            **as_user,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database for one test, dropped afterwards."""
    name = f"brd_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg_server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def one_cell_filing() -> ExtractedFiling:
    table = ExtractedTable(
        title="部门预算支出总表",
        kind="expenditure_summary",
        part=None,
        n_rows=1,
        n_cols=2,
        header_rows=0,
        cells=[ExtractedCell(0, 0, "行政运行"), ExtractedCell(0, 1, "1882.66")],
    )
    return ExtractedFiling(source="pg.txt", sha256="ef" * 32, pages=1, blocks=[table])


def stored_amount_cell(url: str) -> int:
    db = open_database(url)
    try:
        with db.Session.begin() as session:
            doc = store_filing(one_cell_filing(), b"pg", "txt")
            session.add(doc)
            session.flush()
            return next(c.id for c in doc.tables[0].cells if c.col == 1)
    finally:
        db.dispose()


def test_migrations_run_on_an_empty_database(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        assert db.engine.dialect.name == "postgresql"
        tables = set(inspect(db.engine).get_table_names())
        assert {"document", "cell", "edit", "alembic_version"} <= tables
        with db.engine.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version
    finally:
        db.dispose()
    again = open_database(pg_url)  # already at head: opens without migrating
    again.dispose()


def test_version_column_refuses_a_stale_write(pg_url: str) -> None:
    cell_id = stored_amount_cell(pg_url)
    clerk_a, clerk_b = open_database(pg_url), open_database(pg_url)
    try:
        with clerk_a.Session() as sa, clerk_b.Session() as sb:
            mine, theirs = sa.get(Cell, cell_id), sb.get(Cell, cell_id)
            assert mine.version == theirs.version
            mine.text = "1900.00"
            sa.commit()
            theirs.text = "1882.67"
            with pytest.raises(StaleDataError):
                sb.commit()
    finally:
        clerk_a.dispose()
        clerk_b.dispose()


def test_second_clerk_sees_the_first_clerks_value(pg_url: str) -> None:
    from model.review import EditConflict, set_cell_text

    cell_id = stored_amount_cell(pg_url)
    clerk_a, clerk_b = open_database(pg_url), open_database(pg_url)
    try:
        set_cell_text(clerk_a, cell_id, "1900.00", expected="1882.66", reviewer="甲")
        with pytest.raises(EditConflict) as caught:
            set_cell_text(clerk_b, cell_id, "1882.67", expected="1882.66", reviewer="乙")
        assert caught.value.current_text == "1900.00"
        assert "1900.00" in str(caught.value)
        with clerk_b.Session() as session:
            assert session.get(Cell, cell_id).text == "1900.00"
    finally:
        clerk_a.dispose()
        clerk_b.dispose()


def test_concurrent_saves_lose_no_update(pg_url: str) -> None:
    """Two clerks hammer one cell, each starting from the text it last saw. Every save
    either lands or raises EditConflict, and the audit trail is one unbroken chain."""
    from model.review import EditConflict, set_cell_text

    cell_id = stored_amount_cell(pg_url)
    saved: dict[str, int] = {"甲": 0, "乙": 0}
    errors: list[BaseException] = []

    def clerk(name: str) -> None:
        db = open_database(pg_url)
        seen = "1882.66"
        try:
            for i in range(25):
                new = f"{name}{i}"
                try:
                    set_cell_text(db, cell_id, new, expected=seen, reviewer=name)
                    seen = new
                    saved[name] += 1
                except EditConflict as conflict:
                    seen = conflict.current_text  # the clerk sees it and chooses again
        except BaseException as err:  # noqa: BLE001 - reported by the main thread
            errors.append(err)
        finally:
            db.dispose()

    threads = [threading.Thread(target=clerk, args=(n,)) for n in saved]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    db = open_database(pg_url)
    try:
        with db.Session() as session:
            edits = session.scalars(
                select(Edit).where(Edit.cell_id == cell_id).order_by(Edit.id)
            ).all()
            final = session.get(Cell, cell_id)
            chain = [e.old_text for e in edits] + [edits[-1].new_text]
            assert len(edits) == sum(saved.values())
            assert chain[0] == "1882.66"
            for before, after in zip(edits, edits[1:], strict=False):
                assert after.old_text == before.new_text, "an update was lost silently"
            assert final.text == edits[-1].new_text
            assert final.version == 1 + len(edits)
    finally:
        db.dispose()


def test_command_line_runs_against_postgresql(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import main

    stored_amount_cell(pg_url)
    assert main.main(["--db", pg_url, "list"]) == main.EXIT_OK
    out = capsys.readouterr().out
    assert "pg.txt" in out


def test_two_processes_import_the_same_file_at_once(pg_url: str, tmp_path: Path) -> None:
    """The second insert waits on the unique sha256 index until the first commits, then
    fails there; it is rolled back and the first's document is returned."""
    open_database(pg_url).dispose()  # migrated once, not by both clerks at once
    assert_two_processes_share_each_import(pg_url, tmp_path)
