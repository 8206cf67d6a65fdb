"""GUI latency of the review window with the bundled sample filing (44 pages). Prints:

- cell click -> highlight painted on the page (goal: median <= 16 ms);
- opening the stored filing: open_document() to the window showing it, and to its first
  page rendered (goal <= 1 s);
- scrolling through all pages at fit-width: time until every page has been rendered,
  and the longest GUI-thread stall meanwhile (goal: no stall above one frame).

    QT_QPA_PLATFORM=offscreen uv run python bench/gui_latency.py
    xvfb-run -s "-screen 0 1600x1000x24" uv run python bench/gui_latency.py --screenshots docs

`--screenshots DIR` also writes DIR/screenshot-zh_CN.png and DIR/screenshot-en.png.
The database is a temporary SQLite file unless --db is given (the import is not timed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.i18n import install_translators  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from model import pages as page_images  # noqa: E402
from model.database import open_database  # noqa: E402
from model.importing import import_file  # noqa: E402

SAMPLE = ROOT / "resources" / "sample" / "sample-filing.pdf"


def wait_until(app: QApplication, predicate, timeout: float = 60.0) -> float:  # noqa: ANN001
    start = time.perf_counter()
    while not predicate():
        app.processEvents()
        if time.perf_counter() - start > timeout:
            raise TimeoutError
        time.sleep(0.001)
    return time.perf_counter() - start


class StallMeter:
    """A 4 ms timer on the GUI thread; the longest gap between ticks is the longest stall."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(4)
        self.clock = QElapsedTimer()
        self.longest = 0
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.longest = 0
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        self.longest = max(self.longest, self.clock.restart())

    def stop(self) -> int:
        self.timer.stop()
        return self.longest


def open_window(
    app: QApplication, db, doc_id: int, settings: QSettings
) -> tuple[
    MainWindow,  # noqa: ANN001
    float,
    float,
]:
    w = MainWindow(db, settings)
    w.resize(1600, 1000)
    w.show()
    QTest.qWaitForWindowExposed(w)
    opened: list[float] = []
    w.document_opened.connect(lambda _id: opened.append(time.perf_counter()))
    w.checked_ids = []  # type: ignore[attr-defined]
    w.checked.connect(w.checked_ids.append)
    start = time.perf_counter()
    w.open_document(doc_id)
    wait_until(app, lambda: opened)
    wait_until(app, lambda: w.pdf_view.is_rendered(1))
    return w, opened[0] - start, time.perf_counter() - start


def bench_clicks(app: QApplication, w: MainWindow, n: int = 60) -> list[float]:
    """Click cells of the current table; time to the page view repainted with the box."""
    view, model = w.table_view, w.table_model
    targets = [
        (r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if (cell := model.cell_at(r, c)) is not None
        and cell.bbox
        and (cell.row, cell.col) == (r, c)
    ][:n]
    times = []
    for r, c in targets:
        idx = model.index(r, c)
        view.scrollTo(idx)
        app.processEvents()
        pos = view.visualRect(idx).center()
        t0 = time.perf_counter()
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        w.pdf_view.viewport().repaint()  # paint now, synchronously
        times.append((time.perf_counter() - t0) * 1000)
        assert w.pdf_view.highlight_bbox() is not None
    return times


def bench_edits(app: QApplication, w: MainWindow, n: int = 20) -> list[float]:
    """setData on amount cells (each pushes an EditCellCommand), then undo them all."""
    model = w.table_model
    table = model.table
    cells = [c for c in table.cells if model.is_amount(c.row, c.col) and c.text][:n]
    times = []
    for c in cells:
        new = f"{float(c.text) + 1:.2f}"
        t0 = time.perf_counter()
        model.setData(model.index(c.row, c.col), new)
        app.processEvents()
        times.append((time.perf_counter() - t0) * 1000)
    for _ in cells:
        w.undo_action.trigger()
    app.processEvents()
    return times


def bench_scroll(app: QApplication, w: MainWindow) -> tuple[float, int, int]:
    pdf = w.pdf_view
    pdf.fit_width()
    bar = pdf.verticalScrollBar()
    bar.setValue(0)
    meter = StallMeter()
    meter.start()
    start = time.perf_counter()
    step = max(1, pdf.viewport().height() // 3)
    while True:
        bar.setValue(bar.value() + step)
        for _ in range(4):  # about one 60 Hz frame per step
            app.processEvents()
            time.sleep(0.004)
        if bar.value() >= bar.maximum():
            break
    last = pdf.page_count
    wait_until(app, lambda: pdf.is_rendered(last))
    elapsed = time.perf_counter() - start
    return elapsed, meter.stop(), pdf.page_count


def screenshot(app: QApplication, db, doc_id: int, language: str, out: Path) -> None:  # noqa: ANN001
    translators = install_translators(app, language)
    settings = QSettings(str(out.parent / f".bench-{language}.ini"), QSettings.Format.IniFormat)
    w, _, _ = open_window(app, db, doc_id, settings)
    filing = w.filing
    # A table with content: the expenditure summary, its first amount selected.
    target = next((t for t in filing.tables if t.kind == "expenditure_summary"), filing.tables[0])
    w.select_table(target.id)
    wait_until(app, lambda: w.checked_ids)
    if w.findings_dock.model.rowCount():
        w.findings_dock.select_row(0)
    else:
        w.select_cell(min(target.header_rows + 1, target.n_rows - 1), 3)
    app.processEvents()
    wait_until(app, lambda: all(w.pdf_view.is_rendered(p) for p in w.pdf_view.visible_pages()))
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)
    w.grab().save(str(out))
    print(f"screenshot: {out}")
    w.close()
    for t in translators:
        app.removeTranslator(t)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--db")
    p.add_argument("--screenshots", type=Path)
    args = p.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    tmp = tempfile.mkdtemp(prefix="gui-bench-")
    db = open_database(args.db or f"sqlite:///{tmp}/bench.sqlite3")
    t0 = time.perf_counter()
    doc_id = import_file(db, SAMPLE).document_id
    print(f"import of the sample (not a GUI figure): {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    page_images.render_process().wait_ready()
    print(f"render process start (spawn, import PyMuPDF): {time.perf_counter() - t0:.2f} s")
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
        for lang in ("zh_CN", "en"):
            screenshot(app, db, doc_id, lang, args.screenshots / f"screenshot-{lang}.png")
        return 0

    settings = QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat)
    w, shown, first_page = open_window(app, db, doc_id, settings)
    print(
        f"open stored {w.pdf_view.page_count}-page filing: shown {shown * 1000:.0f} ms, "
        f"first page rendered {first_page * 1000:.0f} ms (goal <= 1000 ms)"
    )
    w.close()
    w, shown, first_page = open_window(app, db, doc_id, settings)
    print(f"open again (warm): shown {shown * 1000:.0f} ms, first page {first_page * 1000:.0f} ms")
    target = next(
        (t for t in w.filing.tables if t.kind == "expenditure_summary"), w.filing.tables[0]
    )
    w.select_table(target.id)
    app.processEvents()
    times = bench_clicks(app, w)
    print(
        f"cell click -> highlight painted: median {statistics.median(times):.2f} ms, "
        f"p90 {sorted(times)[int(len(times) * 0.9)]:.2f} ms, max {max(times):.2f} ms "
        f"over {len(times)} clicks (goal median <= 16 ms)"
    )
    edits = bench_edits(app, w)
    print(
        f"edit an amount on the GUI thread (write + audit + views; rules re-run in a job): "
        f"median {statistics.median(edits):.1f} ms, max {max(edits):.1f} ms over {len(edits)}"
    )
    elapsed, stall, pages = bench_scroll(app, w)
    print(
        f"scroll through {pages} pages at fit width: all rendered after {elapsed:.2f} s "
        f"({elapsed / pages * 1000:.0f} ms/page); longest GUI-thread stall {stall} ms"
    )
    w.close()
    db.dispose()
    return 0


def finish(code: int) -> None:
    """Leave without Python's final garbage collection: PySide6 6.12 can abort there
    ("bool_dealloc") once the window is gone; the figures are printed by then."""
    sys.stdout.flush()
    os._exit(code)


if __name__ == "__main__":
    finish(main())
