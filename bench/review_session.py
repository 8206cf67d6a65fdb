"""A scripted review through the real window, keystroke by keystroke, as a clerk does it
(issue 26, "How it is checked").

For each filing — the bundled sample (opened as at a first start, gui/app.py) and a real
filing (imported with Ctrl+O, the file name given for the file dialog), and that filing
again with one amount planted wrong (../shared/tools/plant_errors.py, --planted SEED), since
the real filings give the checks little to find — the script:

1. decides every finding waiting for the clerk: the first one clicked in the findings
   list, F8 to each next one; errors confirmed (Ctrl+Shift+C, Enter: no note), warnings
   dismissed (Ctrl+Shift+D, a reason typed, Enter);
2. marks every table reviewed at once: Edit → Mark all tables reviewed, Ctrl+Alt+R;
3. exports the provincial workbook: Ctrl+E, the "open errors" question answered Y when
   it comes, Enter in the save dialog (a temporary export folder for each filing: the
   planted copy's workbook has the same name as its original's).

Keys go through QTest to the widget that has the focus, so the window's shortcuts and
the list's own decision keys see them as they see a clerk's. No modal dialog opens: a
dialog runs its own event loop, and a scripted answer sent into one (a QFileDialog
above all, whose name completer can take the Enter) once hung the run. The script
answers where the window asks instead — FileActions.ask_import_paths / ask_export_path,
FindingsDock.ask_note, ReviewActions.ask_yes_no — and counts the keys a clerk types in
that dialog (the name or reason, one a character; Enter; Y) without sending them. A
modal dialog that opens all the same is closed and named, and the run fails. Focusing
a list is a mouse click (counted apart). A Chinese reason is counted one keystroke per
character (with an input method it is more). Wall seconds include the jobs the window
waits for (import, OCR, checking, export).

    QT_QPA_PLATFORM=offscreen uv run python bench/review_session.py [--file F.pdf]
    xvfb-run -a uv run python bench/review_session.py
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget  # noqa: E402

from gui import jobs  # noqa: E402
from gui.app import SAMPLE, start_window  # noqa: E402
from gui.emit_refcount import guard_bools, guard_none  # noqa: E402
from gui.i18n import install_translators  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.preferences_dialog import REVIEWER_KEY  # noqa: E402
from model import pages as page_images  # noqa: E402
from model.database import open_database  # noqa: E402

REAL = Path("/work/shared/corpus/real/gbc_ptoffice_2025_dept_budget.pdf")
PLANT = Path("/work/shared/tools/plant_errors.py")
REASON = "已核对原件，口径一致"  # a warning dismissed: the clerk's reason
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


@dataclass
class Phase:
    filing: str
    name: str
    keys: int = 0
    clicks: int = 0
    seconds: float = 0.0
    what: str = ""


@dataclass
class Session:
    app: QApplication
    phases: list[Phase] = field(default_factory=list)
    current: Phase | None = None
    _t0: float = 0.0

    def begin(self, filing: str, name: str) -> Phase:
        self.current = Phase(filing, name)
        self.phases.append(self.current)
        self._t0 = time.perf_counter()
        return self.current

    def end(self, what: str = "") -> None:
        assert self.current is not None
        self.current.seconds = time.perf_counter() - self._t0
        self.current.what = what
        self.current = None

    # --- input, counted ---------------------------------------------------------------

    def typed(self, keys: int) -> None:
        """Keys a clerk types in a dialog the script answers without opening it."""
        if self.current is not None:
            self.current.keys += keys

    def key(self, widget: QWidget, key: Qt.Key, mods: Qt.KeyboardModifier = NONE) -> None:
        if self.current is not None:
            self.current.keys += 1
        QTest.keyClick(widget, key, mods)

    def type(self, widget: QWidget, text: str) -> None:
        if self.current is not None:
            self.current.keys += len(text)
        if text.isascii():
            QTest.keyClicks(widget, text)
            return
        # Chinese comes through the input method: one committed character a key here
        # (a pinyin IME takes a few keys a character; the count is a lower bound).
        for ch in text:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)

    def click(self, widget: QWidget, pos=None) -> None:  # noqa: ANN001 - QPoint
        if self.current is not None:
            self.current.clicks += 1
        if pos is None:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)

    def focused(self, fallback: QWidget) -> QWidget:
        return QApplication.focusWidget() or fallback

    def activate(self, w: MainWindow) -> None:
        """Give the window back the activation a closed progress dialog took with it (a
        window manager does this for the clerk; offscreen and a bare Xvfb have none)."""
        if QApplication.activeWindow() is not w:
            w.activateWindow()
            QTest.qWaitForWindowActive(w, 2000)

    # --- waiting ----------------------------------------------------------------------

    def wait(self, predicate: Callable[[], bool], timeout: float = 300.0, what: str = "") -> None:
        start = time.perf_counter()
        while not predicate():
            self.app.processEvents()
            if time.perf_counter() - start > timeout:
                raise TimeoutError(
                    f"{what}: modal {QApplication.activeModalWidget()}, "
                    f"active {QApplication.activeWindow()}, focus {QApplication.focusWidget()}"
                )
            time.sleep(0.002)

    def idle(self, w: MainWindow) -> None:
        """No job running and the edits' revalidation timer not pending."""
        self.wait(lambda: not jobs.busy() and not w.document.validation_pending, what="idle")
        for _ in range(3):
            self.app.processEvents()
        self.activate(w)


class Answers:
    """The clerk's answers, given where the window asks (its public `ask_*` methods), so
    no modal dialog opens in a scripted run. `import_path` is the file the next Ctrl+O
    picks; the reason is typed for a dismissal, a confirmation gets no note."""

    def __init__(self, s: Session, w: MainWindow) -> None:
        self.s = s
        self.import_path: Path | None = None
        self.unexpected: list[str] = []
        w.file_actions.ask_import_paths = self.import_paths  # type: ignore[method-assign]
        w.file_actions.ask_export_path = self.export_path  # type: ignore[method-assign]
        w.findings_dock.ask_note = self.note  # type: ignore[method-assign]
        w.review_actions.ask_yes_no = self.yes  # type: ignore[method-assign]
        self.watchdog = QTimer(w)
        self.watchdog.timeout.connect(self.close_modal)
        self.watchdog.start(200)

    def import_paths(self) -> list[Path]:
        assert self.import_path is not None, "Ctrl+O with no file to pick"
        path, self.import_path = self.import_path, None
        self.s.typed(len(path.name) + 1)  # the name typed, Enter
        return [path]

    def export_path(self, proposed: Path) -> Path:
        self.s.typed(1)  # Enter: the proposed name in the export folder
        return proposed

    def note(self, status: str, _chosen: object) -> str:
        reason = REASON if status == "dismissed" else ""
        self.s.typed(len(reason) + 1)  # the reason typed, Enter
        return reason

    def yes(self, _question: str) -> bool:
        self.s.typed(1)  # Y, the Yes button's mnemonic (是(&Y))
        return True

    def close_modal(self) -> None:
        """A modal dialog the script did not expect (the job progress dialog aside, which
        waits for nothing): name it and close it, so the run fails instead of hanging."""
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and not isinstance(dialog, QProgressDialog):
            self.unexpected.append(f"{type(dialog).__name__} {dialog.windowTitle()!r}")
            dialog.reject()


# --- the phases -------------------------------------------------------------------------


def decide_findings(s: Session, w: MainWindow, label: str) -> None:
    phase = s.begin(label, "decide findings")
    dock = w.findings_dock
    dock.set_filter("waiting")
    waiting = lambda: sum(f.waiting for f in w.document.findings)  # noqa: E731
    start = waiting()
    confirmed = dismissed = 0
    if start:
        dock.raise_()
        s.click(dock.view.viewport(), dock.view.visualRect(dock.model.index(0, 2)).center())
        s.idle(w)
    guard = start * 3 + 5
    while waiting() and guard:
        guard -= 1
        before = waiting()
        f = dock.current()
        if f is None or not f.waiting or f.id != dock.shown_id:
            # F8: after a decision the next finding is current but not shown yet
            s.key(s.focused(dock.view), Qt.Key.Key_F8)
            s.app.processEvents()
            continue
        if f.severity == "error":
            s.key(dock.view, Qt.Key.Key_C, CTRL_SHIFT)  # the note: Answers.note
            confirmed += 1
        else:
            s.key(dock.view, Qt.Key.Key_D, CTRL_SHIFT)  # the reason: Answers.note
            dismissed += 1
        s.idle(w)
        if waiting() >= before:
            raise RuntimeError(f"the decision on finding {f.id} did not take: {f.message}")
    if waiting():
        raise RuntimeError(f"{waiting()} findings still waiting")
    s.end(f"{start} findings: {confirmed} errors confirmed, {dismissed} warnings dismissed")
    del phase


def mark_tables(s: Session, w: MainWindow, label: str) -> None:
    """Edit → Mark all tables reviewed (Ctrl+Alt+R): every finding is decided by now, so
    no table is held back for an open error."""
    s.begin(label, "mark tables reviewed")
    n = len(w.document.tables)
    s.key(s.focused(w), Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.AltModifier)
    s.wait(
        lambda: all(t.review_status == "reviewed" for t in w.document.tables.values()),
        what="every table reviewed",
    )
    s.idle(w)
    s.end(f"{n} of {n} tables marked")


def export(s: Session, w: MainWindow, label: str, folder: Path) -> Path:
    s.begin(label, "export workbook")
    # One folder per filing: the planted copy's workbook is named after the same
    # department and year, and an overwritten file is no new file to wait for.
    folder = folder / f"export-{label}"
    folder.mkdir(parents=True, exist_ok=True)
    w.settings.setValue("export_dir", str(folder))
    before = set(folder.glob("*.xlsx"))
    asked = w.review_actions.open_errors() > 0  # then Answers.yes, before Answers.export_path
    s.key(s.focused(w), Qt.Key.Key_E, CTRL)
    s.wait(lambda: set(folder.glob("*.xlsx")) - before, what="export file")
    s.idle(w)
    out = sorted(set(folder.glob("*.xlsx")) - before)[0]
    s.end(f"{out.stat().st_size // 1024} KB" + (", open errors question: yes" if asked else ""))
    return out


def open_sample(s: Session, db, settings: QSettings) -> MainWindow:  # noqa: ANN001
    s.begin("sample", "open (first start)")
    w = start_window(db, settings, [])  # the library is empty: imports the bundled sample
    opened: list[int] = []
    checked: list[int] = []
    w.document_opened.connect(opened.append)
    w.checked.connect(checked.append)
    w.resize(1366, 768)
    w.show()
    QTest.qWaitForWindowExposed(w)
    s.wait(lambda: checked, what="sample checked")
    s.idle(w)
    s.end(f"{len(w.filing.tables)} tables, {len(w.filing.page_sizes)} pages")
    w._session_checked = checked  # type: ignore[attr-defined]
    return w


def open_file(s: Session, w: MainWindow, answers: Answers, path: Path, label: str) -> None:
    s.begin(label, "import (Ctrl+O, name typed)")
    w.settings.setValue("last_dir", str(path.parent))
    checked: list[int] = []
    w.checked.connect(checked.append)
    old = w.filing.id if w.filing is not None else None
    answers.import_path = path
    s.key(s.focused(w), Qt.Key.Key_O, CTRL)
    s.wait(
        lambda: w.filing is not None and w.filing.id != old and w.filing.id in checked,
        what=f"{path.name} opened and checked",
    )
    s.idle(w)
    s.end(f"{len(w.filing.tables)} tables, {len(w.filing.page_sizes)} pages")


def planted_copy(path: Path, seed: int, folder: Path) -> tuple[Path, dict] | None:
    """The filing with one amount changed by ../shared/tools/plant_errors.py (as in
    bench/planted.py), so the checks have something to find; None when it cannot."""
    labels_file = path.parent / "labels.json"
    if not PLANT.exists() or not labels_file.exists():
        return None
    labels = json.loads(labels_file.read_text(encoding="utf-8"))
    if path.name not in labels:
        return None
    out = folder / f"planted-{seed}"
    out.mkdir(parents=True, exist_ok=True)
    one = out / "labels.json"
    one.write_text(json.dumps({path.name: labels[path.name]}, ensure_ascii=False), "utf-8")
    proc = subprocess.run(
        [sys.executable, str(PLANT), str(one), str(path.parent), str(out), "--seed", str(seed)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    mutations = out / "mutations.json"
    if proc.returncode != 0 or not mutations.exists() or not (out / path.name).exists():
        return None
    planted = out / f"{path.stem}-planted{seed}.pdf"  # another name: not the same SHA anyway
    (out / path.name).rename(planted)
    return planted, json.loads(mutations.read_text(encoding="utf-8"))[path.name]


def review(s: Session, w: MainWindow, label: str, folder: Path) -> None:
    decide_findings(s, w, label)
    mark_tables(s, w, label)
    export(s, w, label, folder)


def table(phases: list[Phase]) -> str:
    lines = [
        "| filing | phase | keys | clicks | seconds | what |",
        "|---|---|---:|---:|---:|---|",
    ]
    for p in phases:
        lines.append(
            f"| {p.filing} | {p.name} | {p.keys} | {p.clicks} | {p.seconds:.1f} | {p.what} |"
        )
    for filing in dict.fromkeys(p.filing for p in phases):
        mine = [p for p in phases if p.filing == filing]
        lines.append(
            f"| {filing} | **total** | {sum(p.keys for p in mine)} | "
            f"{sum(p.clicks for p in mine)} | {sum(p.seconds for p in mine):.1f} | |"
        )
    lines.append(
        f"| all | **total** | {sum(p.keys for p in phases)} | {sum(p.clicks for p in phases)} | "
        f"{sum(p.seconds for p in phases):.1f} | |"
    )
    return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--file", type=Path, default=REAL, help="the real filing to review too")
    p.add_argument("--db", help="SQLAlchemy URL (default: a temporary SQLite file)")
    p.add_argument("--language", default="zh_CN")
    p.add_argument(
        "--planted",
        type=int,
        default=0,
        metavar="SEED",
        help="also review FILE with one amount planted wrong (plant_errors.py --seed; "
        "0, the default: no)",
    )
    args = p.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    guard_bools()  # as run_gui does: PySide6 6.12's emit loses a reference to True
    guard_none()  # and processEvents() a reference to None, which Session.wait calls
    translators = install_translators(app, args.language)  # noqa: F841 - kept alive
    tmp = Path(tempfile.mkdtemp(prefix="review-session-"))
    db = open_database(args.db or f"sqlite:///{tmp}/review.sqlite3")
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(REVIEWER_KEY, "审核员甲")
    settings.setValue("language", args.language)
    page_images.render_process().wait_ready()
    s = Session(app)
    total = time.perf_counter()
    w = open_sample(s, db, settings)
    answers = Answers(s, w)
    review(s, w, "sample", tmp)
    if args.file and args.file.exists():
        open_file(s, w, answers, args.file.resolve(), args.file.stem)
        review(s, w, args.file.stem, tmp)
        planted = planted_copy(args.file.resolve(), args.planted, tmp) if args.planted else None
        if planted is not None:
            path, mutation = planted
            print(
                f"planted in {path.name}: page {mutation['page']}, "
                f"{mutation['old']} -> {mutation['new']} ({mutation.get('kind', '')})"
            )
            open_file(s, w, answers, path, path.stem)
            review(s, w, path.stem, tmp)
    elif args.file:
        print(f"({args.file} not found: the sample only)")
    wall = time.perf_counter() - total
    if answers.unexpected:
        raise RuntimeError(f"modal dialogs opened: {answers.unexpected}")
    print(f"Scripted review, {SAMPLE.name}" + (f" and {args.file.name}" if args.file else ""))
    print()
    print(table(s.phases))
    print()
    print(f"wall clock, first key to last export: {wall:.1f} s")
    w.close()
    db.dispose()
    return 0


def finish(code: int) -> None:
    """As bench/gui_latency.py: leave without Python's final garbage collection."""
    sys.stdout.flush()
    os._exit(code)


if __name__ == "__main__":
    finish(main())
