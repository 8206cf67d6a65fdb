"""Bytes in, extracted tables out.

Must not import model/, gui/, PySide6 or sqlalchemy: parsers are pure and can run
in a worker process.

PyMuPDF 2 imports its layout model (`pymupdf.layout`) and `pymupdf4llm` (ONNX
Runtime, numpy; about 0.6 s together) inside `import pymupdf` whenever they are
installed, and no reader uses them. A None entry in sys.modules makes those optional
imports fail quietly; it is set here because every reader imports pymupdf through this
package. `use_pymupdf_layout()` is the way to ask for them.
"""

from __future__ import annotations

import os
import sys

_OPTIONAL = ("pymupdf.layout", "pymupdf4llm")  # imported by pymupdf itself, if installed

if "pymupdf" not in sys.modules:
    for _name in _OPTIONAL:
        sys.modules.setdefault(_name, None)  # type: ignore[arg-type]
    # pymupdf would otherwise print an advert for the layout package on stdout
    # (the CLI's JSON goes there) the first time a table is searched.
    os.environ.setdefault("PYMUPDF_SUGGEST_LAYOUT_ANALYZER", "0")


def use_pymupdf_layout() -> None:
    """Load PyMuPDF's layout model after all (nothing in the project asks for it yet)."""
    for name in _OPTIONAL:
        if name in sys.modules and sys.modules[name] is None:
            del sys.modules[name]
    import pymupdf.layout  # noqa: F401
