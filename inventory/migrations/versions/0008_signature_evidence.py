"""how each party signed: the town's certificate or its handwritten signature's scan

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_COLUMNS = ("method", "certificate_subject", "certificate_issuer", "certificate_sha256",
            "scan_name", "scan_sha256")  # fmt: skip


def upgrade() -> None:
    with op.batch_alter_table("document_signature", schema=None) as batch_op:
        for name in _COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(), nullable=True))
        batch_op.add_column(sa.Column("scan", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("document_signature", schema=None) as batch_op:
        batch_op.drop_column("scan")
        for name in reversed(_COLUMNS):
            batch_op.drop_column(name)
