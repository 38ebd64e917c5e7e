"""switch configuration snapshots

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import inventory.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "switch_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("asset_tag", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("taken_at", inventory.types.UTCDateTime(), nullable=False),
        sa.Column("journal_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("asset_tag", "version"),
    )
    op.create_index("ix_switch_snapshot_asset_tag", "switch_snapshot", ["asset_tag"])


def downgrade() -> None:
    op.drop_index("ix_switch_snapshot_asset_tag", table_name="switch_snapshot")
    op.drop_table("switch_snapshot")
