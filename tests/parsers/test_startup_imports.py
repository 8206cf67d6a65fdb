"""Imports paid only where used: reading a PDF loads no layout model (pymupdf 2 would
import pymupdf.layout and pymupdf4llm, with ONNX Runtime and numpy, inside
`import pymupdf`), and `main.py --help` imports neither model nor parsers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pymupdf.layout", "pymupdf4llm", "onnxruntime", "numpy", "alembic")


def _loaded_after(code: str) -> list[str]:
    listing = "print(json.dumps([m for m in sys.modules if sys.modules[m]]))"
    probe = f"import json, sys\n{code}\n{listing}"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_reading_a_pdf_loads_no_layout_model() -> None:
    from tests.parsers.test_pdf import merged_header_pdf

    code = (
        "from parsers.formats import read_filing\n"
        f"read_filing({merged_header_pdf()!r}, 'x.pdf', ocr='never')"
    )
    loaded = _loaded_after(code)
    assert "pymupdf" in loaded
    assert [m for m in HEAVY if m in loaded] == []


def test_the_layout_model_loads_when_asked() -> None:
    loaded = _loaded_after("import parsers\nparsers.use_pymupdf_layout()")
    assert "pymupdf.layout" in loaded


def test_help_imports_no_model_and_no_parser() -> None:
    code = "import main\ntry:\n    main.main(['--help'])\nexcept SystemExit:\n    pass"
    loaded = _loaded_after(code)
    assert [m for m in loaded if m.split(".")[0] in ("model", "parsers", "gui", "pymupdf")] == []
