"""Service-level clocks: due times, remaining time and status, in a working calendar.

All instants are aware datetimes; results are in UTC. The calendars (round the clock,
support hours) are in :mod:`crisis.domain.work_calendar`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from crisis.domain.paris_time import require_aware
from crisis.domain.work_calendar import (
    OFFICE_HOURS,
    ROUND_THE_CLOCK,
    Calendar,
    SupportHours,
    working_days_deadline,
)


class ClockKind(StrEnum):
    """What a clock measures."""

    INTERVENTION = "intervention"  # technician on site after a breakdown report (seed 000 art. 3-1)
    LOSS_DECLARATION = "loss_declaration"  # loss or theft told to the lender (seed 000 art. 4.2)
    DATA_BREACH = "data_breach"  # personal-data breach notification (GDPR art. 33)
    INSURER = "insurer"  # claim declared to the borrower's insurer
    NOTICE = "notice"  # last day to give notice before a tacit renewal


class ClockStatus(StrEnum):
    """Where a clock stands at a moment."""

    RUNNING = "running"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"  # stopped on or before its due time
    MISSED = "missed"  # stopped after its due time


@dataclass(frozen=True, slots=True)
class Clock:
    """A deadline that runs from an event for a duration, in a calendar.

    Attributes:
        kind: what the clock measures.
        started_at: the event that starts it (the breakdown report, the loss), aware.
        duration: the allowed time, counted in `calendar`.
        calendar: round the clock or support hours.
        stopped_at: when the obligation was met (technician on site, declaration sent).
        subject: what the clock is about, for messages ("breakdown 12, loan L-2026-004").
    """

    kind: ClockKind
    started_at: datetime
    duration: timedelta
    calendar: Calendar = ROUND_THE_CLOCK
    stopped_at: datetime | None = None
    subject: str = ""

    def __post_init__(self) -> None:
        require_aware(self.started_at, "started_at")
        if self.duration < timedelta(0):
            raise ValueError(f"{self.kind} clock: duration cannot be negative")
        if self.stopped_at is not None:
            require_aware(self.stopped_at, "stopped_at")
            if self.stopped_at < self.started_at:
                raise ValueError(f"{self.kind} clock: stopped before it started")


def deadline_clock(
    kind: ClockKind, started_at: datetime, due: datetime, *, subject: str = ""
) -> Clock:
    """A round-the-clock clock that falls due at a given instant (a notice deadline)."""
    require_aware(due, "due")
    if due < started_at:
        raise ValueError(f"{kind} clock: due {due.isoformat()} before it starts")
    return Clock(kind, started_at, due - started_at, ROUND_THE_CLOCK, subject=subject)


def working_days_clock(
    kind: ClockKind,
    started_at: datetime,
    days: int,
    calendar: SupportHours = OFFICE_HOURS,
    *,
    subject: str = "",
) -> Clock:
    """A clock due at the end of the `days`-th working day after `started_at` (an insurer's)."""
    due = working_days_deadline(started_at, days, calendar)
    return deadline_clock(kind, started_at, due, subject=subject)


def due_at(clock: Clock) -> datetime:
    """When the clock falls due, in UTC."""
    return clock.calendar.add(clock.started_at, clock.duration)


def remaining(clock: Clock, at: datetime) -> timedelta:
    """Time left at `at`, counted in the clock's calendar; negative once overdue.

    A stopped clock is measured at its stop: what was left when it was met (or missed).
    """
    if clock.stopped_at is not None and clock.stopped_at <= at:
        at = clock.stopped_at
    return clock.calendar.between(at, due_at(clock))


def clock_status(clock: Clock, at: datetime, *, due_soon: timedelta | None = None) -> ClockStatus:
    """The clock's status at `at`.

    Args:
        clock: the clock.
        at: the moment of the question, aware.
        due_soon: a running clock with this much time left or less (in its calendar) is due
            soon; defaults to a quarter of its duration.
    """
    require_aware(at, "at")
    due = due_at(clock)
    if clock.stopped_at is not None and clock.stopped_at <= at:
        return ClockStatus.MET if clock.stopped_at <= due else ClockStatus.MISSED
    if at > due:
        return ClockStatus.OVERDUE
    threshold = clock.duration / 4 if due_soon is None else due_soon
    if clock.calendar.between(at, due) <= threshold:
        return ClockStatus.DUE_SOON
    return ClockStatus.RUNNING


def sort_by_urgency(clocks: Sequence[Clock], at: datetime) -> list[Clock]:
    """Clocks still running at `at`, soonest due first (overdue ones lead)."""
    running = [c for c in clocks if c.stopped_at is None or c.stopped_at > at]
    return sorted(running, key=lambda c: (due_at(c), c.kind, c.subject))


def statuses(
    clocks: Mapping[str, Clock], at: datetime, *, due_soon: timedelta | None = None
) -> dict[str, ClockStatus]:
    """The status of each clock by its key, for a dashboard."""
    return {key: clock_status(c, at, due_soon=due_soon) for key, c in clocks.items()}
