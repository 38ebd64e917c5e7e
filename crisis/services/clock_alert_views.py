"""What is known of the e-mails that warn of clocks, for the dashboard and the watch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from crisis.i18n import Message, msg
from inventory.repo import clock_alerts as repo
from inventory.tables import ClockAlert, Crisis, SlaClock


@dataclass(frozen=True, slots=True)
class AlertView:
    """One alert: which clock, which threshold, to whom, and how it went.

    Attributes:
        threshold: ``three_quarters`` or ``expired``.
        role: ``lender`` (the lender's correspondent) or ``dpo`` (the borrower's DPO).
        state: ``sent``, ``failed`` (tried again at the next pass) or ``sending``.
        error: why the last attempt failed: ``no_relay``, ``no_recipient``, or the relay's
            answer.
    """

    id: int
    clock_id: int
    crisis: str
    kind: str
    subject: str
    due_at: datetime
    threshold: str
    role: str
    state: str
    recipient: str
    attempts: int
    error: str
    claimed_at: datetime
    sent_at: datetime | None


def alert_view(a: ClockAlert, clock: SlaClock, crisis: Crisis | None) -> AlertView:
    """The view of an alert row."""
    assert a.id is not None
    assert clock.id is not None
    return AlertView(
        id=a.id,
        clock_id=clock.id,
        crisis=crisis.reference if crisis else "",
        kind=clock.kind,
        subject=clock.subject,
        due_at=clock.due_at,
        threshold=a.threshold,
        role=a.role,
        state=a.state,
        recipient=a.recipient,
        attempts=a.attempts,
        error=a.error,
        claimed_at=a.claimed_at,
        sent_at=a.sent_at,
    )


def failed_alerts_in(s: Session, now: datetime) -> list[AlertView]:
    """Alerts that could not be sent and are still tried at each pass, oldest first: those of
    running clocks, a three-quarters alert no longer once its clock has expired."""
    return [
        alert_view(a, c, k)
        for a, c, k in repo.alerts_in_state(s, ["failed"])
        if c.stopped_at is None and not (a.threshold == "three_quarters" and now >= c.due_at)
    ]


def error_message(a: AlertView) -> Message | str:
    """Why an alert failed, in words (the relay's own answer as it came)."""
    if a.error in ("no_relay", "no_recipient"):
        return msg(f"alerts.error.{a.error}")
    return a.error


def failed_message(a: AlertView) -> Message:
    """The dashboard's line for an alert that could not be sent."""
    return msg(
        "alerts.dashboard.failed",
        clock=a.clock_id,
        kind=msg(f"clockkind.{a.kind}"),
        crisis=a.crisis,
        threshold=msg(f"alerts.threshold.{a.threshold}"),
        role=msg(f"alerts.role.{a.role}"),
        recipient=a.recipient or "-",
        error=error_message(a),
        attempts=a.attempts,
    )
