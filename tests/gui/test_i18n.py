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
        [lupdate, "-silent", *map(str, sorted(GUI.rglob("*.py"))), "-ts", str(fresh)],
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


def test_qt_own_strings_are_chinese_and_english_stays_available(qapp) -> None:  # noqa: ANN001
    """Qt's buttons and dialogs (qtbase_zh_CN from PySide6's translations folder) load
    with the program's own; "en" installs none."""
    from PySide6.QtCore import QLocale

    locale = QLocale()
    installed = i18n.install_translators(qapp, "zh_CN")
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        assert len(installed) == 2
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    try:
        assert i18n.install_translators(qapp, "en") == []
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        QLocale.setDefault(locale)


def test_first_import_dialog_opens_in_documents_not_the_program(
    qtbot,
    db,
    settings,
    monkeypatch,  # noqa: ANN001
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from gui.main_window import MainWindow

    opened_in = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        lambda _parent, _title, folder, _filter: (opened_in.append(folder), ([], ""))[1],
    )
    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    w.import_action.trigger()
    assert opened_in and Path(opened_in[0]).is_dir()
    assert Path(opened_in[0]).resolve() != Path.cwd().resolve()
    assert Path(opened_in[0]).resolve() != GUI.parent.resolve()
