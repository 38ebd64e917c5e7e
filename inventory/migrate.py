"""Bringing a database to the current schema with Alembic (lazily imported)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from inventory.migrations import SCHEMA_HEAD

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at, or None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine, migrations: Path = MIGRATIONS_DIR) -> None:
    """Run pending migrations, all in one transaction: a failure or a process killed part-way
    leaves the database at the revision it had. Cheap when the database is already current
    (no Alembic import).

    Args:
        migrations: the migration scripts (tests add a failing one to a copy of ours).
    """
    if migrations == MIGRATIONS_DIR and current_revision(engine) == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
