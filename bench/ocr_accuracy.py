"""Accuracy of scanned-PDF reading against ground truth, beside an unstructured peer.

For each `NNN-scan.pdf` in the corpus folder: OCR every page once (parsers.pdf_scan.
ocr_pages, 2 worker processes), then build two extractions from the same OCR words:
  ours  the shared table steps (page_items + assemble), as parsers/pdf.py does;
  peer  RapidOCR boxes without structure: one table per page, one row per OCR text
        line (boxes grouped by vertical overlap, left to right), the best
        off-the-shelf reading that runs offline here.
Both are scored with corpus/score.py. Prints one line per filing and the totals.

Usage: uv run python bench/ocr_accuracy.py [CORPUS_DIR] [--only 002,004] [--out DIR]
       [--reuse]  (take the OCR'd pages pickled in DIR by an earlier run)
       [--dpi N]  (first re-image each scan at N dpi, JPEG quality 75: a poorer scanner
                   than the corpus's 200 dpi, as unseen filings may come from)
       [--from-xlsx [--skew DEG]]  (instead of NNN-scan.pdf: NNN.xlsx printed to PDF by
                   LibreOffice, other fonts and column widths, then imaged at --dpi
                   (default 200) leaning by DEG degrees: a table printed from Excel and
                   scanned)
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pymupdf

from parsers.extraction import ExtractedCell, ExtractedTable
from parsers.pdf_scan import ocr_pages
from parsers.tables.assemble import assemble
from parsers.tables.cells import page_items
from parsers.tables.layout import PageContent
from parsers.tables.settings import SCAN


def peer_tables(pages: list[PageContent]) -> list[ExtractedTable]:
    tables = []
    for p in pages:
        lines: list[list] = []
        for w in sorted(p.words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2):
            cy = (w.bbox[1] + w.bbox[3]) / 2
            if lines and abs(cy - lines[-1][0]) < 0.5 * (w.bbox[3] - w.bbox[1]):
                lines[-1][1].append(w)
            else:
                lines.append([cy, [w]])
        rows = [sorted(ws, key=lambda w: w.bbox[0]) for _, ws in lines]
        n_cols = max((len(r) for r in rows), default=0)
        cells = [
            ExtractedCell(i, j, w.text, page=p.number, bbox=w.bbox, confidence=w.confidence)
            for i, r in enumerate(rows)
            for j, w in enumerate(r)
        ]
        tables.append(ExtractedTable("", None, None, len(rows), n_cols, 0, cells, [p.number]))
    return tables


def reimaged(pdf_bytes: bytes, dpi: int, skew: float = 0.0) -> bytes:
    """The PDF rebuilt from page images rendered at `dpi`, turned by `skew` degrees
    (grayscale JPEG, quality 75)."""
    import cv2
    import numpy as np

    with pymupdf.open(stream=pdf_bytes, filetype="pdf") as doc, pymupdf.open() as out:
        for page in doc:
            pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
            img = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, : pix.w]
            if skew:
                m = cv2.getRotationMatrix2D((pix.w / 2, pix.h / 2), skew, 1.0)
                img = cv2.warpAffine(img, m, (pix.w, pix.h), borderValue=255)
            jpeg = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 75])[1].tobytes()
            new = out.new_page(width=page.rect.width, height=page.rect.height)
            new.insert_image(new.rect, stream=jpeg)
        return out.tobytes(garbage=3, deflate=True)


def score(gt: Path, out: Path, score_py: Path) -> dict:
    res = subprocess.run(
        [sys.executable, str(score_py), str(gt), str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(res.stdout)


def figure(s: dict, key: str) -> str:
    v = s.get(key)
    if isinstance(v, dict):
        return f"{100 * v.get('rate', 0):.2f}% ({v.get('right')}/{v.get('total')})"
    return str(v)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default="/work/shared/corpus/dev")
    ap.add_argument("--only", default="")
    ap.add_argument("--out", default="/tmp/ocr_accuracy")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--reuse", action="store_true")
    ap.add_argument("--dpi", type=int, default=0)
    ap.add_argument("--from-xlsx", action="store_true")
    ap.add_argument("--skew", type=float, default=0.0)
    a = ap.parse_args(argv)
    corpus = Path(a.corpus)
    out_dir = Path(a.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    score_py = corpus.parent / "score.py"
    only = {x for x in a.only.split(",") if x}
    for scan in sorted(corpus.glob("*-scan.pdf")):
        stem = scan.name.split("-")[0]
        if only and stem not in only:
            continue
        if a.from_xlsx:
            from common import excel_print  # LibreOffice, as bench/accuracy.py uses it

            printed = excel_print(corpus / f"{stem}.xlsx")
            if printed is None:
                raise SystemExit("LibreOffice is not installed")
            data = reimaged(printed.read_bytes(), a.dpi or 200, a.skew)
        else:
            data = scan.read_bytes()
            if a.dpi:
                data = reimaged(data, a.dpi)
        with pymupdf.open(stream=data, filetype="pdf") as doc:
            n = doc.page_count
            sizes = [(pg.rect.width, pg.rect.height) for pg in doc]
        dpi = f" at {a.dpi} dpi" if a.dpi else ""
        if a.from_xlsx:
            dpi = f" as xlsx printed, imaged at {a.dpi or 200} dpi, skew {a.skew}°"
        cache = out_dir / f"{stem}{dpi.replace(' ', '_')}-pages.pickle"
        t0 = time.perf_counter()
        if a.reuse and cache.exists():
            pages = pickle.loads(cache.read_bytes())
        else:
            pages = ocr_pages(data, range(1, n + 1), workers=a.workers)
            cache.write_bytes(pickle.dumps(pages))
        secs = time.perf_counter() - t0
        items = [it for p in pages for it in page_items(p, SCAN)]
        ours = assemble(items, source=scan.name, pages=n, page_sizes=sizes)
        peer = assemble([], source=scan.name, pages=n, page_sizes=sizes)
        peer.blocks = list(peer_tables(pages))
        gt = corpus / f"{stem}.gt.json"
        for label, filing in (("ours", ours), ("peer", peer)):
            path = out_dir / f"{stem}-{label}.json"
            path.write_text(json.dumps(filing.to_json(), ensure_ascii=False))
            s = score(gt, path, score_py)
            print(
                f"{scan.name}{dpi} {label}: pages {n}, OCR {secs:.1f} s ({secs / n:.2f} s/page), "
                + ", ".join(
                    f"{k} {figure(s, k)}"
                    for k in (
                        "table_recall",
                        "cell_accuracy",
                        "numeric_cell_accuracy",
                        "kind_accuracy",
                    )
                )
                + f", department {'ok' if s['department']['ok'] else 'WRONG'}"
                + f", year {'ok' if s['year']['ok'] else 'WRONG'}",
                flush=True,
            )


if __name__ == "__main__":
    main()
