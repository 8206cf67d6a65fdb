"""FilingProgressLabel: tables reviewed and problems waiting, always in view (status bar,
right), following the open document. GUI thread only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from gui.document import OpenDocument


class FilingProgressLabel(QLabel):
    def __init__(self, document: OpenDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FilingProgress")
        self.document = document
        for signal in (
            document.loaded,
            document.table_changed,
            document.findings_changed,
            document.review_taken_back,
        ):
            signal.connect(lambda _value: self.show_progress())

    def show_progress(self) -> None:
        tables = list(self.document.tables.values())
        reviewed = sum(t.review_status == "reviewed" for t in tables)
        waiting = sum(f.waiting for f in self.document.findings)
        self.setText(
            self.tr("Tables reviewed {0}/{1} · problems to decide {2}").format(
                reviewed, len(tables), waiting
            )
            if self.document.id is not None
            else ""
        )
