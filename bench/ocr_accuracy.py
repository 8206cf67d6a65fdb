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
       [--garbled] (instead of NNN-scan.pdf: NNN-text.pdf with its fonts' ToUnicode maps
                   removed, as shared/tools/strip_tounicode.py does, so its text layer is
                   mojibake; read whole by parsers.formats.read_filing in auto mode, which
                   must judge each page's text layer and OCR the garbled ones)
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pymupdf

from parsers.extraction import ExtractedCell, ExtractedTable
from parsers.pdf_scan import ScanSettings, ocr_pages
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


def sealed(img: np.ndarray, dpi: int) -> np.ndarray:
    """A colour page with two red official seals (公章) printed over it: a ring, an
    inner ring, a star and a band of strokes, multiplied onto the page as ink is,
    so the figures under them stay as dark as a real stamped scan leaves them."""
    import cv2

    h, w = img.shape[:2]
    ink = np.full((h, w, 3), 255, np.uint8)
    red = (40, 40, 215)  # BGR
    r = int(0.8 * dpi)  # a 4 cm seal
    for cx, cy in ((int(w * 0.32), int(h * 0.42)), (int(w * 0.68), int(h * 0.72))):
        cv2.circle(ink, (cx, cy), r, red, max(3, dpi // 30))
        cv2.circle(ink, (cx, cy), int(r * 0.86), red, max(1, dpi // 100))
        star = [
            (cx + int(r * 0.3 * f * np.sin(a)), cy - int(r * 0.3 * f * np.cos(a)))
            for k in range(10)
            for a, f in [(k * np.pi / 5, 1.0 if k % 2 == 0 else 0.4)]
        ]
        cv2.fillPoly(ink, [np.array(star, np.int32)], red)
        for k in range(14):  # the seal's lettering, as strokes round the rim
            a = np.pi * (0.8 + 1.4 * k / 13)
            x, y = cx + int(r * 0.68 * np.cos(a)), cy + int(r * 0.68 * np.sin(a))
            cv2.rectangle(
                ink,
                (x - dpi // 20, y - dpi // 20),
                (x + dpi // 20, y + dpi // 20),
                red,
                max(1, dpi // 100),
            )
    # Stamp ink is translucent: the page shows through as through a filter.
    return (img.astype(np.uint16) * ink // 255).astype(np.uint8)


def reimaged(pdf_bytes: bytes, dpi: int, skew: float = 0.0, seal: bool = False) -> bytes:
    """The PDF rebuilt from page images rendered at `dpi`, turned by `skew` degrees
    (JPEG, quality 75; grayscale, or colour with two red seals on every page)."""
    import cv2

    with pymupdf.open(stream=pdf_bytes, filetype="pdf") as doc, pymupdf.open() as out:
        for page in doc:
            pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
            img = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, : pix.w]
            if skew:
                m = cv2.getRotationMatrix2D((pix.w / 2, pix.h / 2), skew, 1.0)
                img = cv2.warpAffine(img, m, (pix.w, pix.h), borderValue=255)
            if seal:
                img = sealed(cv2.cvtColor(img, cv2.COLOR_GRAY2BGR), dpi)
            jpeg = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 75])[1].tobytes()
            new = out.new_page(width=page.rect.width, height=page.rect.height)
            new.insert_image(new.rect, stream=jpeg)
        return out.tobytes(garbage=3, deflate=True)


def without_tounicode(pdf_bytes: bytes) -> bytes:
    """The PDF with every font's ToUnicode map removed: it renders as before, its text
    layer decodes to glyph numbers (shared/tools/strip_tounicode.py)."""
    with pymupdf.open(stream=pdf_bytes, filetype="pdf") as doc:
        for xref in range(1, doc.xref_length()):
            try:
                kind = doc.xref_get_key(xref, "Type")
            except Exception:  # noqa: BLE001 - a broken object is simply not a font
                continue
            if kind[1] == "/Font" and doc.xref_get_key(xref, "ToUnicode")[0] != "null":
                doc.xref_set_key(xref, "ToUnicode", "null")
        return doc.tobytes(garbage=3, deflate=True)


def garbled(corpus: Path, out_dir: Path, only: set[str]) -> None:
    """Each NNN-text.pdf without ToUnicode, read in auto mode and scored: one line each."""
    from parsers.formats import read_filing
    from parsers.pdf import GARBLED_NOTE

    score_py = corpus.parent / "score.py"
    for text in sorted(corpus.glob("*-text.pdf")):
        stem = text.name.split("-")[0]
        if only and stem not in only:
            continue
        data = without_tounicode(text.read_bytes())
        t0 = time.perf_counter()
        filing = read_filing(data, f"{stem}-garbled.pdf", ocr="auto")
        secs = time.perf_counter() - t0
        noted = sum(p.text == GARBLED_NOTE for p in filing.paragraphs)
        path = out_dir / f"{stem}-garbled.json"
        path.write_text(json.dumps(filing.to_json(), ensure_ascii=False))
        s = score(corpus / f"{stem}.gt.json", path, score_py)
        print(
            f"{stem}-text.pdf without ToUnicode, auto: pages {filing.pages}, "
            f"judged garbled {noted}, read in {secs:.1f} s ({secs / filing.pages:.2f} s/page), "
            + ", ".join(
                f"{k} {figure(s, k)}"
                for k in ("table_recall", "cell_accuracy", "numeric_cell_accuracy", "kind_accuracy")
            )
            + f", department {'ok' if s['department']['ok'] else 'WRONG'}"
            + f", year {'ok' if s['year']['ok'] else 'WRONG'}",
            flush=True,
        )


def garbled_against_text(pdfs: list[Path], out_dir: Path, score_py: Path) -> None:
    """Real filings never seen in the dev corpus, without ToUnicode, read in auto mode and
    scored against the same file read through its intact text layer (that reading, 100 %
    on the dev PDFs, stands in for a ground truth the real filings do not have)."""
    from parsers.formats import read_filing
    from parsers.pdf import GARBLED_NOTE

    for pdf in pdfs:
        data = pdf.read_bytes()
        truth = read_filing(data, pdf.name, ocr="never").to_json()
        gt = {
            "department": truth["department"],
            "year": truth["year"],
            "blocks": [
                {
                    "type": "table",
                    "title": t["title"],
                    "kind": t["kind"],
                    "part": t["part"],
                    "header_rows": t["header_rows"],
                    "rows": t["rows"],
                    "merges": [],
                }
                for t in truth["tables"]
            ],
        }
        gt_path = out_dir / f"{pdf.stem}-text-layer.gt.json"
        gt_path.write_text(json.dumps(gt, ensure_ascii=False))
        t0 = time.perf_counter()
        filing = read_filing(without_tounicode(data), f"{pdf.stem}-garbled.pdf", ocr="auto")
        secs = time.perf_counter() - t0
        noted = sum(p.text == GARBLED_NOTE for p in filing.paragraphs)
        path = out_dir / f"{pdf.stem}-garbled.json"
        path.write_text(json.dumps(filing.to_json(), ensure_ascii=False))
        s = score(gt_path, path, score_py)
        print(
            f"{pdf.name} without ToUnicode, auto, against its text layer: pages "
            f"{filing.pages}, judged garbled {noted}, read in {secs:.1f} s, "
            + ", ".join(
                f"{k} {figure(s, k)}"
                for k in ("table_recall", "cell_accuracy", "numeric_cell_accuracy", "kind_accuracy")
            ),
            flush=True,
        )


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
    ap.add_argument("--seal", action="store_true", help="two red seals on every page (colour)")
    ap.add_argument(
        "--keep-stamps", action="store_true", help="read colour as plain gray (the before)"
    )
    ap.add_argument(
        "--garbled", action="store_true", help="text PDFs without ToUnicode, read in auto mode"
    )
    ap.add_argument(
        "--garbled-real",
        nargs="+",
        type=Path,
        default=[],
        help="real PDFs without ToUnicode, scored against their own text layer",
    )
    a = ap.parse_args(argv)
    corpus = Path(a.corpus)
    out_dir = Path(a.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    score_py = corpus.parent / "score.py"
    only = {x for x in a.only.split(",") if x}
    if a.garbled:
        garbled(corpus, out_dir, only)
        return
    if a.garbled_real:
        garbled_against_text(a.garbled_real, out_dir, score_py)
        return
    for scan in sorted(corpus.glob("*-scan.pdf")):
        stem = scan.name.split("-")[0]
        if only and stem not in only:
            continue
        if a.from_xlsx:
            from common import excel_print  # LibreOffice, as bench/accuracy.py uses it

            printed = excel_print(corpus / f"{stem}.xlsx")
            if printed is None:
                raise SystemExit("LibreOffice is not installed")
            data = reimaged(printed.read_bytes(), a.dpi or 200, a.skew, a.seal)
        else:
            data = scan.read_bytes()
            if a.dpi or a.seal:
                data = reimaged(data, a.dpi or 200, seal=a.seal)
        with pymupdf.open(stream=data, filetype="pdf") as doc:
            n = doc.page_count
            sizes = [(pg.rect.width, pg.rect.height) for pg in doc]
        dpi = f" at {a.dpi} dpi" if a.dpi else ""
        if a.seal:
            dpi += " sealed" + (" (stamps kept)" if a.keep_stamps else "")
        if a.from_xlsx:
            dpi = f" as xlsx printed, imaged at {a.dpi or 200} dpi, skew {a.skew}°"
        cache = out_dir / f"{stem}{dpi.replace(' ', '_')}-pages.pickle"
        t0 = time.perf_counter()
        if a.reuse and cache.exists():
            pages = pickle.loads(cache.read_bytes())
        else:
            settings = ScanSettings(stamp_saturation=0) if a.keep_stamps else None
            pages = ocr_pages(data, range(1, n + 1), workers=a.workers, settings=settings)
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
