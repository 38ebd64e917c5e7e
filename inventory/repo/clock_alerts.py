"""Queries on the e-mails that warn of clocks."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from inventory.tables import ClockAlert, Crisis, SlaClock


def alert(
    s: Session, clock_id: int, threshold: str, role: str, *, for_update: bool = False
) -> ClockAlert | None:
    """The alert of that clock, threshold and contact, if one was ever claimed."""
    stmt = select(ClockAlert).where(
        col(ClockAlert.clock_id) == clock_id,
        col(ClockAlert.threshold) == threshold,
        col(ClockAlert.role) == role,
    )
    return s.scalars(stmt.with_for_update() if for_update else stmt).first()


def alerts_in_state(
    s: Session, states: Sequence[str]
) -> Sequence[tuple[ClockAlert, SlaClock, Crisis]]:
    """Alerts in those states with their clock and crisis, oldest claim first."""
    stmt = (
        select(ClockAlert, SlaClock, Crisis)
        .join(SlaClock, col(SlaClock.id) == col(ClockAlert.clock_id))
        .join(Crisis, col(Crisis.id) == col(SlaClock.crisis_id))
        .where(col(ClockAlert.state).in_(states))
        .order_by(col(ClockAlert.claimed_at), col(ClockAlert.id))
    )
    return [(a, c, k) for a, c, k in s.execute(stmt).all()]


def alerts_of_clock(s: Session, clock_id: int) -> Sequence[ClockAlert]:
    """Every alert of a clock, by id."""
    stmt = select(ClockAlert).where(col(ClockAlert.clock_id) == clock_id)
    return s.scalars(stmt.order_by(col(ClockAlert.id))).all()
