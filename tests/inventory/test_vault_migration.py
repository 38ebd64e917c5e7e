"""Migration 0002 (vault and operators) goes down and up again on a populated inventory."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import Category
from crisis.services.assets import add_asset, list_assets
from crisis.services.workspace import Workspace
from inventory.migrate import MIGRATIONS_DIR, current_revision, upgrade_to_head
from inventory.migrations import SCHEMA_HEAD

NEW_TABLES = {"vault_key", "secret", "operator"}


def alembic(ws: Workspace, verb: str, target: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with ws.db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, verb)(cfg, target)


def test_0002_down_and_up_keeps_the_inventory(ws: Workspace) -> None:
    add_asset(ws, AssetDraft(tag="X1", category=Category.LAPTOP))
    assert SCHEMA_HEAD == "0002"
    assert set(inspect(ws.db.engine).get_table_names()) >= NEW_TABLES
    alembic(ws, "downgrade", "0001")
    assert current_revision(ws.db.engine) == "0001"
    assert not NEW_TABLES & set(inspect(ws.db.engine).get_table_names())
    upgrade_to_head(ws.db.engine)
    assert current_revision(ws.db.engine) == "0002"
    assert set(inspect(ws.db.engine).get_table_names()) >= NEW_TABLES
    assert list_assets(ws).total == 1


def test_the_migrations_build_exactly_the_tables_the_models_describe(ws: Workspace) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import inventory.tables  # noqa: F401

    with ws.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []
