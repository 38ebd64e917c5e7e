"""Alembic environment: runs on the connection handed over by ``inventory.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import inventory.tables  # noqa: F401  (registers every table on the metadata)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


conn = context.config.attributes.get("connection")
if conn is None:
    raise RuntimeError("run migrations through inventory.migrate.upgrade_to_head")
_run(conn)
