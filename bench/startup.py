"""Start-up as whole processes, side by side in one run (issue 17).

Each timed as a fresh process with this interpreter (no `uv run` in front of either):

  help         `main.py --help`: the CLI without any model or parser import
  extract      `main.py extract FILE -o out.json` into a library already at the current
               schema version (a copy of one migrated, empty SQLite file per run), so
               the file is read, stored and written out as JSON
  find_tables  a plain script: `import pymupdf`, open FILE, `page.find_tables()` and
               `table.extract()` on every page (the comparison the issue sets)
  find_tables_no_layout  the same with pymupdf.layout and pymupdf4llm kept out (as
               parsers/__init__.py does): PyMuPDF 2 otherwise runs its ONNX layout
               model inside find_tables when pymupdf-layout is installed, as it is here

The median of --repeat runs is printed for each, and `-X importtime` of one extract run
gives the top-level imports it paid for. Goal: extract no slower than find_tables (either).

Two rounds: "source" with the environment as it is (this machine's shell sets
PYTHONDONTWRITEBYTECODE=1, so every process compiles every module it imports, ~1 s),
and "bytecode" with a .pyc cache in a temporary folder (PYTHONPYCACHEPREFIX, filled by
one unmeasured run), as an installed program has; the tree and .venv get no .pyc.

    uv run python bench/startup.py [--file /work/shared/corpus/dev/002-text.pdf] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILE = Path("/work/shared/corpus/dev/002-text.pdf")

FIND_TABLES = """
import sys
if sys.argv[2:] == ["-"]:  # find_tables_no_layout
    sys.modules["pymupdf.layout"] = sys.modules["pymupdf4llm"] = None
import pymupdf

doc = pymupdf.open(sys.argv[1])
for page in doc:
    for table in page.find_tables():
        table.extract()
"""


def _seconds(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def _imports(cmd: list[str], top: int, env: dict[str, str]) -> list[tuple[str, float]]:
    """The slowest top-level imports (cumulative seconds) of one run of `cmd`."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", *cmd[1:]],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ).stderr
    rows = []
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].startswith(" ") and not parts[2].startswith("  "):
            try:
                rows.append((parts[2].strip(), int(parts[1]) / 1e6))
            except ValueError:
                continue  # the header line
    return sorted(rows, key=lambda r: -r[1])[:top]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=DEFAULT_FILE)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pristine = work / "pristine.sqlite3"
        subprocess.run(
            [py, "-c", f"from model.database import open_database as o; o({_url(pristine)!r})"],
            cwd=ROOT,
            check=True,
        )

        def extract_cmd(run: int) -> list[str]:
            db = work / f"run{run}.sqlite3"
            shutil.copyfile(pristine, db)
            out = work / f"run{run}.json"
            return [py, "main.py", "--db", _url(db), "extract", str(args.file), "-o", str(out)]

        commands = {
            "help": lambda _run: [py, "main.py", "--help"],
            "extract": extract_cmd,
            "find_tables": lambda _run: [py, "-c", FIND_TABLES, str(args.file)],
            "find_tables_no_layout": lambda _run: [py, "-c", FIND_TABLES, str(args.file), "-"],
        }
        source = dict(os.environ)
        bytecode = {k: v for k, v in source.items() if k != "PYTHONDONTWRITEBYTECODE"}
        bytecode["PYTHONPYCACHEPREFIX"] = str(work / "pyc")
        for cmd in commands.values():
            _seconds(cmd(0), bytecode)  # fills the .pyc cache, not measured
        print(f"{args.file.name}, {args.repeat} runs each, median (all runs) in s")
        for label, env in (("source", source), ("bytecode", bytecode)):
            times: dict[str, list[float]] = {name: [] for name in commands}
            for run in range(args.repeat):  # interleaved: load on the machine hits all alike
                for name, cmd in commands.items():
                    times[name].append(_seconds(cmd(run), env))
            _report(label, times, _imports(extract_cmd(args.repeat), 5, env))
    return 0


def _report(label: str, times: dict[str, list[float]], imports: list[tuple[str, float]]) -> None:
    print(f"[{label}]")
    for name, ts in times.items():
        runs = ", ".join(f"{t:.2f}" for t in ts)
        print(f"  {name:<22} {statistics.median(ts):5.2f}   ({runs})")
    for base in ("find_tables", "find_tables_no_layout"):
        ratio = statistics.median(times["extract"]) / statistics.median(times[base])
        print(f"  extract / {base} = {ratio:.2f} (goal <= 1.00)")
    print("  slowest top-level imports of one extract run (cumulative s):")
    print("   " + ", ".join(f"{module} {seconds:.2f}" for module, seconds in imports))


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


if __name__ == "__main__":
    sys.exit(main())
