"""the agreement's obligations: insurance proofs and claims, notice letter, contacts

Revision ID: 0011_agreements
Revises: 0010_mail
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import inventory.types

revision = "0011_agreements"
down_revision = "0010_mail"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_OPTIONAL = ("notice_reference", "notice_scan_name", "notice_scan_sha256")
_CONTACTS = ("lender_contact", "lender_contact_email", "borrower_contact",
             "borrower_contact_email", "dpo", "dpo_email")  # fmt: skip


def upgrade() -> None:
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("insurance_rule", _TEXT(), nullable=False, server_default="warn")
        )
        for name in _OPTIONAL:
            batch_op.add_column(sa.Column(name, _TEXT(), nullable=True))
        for name in _CONTACTS:
            batch_op.add_column(sa.Column(name, _TEXT(), nullable=False, server_default=""))
    op.create_table(
        "insurance_proof",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("insurer", _TEXT(), nullable=False),
        sa.Column("policy_number", _TEXT(), nullable=False),
        sa.Column("covers", _TEXT(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("file_name", _TEXT(), nullable=False),
        sa.Column("file_sha256", _TEXT(), nullable=False),
        sa.Column("recorded_by", _TEXT(), nullable=False),
        sa.Column("recorded_at", inventory.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreement.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("insurance_proof", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_insurance_proof_agreement_id"), ["agreement_id"], unique=False
        )
    op.create_table(
        "insurance_claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("declared_at", inventory.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("insurer_reference", _TEXT(), nullable=False),
        sa.Column("answer", _TEXT(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("remedy", _TEXT(), nullable=True),
        sa.Column("remedy_asset_tag", _TEXT(), nullable=True),
        sa.Column("checked_by", _TEXT(), nullable=True),
        sa.Column("checked_at", inventory.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["incident_id"], ["incident.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("incident_id"),
    )


def downgrade() -> None:
    op.drop_table("insurance_claim")
    with op.batch_alter_table("insurance_proof", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_insurance_proof_agreement_id"))
    op.drop_table("insurance_proof")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        for name in reversed((*_OPTIONAL, *_CONTACTS)):
            batch_op.drop_column(name)
        batch_op.drop_column("insurance_rule")
