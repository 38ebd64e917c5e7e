"""Switch snapshot storage."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlmodel import Session, col

from inventory.tables import JournalEvent, SwitchSnapshot


def next_version(s: Session, tag: str) -> int:
    """The version number the next snapshot of switch `tag` gets."""
    stmt = select(func.max(col(SwitchSnapshot.version))).where(col(SwitchSnapshot.asset_tag) == tag)
    return int(s.execute(stmt).scalar() or 0) + 1


def add(s: Session, snap: SwitchSnapshot) -> None:
    """Store a snapshot."""
    s.add(snap)


def history(s: Session, tag: str) -> Sequence[tuple[SwitchSnapshot, str | None]]:
    """Every snapshot of a switch, oldest first, with the action of the event that stored it."""
    stmt = (
        select(SwitchSnapshot, col(JournalEvent.action))
        .outerjoin(JournalEvent, col(JournalEvent.seq) == col(SwitchSnapshot.journal_seq))
        .where(col(SwitchSnapshot.asset_tag) == tag)
        .order_by(col(SwitchSnapshot.version))
    )
    return [(snap, action) for snap, action in s.execute(stmt).all()]


def snapshot(s: Session, tag: str, version: int) -> SwitchSnapshot | None:
    """One snapshot of a switch by version."""
    stmt = select(SwitchSnapshot).where(
        col(SwitchSnapshot.asset_tag) == tag, col(SwitchSnapshot.version) == version
    )
    return s.scalars(stmt).first()
