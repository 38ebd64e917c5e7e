"""playbook runs and sanitisation records

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import inventory.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "playbook_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("playbook", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("rc", sa.Integer(), nullable=False),
        sa.Column("check", sa.Boolean(), nullable=False),
        sa.Column("started_at", inventory.types.UTCDateTime(), nullable=False),
        sa.Column("duration", sa.Float(), nullable=False),
        sa.Column("hosts", sa.JSON(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("operator", sa.String(), nullable=False),
        sa.Column("journal_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sanitisation_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("asset_tag", sa.String(), nullable=False),
        sa.Column("method", sa.String(), nullable=False),
        sa.Column("technique", sa.String(), nullable=False),
        sa.Column("tool", sa.String(), nullable=False),
        sa.Column("verification", sa.String(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("evidence_sha256", sa.String(), nullable=False),
        sa.Column("operator", sa.String(), nullable=False),
        sa.Column("performed_at", inventory.types.UTCDateTime(), nullable=False),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("playbook_run.id"), nullable=True),
        sa.Column("journal_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sanitisation_record_asset_tag", "sanitisation_record", ["asset_tag"])


def downgrade() -> None:
    op.drop_index("ix_sanitisation_record_asset_tag", table_name="sanitisation_record")
    op.drop_table("sanitisation_record")
    op.drop_table("playbook_run")
