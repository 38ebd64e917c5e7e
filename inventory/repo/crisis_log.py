"""The crisis log (main courante): its lines, read back in order."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlmodel import Session, col

from inventory.tables import CrisisLogEntry


def entries_of(s: Session, crisis_id: int) -> Sequence[CrisisLogEntry]:
    """A crisis's log lines, oldest first (in the order they were journaled)."""
    stmt = (
        select(CrisisLogEntry)
        .where(col(CrisisLogEntry.crisis_id) == crisis_id)
        .order_by(col(CrisisLogEntry.journal_seq), col(CrisisLogEntry.id))
    )
    return s.scalars(stmt).all()
