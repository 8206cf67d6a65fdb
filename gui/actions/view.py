"""View actions: zoom of the page view and the page box, the source kept in step with the
table (a click on the page or in the DOCX/XLSX source selects the cell under it; the
current cell is outlined there), the language (after a restart), About. GUI thread only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox, QSpinBox

from gui.actions import make_action
from gui.source_view import filing_html
from gui.table_model import cell_tooltip
from model import review
from model.domain import CellData, FilingData
from model.pages import PageImages

if TYPE_CHECKING:
    from gui.main_window import MainWindow

LANGUAGES = (("zh_CN", "中文（简体）"), ("en", "English"))


class ViewActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        pdf = window.pdf_view
        self.zoom_in_action = make_action(
            window,
            self.tr("Zoom &in"),
            pdf.zoom_in,
            [*QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
        )
        self.zoom_out_action = make_action(
            window, self.tr("Zoom &out"), pdf.zoom_out, QKeySequence.StandardKey.ZoomOut
        )
        self.fit_width_action = make_action(
            window, self.tr("&Fit width"), pdf.fit_width, QKeySequence("Ctrl+0")
        )
        for a in (self.zoom_in_action, self.zoom_out_action, self.fit_width_action):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.about_action = make_action(window, self.tr("&About"), self.about)
        self.page_box = QSpinBox()  # in the toolbar; disabled for a filing without pages
        self.page_box.setMinimum(1)
        self.page_box.setPrefix(self.tr("Page "))
        self.page_box.setToolTip(self.tr("Go to page"))
        self.zoom_label = QLabel("100%")
        pdf.hover_text = self.hover_text
        pdf.page_clicked.connect(self.select_at_point)
        window.source_browser.anchor_clicked.connect(self.select_by_anchor)
        pdf.current_page_changed.connect(self.follow_page)
        pdf.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)}%"))
        self.page_box.valueChanged.connect(pdf.scroll_to_page)
        window.table_view.current_cell_changed.connect(self.show_cell)

    # --- the source beside the table --------------------------------------------------------

    def show_source(self, filing: FilingData) -> None:
        """A filing just opened: its pages (PDF, rendered in the page process) or its text
        as HTML (DOCX, XLSX, text), and the page box to match."""
        window, page_box = self.window, self.page_box
        if filing.file_type == "pdf" and filing.page_sizes:
            window.pdf_view.set_document(PageImages(window.db, filing.id), filing.page_sizes)
            window.source_crop.set_document(PageImages(window.db, filing.id))  # its own
            window.source_stack.setCurrentWidget(window.pdf_view)
            page_box.setMaximum(max(1, len(filing.page_sizes)))
            page_box.setSuffix(f" / {len(filing.page_sizes)}")
            page_box.setEnabled(True)
            window.pdf_view.fit_width()
            return
        window.pdf_view.set_document(None, ())
        window.source_crop.set_document(None)
        # No pages (DOCX, XLSX, text): no page box left over from the last PDF.
        page_box.blockSignals(True)
        page_box.setMaximum(1)
        page_box.setValue(1)
        page_box.setSuffix("")
        page_box.blockSignals(False)
        page_box.setEnabled(False)
        html = window.document.source_html
        window.source_browser.set_source(html if html is not None else filing_html(filing))
        window.source_stack.setCurrentWidget(window.source_browser)

    def show_cell(self, cell: CellData | None) -> None:
        """The table's current cell: outlined on its page, or its anchor in the source."""
        window = self.window
        window.source_crop.show_cell(cell)
        if window.source_stack.currentWidget() is window.source_browser:
            window.source_browser.show_anchor(cell.anchor if cell is not None else None)
            return
        if cell is None or cell.page is None or cell.bbox is None:
            window.pdf_view.show_highlight(None, None)
            return
        window.pdf_view.show_highlight(cell.page, cell.bbox)

    def select_at_point(self, page: int, x: float, y: float) -> None:
        """A click on the page (PDF points, 1-based page): select the cell under it,
        switching table if needed."""
        hit = review.cell_at_point(list(self.window.document.tables.values()), page, x, y)
        if hit is None:
            return
        table, cell = hit
        self.window.select_table(table.id)
        self.window.select_cell(cell.row, cell.col)

    def select_by_anchor(self, anchor: str) -> None:
        """A click in the DOCX/XLSX source: select the extracted cell with that anchor."""
        for table in self.window.document.tables.values():
            for cell in table.cells:
                if cell.anchor == anchor:
                    self.window.select_table(table.id)
                    self.window.select_cell(cell.row, cell.col)
                    return

    def hover_text(self, page: int, x: float, y: float) -> str | None:
        """The page view's tooltip over a cell: what was read there and how sure."""
        hit = review.cell_at_point(list(self.window.document.tables.values()), page, x, y)
        if hit is None:
            return None
        return cell_tooltip(hit[1])

    def follow_page(self, page: int) -> None:
        """The page view scrolled: the box shows the page without scrolling back."""
        self.page_box.blockSignals(True)
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)

    # --- language and about -----------------------------------------------------------------

    def add_language_menu(self, menu: QMenu) -> None:
        """View → Language: one checkable entry per language, the saved one checked."""
        languages = menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self.window)
        current = self.window.settings.value("language", "zh_CN")
        for code, label in LANGUAGES:
            a = QAction(label, self.window, checkable=True)
            a.setChecked(code == current)
            a.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(a)
            languages.addAction(a)

    def set_language(self, code: str) -> None:
        self.window.settings.setValue("language", code)
        QMessageBox.information(
            self.window,
            self.tr("Language"),
            self.tr("The language changes when the program restarts."),
        )

    def about(self) -> None:
        QMessageBox.about(
            self.window,
            self.tr("About Budget Review Desk"),
            self.tr(
                "<h3>Budget Review Desk</h3><p>Review department budget disclosures "
                "(部门预算信息公开): correct the extracted tables, check the sums, "
                "export the provincial template workbook.</p><p>Reviewer: {0}</p>"
            ).format(self.window.reviewer),
        )
