"""Agreement terms: end of term, renewals, notice deadlines and whether a loan may start."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from crisis.domain.agreement_terms import (
    AgreementInactiveError,
    AgreementStatus,
    AgreementTerms,
    EndRule,
    add_months,
    check_loan_allowed,
    last_day,
    latest_notice_day,
    lending_decision,
    max_end,
    natural_end,
    next_renewal,
    notice_clock,
    notice_deadline,
    notice_effective_end,
    sla_clock,
    sla_duration,
    status_on,
    term_end,
)
from crisis.domain.clocks import ClockKind, due_at
from crisis.domain.work_calendar import OFFICE_HOURS
from crisis.errors import CrisisError

S = AgreementStatus
# Seed 001: in force from its notification to the end of the calendar year, renewed each
# year, 8 years at most, 3 months' notice.
YEARLY = AgreementTerms(
    "DEL-2024-118", date(2024, 7, 1), EndRule.CALENDAR_YEAR, max_years=8, notice_months=3
)
# Seed 000: 3 years, ending on 31 December 2025 at the latest, 4 months' notice.
FIXED = AgreementTerms(
    "DL.2024-35",
    date(2023, 1, 1),
    EndRule.FIXED,
    end_date=date(2025, 12, 31),
    max_years=3,
    notice_months=4,
)


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2024-01-31", 1, "2024-02-29"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2025-05-31", -3, "2025-02-28"),
        ("2025-01-15", -1, "2024-12-15"),
        ("2025-01-15", 0, "2025-01-15"),
        ("2024-07-01", 96, "2032-07-01"),
    ],
)
def test_add_months(day: str, months: int, expected: str) -> None:
    assert add_months(d(day), months) == d(expected)


def test_latest_notice_day_examples() -> None:
    assert latest_notice_day(d("2026-12-31"), 3) == d("2026-09-30")
    assert latest_notice_day(d("2032-06-30"), 3) == d("2032-03-31")  # not 30 March
    assert latest_notice_day(d("2027-02-28"), 3) == d("2026-11-30")
    assert latest_notice_day(d("2027-05-30"), 3) == d("2027-02-28")
    assert latest_notice_day(d("2026-12-31"), 0) == d("2026-12-31")


def test_latest_notice_day_is_the_latest_day_whose_period_ends_in_time() -> None:
    end = d("2024-01-01")
    while end < d("2026-01-01"):
        for months in (1, 3, 4, 6, 12):
            deadline = latest_notice_day(end, months)
            assert add_months(deadline, months) <= end, (end, months)
            assert add_months(deadline + timedelta(days=1), months) > end, (end, months)
        end += timedelta(days=1)


def test_yearly_agreement_term_ends_and_the_maximum_cuts_the_last_year() -> None:
    assert max_end(YEARLY) == natural_end(YEARLY) == d("2032-06-30")
    assert term_end(YEARLY, d("2024-07-01")) == d("2024-12-31")
    assert term_end(YEARLY, d("2031-05-01")) == d("2031-12-31")
    assert term_end(YEARLY, d("2032-01-01")) == d("2032-06-30")
    assert term_end(YEARLY, d("2032-07-01")) is None
    assert term_end(YEARLY, d("2024-06-30")) is None


def test_yearly_agreement_renewals() -> None:
    assert next_renewal(YEARLY, d("2024-08-01")) == d("2025-01-01")
    assert next_renewal(YEARLY, d("2031-12-31")) == d("2032-01-01")
    assert next_renewal(YEARLY, d("2032-01-01")) is None  # the final, shortened term
    assert next_renewal(YEARLY, d("2024-06-01")) is None  # not in force yet


def test_yearly_agreement_notice_deadlines() -> None:
    assert notice_deadline(YEARLY, d("2024-08-01")) == d("2024-09-30")
    assert notice_deadline(YEARLY, d("2024-09-30")) == d("2024-09-30")
    # Too late to stop the renewal of 1 January 2025: the next one that can be stopped.
    assert notice_deadline(YEARLY, d("2024-10-01")) == d("2025-09-30")
    assert notice_deadline(YEARLY, d("2031-09-30")) == d("2031-09-30")
    assert notice_deadline(YEARLY, d("2031-10-01")) is None  # no renewal after 2032


def test_notice_received_in_time_stops_the_next_renewal() -> None:
    given = replace(YEARLY, notice_given_on=d("2026-09-15"))
    assert last_day(given) == d("2026-12-31")
    assert next_renewal(given, d("2026-10-01")) is None
    assert notice_deadline(given, d("2026-10-01")) is None
    assert status_on(given, d("2026-12-31")) is S.IN_FORCE
    assert status_on(given, d("2027-01-01")) is S.ENDED_BY_NOTICE
    # Before the letter arrived, the renewal was still expected.
    assert next_renewal(given, d("2026-09-14")) == d("2027-01-01")


def test_late_notice_ends_the_agreement_a_year_later() -> None:
    given = replace(YEARLY, notice_given_on=d("2026-10-01"))
    assert notice_effective_end(YEARLY, d("2026-10-01")) == d("2027-12-31")
    assert next_renewal(given, d("2026-11-01")) == d("2027-01-01")
    assert notice_deadline(given, d("2026-11-01")) is None
    assert term_end(given, d("2027-06-01")) == d("2027-12-31")
    assert status_on(given, d("2028-01-01")) is S.ENDED_BY_NOTICE


def test_notice_in_the_last_year_is_overtaken_by_the_maximum() -> None:
    given = replace(YEARLY, notice_given_on=d("2031-11-01"))
    assert last_day(given) == d("2032-06-30")
    assert status_on(given, d("2032-07-01")) is S.MAX_DURATION_REACHED


def test_yearly_agreement_without_maximum_renews_forever() -> None:
    open_ended = replace(YEARLY, max_years=None)
    assert natural_end(open_ended) is None
    assert term_end(open_ended, d("2060-03-01")) == d("2060-12-31")
    assert next_renewal(open_ended, d("2060-03-01")) == d("2061-01-01")
    assert status_on(open_ended, d("2100-01-01")) is S.IN_FORCE


def test_fixed_agreement() -> None:
    assert natural_end(FIXED) == d("2025-12-31")
    assert term_end(FIXED, d("2024-05-01")) == d("2025-12-31")
    assert next_renewal(FIXED, d("2024-05-01")) is None
    assert notice_deadline(FIXED, d("2024-05-01")) is None
    assert status_on(FIXED, d("2025-12-31")) is S.IN_FORCE
    assert status_on(FIXED, d("2026-01-01")) is S.EXPIRED
    assert status_on(FIXED, d("2022-12-31")) is S.NOT_STARTED


def test_fixed_agreement_maximum_before_the_end_date() -> None:
    early = replace(FIXED, start_date=d("2022-06-01"))  # 3 years end 31 May 2025
    assert natural_end(early) == d("2025-05-31")
    assert status_on(early, d("2025-06-01")) is S.MAX_DURATION_REACHED
    later = replace(FIXED, start_date=d("2023-03-01"))  # 3 years would pass the end date
    assert natural_end(later) == d("2025-12-31")
    assert status_on(later, d("2026-01-01")) is S.EXPIRED


def test_fixed_agreement_notice_takes_effect_when_the_period_expires() -> None:
    given = replace(FIXED, notice_given_on=d("2024-05-10"))
    assert last_day(given) == d("2024-09-10")
    assert term_end(given, d("2024-06-01")) == d("2024-09-10")
    assert status_on(given, d("2024-09-11")) is S.ENDED_BY_NOTICE
    near_end = replace(FIXED, notice_given_on=d("2025-10-01"))  # period ends after the term
    assert last_day(near_end) == d("2025-12-31")
    assert status_on(near_end, d("2026-01-01")) is S.EXPIRED


def test_lending_is_decided_on_the_paris_date() -> None:
    late_evening = datetime(2032, 6, 30, 21, 59, tzinfo=UTC)  # 23:59 in Paris
    assert lending_decision(YEARLY, late_evening).allowed
    refused = lending_decision(YEARLY, datetime(2032, 6, 30, 22, 0, tzinfo=UTC))
    assert not refused.allowed
    assert refused.status is S.MAX_DURATION_REACHED
    assert refused.on == d("2032-07-01")
    assert refused.reason == (
        "agreement DEL-2024-118 reached its maximum duration of 8 years from 2024-07-01: its "
        "last day in force was 2032-06-30; no loan can start on 2032-07-01"
    )
    assert not lending_decision(YEARLY, datetime(2024, 6, 30, 21, tzinfo=UTC)).allowed
    assert lending_decision(YEARLY, datetime(2024, 6, 30, 22, tzinfo=UTC)).allowed


@pytest.mark.parametrize(
    ("terms", "at", "message"),
    [
        (
            YEARLY,
            datetime(2024, 6, 1, 12, tzinfo=UTC),
            "agreement DEL-2024-118 has not started yet: it comes into force on 2024-07-01; "
            "no loan can start on 2024-06-01",
        ),
        (
            FIXED,
            datetime(2026, 1, 5, 12, tzinfo=UTC),
            "agreement DL.2024-35 expired: its fixed term ended on 2025-12-31; "
            "no loan can start on 2026-01-05",
        ),
        (
            replace(YEARLY, notice_given_on=d("2026-09-15")),
            datetime(2027, 2, 1, 12, tzinfo=UTC),
            "agreement DEL-2024-118 was ended by notice received on 2026-09-15, effective after "
            "2026-12-31 (its last day in force); no loan can start on 2027-02-01",
        ),
    ],
)
def test_refusals_name_the_agreement_and_the_dates(
    terms: AgreementTerms, at: datetime, message: str
) -> None:
    with pytest.raises(AgreementInactiveError) as caught:
        check_loan_allowed(terms, at)
    assert str(caught.value) == message
    assert isinstance(caught.value, CrisisError)


def test_allowed_decision_carries_the_last_day() -> None:
    decision = check_loan_allowed(YEARLY, datetime(2026, 3, 1, tzinfo=UTC))
    assert decision.status is S.IN_FORCE
    assert decision.last_day == d("2032-06-30")
    assert decision.reason == ""


def test_end_rule_may_be_given_as_the_stored_string() -> None:
    terms = AgreementTerms("X", d("2024-01-01"), "calendar_year")  # type: ignore[arg-type]
    assert terms.end_rule is EndRule.CALENDAR_YEAR


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_rule": "yearly"}, "end rule 'yearly' is not one of fixed, calendar_year"),
        ({"end_date": None}, "a fixed term needs an end date"),
        ({"end_date": date(2022, 1, 1)}, "ends on 2022-01-01 before it starts"),
        ({"max_years": 0}, "at least 1 year"),
        ({"notice_months": -1}, "cannot be negative"),
        ({"notice_given_on": date(2022, 12, 31)}, "notice given on 2022-12-31, before"),
        ({"intervention_hours": 0}, "intervention_hours must be positive"),
    ],
)
def test_inconsistent_terms_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        replace(FIXED, **changes)  # type: ignore[arg-type]


def test_sla_durations_come_from_the_agreement() -> None:
    assert sla_duration(FIXED, ClockKind.INTERVENTION) == timedelta(hours=12)
    assert sla_duration(FIXED, ClockKind.LOSS_DECLARATION) == timedelta(hours=24)
    assert sla_duration(replace(FIXED, breach_notification_hours=48), ClockKind.DATA_BREACH) == (
        timedelta(hours=48)
    )
    with pytest.raises(ValueError, match="sets no delay for insurer"):
        sla_duration(FIXED, ClockKind.INSURER)


def test_notice_clock_falls_due_at_the_end_of_the_deadline_in_paris() -> None:
    clock = notice_clock(YEARLY, datetime(2026, 6, 1, 8, tzinfo=UTC))
    assert clock is not None
    assert clock.kind is ClockKind.NOTICE
    assert due_at(clock) == datetime(2026, 9, 30, 22, tzinfo=UTC)  # 1 October 00:00 CEST
    assert "2026-09-30" in clock.subject
    assert notice_clock(FIXED, datetime(2024, 6, 1, tzinfo=UTC)) is None


def test_sla_clock_uses_the_agreement_delay_and_the_given_calendar() -> None:
    reported = datetime(2026, 3, 27, 15, tzinfo=UTC)  # Friday 16:00 in Paris
    clock = sla_clock(FIXED, ClockKind.INTERVENTION, reported, OFFICE_HOURS, subject="panne 3")
    assert due_at(clock) == datetime(2026, 3, 31, 9, tzinfo=UTC)
    assert due_at(sla_clock(FIXED, ClockKind.INTERVENTION, reported)) == datetime(
        2026, 3, 28, 3, tzinfo=UTC
    )
