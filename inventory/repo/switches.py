"""Switch snapshot storage."""

from __future__ import annotations

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
