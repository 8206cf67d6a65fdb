"""The long parser fuzz run (minutes): mutated corpus fixtures through `read_filing` in a
worker process, so a hang (timeout) or a hard crash (segfault, OOM kill) is counted
instead of stopping the run.

    uv run python bench/fuzz.py --minutes 3 [--seed 1] [--timeout 30]

Counts per input: read, refused (deliberate InputError), reader fault (a reader's own
exception, wrapped by the safety net in parsers/formats.py; each distinct one is listed
for the reader's owner), escape (anything but InputError leaving read_filing; goal 0),
hang and crash (goal 0). Mutations are those of tests/parsers/test_fuzz.py.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.parsers.test_fuzz import SEED_NAMES, SEEDS, mutated  # noqa: E402

OUTCOMES = ("read", "refused", "reader_fault", "escape", "hang", "crash")


def _serve(conn) -> None:  # noqa: ANN001 - multiprocessing Connection
    """Worker loop: read (data, name), answer (outcome, detail)."""
    from parsers.extraction import InputError
    from parsers.formats import is_reader_fault, read_filing

    while True:
        job = conn.recv()
        if job is None:
            return
        data, name = job
        try:
            read_filing(data, name, ocr="never")
            conn.send(("read", ""))
        except InputError as err:
            if is_reader_fault(err):
                cause = err.__cause__
                conn.send(("reader_fault", f"{type(cause).__name__} {_where(cause)}"))
            else:
                conn.send(("refused", ""))
        except BaseException as err:  # noqa: BLE001 - that is what we count
            conn.send(("escape", f"{type(err).__name__} {_where(err)}: {err!s:.60}"))


def _where(err: BaseException | None) -> str:
    """The deepest project frame (parsers/...) the exception passed through."""
    frames = traceback.extract_tb(err.__traceback__) if err else []
    ours = [f for f in frames if "/parsers/" in f.filename] or frames[-1:]
    if not ours:
        return "?"
    f = ours[-1]
    return f"in {Path(f.filename).parent.name}/{Path(f.filename).name}:{f.lineno} ({f.name})"


class Worker:
    """One child process reading filings; replaced after a hang or a crash."""

    def __init__(self) -> None:
        self._start()

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child,), daemon=True)
        self.proc.start()

    def run(self, data: bytes, name: str, timeout: float) -> tuple[str, str]:
        try:
            self.conn.send((data, name))
            if self.conn.poll(timeout):
                return self.conn.recv()
            outcome = ("hang", f"no answer in {timeout:.0f} s")
        except (EOFError, BrokenPipeError, ConnectionResetError):
            outcome = ("crash", "worker died")
        self.proc.kill()
        self.proc.join()
        if outcome[0] == "crash":
            outcome = ("crash", f"worker died, exit code {self.proc.exitcode}")
        self._start()
        return outcome

    def close(self) -> None:
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()


@dataclass
class FuzzResult:
    counts: Counter = field(default_factory=Counter)
    per_seed: dict[str, Counter] = field(default_factory=dict)
    details: Counter = field(default_factory=Counter)  # (outcome, seed kind, detail) -> n

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def run_fuzz(seconds: float, seed: int = 1, timeout: float = 30.0) -> FuzzResult:
    """Fuzz for about `seconds` (the last input may overrun by up to `timeout`)."""
    rng = random.Random(seed)
    seeds = {name: (SEEDS / name).read_bytes() for name in SEED_NAMES}
    result = FuzzResult(per_seed={name: Counter() for name in SEED_NAMES})
    worker = Worker()
    worker.run(seeds[SEED_NAMES[-1]], SEED_NAMES[-1], 600)  # imports done before the clock
    end = time.monotonic() + seconds
    try:
        i = 0
        while time.monotonic() < end:
            name = SEED_NAMES[i % len(SEED_NAMES)]
            i += 1
            ops = [
                (rng.randrange(6), rng.randrange(2**31), rng.randrange(2**16))
                for _ in range(rng.randint(1, 8))
            ]
            data = mutated(seeds[name], name, rng.randrange(2**16), ops)
            outcome, detail = worker.run(data, name, timeout)
            result.counts[outcome] += 1
            result.per_seed[name][outcome] += 1
            if detail:
                result.details[(outcome, Path(name).suffix, detail)] += 1
    finally:
        worker.close()
    return result


def print_result(result: FuzzResult, seconds: float) -> None:
    print(f"## Parser fuzz: {result.total} mutated inputs in {seconds:.0f} s")
    print()
    print("| seed | " + " | ".join(OUTCOMES) + " |")
    print("|---|" + "---:|" * len(OUTCOMES))
    for name, counts in result.per_seed.items():
        print(f"| {name} | " + " | ".join(str(counts[o]) for o in OUTCOMES) + " |")
    print("| **all** | " + " | ".join(str(result.counts[o]) for o in OUTCOMES) + " |")
    if result.details:
        print()
        print("Reader faults, escapes, hangs and crashes (for the readers' owners):")
        for (outcome, kind, detail), n in result.details.most_common():
            print(f"- {outcome} {kind} x{n}: {detail}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--minutes", type=float, default=3.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--timeout", type=float, default=30.0, help="seconds per input")
    args = p.parse_args()
    started = time.monotonic()
    result = run_fuzz(args.minutes * 60, args.seed, args.timeout)
    print_result(result, time.monotonic() - started)


if __name__ == "__main__":
    main()
