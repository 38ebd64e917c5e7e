"""a trigram index for the inventory filter: SQLite FTS5 ``trigram``, PostgreSQL ``pg_trgm``

Revision ID: 0013_asset_search
Revises: 0012_delegations
Create Date: 2026-12-07

The objects are named in ``inventory.search_index`` (the models do not describe them).
"""

from __future__ import annotations

from alembic import op

from inventory.search_index import POSTGRESQL_DOWN, POSTGRESQL_UP, SQLITE_DOWN, SQLITE_UP

revision = "0013_asset_search"
down_revision = "0012_delegations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_UP if sqlite else POSTGRESQL_UP:
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_DOWN if sqlite else POSTGRESQL_DOWN:
        op.execute(statement)
