"""E-mails that warn of a clock: at three quarters of its time and when it expires."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from inventory.types import UTCDateTime


class ClockAlert(SQLModel, table=True):
    """One notification of one clock's threshold to one contact of the agreement.

    The unique index on (clock, threshold, role) makes it sent once, whatever the number of
    runs or stations: a station claims the row (state ``sending``) before it sends.
    """

    __tablename__ = "clock_alert"
    __table_args__ = (Index("ux_clock_alert_key", "clock_id", "threshold", "role", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    clock_id: int = Field(foreign_key="sla_clock.id")
    threshold: str  # three_quarters | expired
    role: str  # lender | dpo
    state: str  # sending | sent | failed
    recipient: str = ""  # the address of the last attempt ("" when none was named)
    attempts: int = 0
    error: str = ""  # why the last attempt failed (never a secret)
    claimed_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
