"""Alembic environment: runs on the connection `database.open_database()` hands in."""

from alembic import context

from model.schema import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the alembic command line takes this path
    from sqlalchemy import create_engine

    connection = create_engine(config.get_main_option("sqlalchemy.url")).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them (Alembic batch mode)
)
with context.begin_transaction():
    context.run_migrations()
