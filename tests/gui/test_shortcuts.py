"""One meaning per key (issue 26): no two shortcuts of the window, its docks and buttons
share a key sequence, and no menu (nor the menu bar) has two entries on one mnemonic
letter, in English and in Chinese."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QMenu

from gui import i18n

MNEMONIC = re.compile(r"&([^&])")


def _mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).upper() if found else None


def window_keys(window) -> dict[str, list[str]]:  # noqa: ANN001
    """Every key sequence the window reacts to -> what it does there."""
    keys: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue
        for seq in action.shortcuts():
            keys[seq.toString()].append(action.text())
    for shortcut in window.findChildren(QShortcut):
        for seq in shortcut.keys():
            keys[seq.toString()].append(shortcut.objectName() or "QShortcut")
    for button in window.findChildren(QAbstractButton):
        own = {button.shortcut().toString()} - {""}
        letter = _mnemonic(button.text())
        if letter:  # a button's &X is Alt+X window-wide (Qt sets it as its shortcut)
            own.add(QKeySequence(f"Alt+{letter}").toString())
        for seq in own:
            keys[seq].append(button.text())
    for action in window.menuBar().actions():
        letter = _mnemonic(action.text())
        if letter:
            keys[QKeySequence(f"Alt+{letter}").toString()].append(action.text())
    return keys


def menu_clashes(window) -> list[tuple[str, str, list[str]]]:  # noqa: ANN001
    clashes = []
    for menu in window.findChildren(QMenu):
        letters: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            letter = _mnemonic(action.text())
            if letter and action.isVisible():
                letters[letter].append(action.text())
        clashes += [(menu.title(), k, v) for k, v in letters.items() if len(v) > 1]
    return clashes


@pytest.fixture(params=["en", "zh_CN"])
def language(request, tmp_path: Path):  # noqa: ANN001, ANN201
    if request.param == "en":
        yield "en"
        return
    translator = QTranslator()
    assert translator.load(str(i18n.compiled_qm("zh_CN", cache=tmp_path)))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    yield "zh_CN"
    app.removeTranslator(translator)


def test_every_key_has_one_meaning(language, qtbot, db, settings) -> None:  # noqa: ANN001
    from gui.main_window import MainWindow

    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    clashes = {k: v for k, v in window_keys(window).items() if len(v) > 1}
    assert clashes == {}
    assert menu_clashes(window) == []


def test_standard_keys_where_qt_has_them(window) -> None:  # noqa: ANN001
    def has(action: QAction, key: QKeySequence.StandardKey) -> bool:
        return all(k in action.shortcuts() for k in QKeySequence.keyBindings(key))

    assert has(window.import_action, QKeySequence.StandardKey.Open)
    assert has(window.undo_action, QKeySequence.StandardKey.Undo)
    assert has(window.redo_action, QKeySequence.StandardKey.Redo)
    assert has(window.zoom_in_action, QKeySequence.StandardKey.ZoomIn)
    assert has(window.zoom_out_action, QKeySequence.StandardKey.ZoomOut)
    assert window.quit_action.shortcuts()
