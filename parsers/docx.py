"""Read a `.docx` filing: paragraphs and tables in document order, as the layout stream.

Three public functions:
- `read(data, name, *, progress) -> ExtractedFiling`: the filing, via the shared
  table assembly (`parsers.tables.assemble.assemble`), so titles, kinds, parts and
  stitching are found exactly as for a PDF.
- `source_view(data, name="") -> list[SourceParagraph | SourceTable]`: a plain model
  of what the clerk would see in Word (text, spans, bold, alignment, heading), for the
  GUI's source pane. Every block and cell carries the same `anchor` the extraction
  stores, so selecting an extracted cell can highlight its source cell and back.
- `layout(blocks) -> list[Line | Grid]`: the layout stream built from `source_view`.

Anchors (0-based, in document order of the body): "p12" = 13th body paragraph
(empty ones counted), "t3" = 4th body table, "t3/r2/c1" = its row 2, grid column 1
(gridSpan counted, so merged cells keep their grid position). A one-cell table
that only wraps other content (a layout frame) is unwrapped and its contents get
the wrapper's path as prefix: "t3/r0/c0/p1", "t3/r0/c0/t0/r2/c1". Tables nested
inside a real table's cell are flattened into that cell's text (cells joined by a
space, rows by a newline): a clerk reads them as the cell's content.

Merged cells: `w:gridSpan` gives colspan; `w:vMerge` (restart / continue) gives
rowspan. Text a merged cell holds sits in its top-left position (INTERFACES.md).

Imports python-docx (whose package is also named `docx`; this module is
`parsers.docx`, absolute imports keep them apart); never model, gui, PySide6 or
sqlalchemy.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from parsers import pictures
from parsers.extraction import ExtractedCell, ExtractedFiling, InputError
from parsers.progress import NoProgress, Progress
from parsers.source_view import SourceCell
from parsers.tables.layout import Grid, Item, Line
from parsers.zipguard import open_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_WRAPPERS = (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag")

# A short paragraph with tab stops is a caption laid out in columns
# (部门 \t 预算年度：2023 \t 单位：万元): each piece is its own line, as in a PDF.
CAPTION_MAX_CHARS = 120
# Word allows 63 columns; a table claiming more is damaged or hostile (gridSpan="60000").
MAX_COLS = 1000


@dataclass(frozen=True)
class SourceParagraph:
    """One body paragraph as Word shows it. `size` in points, 0 when unknown;
    `alignment` is "left", "center", "right" or "justify"."""

    anchor: str
    text: str
    bold: bool = False
    alignment: str = "left"
    heading: bool = False
    size: float = 0.0


@dataclass(frozen=True)
class SourceTable:
    anchor: str
    n_rows: int
    n_cols: int
    cells: tuple[SourceCell, ...] = field(default_factory=tuple)


SourceBlock = SourceParagraph | SourceTable


def read(data: bytes, name: str, *, progress: Progress | None = None) -> ExtractedFiling:
    """Parse a DOCX filing. Pure, any thread. Raises InputError (one Chinese line) for
    a file that is no zip, a zip bomb or damaged XML; parsers.progress.Cancelled on cancel."""
    progress = progress or NoProgress()
    blocks = source_view(data, name)
    progress.check()
    items = layout(blocks)
    progress.report(1, 2, "表格组装")
    from parsers.tables.assemble import assemble

    filing = assemble(items, source=name, pages=0, page_sizes=[])
    progress.report(2, 2, "完成")
    return filing


def source_view(data: bytes, name: str = "") -> list[SourceBlock]:
    """The document body as plain blocks in reading order (see module docstring).
    Raises InputError for bad input; reads no file system."""
    archive = open_zip(data, name, "DOCX")
    if "word/document.xml" not in archive.namelist():
        raise InputError(f"不是有效的 DOCX 文件（缺少 word/document.xml）：{name}")
    import docx as python_docx  # python-docx

    try:
        document = python_docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for damaged parts
        raise InputError(f"DOCX 文件已损坏，无法读取：{name}") from exc
    styles = _StyleBook(document)
    styles.media = lambda rid: _media(document, rid)
    body = document.element.body
    return list(_blocks(body, "", styles))


def _media(document: Any, rid: str) -> bytes | None:  # noqa: ANN401 - python-docx's Document
    """The bytes of a picture the body refers to by relationship id, None if missing."""
    try:
        return document.part.related_parts[rid].blob
    except (KeyError, AttributeError):
        return None


def layout(blocks: list[SourceBlock]) -> list[Item]:
    """The layout stream of `blocks`: non-empty paragraphs as Lines (a short tabbed
    caption split into one Line per piece), tables as Grids with page None."""
    items: list[Item] = []
    for block in blocks:
        if isinstance(block, SourceParagraph):
            text = block.text.strip()
            if not text:
                continue
            pieces = [text]
            if "\t" in text and len(text) <= CAPTION_MAX_CHARS:
                pieces = [p.strip() for p in text.split("\t") if p.strip()]
            for piece in pieces:
                items.append(Line(piece, anchor=block.anchor, bold=block.bold, size=block.size))
        else:
            cells = [
                ExtractedCell(
                    row=c.row,
                    col=c.col,
                    text=c.text.strip(),
                    rowspan=c.rowspan,
                    colspan=c.colspan,
                    anchor=c.anchor,
                )
                for c in block.cells
            ]
            items.append(Grid(block.n_rows, block.n_cols, cells))
    return items


# --- walking the body -------------------------------------------------------------


def _children(el: Any, *tags: str) -> Iterator[Any]:
    """Direct children with one of `tags`, looking through content-control wrappers."""
    for child in el.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, *tags)


def _text_boxes(p: Any, anchor: str, styles: _StyleBook) -> Iterator[SourceParagraph]:
    """Paragraphs of the text boxes a paragraph anchors (a WPS export may print a
    table's title in one), shown at their anchor; the legacy fallback copy is skipped."""
    for box in p.iter(W + "txbxContent"):
        if any(a.tag == MC_FALLBACK for a in box.iterancestors()):
            continue
        for inner in _children(box, W + "p"):
            para = _paragraph(inner, anchor, styles)
            if para.text.strip():
                yield para


WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
EMU_PER_POINT = 12700


def _pictured_tables(p: Any, anchor: str, styles: _StyleBook) -> Iterator[SourceBlock]:
    """A table pasted into the document as a picture, read by OCR (parsers/pictures.py):
    its title lines and grid as blocks of their own at the picture's paragraph. Small
    pictures (a seal, a logo) and pictures not ruled like a table are not OCR'd."""
    for k, drawing in enumerate(p.iter(W + "drawing")):
        if any(a.tag == MC_FALLBACK for a in drawing.iterancestors()):
            continue
        extent = next(drawing.iter(WP + "extent"), None)
        blip = next(drawing.iter(A + "blip"), None)
        if extent is None or blip is None or styles.media is None:
            continue
        width = int(extent.get("cx", "0")) / EMU_PER_POINT
        height = int(extent.get("cy", "0")) / EMU_PER_POINT
        if width < pictures.PICTURE_MIN[0] or height < pictures.PICTURE_MIN[1]:
            continue
        blob = styles.media(blip.get(R + "embed", ""))
        if not blob:
            continue
        here = f"{anchor}/x{k}"
        for item in pictures.read_picture(blob, width, height):
            if isinstance(item, Grid):
                yield SourceTable(
                    here,
                    item.n_rows,
                    item.n_cols,
                    tuple(
                        SourceCell(
                            f"{here}/r{c.row}/c{c.col}", c.row, c.col, c.text, c.rowspan, c.colspan
                        )
                        for c in item.cells
                    ),
                )
            else:
                yield SourceParagraph(here, item.text)


def _blocks(container: Any, prefix: str, styles: _StyleBook) -> Iterator[SourceBlock]:
    n_par = n_tbl = 0
    for el in _children(container, W + "p", W + "tbl"):
        if el.tag == W + "p":
            anchor = f"{prefix}p{n_par}"
            yield from _text_boxes(el, anchor, styles)
            yield _paragraph(el, anchor, styles)
            yield from _pictured_tables(el, anchor, styles)
            n_par += 1
            continue
        anchor = f"{prefix}t{n_tbl}"
        n_tbl += 1
        rows = list(_children(el, W + "tr"))
        tcs = [tc for tr in rows for tc in _children(tr, W + "tc")]
        if len(tcs) == 1 and list(tcs[0].iter(W + "tbl")):
            # a layout frame around real content: read what it holds as body blocks
            yield from _blocks(tcs[0], f"{anchor}/r0/c0/", styles)
            continue
        yield _table(el, rows, anchor, styles)


def _table(tbl: Any, rows: list[Any], anchor: str, styles: _StyleBook) -> SourceTable:
    grid = tbl.find(W + "tblGrid")
    n_cols = len(grid.findall(W + "gridCol")) if grid is not None else 0
    cells: list[dict[str, Any]] = []
    owner: dict[tuple[int, int], dict[str, Any]] = {}  # grid position -> its cell
    for r, tr in enumerate(rows):
        col = min(max(_int_prop(tr.find(W + "trPr"), "gridBefore", 0), 0), MAX_COLS)
        for tc in _children(tr, W + "tc"):
            pr = tc.find(W + "tcPr")
            span = max(1, _int_prop(pr, "gridSpan", 1))
            if col + span > MAX_COLS:
                raise InputError(f"DOCX 表格列数异常（超过 {MAX_COLS} 列），文件可能已损坏")
            vmerge = pr.find(W + "vMerge") if pr is not None else None
            above = owner.get((r - 1, col))
            if (
                vmerge is not None
                and vmerge.get(W + "val", "continue") != "restart"
                and above is not None
                and above["col"] == col
                and above["colspan"] == span
                and above["row"] + above["rowspan"] == r
            ):
                above["rowspan"] += 1
                for c in range(col, col + span):
                    owner[(r, c)] = above
            else:
                text, bold, align = _cell_content(tc, styles)
                cell = {
                    "row": r,
                    "col": col,
                    "rowspan": 1,
                    "colspan": span,
                    "text": text,
                    "bold": bold,
                    "alignment": align,
                }
                cells.append(cell)
                for c in range(col, col + span):
                    owner[(r, c)] = cell
            col += span
        n_cols = max(n_cols, col)
    return SourceTable(
        anchor=anchor,
        n_rows=len(rows),
        n_cols=n_cols,
        cells=tuple(SourceCell(anchor=f"{anchor}/r{c['row']}/c{c['col']}", **c) for c in cells),
    )


def _cell_content(tc: Any, styles: _StyleBook) -> tuple[str, bool, str]:
    """Text of a cell (nested tables flattened), whether all of it is bold, alignment."""
    lines: list[str] = []
    bolds: list[bool] = []
    align = "left"
    for el in _children(tc, W + "p", W + "tbl"):
        if el.tag == W + "p":
            p = _paragraph(el, "", styles)
            lines.append(p.text)
            if p.text.strip():
                bolds.append(p.bold)
                align = p.alignment
        else:
            for tr in _children(el, W + "tr"):
                texts = [_cell_content(c, styles)[0] for c in _children(tr, W + "tc")]
                row_text = " ".join(t.replace("\n", " ") for t in texts if t.strip())
                if row_text:
                    lines.append(row_text)
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines), bool(bolds) and all(bolds), align


def _paragraph(p: Any, anchor: str, styles: _StyleBook) -> SourceParagraph:
    ppr = p.find(W + "pPr")
    style_id = _val(ppr.find(W + "pStyle")) if ppr is not None else None
    style = styles.get(style_id)
    parts: list[str] = []
    bold_flags: list[bool] = []
    size = 0.0
    for run in _runs(p):
        text = _run_text(run)
        if not text:
            continue
        parts.append(text)
        rpr = run.find(W + "rPr")
        bold = _flag(rpr, "b")
        if bold is None:
            bold = styles.get(_val(rpr.find(W + "rStyle")) if rpr is not None else None).bold
        if bold is None:
            bold = bool(style.bold)
        if text.strip():
            bold_flags.append(bold)
        sz = rpr.find(W + "sz") if rpr is not None else None
        if sz is not None and not size:
            size = _half_points(sz)
    outline = ppr.find(W + "outlineLvl") if ppr is not None else None
    jc = ppr.find(W + "jc") if ppr is not None else None
    return SourceParagraph(
        anchor=anchor,
        text="".join(parts),
        bold=bool(bold_flags) and all(bold_flags),
        alignment=_alignment(_val(jc) if jc is not None else style.jc),
        heading=style.heading or (outline is not None and _val(outline) not in (None, "9")),
        size=size or style.size,
    )


def _runs(p: Any) -> Iterator[Any]:
    """Runs of a paragraph in order, also inside hyperlinks and insertions; deleted
    text and the fallback copies of drawing content are left out."""
    for child in p.iterchildren():
        if child.tag == W + "r":
            yield child
        elif child.tag in (W + "del", W + "moveFrom", MC_FALLBACK, W + "pPr"):
            continue
        else:
            yield from _runs(child)


def _run_text(run: Any) -> str:
    out: list[str] = []
    for el in run.iterchildren():
        tag = el.tag
        if tag == W + "t":
            out.append(el.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
    return "".join(out)


# --- styles --------------------------------------------------------------------------


@dataclass
class _Style:
    bold: bool | None = None
    heading: bool = False
    jc: str | None = None
    size: float = 0.0


class _StyleBook:
    """Paragraph/character style facts resolved along `basedOn` (bold, heading, jc, size)."""

    def __init__(self, document: Any) -> None:
        # the document's pictures by relationship id (set by source_view)
        self.media: Callable[[str], bytes | None] | None = None
        self._raw: dict[str, Any] = {}
        self._done: dict[str, _Style] = {}
        try:
            root = document.styles.element
        except Exception:  # a document without styles.xml
            return
        for st in root.iterchildren(W + "style"):
            sid = st.get(W + "styleId")
            if sid:
                self._raw[sid] = st

    def get(self, style_id: str | None, depth: int = 0) -> _Style:
        if not style_id or style_id not in self._raw or depth > 20:
            return _Style()
        if style_id in self._done:
            return self._done[style_id]
        st = self._raw[style_id]
        based = st.find(W + "basedOn")
        base = self.get(_val(based), depth + 1) if based is not None else _Style()
        name_el = st.find(W + "name")
        name = (_val(name_el) or "").lower() if name_el is not None else ""
        rpr, ppr = st.find(W + "rPr"), st.find(W + "pPr")
        bold = _flag(rpr, "b")
        jc = ppr.find(W + "jc") if ppr is not None else None
        sz = rpr.find(W + "sz") if rpr is not None else None
        outline = ppr.find(W + "outlineLvl") if ppr is not None else None
        style = _Style(
            bold=base.bold if bold is None else bold,
            heading=name.startswith(("heading", "title"))
            or "标题" in name
            or (outline is not None and _val(outline) not in (None, "9"))
            or base.heading,
            jc=_val(jc) if jc is not None else base.jc,
            size=_half_points(sz) if sz is not None else base.size,
        )
        self._done[style_id] = style
        return style


# --- small XML helpers ------------------------------------------------------------------


def _val(el: Any) -> str | None:
    return None if el is None else el.get(W + "val")


def _int_prop(pr: Any, tag: str, default: int) -> int:
    el = pr.find(W + tag) if pr is not None else None
    try:
        return int(_val(el) or default)
    except ValueError:
        return default


def _flag(rpr: Any, tag: str) -> bool | None:
    """On/off property: present means on unless val is 0/false/off; absent is None."""
    el = rpr.find(W + tag) if rpr is not None else None
    if el is None:
        return None
    return (_val(el) or "true").lower() not in ("0", "false", "off")


def _half_points(sz: Any) -> float:
    try:
        return int(_val(sz) or 0) / 2
    except ValueError:
        return 0.0


def _alignment(jc: str | None) -> str:
    if jc in ("center",):
        return "center"
    if jc in ("right", "end"):
        return "right"
    if jc in ("both", "distribute", "thaiDistribute"):
        return "justify"
    return "left"
