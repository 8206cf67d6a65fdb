"""Cell accuracy of the DOCX and XLSX readers on the dev corpus (issue 6).

Extracts every `.docx` and `.xlsx` in CORPUS/dev through `parsers.formats.read_filing`
(the same path as `main.py extract`, minus the database), writes the extraction JSON
to a temporary folder and scores it with the corpus's own score.py against
dev/NNN.gt.json. Prints one row per file and a micro-averaged total per format.
Goal: cell accuracy >= 99.9 %, table recall 100 %.

    uv run python bench/docx_xlsx_accuracy.py [--corpus /work/shared/corpus] [--details] [--xls]

--xls also saves each dev workbook in the old .xls format (Excel 97–2003, what WPS saves
by default) with LibreOffice (`soffice`, needed for this option only) and reads that.

Also times each read (seconds, wall clock) — figures for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parsers.formats import read_filing  # noqa: E402

FIGURES = (
    "table_recall",
    "cell_accuracy",
    "numeric_cell_accuracy",
    "kind_accuracy",
    "part_accuracy",
    "header_rows_accuracy",
)


def score(corpus: Path, gt: Path, out: Path, details: bool) -> dict:
    cmd = [sys.executable, str(corpus / "score.py"), str(gt), str(out), "--json"]
    result = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    if details:
        text = subprocess.run(cmd[:-1] + ["--details"], capture_output=True, text=True).stdout
        print(text)
    return result


def saved_as_xls(workbooks: list[Path], folder: Path) -> list[Path]:
    """Each workbook as LibreOffice saves it in the Excel 97–2003 format."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xls", "--outdir", str(folder)]
        + [str(p) for p in workbooks],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return [folder / f"{p.stem}.xls" for p in workbooks]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    ap.add_argument("--details", action="store_true", help="print score.py --details per file")
    ap.add_argument("--xls", action="store_true", help="also read each workbook saved as .xls")
    args = ap.parse_args()
    dev = args.corpus / "dev"
    files = sorted(p for p in dev.iterdir() if p.suffix in (".docx", ".xlsx"))
    totals: dict[str, dict[str, list[int]]] = {}
    print(f"{'file':<12} {'sec':>5} " + " ".join(f"{f[:18]:>20}" for f in FIGURES))
    with tempfile.TemporaryDirectory() as tmp:
        if args.xls:
            files += saved_as_xls([p for p in files if p.suffix == ".xlsx"], Path(tmp))
        for path in files:
            gt = dev / f"{path.stem}.gt.json"
            if not gt.exists():
                continue
            start = time.perf_counter()
            filing = read_filing(path.read_bytes(), path.name)
            seconds = time.perf_counter() - start
            out = Path(tmp) / f"{path.name}.json"
            out.write_text(json.dumps(filing.to_json(), ensure_ascii=False), encoding="utf-8")
            result = score(args.corpus, gt, out, args.details)
            fmt = path.suffix[1:]
            row = []
            for f in FIGURES:
                fig = result[f]
                acc = totals.setdefault(fmt, {}).setdefault(f, [0, 0])
                acc[0] += fig["right"]
                acc[1] += fig["total"]
                rate = f"{100 * fig['rate']:.2f}%" if fig["rate"] is not None else "-"
                row.append(f"{rate} {fig['right']}/{fig['total']}"[:20])
            dept_ok = (result.get("department") or {}).get("ok")
            year_ok = (result.get("year") or {}).get("ok")
            print(
                f"{path.name:<12} {seconds:5.2f} "
                + " ".join(f"{c:>20}" for c in row)
                + f"  dept={'ok' if dept_ok else 'NO'} year={'ok' if year_ok else 'NO'}"
            )
    for fmt, figs in sorted(totals.items()):
        cells = " ".join(
            f"{f}={100 * r / t:.3f}% ({r}/{t})" if t else f"{f}=-" for f, (r, t) in figs.items()
        )
        print(f"TOTAL {fmt}: {cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
