"""Seconds per page of the text-layer PDF reader beside PyMuPDF find_tables() (issue 4).

For each dev/*-text.pdf: our `parsers.pdf.read` (text layer, tables, stitching,
assembly) and a plain `page.find_tables()` loop over the same pages; each timed 5
times, the median divided by the page count. Single process (a process pool did not
pay at this speed: starting a worker costs more than a whole filing). Goal: <= 0.05 s/page.

    uv run python bench/speed.py [--corpus /work/shared/corpus] [--repeat 5]
    uv run python bench/speed.py --scans   # also each dev/*-scan.pdf, 40 pages, OCR

--scans runs bench/ocr_speed.py on every scan (its first 40 pages, 2 worker processes):
seconds per scanned page and peak memory, goals <= 2 s/page and <= 1.5 GB (issue 5).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CORPUS, text_pdfs  # noqa: E402


def _ours(data: bytes) -> None:
    from parsers.pdf import read

    read(data, "bench.pdf", ocr="never")


def _find_tables(data: bytes) -> None:
    import pymupdf

    doc = pymupdf.open(stream=data, filetype="pdf")
    for page in doc:
        page.find_tables()


def _median(fn, data: bytes, repeat: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(data)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-baseline", action="store_true", help="skip find_tables (slow)")
    ap.add_argument("--scans", action="store_true", help="also OCR speed on the *-scan.pdf files")
    args = ap.parse_args()
    import pymupdf

    print(f"{'file':<14} {'pages':>5} {'ours s/page':>12} {'find_tables s/page':>19}")
    all_ours, all_ft, all_pages = 0.0, 0.0, 0
    for pdf in text_pdfs(args.corpus):
        data = pdf.read_bytes()
        pages = pymupdf.open(stream=data, filetype="pdf").page_count
        a = _median(_ours, data, args.repeat)
        b = float("nan") if args.no_baseline else _median(_find_tables, data, args.repeat)
        all_ours, all_ft, all_pages = all_ours + a, all_ft + b, all_pages + pages
        print(f"{pdf.name:<14} {pages:>5} {a / pages:>12.4f} {b / pages:>19.4f}")
    if all_pages:
        a, b = all_ours / all_pages, all_ft / all_pages
        print(f"{'TOTAL':<14} {all_pages:>5} {a:>12.4f} {b:>19.4f}")
    if args.scans:
        import ocr_speed

        for scan in sorted((args.corpus / "dev").glob("*-scan.pdf")):
            ocr_speed.main([str(scan), "--pages", "40", "--workers", "2"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
