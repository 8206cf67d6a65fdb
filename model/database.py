"""Engine, sessions and schema upgrades.

SQLite (the default, a file in the user data folder) runs in WAL mode with foreign
keys on and `synchronous=FULL`, so an edit that was committed survives a killed
process. Any other SQLAlchemy URL (PostgreSQL for a bureau's shared library) works
too. The schema is brought up to date by Alembic at every start; Alembic itself (about
0.7 s of imports) is loaded only when the stored version is not the newest, which is
read from the migration files and the `alembic_version` table directly.
"""

from __future__ import annotations

import ast
import functools
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker

from model import messages
from parsers.extraction import InputError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")


def default_url() -> str:
    """The SQLite file in the user data folder, created on first use. Raises InputError
    when the folder cannot be created (read-only profile, roaming drive gone)."""
    folder = Path(platformdirs.user_data_dir("BudgetReviewDesk", appauthor=False))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(messages.DB_FOLDER_READ_ONLY.format(folder=folder)) from err
    return f"sqlite:///{folder / 'library.sqlite3'}"


def _check_sqlite_file(url: str) -> None:
    """Refuse a SQLite file we could not write to, before SQLite fails half-way with
    "attempt to write a readonly database" (WAL also needs -wal/-shm files beside it)."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database).absolute()
    folder = path.parent
    if not folder.is_dir():
        raise InputError(messages.DB_FOLDER_MISSING.format(folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK) or (
        path.exists() and not os.access(path, os.R_OK | os.W_OK)
    ):
        raise InputError(messages.DB_FOLDER_READ_ONLY.format(folder=folder))


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI types
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


@dataclass(frozen=True)
class Database:
    engine: Engine
    Session: sessionmaker[Session]

    def dispose(self) -> None:
        self.engine.dispose()


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


_REVISIONS_READ = threading.Lock()


def migration_revisions() -> tuple[frozenset[str], frozenset[str]]:
    with _REVISIONS_READ:
        return _migration_revisions()


@functools.cache
def _migration_revisions() -> tuple[frozenset[str], frozenset[str]]:
    """(every revision, the heads) as the files in migrations/versions declare them:
    the module-level `revision` and `down_revision` assignments Alembic reads too.
    Read once per process: the files do not change while it runs, and CPython 3.11's
    ast.parse is not safe on two threads at once ("AST constructor recursion depth
    mismatch" when two clerks' threads opened the database together)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        declared: dict[str, ast.expr] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign):
                declared.update((t.id, node.value) for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                if node.value is not None:
                    declared[node.target.id] = node.value
        if "revision" not in declared:
            continue
        revisions.add(ast.literal_eval(declared["revision"]))
        down = ast.literal_eval(declared["down_revision"]) if "down_revision" in declared else None
        parents.update([down] if isinstance(down, str) else (down or ()))
    return frozenset(revisions), frozenset(revisions - parents)


def stored_revisions(conn: Connection) -> frozenset[str]:
    """The revisions `alembic_version` holds (none for a new database)."""
    if not inspect(conn).has_table("alembic_version"):
        return frozenset()
    return frozenset(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def _upgrade(conn: Connection) -> None:
    """Alembic, imported here: only a database behind the newest version pays for it."""
    from alembic import command

    cfg = _alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def open_database(url: str | None = None) -> Database:
    """Connect and migrate. Raises `InputError` (one Chinese line) when the database
    cannot be opened or was written by a newer version of the program."""
    url = url or default_url()
    try:
        if make_url(url).get_backend_name() == "sqlite":
            _check_sqlite_file(url)
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        known, heads = migration_revisions()
        with engine.begin() as conn:
            current = stored_revisions(conn)
            if current - known:
                raise InputError(messages.DB_NEWER)
            if current != heads:
                _upgrade(conn)
    except InputError:
        raise
    except NoSuchModuleError as err:  # a scheme or driver SQLAlchemy has no dialect for
        raise InputError(messages.DB_URL_UNSUPPORTED.format(url=shown_url(url))) from err
    except ModuleNotFoundError as err:
        if (err.name or "").startswith("psycopg"):
            raise InputError(messages.DB_DRIVER_MISSING) from err
        raise InputError(messages.DB_URL_UNSUPPORTED.format(url=shown_url(url))) from err
    except ArgumentError as err:
        raise InputError(messages.DB_URL_INVALID.format(url=shown_url(url))) from err
    except DatabaseError as err:
        # OperationalError ("unable to open database file", "connection refused") is a
        # DatabaseError; the driver's reason is English, so only the address is named.
        if not isinstance(err, OperationalError) and (
            "not a database" in str(err.orig) or "malformed" in str(err.orig)
        ):
            raise InputError(
                messages.DB_NOT_A_DATABASE.format(path=make_url(url).database)
            ) from err
        raise InputError(messages.DB_OPEN_FAILED.format(url=shown_url(url))) from err
    except SQLAlchemyError as err:
        raise InputError(messages.DB_OPEN_FAILED.format(url=shown_url(url))) from err
    return Database(engine, sessionmaker(engine, expire_on_commit=False))


def shown_url(url: str) -> str:
    """The database address as a message may show it: without its password, one line."""
    from parsers.limits import display_name

    try:
        return display_name(make_url(url).render_as_string(hide_password=True), 200)
    except ArgumentError:
        return display_name(url, 200)
