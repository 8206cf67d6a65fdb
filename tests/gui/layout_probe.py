"""The first-start layout on a laptop screen, in a child process for test_layout.py: the
offscreen platform with one 1366×768 screen (Qt's `configfile=` option), a fresh
database and settings file, the small filing opened; prints what the clerk sees as JSON
(rows visible in the findings list and the table list, the window's frame, the screen).

    python -m tests.gui.layout_probe WORKDIR [FONT_PX]

FONT_PX sets the application font's pixel size (a larger system font: taller rows).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SCREEN = (1366, 768)


def screen_config(workdir: Path) -> str:
    """QT_QPA_PLATFORM for one offscreen screen of SCREEN at 96 dpi."""
    width, height = SCREEN
    config = workdir / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    return f"offscreen:configfile={config}"


def main(workdir: Path, font_px: int | None = None) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    from gui.window_layout import rows_visible
    from model.database import open_database
    from tests.gui.filing_builder import store_small_filing

    app = QApplication([])
    if font_px:
        font = app.font()
        font.setPixelSize(font_px)
        app.setFont(font)
    db = open_database(f"sqlite:///{workdir / 'library.db'}")
    doc_id = store_small_filing(db)
    settings = QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db, settings)
    window.show()
    opened = []
    window.document_opened.connect(opened.append)
    window.open_document(doc_id)
    while not opened:
        app.processEvents()
    for _ in range(20):
        app.processEvents()
    frame, area = window.frameGeometry(), window.screen().availableGeometry()
    seen = {
        "window": [frame.x(), frame.y(), frame.width(), frame.height()],
        "screen": [area.x(), area.y(), area.width(), area.height()],
    }
    for state in ("opened", "cell"):  # just opened; a cell selected (its crop of the page shown)
        if state == "cell":
            window.select_cell(1, 2)
            for _ in range(20):
                app.processEvents()
        seen[state] = {
            "findings_rows": rows_visible(window.findings_dock.view),
            "table_list_rows": rows_visible(window.table_list),
            "editor_height": window.table_view.viewport().height(),
            "editor_rows": window.table_view.viewport().height()
            // window.table_view.verticalHeader().defaultSectionSize(),
            "source_crop_shown": window.source_crop.isVisible(),
        }
    print(json.dumps(seen))
    window.close()
    db.dispose()


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else None)
