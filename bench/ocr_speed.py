"""Seconds per scanned page and peak memory of OCR in worker processes.

Runs parsers.pdf_scan.ocr_pages on the first N pages of a scan with 1 and with 2
workers (the office PCs have 2 cores) and prints wall seconds per page; peak memory
is the largest sum of resident memory of this process and its workers, sampled
every 0.2 s (/proc, Linux). CPU s/page (workers' user+sys) is the cost without
the noise of other programs: on 2 idle cores the wall time is about half of it.
With --pages 40 it is the 40-page figure of the goal.

Usage: uv run python bench/ocr_speed.py [SCAN.pdf] [--pages 6] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import os
import resource
import threading
import time
from pathlib import Path


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = (task / "children").read_text().split()
        except OSError:
            continue
        for k in kids:
            out.append(int(k))
            out.extend(children(int(k)))
    return out


class PeakMemory:
    """Samples this process tree's total RSS in a thread; `.peak_mb` once stopped."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            total = rss_kb(me) + sum(rss_kb(c) for c in children(me))
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024


def main(argv: list[str] | None = None) -> None:
    # Imported here, not at the top: a spawned worker re-imports this script as its
    # __main__, and PyMuPDF there would cost each worker the memory measured here.
    import pymupdf

    from parsers.pdf_scan import ocr_pages

    ap = argparse.ArgumentParser()
    ap.add_argument("scan", nargs="?", default="/work/shared/corpus/dev/002-scan.pdf")
    ap.add_argument("--pages", type=int, default=6)
    ap.add_argument("--workers", default="1,2")
    a = ap.parse_args(argv)
    data = Path(a.scan).read_bytes()
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        n = min(a.pages, doc.page_count)
    for workers in (int(w) for w in a.workers.split(",")):
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        with PeakMemory() as mem:
            t0 = time.perf_counter()
            pages = ocr_pages(data, range(1, n + 1), workers=workers)
            secs = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU seconds of the workers: what a page costs whatever else the machine runs.
        cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
        words = sum(len(p.words) for p in pages)
        print(
            f"{Path(a.scan).name}: {n} pages, {workers} worker(s): {secs:.1f} s, "
            f"{secs / n:.2f} s/page (incl. start-up), CPU {cpu / n:.2f} s/page, {words} words, "
            f"peak memory {mem.peak_mb:.0f} MB, load avg {os.getloadavg()[0]:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
