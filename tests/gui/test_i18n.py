"""The Chinese UI: the committed .ts covers every GUI string and compiles; with it the
window's menus are Chinese."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from gui import i18n

GUI = Path(i18n.__file__).parent


def _sources(ts: Path) -> dict[str, str | None]:
    tree = ET.parse(ts)
    return {
        m.findtext("source"): (
            None if m.find("translation").get("type") == "unfinished" else m.findtext("translation")
        )
        for m in tree.iter("message")
    }


def test_every_string_is_translated() -> None:
    sources = _sources(i18n.ts_path("zh_CN"))
    assert sources and all(sources.values()), [s for s, t in sources.items() if not t]


def test_ts_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    cmd = i18n.lrelease_command()
    assert cmd is not None
    lupdate = cmd[0].replace("lrelease", "lupdate")
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [lupdate, "-silent", *map(str, sorted(GUI.glob("*.py"))), "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    missing = set(_sources(fresh)) - set(_sources(i18n.ts_path("zh_CN")))
    assert missing == set()


def test_window_speaks_chinese(qtbot, db, settings, tmp_path: Path) -> None:
    from PySide6.QtCore import QTranslator

    from gui.main_window import MainWindow

    qm = i18n.compiled_qm("zh_CN", cache=tmp_path)
    assert qm is not None and qm.stat().st_size > 0
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    try:
        w = MainWindow(db, settings)
        qtbot.addWidget(w)
        titles = [a.text() for a in w.menuBar().actions()]
        assert titles[0] == "文件(&F)"
        assert w.findings_dock.windowTitle() == "审核问题"
    finally:
        app.removeTranslator(translator)
