"""Shared fixtures. The `db` fixture migrates one template SQLite file per session and
copies it for each test (as Anki's pylib/tests/shared.py does), so tests stay fast."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from model.database import open_database

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def db_url(template_db: Path, tmp_path: Path) -> str:
    path = tmp_path / "library.sqlite3"
    shutil.copy(template_db, path)
    return f"sqlite:///{path}"


@pytest.fixture
def db(db_url: str) -> Iterator:
    from model.database import open_database

    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def fixture_path() -> Path:
    return FIXTURES
