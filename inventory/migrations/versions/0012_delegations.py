"""representatives' delegations and the agreement's deliberation date

Revision ID: 0012_delegations
Revises: 0011_agreements
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0012_delegations"
down_revision = "0011_agreements"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    # Added columns only: no table is rebuilt on SQLite.
    op.add_column("person", sa.Column("delegation", _TEXT(), nullable=False, server_default=""))
    op.add_column("person", sa.Column("delegation_date", sa.Date(), nullable=True))
    op.add_column("agreement", sa.Column("deliberation_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_column("deliberation_date")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("delegation_date")
        batch_op.drop_column("delegation")
