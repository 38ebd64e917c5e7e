"""An agreement's term: when it ends, renews, can be given notice, and whether it allows a loan.

Two end rules come from the source agreements.

``fixed`` (seed 000, art. 5): « La présente convention est conclue pour une durée de 3 ans et
s'achèvera au plus tard le 31 décembre 2025 », and art. 5.2: « Les parties pourront mettre fin
à la présente convention, moyennant l'envoi d'une lettre recommandée portant préavis de
résiliation dans un délai de quatre mois ». The agreement ends on ``end_date`` or, if
``max_years`` is also set, on the last day of that many years if earlier (« au plus tard »).
Notice received on day D ends it when the notice period expires, on D plus ``notice_months``.

``calendar_year`` (seed 001, art. 7): « La présente convention entre en vigueur au jour de sa
notification pour se terminer à la fin de l'année civile. Elle est reconduite par tacite
reconduction pour une durée d'un an. Celle-ci prendra fin à l'issue d'une durée maximale de
8 ans. » Decision: the maximum is counted from ``start_date`` (the notification) and *cuts
the last yearly term short*: « prendra fin à l'issue d'une durée maximale de 8 ans » says the
agreement ends when 8 years have run, not at the last 31 December before. An agreement
notified on 1 July 2024 is renewed on 1 January 2032 for what is left, and its last day is
30 June 2032 (not 31 December 2031, which would lend for less than the deliberation grants,
nor 31 December 2032, which would pass the maximum).

Notice on a ``calendar_year`` agreement (seed 001, art. 9): « La présente convention peut être
résiliée chaque année sur demande de l'une ou l'autre partie avec un préavis de trois mois,
par lettre recommandée avec accusé de réception, la date de réception faisant courir le
délai. » Decision: notice stops a renewal; the agreement then ends at the end of the yearly
term in which the notice period expires. ``notice_given_on`` is the date the letter was
*received*. A period of N months received on day D expires on the same day number N months
later (the last day of the month when that month is shorter), as French law counts periods
(Code civil art. 641); so for a term ending 31 December and 3 months' notice the last day to
receive the letter is 30 September (30 September + 3 months = 30 December, within the term;
1 October + 3 months = 1 January, too late).

Dates in, dates out. A moment (an aware instant) is turned into its Paris date, since a loan
asked for at 23:30 UTC on 31 December is asked for on 1 January in France.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from crisis.domain.clocks import Clock, ClockKind, deadline_clock
from crisis.domain.paris_time import paris_date, paris_midnight_utc
from crisis.domain.work_calendar import ROUND_THE_CLOCK, Calendar
from crisis.errors import CrisisError

_DAY = timedelta(days=1)


class EndRule(StrEnum):
    """How an agreement's term ends."""

    FIXED = "fixed"
    CALENDAR_YEAR = "calendar_year"


class AgreementStatus(StrEnum):
    """Whether an agreement is in force on a date, and if not, why."""

    NOT_STARTED = "not_started"
    IN_FORCE = "in_force"
    EXPIRED = "expired"  # past its fixed end date
    ENDED_BY_NOTICE = "ended_by_notice"
    MAX_DURATION_REACHED = "max_duration_reached"


class AgreementInactiveError(CrisisError):
    """A loan was asked for under an agreement that is not in force on that date."""


@dataclass(frozen=True, slots=True)
class AgreementTerms:
    """The terms of an agreement the tool enforces (mirrors the ``agreement`` table).

    Attributes:
        reference: the deliberation's reference, named in every message.
        start_date: the day it comes into force (its notification, for seed 001).
        end_rule: ``fixed`` or ``calendar_year`` (a plain string is accepted and checked).
        end_date: the fixed end date (last day in force); required for ``fixed``.
        max_years: maximum duration from ``start_date``; ``None`` for no maximum.
        notice_months: the notice period.
        notice_given_on: the day a notice letter was received, if any.
        intervention_hours: technician on site after a breakdown report.
        loss_declaration_hours: loss or theft declared to the lender.
        breach_notification_hours: personal-data breach notified.
    """

    reference: str
    start_date: date
    end_rule: EndRule
    end_date: date | None = None
    max_years: int | None = None
    notice_months: int = 3
    notice_given_on: date | None = None
    intervention_hours: int = 12
    loss_declaration_hours: int = 24
    breach_notification_hours: int = 72

    def __post_init__(self) -> None:
        ref = self.reference
        try:
            object.__setattr__(self, "end_rule", EndRule(self.end_rule))
        except ValueError:
            rules = ", ".join(EndRule)
            raise ValueError(
                f"agreement {ref}: end rule {self.end_rule!r} is not one of {rules}"
            ) from None
        if self.end_rule is EndRule.FIXED:
            if self.end_date is None:
                raise ValueError(f"agreement {ref}: a fixed term needs an end date")
            if self.end_date < self.start_date:
                raise ValueError(
                    f"agreement {ref}: ends on {self.end_date} before it starts on "
                    f"{self.start_date}"
                )
        if self.max_years is not None and self.max_years < 1:
            raise ValueError(f"agreement {ref}: maximum duration must be at least 1 year")
        if self.notice_months < 0:
            raise ValueError(f"agreement {ref}: notice period cannot be negative")
        if self.notice_given_on is not None and self.notice_given_on < self.start_date:
            raise ValueError(
                f"agreement {ref}: notice given on {self.notice_given_on}, before it started "
                f"on {self.start_date}"
            )
        for name in ("intervention_hours", "loss_declaration_hours", "breach_notification_hours"):
            if getattr(self, name) <= 0:
                raise ValueError(f"agreement {ref}: {name} must be positive")


@dataclass(frozen=True, slots=True)
class LendingDecision:
    """Whether an agreement allows a loan to start on a date, and why not.

    Attributes:
        allowed: a loan may start.
        status: the agreement's status that day.
        on: the Paris date of the request.
        last_day: the agreement's last day in force as known today (``None``: open-ended).
        reason: a sentence naming the agreement and the dates; empty when allowed.
    """

    allowed: bool
    status: AgreementStatus
    on: date
    last_day: date | None
    reason: str


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, on the same day number or the month's last day if shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def latest_notice_day(term_end: date, notice_months: int) -> date:
    """The last day a notice can be received for its period to expire by `term_end`.

    That is the latest D with ``add_months(D, notice_months) <= term_end``; it is not always
    ``term_end`` minus the months, because shorter months clamp (a term ending 30 June with
    3 months' notice can be given notice until 31 March, not just 30 March).
    """
    day = add_months(term_end, -notice_months)
    while add_months(day, notice_months) > term_end:
        day -= _DAY
    while add_months(day + _DAY, notice_months) <= term_end:
        day += _DAY
    return day


def max_end(terms: AgreementTerms) -> date | None:
    """The last day allowed by the maximum duration (``None`` without a maximum)."""
    if terms.max_years is None:
        return None
    return add_months(terms.start_date, 12 * terms.max_years) - _DAY


def natural_end(terms: AgreementTerms) -> date | None:
    """The last day in force if nobody gives notice (``None``: renewed without end)."""
    cap = max_end(terms)
    if terms.end_rule is EndRule.FIXED:
        assert terms.end_date is not None  # checked on construction
        return terms.end_date if cap is None else min(terms.end_date, cap)
    return cap


def notice_effective_end(terms: AgreementTerms, received_on: date) -> date:
    """The last day in force if a notice is received on `received_on`.

    Fixed term: the day the notice period expires, unless the term ends before. Calendar
    year: the end of the yearly term in which the period expires (see the module's docstring).
    """
    expires = add_months(received_on, terms.notice_months)
    end = expires if terms.end_rule is EndRule.FIXED else date(expires.year, 12, 31)
    natural = natural_end(terms)
    return end if natural is None else min(end, natural)


def last_day(terms: AgreementTerms, *, as_of: date | None = None) -> date | None:
    """The last day in force, given the notice received by `as_of` (any notice if ``None``)."""
    natural = natural_end(terms)
    notice = terms.notice_given_on
    if notice is None or (as_of is not None and notice > as_of):
        return natural
    return notice_effective_end(terms, notice)


def status_on(terms: AgreementTerms, on: date) -> AgreementStatus:
    """Whether the agreement is in force on `on`, and if not, why."""
    if on < terms.start_date:
        return AgreementStatus.NOT_STARTED
    natural = natural_end(terms)
    end = last_day(terms, as_of=on)
    if end is None or on <= end:
        return AgreementStatus.IN_FORCE
    if natural is None or end < natural:
        return AgreementStatus.ENDED_BY_NOTICE
    if terms.end_rule is EndRule.FIXED and terms.end_date == natural:
        return AgreementStatus.EXPIRED
    return AgreementStatus.MAX_DURATION_REACHED


def term_end(terms: AgreementTerms, on: date) -> date | None:
    """The end of the term in force on `on` (``None`` when the agreement is not in force).

    For a calendar-year agreement, the end of the current yearly term: 31 December, or an
    earlier day when the maximum duration or a notice ends the agreement that year.
    """
    if status_on(terms, on) is not AgreementStatus.IN_FORCE:
        return None
    end = last_day(terms, as_of=on)
    if terms.end_rule is EndRule.FIXED:
        return end
    year_end = date(on.year, 12, 31)
    return year_end if end is None else min(year_end, end)


def next_renewal(terms: AgreementTerms, on: date) -> date | None:
    """The day the next tacit renewal takes effect after `on` (``None`` if none is coming).

    Only calendar-year agreements renew, on 1 January, unless the maximum duration or a
    notice received by `on` ends them first.
    """
    current = term_end(terms, on)
    if terms.end_rule is EndRule.FIXED or current is None:
        return None
    end = last_day(terms, as_of=on)
    if end is not None and current >= end:
        return None
    return current + _DAY


def notice_deadline(terms: AgreementTerms, on: date) -> date | None:
    """The last day on which a notice can still be received to stop a renewal, from `on`.

    This is for the next renewal that notice can still prevent: once the deadline of the
    current term has passed, it is the deadline of the following term. ``None`` when no such
    renewal is ahead (fixed term, final term, notice already received, or not in force).
    """
    renewal = next_renewal(terms, on)
    while renewal is not None:
        deadline = latest_notice_day(renewal - _DAY, terms.notice_months)
        if deadline >= on:
            return deadline
        # Too late for this renewal: look at the one after it, if the agreement gets there.
        renewal = next_renewal(terms, renewal)
    return None


def lending_decision(terms: AgreementTerms, at: datetime) -> LendingDecision:
    """Whether a loan may start under the agreement at the aware instant `at`.

    The reason names the agreement and the dates that decide, e.g. "agreement DEL-2024-118
    was ended by notice received on 2026-09-15, effective after 2026-12-31".
    """
    on = paris_date(at)
    status = status_on(terms, on)
    end = last_day(terms, as_of=on)
    ref = terms.reference
    reason = ""
    if status is AgreementStatus.NOT_STARTED:
        reason = f"agreement {ref} has not started yet: it comes into force on {terms.start_date}"
    elif status is AgreementStatus.EXPIRED:
        reason = f"agreement {ref} expired: its fixed term ended on {end}"
    elif status is AgreementStatus.ENDED_BY_NOTICE:
        reason = (
            f"agreement {ref} was ended by notice received on {terms.notice_given_on}, "
            f"effective after {end} (its last day in force)"
        )
    elif status is AgreementStatus.MAX_DURATION_REACHED:
        reason = (
            f"agreement {ref} reached its maximum duration of {terms.max_years} years from "
            f"{terms.start_date}: its last day in force was {end}"
        )
    if reason:
        reason = f"{reason}; no loan can start on {on}"
    return LendingDecision(status is AgreementStatus.IN_FORCE, status, on, end, reason)


def check_loan_allowed(terms: AgreementTerms, at: datetime) -> LendingDecision:
    """Return the decision if a loan may start at `at`, raise otherwise.

    Raises:
        AgreementInactiveError: with the decision's reason.
    """
    decision = lending_decision(terms, at)
    if not decision.allowed:
        raise AgreementInactiveError(decision.reason)
    return decision


def sla_duration(terms: AgreementTerms, kind: ClockKind) -> timedelta:
    """The agreement's delay for a clock kind.

    Raises:
        ValueError: for a kind the agreement does not set (insurer, notice).
    """
    hours = {
        ClockKind.INTERVENTION: terms.intervention_hours,
        ClockKind.LOSS_DECLARATION: terms.loss_declaration_hours,
        ClockKind.DATA_BREACH: terms.breach_notification_hours,
    }.get(kind)
    if hours is None:
        raise ValueError(f"agreement {terms.reference} sets no delay for {kind} clocks")
    return timedelta(hours=hours)


def notice_clock(terms: AgreementTerms, at: datetime) -> Clock | None:
    """A clock that falls due at the end (Paris midnight) of the current notice deadline.

    ``None`` when no renewal can still be stopped (see :func:`notice_deadline`).
    """
    deadline = notice_deadline(terms, paris_date(at))
    if deadline is None:
        return None
    return deadline_clock(
        ClockKind.NOTICE,
        at,
        paris_midnight_utc(deadline + _DAY),
        subject=f"agreement {terms.reference}: notice to stop the renewal by {deadline}",
    )


def sla_clock(
    terms: AgreementTerms,
    kind: ClockKind,
    started_at: datetime,
    calendar: Calendar = ROUND_THE_CLOCK,
    *,
    subject: str = "",
) -> Clock:
    """The agreement's clock of `kind` started at `started_at` (breakdown report, loss...).

    Raises:
        ValueError: for a kind the agreement does not set (see :func:`sla_duration`).
    """
    return Clock(kind, started_at, sla_duration(terms, kind), calendar, subject=subject)
