"""Records of playbook runs and of device sanitisations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from inventory.types import UTCDateTime


class PlaybookRun(SQLModel, table=True):
    """One run of a playbook: what, on which hosts, how it ended on each."""

    __tablename__ = "playbook_run"

    id: int | None = Field(default=None, primary_key=True)
    playbook: str
    status: str  # successful | failed | canceled | timeout
    rc: int
    check: bool
    started_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    duration: float
    # {host: {"status", "message", "changed", "failed_task"}}: never a secret.
    hosts: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    summary: str
    operator: str
    journal_seq: int


class SanitisationRecord(SQLModel, table=True):
    """What NIST SP 800-88 asks to record about a device's sanitisation."""

    __tablename__ = "sanitisation_record"

    id: int | None = Field(default=None, primary_key=True)
    asset_tag: str = Field(index=True)
    method: str  # Clear | Purge | Destroy
    technique: str
    tool: str
    verification: str  # passed | failed
    details: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    evidence_sha256: str
    operator: str
    performed_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    run_id: int | None = Field(default=None, foreign_key="playbook_run.id")
    journal_seq: int
