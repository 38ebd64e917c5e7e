"""Run and sanitisation record storage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


def passed_sanitisations_since(s: Session, since: Mapping[str, datetime]) -> set[str]:
    """The tags of `since` with a passed sanitisation record performed at or after their time.

    A failed record, or one made before the device came back (for an earlier loan), does not
    count.
    """
    tags = sorted(since)
    done: set[str] = set()
    for i in range(0, len(tags), 900):
        stmt = select(SanitisationRecord).where(
            col(SanitisationRecord.asset_tag).in_(tags[i : i + 900]),
            col(SanitisationRecord.verification) == "passed",
        )
        done.update(
            r.asset_tag for r in s.scalars(stmt).all() if r.performed_at >= since[r.asset_tag]
        )
    return done
