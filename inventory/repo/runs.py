"""Run and sanitisation record storage."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from inventory.tables import PlaybookRun, SanitisationRecord


def add_run(s: Session, run: PlaybookRun) -> int:
    """Store a run record; return its id."""
    s.add(run)
    s.flush()
    assert run.id is not None
    return run.id


def recent_runs(s: Session, limit: int) -> Sequence[PlaybookRun]:
    """The newest run records, newest first."""
    stmt = select(PlaybookRun).order_by(col(PlaybookRun.id).desc()).limit(limit)
    return s.scalars(stmt).all()


def real_runs(s: Session, playbook: str, since: datetime) -> Sequence[PlaybookRun]:
    """The runs of one playbook started since `since` not in check mode, newest first."""
    stmt = (
        select(PlaybookRun)
        .where(
            col(PlaybookRun.playbook) == playbook,
            col(PlaybookRun.check).is_(False),
            col(PlaybookRun.started_at) >= since,
        )
        .order_by(col(PlaybookRun.id).desc())
    )
    return s.scalars(stmt).all()


def add_sanitisation(s: Session, rec: SanitisationRecord) -> None:
    """Store a sanitisation record."""
    s.add(rec)


def sanitisations(s: Session, tag: str) -> Sequence[SanitisationRecord]:
    """A device's sanitisation records, oldest first."""
    stmt = (
        select(SanitisationRecord)
        .where(col(SanitisationRecord.asset_tag) == tag)
        .order_by(col(SanitisationRecord.id))
    )
    return s.scalars(stmt).all()
