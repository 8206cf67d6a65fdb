"""The README's screenshots, at a clerk's 1366×768 screen, in Chinese and English:

- screenshot-zh_CN.png / screenshot-en.png: the window on the bundled sample, the
  expenditure summary open, a body cell selected and highlighted on the page;
- screenshot-header.png: a table with a frozen two-level header, the body scrolled
  down under it;
- screenshot-findings.png: the findings dock with findings (an amount of the sample
  typed wrong in the table, as a clerk's slip would be, so the sums fail);
- screenshot-scan-import.png: a scanned PDF being imported (OCR) in the background, its
  phase, bar, time left and Cancel in the status bar.

    xvfb-run -a -s "-screen 0 1366x768x24" uv run python bench/screenshots.py docs

Xvfb is needed for the fonts (fonts-noto-cjk) and the screen grab; offscreen works for
the window shots but not the scan-import one. The images are reduced to 256 colours
(Pillow, already installed for RapidOCR) to stay small.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QBuffer, QIODevice, QSettings  # noqa: E402
from PySide6.QtGui import QImage, QPixmap  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.i18n import install_translators  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.preferences_dialog import REVIEWER_KEY  # noqa: E402
from model import pages as page_images  # noqa: E402
from model.database import open_database  # noqa: E402
from model.importing import import_file  # noqa: E402

SAMPLE = ROOT / "resources" / "sample" / "sample-filing.pdf"
SCANS = (
    Path("/work/shared/corpus/dev/000-scan.pdf"),
    ROOT / "tests" / "fixtures" / "scan" / "budget-rows-sealed.pdf",
)
WIDTH, HEIGHT = 1366, 768


def wait_until(app: QApplication, predicate, timeout: float = 60.0) -> None:  # noqa: ANN001
    start = time.perf_counter()
    while not predicate():
        app.processEvents()
        if time.perf_counter() - start > timeout:
            raise TimeoutError
        time.sleep(0.002)


def save(pixmap: QPixmap, out: Path) -> None:
    """PNG with 256 colours (UI and page renders survive it; keeps files < 300 KB)."""
    import io

    from PIL import Image

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.toImage().convertToFormat(QImage.Format.Format_RGB888).save(buffer, "PNG")

    image = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, optimize=True
    )
    print(f"screenshot: {out} ({out.stat().st_size // 1024} KB, {image.width}×{image.height})")


def settle(app: QApplication, w: MainWindow) -> None:
    wait_until(app, lambda: all(w.pdf_view.is_rendered(p) for p in w.pdf_view.visible_pages()))
    for _ in range(30):
        app.processEvents()
        time.sleep(0.01)


def new_window(app: QApplication, db, settings: QSettings, doc_id: int | None) -> MainWindow:  # noqa: ANN001
    w = MainWindow(db, settings)
    w.resize(WIDTH, HEIGHT)
    w.move(0, 0)
    w.show()
    QTest.qWaitForWindowExposed(w)
    if doc_id is not None:
        checked: list[int] = []
        w.checked.connect(checked.append)
        w.open_document(doc_id)
        wait_until(app, lambda: checked, timeout=120)
        wait_until(app, lambda: w.pdf_view.is_rendered(w.pdf_view.visible_pages()[0]))
    return w


def body_cell(w: MainWindow) -> tuple[int, int]:
    """The first body cell holding an amount (header rows are not chosen: choosing one
    shows the header rows as rows)."""
    model, table = w.table_model, w.current_table()
    for r in range(table.header_rows, table.n_rows):
        for c in range(table.n_cols):
            if model.is_amount(r, c) and (cell := model.cell_at(r, c)) is not None and cell.text:
                return r, c
    return table.header_rows, 0


def shots(app: QApplication, db, doc_id: int, language: str, folder: Path, tmp: Path) -> None:  # noqa: ANN001
    translators = install_translators(app, language)
    settings = QSettings(str(tmp / f"{language}.ini"), QSettings.Format.IniFormat)
    settings.setValue(REVIEWER_KEY, "审核员甲")
    w = new_window(app, db, settings, doc_id)
    tables = w.filing.tables
    summary = next((t for t in tables if t.kind == "expenditure_summary"), tables[0])
    w.select_table(summary.id)
    w.select_cell(*body_cell(w))
    settle(app, w)
    save(w.grab(), folder / f"screenshot-{language}.png")

    if language == "zh_CN":
        # The tallest header among the tables with enough body to scroll under it.
        deep = max(
            (t for t in tables if t.n_rows - t.header_rows > 12),
            key=lambda t: (t.header_rows, t.n_rows),
            default=summary,
        )
        w.select_table(deep.id)
        r, c = body_cell(w)
        w.select_cell(min(r + 10, deep.n_rows - 1), c)
        w.table_view.verticalScrollBar().setValue(w.table_view.verticalScrollBar().maximum())
        settle(app, w)
        print(f"header table: {deep.title} ({deep.header_rows} header rows, {deep.n_rows} rows)")
        save(w.grab(), folder / "screenshot-header.png")

        # A clerk's slip: an amount in the summary typed 1000 too high; the rules re-run.
        w.select_table(summary.id)
        r, c = body_cell(w)
        cell = w.table_model.cell_at(r, c)
        revalidated: list[int] = []
        w.revalidated.connect(revalidated.append)
        wrong = f"{float(cell.text.replace(',', '')) + 1000:.2f}"
        w.table_model.setData(w.table_model.index(r, c), wrong)
        wait_until(app, lambda: revalidated, timeout=120)
        w.findings_dock.raise_()
        if w.findings_dock.model.rowCount():
            w.findings_dock.select_row(0)
        print(f"findings after the slip: {w.findings_dock.model.rowCount()}")
        settle(app, w)
        save(w.grab(), folder / "screenshot-findings.png")
        w.undo_action.trigger()
        app.processEvents()

        scan = next((p for p in SCANS if p.exists()), None)
        if scan is not None:
            job = w.import_files([scan])[0]
            steps: list = []
            job.stepped.connect(steps.append)
            # The import runs in the background, its progress in the status bar: wait
            # for OCR to report a page and for the time left to show.
            wait_until(
                app,
                lambda: any(st.done > 0 and st.seconds_left is not None for st in steps),
                timeout=300,
            )
            for _ in range(20):
                app.processEvents()
                time.sleep(0.01)
            last = steps[-1]
            print(f"scan import: {scan.name}, {last.phase} {last.done}/{last.total}")
            save(w.grab(), folder / "screenshot-scan-import.png")
            ended: list[bool] = []
            job.ended.connect(lambda: ended.append(True))
            wait_until(app, lambda: ended, timeout=600)
    w.close()
    for t in translators:
        app.removeTranslator(t)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder", type=Path, nargs="?", default=ROOT / "docs")
    args = p.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    tmp = Path(tempfile.mkdtemp(prefix="screenshots-"))
    db = open_database(f"sqlite:///{tmp}/shots.sqlite3")
    doc_id = import_file(db, SAMPLE).document_id
    page_images.render_process().wait_ready()
    args.folder.mkdir(parents=True, exist_ok=True)
    for language in ("zh_CN", "en"):
        shots(app, db, doc_id, language, args.folder, tmp)
    db.dispose()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # as bench/gui_latency.py: no final garbage collection
