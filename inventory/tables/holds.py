"""Forensic holds: a returned device kept for investigators, and its chain of custody."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from inventory.types import UTCDateTime


class ForensicHold(SQLModel, table=True):
    """A device put on hold for a forensic analysis: it may not be wiped, stocked or lent
    until the hold is released."""

    __tablename__ = "forensic_hold"

    id: int | None = Field(default=None, primary_key=True)
    asset_tag: str = Field(index=True)
    loan_id: int | None = Field(default=None, foreign_key="loan.id", index=True)
    seal_number: str
    taken_by: str  # the investigator who took the device
    taken_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    purpose: str = Field(default="", sa_column=Column(Text, nullable=False))
    placed_by: str  # the operator who recorded it
    released_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    released_by: str = ""  # the operator who recorded the release
    release_authorised_by: str = ""
    release_reason: str = Field(default="", sa_column=Column(Text, nullable=False))


class CustodyTransfer(SQLModel, table=True):
    """One hand-over of a held device from one custodian to the next."""

    __tablename__ = "custody_transfer"

    id: int | None = Field(default=None, primary_key=True)
    hold_id: int = Field(foreign_key="forensic_hold.id", index=True)
    from_holder: str
    to_holder: str
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    operator: str
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
