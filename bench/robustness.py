"""Robustness figures for bench/RESULTS.md: bad inputs through the command line, edits
under `kill -9`, and the parser fuzz run.

    uv run python bench/robustness.py [--kills 12] [--fuzz-seconds 60]

A bad input is a crash when `main.main` raises, exits other than 2, or writes anything
but one Chinese line to stderr. An edit is lost when the library differs after a bad
input, or when an edit acknowledged before a SIGKILL is missing afterwards. Goals: 0.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select, text  # noqa: E402

import main  # noqa: E402
from bench.fuzz import run_fuzz  # noqa: E402
from model.database import open_database  # noqa: E402
from model.importing import store_filing  # noqa: E402
from model.schema import Cell, Edit  # noqa: E402
from tests.model.test_crash_safety import _order, filing_with_cells, run_and_kill  # noqa: E402
from tests.test_bad_input import BAD_FILES  # noqa: E402

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def make_library(folder: Path) -> str:
    from tests.test_bad_input import make_library as library_with_an_edit

    return library_with_an_edit(f"sqlite:///{folder / 'library.sqlite3'}")


def snapshot(url: str) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def cli(url: str, *args: str) -> tuple[int | str, list[str]]:
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code: int | str = main.main(["--db", url, *args])
    except BaseException as exc:  # noqa: BLE001 - counted as a crash
        code = f"{type(exc).__name__}"
    return code, err.getvalue().splitlines()


def clean_refusal(code: int | str, err: list[str]) -> bool:
    return code == main.EXIT_BAD_INPUT and len(err) == 1 and bool(CHINESE.search(err[0]))


def bad_input_cases(work: Path) -> dict[str, Callable[[str], tuple[int | str, list[str]]]]:
    """Each case: given a library URL, do the bad thing, return (exit, stderr lines)."""
    cases: dict[str, Callable[[str], tuple[int | str, list[str]]]] = {}
    for case, (name, make) in sorted(BAD_FILES.items()):

        def run(url: str, name: str = name, make=make) -> tuple[int | str, list[str]]:  # noqa: ANN001
            path = work / "in" / name
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(make(work))
            return cli(url, "extract", str(path), "--ocr", "never")

        cases[case] = run

    def two_gb(url: str) -> tuple[int | str, list[str]]:
        path = work / "huge.pdf"
        with open(path, "wb") as f:
            f.write(b"%PDF-1.7\n")
            f.truncate(2 * 2**30)
        try:
            return cli(url, "extract", str(path))
        finally:
            path.unlink()

    def disk_full(url: str) -> tuple[int | str, list[str]]:
        def no_space(_fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        out = work / "out"
        out.mkdir(exist_ok=True)
        with mock.patch("os.fsync", no_space):
            result = cli(url, "extract", "1", "-o", str(out / "x.json"))
        if any(out.iterdir()):
            return "partial file left", result[1]
        return result

    def newer_schema(url: str) -> tuple[int | str, list[str]]:
        copy = work / "newer.sqlite3"
        shutil.copy(url.removeprefix("sqlite:///"), copy)
        db = open_database(f"sqlite:///{copy}")
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
        db.dispose()
        return cli(f"sqlite:///{copy}", "list")

    def not_a_database(_url: str) -> tuple[int | str, list[str]]:
        path = work / "garbage.sqlite3"
        path.write_bytes("这不是数据库".encode() * 400)
        return cli(f"sqlite:///{path}", "list")

    def read_only_folder(url: str) -> tuple[int | str, list[str]]:
        folder = work / "readonly"
        folder.mkdir(exist_ok=True)
        shutil.copy(url.removeprefix("sqlite:///"), folder / "library.sqlite3")
        folder.chmod(0o555)
        drop = []
        if os.geteuid() == 0 and shutil.which("setpriv"):
            drop = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"]
        try:
            child = subprocess.run(
                [
                    *drop,
                    sys.executable,
                    str(ROOT / "main.py"),
                    "--db",
                    f"sqlite:///{folder / 'library.sqlite3'}",
                    "list",
                ],
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=120,
            )
        finally:
            folder.chmod(0o755)
        return child.returncode, child.stderr.splitlines()

    def output(*args: str) -> Callable[[str], tuple[int | str, list[str]]]:
        """An `-o` that must be refused before anything is imported (issue 25)."""

        def run(url: str) -> tuple[int | str, list[str]]:
            path = work / "in" / "letter.pdf"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(_letter_pdf())
            return cli(url, *[a.replace("WORK", str(work)) for a in args])

        return run

    (work / "a-folder").mkdir(exist_ok=True)
    loop = work / "loop.json"
    if not loop.is_symlink():
        loop.symlink_to(loop)
    cases.update(
        {
            "out-a-device": output("extract", "WORK/in/letter.pdf", "-o", "/dev/null"),
            "out-a-folder": output("extract", "WORK/in/letter.pdf", "-o", "WORK/a-folder"),
            "out-missing-folder": output("export", "1", "-o", "WORK/no-such-folder/"),
            "out-symlink-loop": output("extract", "WORK/in/letter.pdf", "-o", str(loop)),
            "input-a-folder": output("extract", "WORK/a-folder"),
            "check-empty-folder": output("check", "WORK/a-folder"),
        }
    )
    for case, bad_url in {
        "db-unknown-scheme": "foo://bar",
        "db-url-garbage": "not a url at all",
        "db-server-down": "postgresql+psycopg://clerk@127.0.0.1:1/library",
        "db-driver-missing": "postgresql+nosuchdriver://clerk@127.0.0.1/library",
    }.items():
        cases[case] = lambda _url, bad_url=bad_url: cli(bad_url, "list")
    cases.update(
        {
            "file-2gb": two_gb,
            "disk-full-on-write": disk_full,
            "db-newer-schema": newer_schema,
            "db-not-a-database": not_a_database,
            "db-read-only-folder": read_only_folder,
        }
    )
    return cases


def _letter_pdf() -> bytes:
    import pymupdf

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "A letter, no table in it.")
    return doc.tobytes()


def imported_as_described(work: Path) -> tuple[int, list[str]]:
    """Inputs that are imported, not refused (issue 25), each checked for what it must do:
    a text without a table says so in one line; two processes importing the same new
    file at once both end well with one document stored. (cases, faults)"""
    url = f"sqlite:///{work / 'described.sqlite3'}"
    open_database(url).dispose()
    faults: list[str] = []
    path = work / "letter.pdf"
    path.write_bytes(_letter_pdf())
    code, err = cli(url, "extract", str(path), "--ocr", "never")
    if code != main.EXIT_OK or len(err) != 1 or "没有找到预算表格" not in err[0]:
        faults.append(f"text-without-table: exit {code}, stderr {err[:3]}")
    seed = ROOT / "tests" / "fixtures" / "seeds" / "002_8e3e12a46d67024c.txt"
    same = work / "same.txt"
    same.write_bytes(seed.read_bytes())
    argv = [sys.executable, str(ROOT / "main.py"), "--db", url, "extract", str(same)]
    kids = [subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)]
    kids.append(subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    for kid in kids:
        _, err_bytes = kid.communicate(timeout=600)
        if kid.returncode != 0:
            faults.append(f"same-file-twice-at-once: exit {kid.returncode}, {err_bytes[-200:]!r}")
    db = open_database(url)
    with db.engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM document WHERE name = 'same.txt'")).scalar()
    db.dispose()
    if n != 1:
        faults.append(f"same-file-twice-at-once: {n} documents stored")
    return 2, faults


def bad_inputs(work: Path) -> tuple[int, int, int, list[str]]:
    url = make_library(work)
    tried = crashes = lost = 0
    notes: list[str] = []
    for case, run in bad_input_cases(work).items():
        before = snapshot(url)
        code, err = run(url)
        tried += 1
        if not clean_refusal(code, err):
            crashes += 1
            notes.append(f"{case}: exit {code}, stderr {err[:3]}")
        if snapshot(url) != before:
            lost += 1
            notes.append(f"{case}: library changed")
    return tried, crashes, lost, notes


def kill_cycles(work: Path, kills: int, seed: int) -> tuple[int, int, int]:
    """(kills, edits acknowledged, acknowledged edits missing afterwards)."""
    rng = random.Random(seed)
    url = f"sqlite:///{work / 'crash.sqlite3'}"
    db = open_database(url)
    with db.Session.begin() as session:
        session.add(store_filing(filing_with_cells(8), b"crash", "txt"))
    db.dispose()
    acked: list[tuple[int, str]] = []
    for k in range(kills):
        acked += run_and_kill(url, f"r{k:03d}", rng.randint(1, 80))
    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            intact = conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        with db.Session() as session:
            edits = {(e.cell_id, e.new_text) for e in session.scalars(select(Edit))}
            stored = {c.id: c.text for c in session.scalars(select(Cell))}
    finally:
        db.dispose()
    missing = sum(1 for a in acked if a not in edits)
    last = dict(acked)
    missing += sum(1 for cid, v in last.items() if _order(stored[cid]) < _order(v))
    return kills, len(acked), missing + (0 if intact else 1)


def main_() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--kills", type=int, default=12)
    p.add_argument("--fuzz-seconds", type=float, default=60.0)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix="brd-robust-"))
    try:
        t0 = time.monotonic()
        tried, crashes, lost, notes = bad_inputs(work)
        described, faults = imported_as_described(work)
        notes += faults
        t1 = time.monotonic()
        kills, acked, missing = kill_cycles(work, args.kills, args.seed)
        t2 = time.monotonic()
        fuzz = run_fuzz(args.fuzz_seconds, args.seed)
        t3 = time.monotonic()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("## Robustness (bench/robustness.py)")
    print()
    print("| check | tried | crashes (goal 0) | edits lost (goal 0) | escapes (goal 0) | s |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| bad inputs via CLI | {tried} | {crashes} | {lost} | – | {t1 - t0:.0f} |")
    print(f"| imported as described | {described} | {len(faults)} | – | – | |")
    print(
        f"| kill -9 mid-edit | {kills} kills, {acked} acked edits | – | {missing} | – "
        f"| {t2 - t1:.0f} |"
    )
    escapes = fuzz.counts["escape"]
    print(
        f"| parser fuzz | {fuzz.total} inputs | {fuzz.counts['crash']} crash, "
        f"{fuzz.counts['hang']} hang | – | {escapes} | {t3 - t2:.0f} |"
    )
    print()
    print(
        f"Fuzz outcomes: read {fuzz.counts['read']}, refused {fuzz.counts['refused']}, "
        f"reader faults caught by the safety net {fuzz.counts['reader_fault']}."
    )
    for line in notes:
        print(f"- {line}")
    if fuzz.details:
        print("Reader faults (for the readers' owners):")
        for (outcome, kind, detail), n in fuzz.details.most_common(15):
            print(f"- {outcome} {kind} x{n}: {detail}")


if __name__ == "__main__":
    main_()
