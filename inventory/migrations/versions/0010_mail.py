"""crisis mail domains, agreements' data terms, mailbox disposition facts, loss steps

Revision ID: 0010_mail
Revises: 0009_return
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from inventory.types import UTCDateTime

revision = "0010_mail"
down_revision = "0009_return"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mail_domain", sa.String(), nullable=True))
    # A unique index: a table constraint would rebuild the referenced table on SQLite.
    op.create_index("ix_organisation_mail_domain", "organisation", ["mail_domain"], unique=True)
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("data_terms", sa.JSON(), nullable=True))
    with op.batch_alter_table("mailbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("disposition_facts", sa.JSON(), nullable=True))
    op.create_table(
        "incident_step",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("incident_id", sa.Integer(), sa.ForeignKey("incident.id"), nullable=False),
        sa.Column("asset_tag", sa.String(), nullable=False),
        sa.Column("step", sa.String(), nullable=False),
        sa.Column("done_by", sa.String(), nullable=False),
        sa.Column("done_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
    )
    op.create_index("ix_incident_step_incident_id", "incident_step", ["incident_id"])


def downgrade() -> None:
    op.drop_index("ix_incident_step_incident_id", table_name="incident_step")
    op.drop_table("incident_step")
    with op.batch_alter_table("mailbox", schema=None) as batch_op:
        batch_op.drop_column("disposition_facts")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_column("data_terms")
    op.drop_index("ix_organisation_mail_domain", table_name="organisation")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("mail_domain")
