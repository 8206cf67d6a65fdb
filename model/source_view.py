"""The source of a DOCX or XLSX filing as HTML for the review window's source pane
(PDFs are shown as page images instead, model/pages.py).

Every source cell and paragraph is wrapped in `<a name="ANCHOR">`, the same anchor the
extraction stored on its cells ("t3/r2/c1", "s表2/r5/c3"), so the view can go from a
cell to its source and back. Built from `parsers.docx.source_view` /
`parsers.xlsx.source_view`. No Qt here.
"""

from __future__ import annotations

from html import escape

from model.database import Database
from model.schema import Document
from parsers.extraction import InputError

_ALIGN = {"center": "center", "right": "right", "justify": "justify"}


def source_html(db: Database, document_id: int) -> str | None:
    """HTML of the stored DOCX/XLSX/XLS source; None for other types. Raises InputError.
    Runs on a worker thread (parsing a large workbook takes a while)."""
    with db.Session() as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise InputError(f"数据库中没有编号为 {document_id} 的文档")
        file_type, name, data = doc.file_type, doc.name, doc.source
    if file_type == "docx":
        from parsers import docx

        return _docx_html(docx.source_view(data, name))
    if file_type == "xlsx":
        from parsers import xlsx

        return _xlsx_html(xlsx.source_view(data, name))
    if file_type == "xls":
        from parsers import xls

        return _xlsx_html(xls.source_view(data, name))
    return None


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _cell(anchor: str, text: str, rowspan: int, colspan: int, bold: bool, align: str) -> str:
    attrs = ""
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    if align in _ALIGN:
        attrs += f' align="{_ALIGN[align]}"'
    body = f'<a name="{escape(anchor)}">{_text(text) or "&nbsp;"}</a>'
    return f"<td{attrs}>{'<b>' + body + '</b>' if bold else body}</td>"


def _grid(cells, first_row: int, last_row: int) -> str:  # noqa: ANN001 - D's SourceCell
    rows: dict[int, list] = {}
    for c in cells:
        rows.setdefault(c.row, []).append(c)
    out = []
    for r in range(first_row, last_row + 1):
        tds = "".join(
            _cell(c.anchor, c.text, c.rowspan, c.colspan, c.bold, c.alignment)
            for c in sorted(rows.get(r, []), key=lambda c: c.col)
        )
        out.append(f"<tr>{tds}</tr>")
    return '<table border="1" cellspacing="0" cellpadding="3">' + "".join(out) + "</table>"


def _docx_html(blocks) -> str:  # noqa: ANN001 - list of D's SourceParagraph | SourceTable
    parts = []
    for b in blocks:
        if hasattr(b, "cells"):
            parts.append(_grid(b.cells, 0, b.n_rows - 1))
        elif b.text.strip():
            align = f' align="{_ALIGN[b.alignment]}"' if b.alignment in _ALIGN else ""
            body = f'<a name="{escape(b.anchor)}">{_text(b.text)}</a>'
            tag = "h3" if b.heading else "p"
            parts.append(f"<{tag}{align}>{'<b>' + body + '</b>' if b.bold else body}</{tag}>")
    return "".join(parts)


def _xlsx_html(sheets) -> str:  # noqa: ANN001 - list of D's SourceSheet
    parts = []
    for s in sheets:
        if s.hidden:
            continue
        parts.append(f"<h3>{escape(s.title)}</h3>")
        parts.append(_grid(s.cells, s.first_row, s.last_row))
    return "".join(parts)
