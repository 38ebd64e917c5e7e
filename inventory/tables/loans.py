"""Crises, loans and their items, return scans, incidents and the crisis log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from inventory.types import UTCDateTime


class Crisis(SQLModel, table=True):
    """An attack reported by a town: the record every loan and incident hangs on."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True)  # the incident reference
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    declared_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    declarant: str
    description: str = ""
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class Loan(SQLModel, table=True):
    """A kit lent under an agreement during a crisis."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True)
    crisis_id: int = Field(foreign_key="crisis.id", index=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True)
    template_id: int | None = Field(default=None, foreign_key="kit_template.id")
    state: str = Field(index=True)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # Parties ("lender", "borrower") who signed each joint document.
    acceptance_signed_by: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    return_signed_by: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    inventory_signed_by: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    # The items as handed over: the reference the return is computed against.
    handover_snapshot: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))
    handed_over_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class LoanItem(SQLModel, table=True):
    """An asset bound to a loan (one line of its kit)."""

    __tablename__ = "loan_item"
    __table_args__ = (UniqueConstraint("loan_id", "asset_tag"),)

    id: int | None = Field(default=None, primary_key=True)
    loan_id: int = Field(foreign_key="loan.id", index=True)
    asset_tag: str = Field(index=True)
    line: str = ""


class ReturnScan(SQLModel, table=True):
    """One scan at restitution (a barcode scanner types the tag)."""

    __tablename__ = "return_scan"

    id: int | None = Field(default=None, primary_key=True)
    loan_id: int = Field(foreign_key="loan.id", index=True)
    asset_tag: str
    condition: str
    serial_read: str = ""
    scanned_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    operator: str
    # Why the device came back with this loan: "lent" (one of its items) or "unexpected"
    # (one of ours it had not lent, confirmed at the desk); and the state the scan moved it
    # from ("" when the scan did not move it), so a withdrawal can put it back.
    kind: str = "lent"
    moved_from: str = ""
    withdrawn_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    withdrawn_by: str = ""


class Incident(SQLModel, table=True):
    """A breakdown report, or a loss or theft, with what the agreement asks for."""

    id: int | None = Field(default=None, primary_key=True)
    crisis_id: int = Field(foreign_key="crisis.id", index=True)
    loan_id: int | None = Field(default=None, foreign_key="loan.id")
    kind: str  # breakdown | loss | theft
    severity: str  # blocking | major | minor
    declarant: str
    channel: str  # ticket | email | letter | phone
    description: str = Field(sa_column=Column(Text, nullable=False))
    asset_tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    personal_data: bool = False
    reported_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    resolved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    resolution: str = ""


class SlaClock(SQLModel, table=True):
    """A running deadline (intervention, declaration, breach notification...)."""

    __tablename__ = "sla_clock"

    id: int | None = Field(default=None, primary_key=True)
    crisis_id: int = Field(foreign_key="crisis.id", index=True)
    incident_id: int | None = Field(default=None, foreign_key="incident.id")
    kind: str
    subject: str
    started_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    due_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    stopped_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    stop_reason: str = ""


class CrisisLogEntry(SQLModel, table=True):
    """The main courante: a timestamped line of what happened during a crisis."""

    __tablename__ = "crisis_log_entry"

    id: int | None = Field(default=None, primary_key=True)
    crisis_id: int = Field(foreign_key="crisis.id", index=True)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    operator: str
    text: str = Field(sa_column=Column(Text, nullable=False))
    journal_seq: int


class IncidentStep(SQLModel, table=True):
    """A step a loss or theft asks for on one device (a phone's line suspended with the
    carrier, its remote wipe), and who did it when (empty until done)."""

    __tablename__ = "incident_step"

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(foreign_key="incident.id", index=True)
    asset_tag: str
    step: str  # line_suspension | remote_wipe
    done_by: str = ""
    done_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    note: str = ""
