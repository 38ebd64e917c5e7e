"""clock alerts: each e-mail warning of a clock's three quarters or expiry, sent once

Revision ID: 0014_clock_alerts
Revises: 0013_asset_search
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import inventory.types

revision = "0014_clock_alerts"
down_revision = "0013_asset_search"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "clock_alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clock_id", sa.Integer(), nullable=False),
        sa.Column("threshold", _TEXT(), nullable=False),
        sa.Column("role", _TEXT(), nullable=False),
        sa.Column("state", _TEXT(), nullable=False),
        sa.Column("recipient", _TEXT(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", _TEXT(), nullable=False),
        sa.Column("claimed_at", inventory.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", inventory.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["clock_id"], ["sla_clock.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ux_clock_alert_key", "clock_alert", ["clock_id", "threshold", "role"], unique=True
    )


def downgrade() -> None:
    op.drop_index("ux_clock_alert_key", table_name="clock_alert")
    op.drop_table("clock_alert")
