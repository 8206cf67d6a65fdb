"""View actions: zoom of the page view, the language (after a restart), About.
GUI thread only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from gui.actions import make_action

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
