"""Switch snapshot storage."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlmodel import Session, col

from inventory.tables import SwitchSnapshot


def next_version(s: Session, tag: str) -> int:
    """The version number the next snapshot of switch `tag` gets."""
    stmt = select(func.max(col(SwitchSnapshot.version))).where(col(SwitchSnapshot.asset_tag) == tag)
    return int(s.execute(stmt).scalar() or 0) + 1


def add(s: Session, snap: SwitchSnapshot) -> None:
    """Store a snapshot."""
    s.add(snap)


def history(s: Session, tag: str) -> Sequence[SwitchSnapshot]:
    """Every snapshot of a switch, oldest first."""
    stmt = (
        select(SwitchSnapshot)
        .where(col(SwitchSnapshot.asset_tag) == tag)
        .order_by(col(SwitchSnapshot.version))
    )
    return s.scalars(stmt).all()


def latest(s: Session, tag: str, kind: str) -> SwitchSnapshot | None:
    """The newest snapshot of a kind (``backup`` or ``after``)."""
    stmt = (
        select(SwitchSnapshot)
        .where(col(SwitchSnapshot.asset_tag) == tag, col(SwitchSnapshot.kind) == kind)
        .order_by(col(SwitchSnapshot.version).desc())
        .limit(1)
    )
    return s.scalars(stmt).first()
