"""The schema version is read without Alembic when it is current (start-up time), and
that reading agrees with Alembic's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from model.database import (
    MIGRATIONS,
    migration_revisions,
    open_database,
    stored_revisions,
)

ROOT = Path(__file__).resolve().parents[2]


def test_migration_files_read_as_alembic_reads_them() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(cfg)
    known, heads = migration_revisions()
    assert heads == frozenset(script.get_heads())
    assert known == frozenset(s.revision for s in script.walk_revisions())


def test_a_new_database_is_migrated_to_the_heads(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'x.db'}")
    with db.engine.connect() as conn:
        assert stored_revisions(conn) == migration_revisions()[1]
        conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one()
    db.dispose()


def test_a_current_database_opens_without_importing_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    open_database(url).dispose()
    probe = (
        "import sys\nfrom model.database import open_database\n"
        f"open_database({url!r}).dispose()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
