"""Shared bits of the PDF benchmarks: the corpus path, the baseline extractors, scoring.

Baselines (PyMuPDF `page.find_tables()`, pdfplumber `extract_tables()`) are written as
extraction JSON with one table per page piece, no title, kind null and header_rows 1,
which is all they know; the corpus's own score_all.py then scores every runner alike.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = Path("/work/shared/corpus")


def text_pdfs(corpus: Path) -> list[Path]:
    return sorted((corpus / "dev").glob("*-text.pdf"))


def _rows(raw: list[list[str | None]]) -> list[list[str]]:
    return [[(c or "").strip() for c in row] for row in raw]


def _baseline_json(name: str, pages: int, tables: list[list[list[str]]]) -> dict:
    return {
        "source": name,
        "pages": pages,
        "department": {"code": None, "name": None},
        "year": None,
        "tables": [
            {"title": "", "kind": None, "part": None, "header_rows": 1, "rows": rows}
            for rows in tables
        ],
    }


def pymupdf_tables(path: Path) -> dict:
    import pymupdf

    doc = pymupdf.open(path)
    tables = [_rows(t.extract()) for page in doc for t in page.find_tables().tables]
    return _baseline_json(path.name, doc.page_count, tables)


def pdfplumber_tables(path: Path) -> dict:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        tables = [_rows(t) for page in pdf.pages for t in page.extract_tables()]
        return _baseline_json(path.name, len(pdf.pages), tables)


def ours(path: Path) -> dict:
    from parsers.formats import read_filing

    return read_filing(path.read_bytes(), path.name).to_json()


def score_folder(corpus: Path, out_dir: Path) -> dict:
    """score_all.py --json of `out_dir` (NNN-text.json files) against dev/NNN.gt.json."""
    cmd = [
        sys.executable,
        str(corpus / "score_all.py"),
        str(corpus / "dev"),
        str(out_dir),
        "--json",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def ours_without_ruling(path: Path, keep: str) -> dict:
    """Our reader on the same pages with part of the ruling taken away (keep="across":
    horizontal rules only, "down": vertical only, "none": no rules), to measure the
    text-alignment path on tables printed without full ruling."""
    import pymupdf

    from parsers.pdf import text_content
    from parsers.tables.assemble import assemble
    from parsers.tables.cells import page_items
    from parsers.tables.settings import TEXT_LAYER

    doc = pymupdf.open(path)
    items = []
    for i, page in enumerate(doc):
        content = text_content(page, i + 1)
        if keep == "across":
            content.segments = [s for s in content.segments if abs(s.y1 - s.y0) < 1]
        elif keep == "down":
            content.segments = [s for s in content.segments if abs(s.x1 - s.x0) < 1]
        elif keep == "none":
            content.segments = []
        items += page_items(content, TEXT_LAYER)
    sizes = [(p.rect.width, p.rect.height) for p in doc]
    return assemble(items, source=path.name, pages=doc.page_count, page_sizes=sizes).to_json()


_PRINTS = Path(tempfile.gettempdir()) / "brd-bench-excel-prints"


def _restyled(xlsx: Path, borders: str) -> Path:
    """A copy of `xlsx` with its cell borders changed: "across" keeps only the top and
    bottom borders (rules across, as many Excel sheets are drawn), "none" drops all."""
    import openpyxl
    from openpyxl.styles import Border

    out = _PRINTS / f"{xlsx.stem}-{borders}.xlsx"
    if out.exists() and out.stat().st_mtime >= xlsx.stat().st_mtime:
        return out
    wb = openpyxl.load_workbook(xlsx)
    for ws in wb:
        ws.print_options.gridLines = False
        for row in ws.iter_rows():
            for cell in row:
                b = cell.border
                cell.border = (
                    Border(top=b.top, bottom=b.bottom) if borders == "across" else Border()
                )
    wb.save(out)
    return out


def excel_print(xlsx: Path, borders: str = "as-is") -> Path | None:
    """`xlsx` printed to PDF by LibreOffice as Excel would print it (gridlines only
    where cell borders are set; `borders` see _restyled), cached in the temp folder;
    None without LibreOffice."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None or not xlsx.exists():
        return None
    _PRINTS.mkdir(exist_ok=True)
    if borders != "as-is":
        xlsx = _restyled(xlsx, borders)
    out = _PRINTS / f"{xlsx.stem}.pdf"
    if not out.exists() or out.stat().st_mtime < xlsx.stat().st_mtime:
        profile = (_PRINTS / "profile").as_uri()
        cmd = [office, "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf"]
        subprocess.run(
            [*cmd, "--outdir", str(_PRINTS), str(xlsx)], capture_output=True, timeout=300
        )
    return out if out.exists() else None


def ours_excel_print(path: Path, borders: str = "as-is") -> dict:
    """Our reader on the dev NNN.xlsx printed to PDF (for NNN-text.pdf): a table printed
    from Excel, with other fonts and column widths, its borders as set or taken away."""
    pdf = excel_print(path.with_name(path.name.replace("-text.pdf", ".xlsx")), borders)
    if pdf is None:
        raise RuntimeError("LibreOffice is not installed")
    return ours(pdf)
