"""The schema comes from Alembic migrations, and the head constant matches them."""

from __future__ import annotations

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from crisis.services.workspace import Workspace
from inventory.migrate import MIGRATIONS_DIR, current_revision
from inventory.migrations import SCHEMA_HEAD


def test_schema_head_constant_is_alembics_head() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(cfg).get_heads() == [SCHEMA_HEAD]


def test_a_new_database_is_migrated_to_head(ws: Workspace) -> None:
    assert current_revision(ws.db.engine) == SCHEMA_HEAD
    tables = set(inspect(ws.db.engine).get_table_names())
    assert {"asset", "journal_event", "agreement", "kit_template_line"} <= tables


def test_the_migrations_build_exactly_the_tables_the_models_describe(ws: Workspace) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import inventory.tables  # noqa: F401
    from inventory.search_index import is_search_index_object

    def described(_obj: object, name: str | None, *_: object) -> bool:
        return not is_search_index_object(name)  # the trigram index: not in the models

    with ws.db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": described})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def test_every_migration_goes_down_and_up_on_a_populated_inventory(ws: Workspace) -> None:
    from alembic import command

    from crisis.domain.asset_rows import AssetDraft
    from crisis.domain.assets import Category
    from crisis.services.assets import add_asset, list_assets
    from inventory.migrate import upgrade_to_head

    add_asset(ws, AssetDraft(tag="X1", category=Category.LAPTOP))
    tables = set(inspect(ws.db.engine).get_table_names())
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with ws.db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert current_revision(ws.db.engine) == "0001"
    assert {"secret", "loan", "switch_snapshot"}.isdisjoint(inspect(ws.db.engine).get_table_names())
    upgrade_to_head(ws.db.engine)
    assert current_revision(ws.db.engine) == SCHEMA_HEAD
    assert set(inspect(ws.db.engine).get_table_names()) == tables
    assert list_assets(ws).total == 1
