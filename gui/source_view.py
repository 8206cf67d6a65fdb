"""SourceView: a DOCX/XLSX filing as it reads (HTML from model.source_view), linked to
the extracted cells by anchor both ways. GUI thread only."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from model.domain import FilingData

HIGHLIGHT = QColor(232, 113, 10, 90)


class SourceView(QTextBrowser):
    anchor_clicked = Signal(str)  # the anchor of the source cell / paragraph clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self._anchors: dict[str, tuple[int, int]] = {}  # anchor -> (start, end) positions
        self.highlighted_anchor: str | None = None

    def set_source(self, html: str) -> None:
        self.setHtml(html)
        self._anchors = _anchor_positions(self.document())
        self.highlighted_anchor = None
        self.setExtraSelections([])

    def anchor_range(self, anchor: str) -> tuple[int, int] | None:
        return self._anchors.get(anchor)

    def show_anchor(self, anchor: str | None) -> None:
        """Highlight the text under `anchor` and scroll to it; None clears."""
        span = self._anchors.get(anchor or "")
        if span is None:
            self.highlighted_anchor = None
            self.setExtraSelections([])
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        selection.format = fmt
        self.setExtraSelections([selection])
        self.highlighted_anchor = anchor
        self.setTextCursor(QTextCursor(cursor.document().findBlock(span[0])))
        self.ensureCursorVisible()

    def anchor_at(self, pos) -> str | None:  # noqa: ANN001 - QPoint in viewport coordinates
        position = self.cursorForPosition(pos).position()
        for anchor, (start, end) in self._anchors.items():
            if start <= position <= end:
                return anchor
        return None

    def mousePressEvent(self, event) -> None:  # noqa: ANN001, N802
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            anchor = self.anchor_at(event.position().toPoint())
            if anchor:
                self.anchor_clicked.emit(anchor)


def _anchor_positions(document: QTextDocument) -> dict[str, tuple[int, int]]:
    """Where each named anchor's text starts and ends in the document."""
    spans: dict[str, tuple[int, int]] = {}
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                # Qt puts the names on the anchor's first character only; the anchor
                # wraps a whole cell or paragraph, so it reaches to the block's end.
                for name in fragment.charFormat().anchorNames():
                    start = fragment.position()
                    end = block.position() + max(block.length() - 1, 1)
                    spans.setdefault(name, (start, end))
            it += 1
        block = block.next()
    return spans


def filing_html(filing: FilingData) -> str:
    """A filing without stored source HTML (plain text, Markdown): its paragraphs and
    tables as HTML in reading order, with an anchor per cell."""
    parts = []
    blocks = sorted(
        [(p.order, "p", p) for p in filing.paragraphs] + [(t.order, "t", t) for t in filing.tables],
        key=lambda b: b[0],
    )
    for _, kind, block in blocks:
        if kind == "p":
            tag = "h3" if block.heading else "p"
            parts.append(f"<{tag}>{escape(block.text)}</{tag}>")
        else:
            rows = []
            for r, row in enumerate(block.rows()):
                cells = "".join(
                    f'<td><a name="c{block.id}_{r}_{c}"></a>{escape(text)}</td>'
                    for c, text in enumerate(row)
                )
                rows.append(f"<tr>{cells}</tr>")
            parts.append(
                f"<h4>{escape(block.title)}</h4>"
                f'<table border="1" cellspacing="0" cellpadding="3">'
                f"{''.join(rows)}</table>"
            )
    return "".join(parts)
