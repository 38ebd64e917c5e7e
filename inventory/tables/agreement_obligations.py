"""What an agreement asks of the borrower beyond its terms: insurance proofs and claims."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from inventory.types import UTCDateTime


class InsuranceProof(SQLModel, table=True):
    """A copy of the borrower's insurance (contract, cover note, certificate), art. 4.1.

    The file itself is kept in the data directory under its SHA-256.
    """

    __tablename__ = "insurance_proof"

    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True)
    insurer: str
    policy_number: str
    covers: str  # comma-separated: civil_liability, property_damage
    valid_from: date
    valid_until: date
    file_name: str
    file_sha256: str
    recorded_by: str
    recorded_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class InsuranceClaim(SQLModel, table=True):
    """The claim the borrower makes to its insurer after a loss, theft or damage (art. 4.2)."""

    __tablename__ = "insurance_claim"

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(foreign_key="incident.id", unique=True)
    declared_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    insurer_reference: str
    answer: str = "pending"  # pending | accepted | refused
    answered_on: date | None = None
    remedy: str | None = None  # replacement | repair
    remedy_asset_tag: str | None = None  # the device that replaces, or the one repaired
    checked_by: str | None = None  # the lender's agent who checked it
    checked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
