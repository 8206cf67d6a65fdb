"""Qt translations: resources/i18n/budget_review_<lang>.ts is the committed source; the
.qm is compiled by pyside6-lrelease into the user cache the first time (and again when
the .ts is newer), then loaded with QTranslator together with Qt's own qtbase strings.
English is the source language and needs no file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N = Path(__file__).resolve().parent.parent / "resources" / "i18n"
LANGUAGES = ("zh_CN", "en")


def ts_path(language: str) -> Path:
    return I18N / f"budget_review_{language}.ts"


def lrelease_command() -> list[str] | None:
    """pyside6-lrelease next to the interpreter, on PATH, or PySide6's bundled binary."""
    exe = Path(sys.executable).parent / "pyside6-lrelease"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("pyside6-lrelease")
    if found:
        return [found]
    try:
        import PySide6

        bundled = Path(PySide6.__file__).parent / "lrelease"
        if bundled.exists():
            return [str(bundled)]
    except ImportError:
        return None
    return None


def compiled_qm(language: str, cache: Path | None = None) -> Path | None:
    """The .qm for `language`, compiled now if missing or older than the .ts; None when
    there is no .ts or no lrelease (the UI then stays English)."""
    ts = ts_path(language)
    if not ts.exists():
        return None
    cache = cache or Path(platformdirs.user_cache_dir("BudgetReviewDesk", appauthor=False))
    cache.mkdir(parents=True, exist_ok=True)
    qm = cache / f"budget_review_{language}.qm"
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    cmd = lrelease_command()
    if cmd is None:
        return None
    result = subprocess.run(
        [*cmd, "-silent", str(ts), "-qm", str(qm)], capture_output=True, timeout=60, check=False
    )
    return qm if result.returncode == 0 and qm.exists() else None


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the program's and Qt's translators for `language` ("zh_CN" / "en");
    returns them (keep them alive as long as the app)."""
    installed: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return installed
    QLocale.setDefault(QLocale(language))
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    qm = compiled_qm(language)
    own = QTranslator(app)
    if qm is not None and own.load(str(qm)):
        app.installTranslator(own)
        installed.append(own)
    return installed
