"""The schema version is read without Alembic when it is current (start-up time), and
that reading agrees with Alembic's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

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


def test_0004_starts_the_histories_from_the_decisions_and_marks_kept(tmp_path: Path) -> None:
    """A library from before migration 0004 keeps its one stored decision and mark as the
    first entries of their histories (figures unknown: never reopened automatically)."""
    from alembic import command
    from alembic.config import Config

    from model.decisions import decision_history, review_marks

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        conn.execute(
            text(
                "INSERT INTO document (id, name, sha256, file_type, page_count, status, "
                "imported_at) VALUES (1, 'a.pdf', 'x', 'pdf', 1, 'in_review', "
                "'2026-01-02 03:04:05')"
            )
        )
        conn.execute(
            text(
                'INSERT INTO extracted_table (id, document_id, "order", title, header_rows, '
                "n_rows, n_cols, pages, caption_lines, review_status, reviewed_by, reviewed_at)"
                " VALUES (7, 1, 0, 't', 1, 2, 2, '[]', '[]', 'reviewed', '王', "
                "'2026-01-02 03:04:05')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO finding (id, document_id, table_id, key, rule, severity, cells, "
                "message, status, note, active, decided_by, decided_at) VALUES (3, 1, 7, 'k', "
                "'hierarchy_sum', 'error', '[]', 'm', 'dismissed', '原表如此', 1, '李', "
                "'2026-01-02 03:04:05')"
            )
        )
    engine.dispose()
    db = open_database(url)
    assert [(d.finding_id, d.status, d.note, d.reviewer) for d in decision_history(db, 1)] == [
        (3, "dismissed", "原表如此", "李")
    ]
    assert [(m.table_id, m.reviewed, m.reviewer) for m in review_marks(db, 1)] == [(7, True, "王")]
    db.dispose()
