"""the return desk: why a scan came back, withdrawn scans, incidents and clocks closed with a
reason, forensic holds and their chain of custody

Revision ID: 0009_return
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import json

import sqlalchemy as sa
import sqlmodel
from alembic import op

import inventory.types

revision = "0009_return"
down_revision = "0008"
branch_labels = None
depends_on = None

_STR = sqlmodel.sql.sqltypes.AutoString
_WHEN = inventory.types.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table("return_scan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", _STR(), nullable=False, server_default="lent"))
        batch_op.add_column(sa.Column("moved_from", _STR(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("withdrawn_at", _WHEN(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_by", _STR(), nullable=False, server_default=""))
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resolution", _STR(), nullable=False, server_default=""))
    with op.batch_alter_table("sla_clock", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stop_reason", _STR(), nullable=False, server_default=""))
    _type_earlier_scans()
    op.create_table(
        "forensic_hold",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("asset_tag", _STR(), nullable=False),
        sa.Column("loan_id", sa.Integer(), nullable=True),
        sa.Column("seal_number", _STR(), nullable=False),
        sa.Column("taken_by", _STR(), nullable=False),
        sa.Column("taken_at", _WHEN(timezone=True), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("placed_by", _STR(), nullable=False),
        sa.Column("released_at", _WHEN(timezone=True), nullable=True),
        sa.Column("released_by", _STR(), nullable=False),
        sa.Column("release_authorised_by", _STR(), nullable=False),
        sa.Column("release_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["loan_id"], ["loan.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("forensic_hold", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_forensic_hold_asset_tag"), ["asset_tag"])
        batch_op.create_index(batch_op.f("ix_forensic_hold_loan_id"), ["loan_id"])
    op.create_table(
        "custody_transfer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hold_id", sa.Integer(), nullable=False),
        sa.Column("from_holder", _STR(), nullable=False),
        sa.Column("to_holder", _STR(), nullable=False),
        sa.Column("at", _WHEN(timezone=True), nullable=False),
        sa.Column("operator", _STR(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["hold_id"], ["forensic_hold.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("custody_transfer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_custody_transfer_hold_id"), ["hold_id"])


def _type_earlier_scans() -> None:
    """Scans made before this revision: a tag the loan had not lent is unexpected; the first
    such scan moved the device when the journal shows the desk quarantining it for that loan
    (the sentence those versions wrote), from the state the journal names."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT s.id, s.asset_tag, l.reference FROM return_scan s "
            "JOIN loan l ON l.id = s.loan_id WHERE s.asset_tag NOT IN "
            "(SELECT i.asset_tag FROM loan_item i WHERE i.loan_id = s.loan_id) ORDER BY s.id"
        )
    ).all()
    seen: set[tuple[str, str]] = set()
    for scan_id, tag, loan in rows:
        bind.execute(
            sa.text("UPDATE return_scan SET kind = 'unexpected' WHERE id = :id"), {"id": scan_id}
        )
        if (tag, loan) in seen:
            continue
        seen.add((tag, loan))
        reason = f"loan {loan}: received at the return desk, not lent by it"
        events = bind.execute(
            sa.text(
                "SELECT before, after FROM journal_event WHERE entity_type = 'asset' "
                "AND entity_id = :tag AND action = 'asset.state_changed' ORDER BY seq"
            ),
            {"tag": tag},
        ).all()
        for before, after in events:
            if (json.loads(after) or {}).get("reason") == reason:
                was = (json.loads(before) or {}).get("state", "")
                bind.execute(
                    sa.text("UPDATE return_scan SET moved_from = :was WHERE id = :id"),
                    {"was": was, "id": scan_id},
                )
                break


def downgrade() -> None:
    with op.batch_alter_table("custody_transfer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_custody_transfer_hold_id"))
    op.drop_table("custody_transfer")
    with op.batch_alter_table("forensic_hold", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_forensic_hold_loan_id"))
        batch_op.drop_index(batch_op.f("ix_forensic_hold_asset_tag"))
    op.drop_table("forensic_hold")
    with op.batch_alter_table("sla_clock", schema=None) as batch_op:
        batch_op.drop_column("stop_reason")
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.drop_column("resolution")
    with op.batch_alter_table("return_scan", schema=None) as batch_op:
        for name in ("withdrawn_by", "withdrawn_at", "moved_from", "kind"):
            batch_op.drop_column(name)
