"""Table extraction accuracy on the text-layer PDFs of the dev corpus (issue 4).

Runs our importer (parsers.formats.read_filing, the path of `main.py extract` minus the
database) over every dev/*-text.pdf, and PyMuPDF find_tables() and pdfplumber on the
same files, scores all three with the corpus's score_all.py, and prints them side by
side per file and in total. Goal for ours: cell accuracy >= 99.5 %, table recall 100 %,
kind accuracy 100 %.

    uv run python bench/accuracy.py [--corpus /work/shared/corpus] [--only ours]
    uv run python bench/accuracy.py --only ours-across --only ours-down --only ours-none
    uv run python bench/accuracy.py --only ours-excel   # NNN.xlsx printed by LibreOffice
    uv run python bench/accuracy.py --only ours-excel-across --only ours-excel-none
    uv run python bench/accuracy.py --scans   # also every dev/*-scan.pdf, OCR'd (minutes)

--scans runs bench/ocr_accuracy.py after the table above: ours beside RapidOCR's boxes
without structure, goal cell accuracy >= 98 %, numeric >= 99 %, recall 100 % (issue 5).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from functools import partial  # noqa: E402

from common import (  # noqa: E402
    CORPUS,
    ours,
    ours_excel_print,
    ours_without_ruling,
    pdfplumber_tables,
    pymupdf_tables,
    score_folder,
    text_pdfs,
)

RUNNERS = {
    "ours": ours,
    "find_tables": pymupdf_tables,
    "pdfplumber": pdfplumber_tables,
    # robustness: the same pages with rules taken away (not run unless asked with --only)
    "ours-across": partial(ours_without_ruling, keep="across"),
    "ours-down": partial(ours_without_ruling, keep="down"),
    "ours-none": partial(ours_without_ruling, keep="none"),
    # the dev NNN.xlsx printed to PDF by LibreOffice (Excel-style partial gridlines)
    "ours-excel": ours_excel_print,
    "ours-excel-across": partial(ours_excel_print, borders="across"),
    "ours-excel-none": partial(ours_excel_print, borders="none"),
}
DEFAULT = ["ours", "find_tables", "pdfplumber"]
FIGURES = (
    "table_recall",
    "table_precision",
    "kind_accuracy",
    "header_rows_accuracy",
    "cell_accuracy",
    "numeric_cell_accuracy",
)


def _fmt(fig: dict) -> str:
    if fig.get("rate") is None:
        return "      -"
    return f"{100 * fig['rate']:6.2f}%"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--only", choices=sorted(RUNNERS), action="append")
    ap.add_argument("--scans", action="store_true", help="also the OCR'd *-scan.pdf files")
    args = ap.parse_args()
    pdfs = text_pdfs(args.corpus)
    if not pdfs:
        print(f"no *-text.pdf in {args.corpus / 'dev'}")
        return 1
    names = args.only or DEFAULT
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            out = Path(tmp) / name
            out.mkdir()
            for pdf in pdfs:
                try:
                    data = RUNNERS[name](pdf)
                except Exception as err:  # a baseline that fails scores as empty
                    data = {"error": str(err), "tables": []}
                (out / f"{pdf.stem}.json").write_text(json.dumps(data, ensure_ascii=False))
            results[name] = score_folder(args.corpus, out)
    head = f"{'runner':<17} {'file':<10} " + " ".join(
        f"{f.replace('_accuracy', '')[:13]:>14}" for f in FIGURES
    )
    print(head)
    print("-" * len(head))
    for name in names:
        for doc in results[name]["documents"]:
            label = doc["document"]
            cells = f"{doc['cell_accuracy']['right']}/{doc['cell_accuracy']['total']}"
            print(
                f"{name:<17} {label:<10} "
                + " ".join(f"{_fmt(doc[f]):>14}" for f in FIGURES)
                + f"  {cells}"
            )
        total = results[name]["total"]
        cells = f"{total['cell_accuracy']['right']}/{total['cell_accuracy']['total']}"
        print(
            f"{name:<17} {'TOTAL':<10} "
            + " ".join(f"{_fmt(total[f]):>14}" for f in FIGURES)
            + f"  {cells}"
        )
        print()
    if args.scans:
        import ocr_accuracy  # PyMuPDF and the OCR reader: only when asked

        ocr_accuracy.main([str(args.corpus / "dev")])
    return 0


if __name__ == "__main__":
    sys.exit(main())
