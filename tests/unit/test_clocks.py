"""SLA clocks and their working calendars: due times, remaining time and status."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from crisis.domain.clocks import (
    Clock,
    ClockKind,
    ClockStatus,
    clock_status,
    deadline_clock,
    due_at,
    remaining,
    sort_by_urgency,
    working_days_clock,
)
from crisis.domain.paris_time import PARIS
from crisis.domain.work_calendar import (
    OFFICE_HOURS,
    ROUND_THE_CLOCK,
    Calendar,
    SupportHours,
    TimeWindow,
    working_days_deadline,
)

H = timedelta(hours=1)
ALSACE = SupportHours.parse("mon-fri 08:30-12:30 13:30-17:30", alsace_moselle=True)


def paris(*args: int) -> datetime:
    """An aware instant from Paris wall-clock fields."""
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def intervention(start: datetime, hours: float = 12, calendar: Calendar = OFFICE_HOURS) -> Clock:
    return Clock(ClockKind.INTERVENTION, start, timedelta(hours=hours), calendar)


def test_support_hours_clock_across_the_spring_change() -> None:
    # Friday 27 March 2026 16:00 CET; summer time starts Sunday 29 March.
    # Friday 1h30, Monday 8h, Tuesday 2h30 from 08:30 CEST: 11:00 CEST = 09:00 UTC.
    clock = intervention(utc(2026, 3, 27, 15))
    assert due_at(clock) == utc(2026, 3, 31, 9)
    assert due_at(clock) == paris(2026, 3, 31, 11)


def test_support_hours_clock_across_the_autumn_change() -> None:
    # Friday 23 October 2026 17:00 CEST; winter time from Sunday 25 October.
    # Friday 0h30, Monday 8h, Tuesday 3h30 from 08:30 CET: 12:00 CET = 11:00 UTC.
    clock = intervention(paris(2026, 10, 23, 17))
    assert due_at(clock) == utc(2026, 10, 27, 11)


def test_round_the_clock_across_the_spring_change_counts_real_hours() -> None:
    # Saturday 20:00 CET + 12 h is Sunday 09:00 CEST: 13 wall-clock hours, 12 real ones.
    clock = intervention(paris(2026, 3, 28, 20), calendar=ROUND_THE_CLOCK)
    assert due_at(clock) == paris(2026, 3, 29, 9)
    assert due_at(clock) == utc(2026, 3, 29, 7)


def test_round_the_clock_across_the_autumn_change() -> None:
    clock = Clock(ClockKind.LOSS_DECLARATION, paris(2026, 10, 24, 12), 24 * H)
    assert due_at(clock) == paris(2026, 10, 25, 11)  # 23 wall-clock hours later


def test_easter_monday_is_skipped() -> None:
    # Thursday 2 April 2026 17:00: Thursday 0h30, Friday 7h30 ends 17:00 on Good Friday.
    clock = intervention(paris(2026, 4, 2, 17), hours=8)
    assert due_at(clock) == paris(2026, 4, 3, 17)
    # 12 h: 3h30 left after Friday; Monday 6 April is Easter Monday; Tuesday 12:00.
    assert due_at(intervention(paris(2026, 4, 2, 17))) == paris(2026, 4, 7, 12)


def test_alsace_moselle_also_skips_good_friday() -> None:
    clock = intervention(paris(2026, 4, 2, 17), hours=8, calendar=ALSACE)
    assert due_at(clock) == paris(2026, 4, 7, 17)


def test_ascension_thursday_is_skipped() -> None:
    # Wednesday 13 May 2026 16:00: 1h30, Thursday 14 off, Friday 8h, Monday 2h30.
    assert due_at(intervention(paris(2026, 5, 13, 16))) == paris(2026, 5, 18, 11)


def test_whit_monday_is_skipped_and_a_clock_ending_at_a_close_is_due_then() -> None:
    # Started at Friday's close: the 4 h are Tuesday 26 May 08:30-12:30.
    clock = intervention(paris(2026, 5, 22, 17, 30), hours=4)
    assert due_at(clock) == paris(2026, 5, 26, 12, 30)


def test_a_clock_started_outside_hours_starts_counting_at_the_next_opening() -> None:
    assert due_at(intervention(paris(2026, 6, 6, 10), hours=1)) == paris(2026, 6, 8, 9, 30)
    assert due_at(intervention(paris(2026, 6, 8, 12, 45), hours=1)) == paris(2026, 6, 8, 14, 30)
    assert due_at(intervention(paris(2026, 6, 8, 7), hours=0)) == paris(2026, 6, 8, 7)


def test_closed_days_are_skipped() -> None:
    bridge = SupportHours.parse(
        "mon-fri 08:30-12:30 13:30-17:30", closed_days=frozenset({date(2026, 5, 15)})
    )
    assert not bridge.is_working_day(date(2026, 5, 15))
    assert bridge.is_working_day(date(2026, 5, 18))
    clock = intervention(paris(2026, 5, 13, 16), calendar=bridge)
    assert due_at(clock) == paris(2026, 5, 19, 11)


def test_between_inverts_add_in_support_hours() -> None:
    start = paris(2026, 3, 20, 6, 7)
    for step in range(0, 14 * 24 * 60, 97):
        begin = start + timedelta(minutes=step)
        for minutes in (0, 1, 59, 240, 241, 480, 12 * 60, 30 * 60 + 13):
            duration = timedelta(minutes=minutes)
            end = OFFICE_HOURS.add(begin, duration)
            assert end >= begin
            assert OFFICE_HOURS.between(begin, end) == duration, (begin, minutes)
            assert OFFICE_HOURS.between(end, begin) == -duration


def test_between_counts_only_support_hours() -> None:
    # Friday 3 July 2026 12:00 to Wednesday 15 July 10:00: Friday 4h30; week of 6 July 40h;
    # Monday 13 8h; Tuesday 14 July holiday; Wednesday 1h30.
    assert OFFICE_HOURS.between(paris(2026, 7, 3, 12), paris(2026, 7, 15, 10)) == 54 * H


def test_remaining_and_status_while_running() -> None:
    clock = intervention(paris(2026, 6, 8, 8, 30))  # 8h Monday + 4h: Tuesday 9 June 12:30
    assert due_at(clock) == paris(2026, 6, 9, 12, 30)
    at = paris(2026, 6, 8, 18)
    assert remaining(clock, at) == 4 * H
    assert clock_status(clock, paris(2026, 6, 8, 12), due_soon=3 * H) is ClockStatus.RUNNING
    assert clock_status(clock, at, due_soon=3 * H) is ClockStatus.RUNNING
    assert clock_status(clock, at, due_soon=4 * H) is ClockStatus.DUE_SOON
    assert clock_status(clock, at) is ClockStatus.RUNNING  # default: a quarter, 3 h
    assert clock_status(clock, paris(2026, 6, 9, 10, 31)) is ClockStatus.DUE_SOON
    assert clock_status(clock, paris(2026, 6, 9, 12, 30)) is ClockStatus.DUE_SOON
    assert clock_status(clock, paris(2026, 6, 9, 12, 31)) is ClockStatus.OVERDUE
    assert remaining(clock, paris(2026, 6, 10, 8, 30)) == -4 * H  # overdue by support time


def test_status_of_a_stopped_clock() -> None:
    start = paris(2026, 6, 8, 8, 30)
    met = Clock(ClockKind.INTERVENTION, start, 12 * H, OFFICE_HOURS, paris(2026, 6, 9, 12, 30))
    missed = Clock(ClockKind.INTERVENTION, start, 12 * H, OFFICE_HOURS, paris(2026, 6, 9, 14))
    later = paris(2026, 7, 1, 12)
    assert clock_status(met, later) is ClockStatus.MET
    assert clock_status(missed, later) is ClockStatus.MISSED
    assert remaining(met, later) == timedelta(0)
    assert remaining(missed, later) == -30 * timedelta(minutes=1)
    # Before its stop, a clock is still running.
    assert clock_status(missed, paris(2026, 6, 8, 9)) is ClockStatus.RUNNING


def test_deadline_clock_and_urgency_order() -> None:
    now = utc(2026, 6, 1)
    notice = deadline_clock(ClockKind.NOTICE, now, paris(2026, 10, 1), subject="CONV-1")
    assert due_at(notice) == utc(2026, 9, 30, 22)
    breach = Clock(ClockKind.DATA_BREACH, now, 72 * H)
    stopped = Clock(ClockKind.LOSS_DECLARATION, now, 24 * H, stopped_at=now + H)
    assert sort_by_urgency([notice, stopped, breach], now + 2 * H) == [breach, notice]
    with pytest.raises(ValueError, match="before it starts"):
        deadline_clock(ClockKind.NOTICE, now, now - H)


def test_clocks_refuse_naive_or_inconsistent_instants() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Clock(ClockKind.INSURER, datetime(2026, 1, 1), H)  # noqa: DTZ001
    with pytest.raises(ValueError, match="stopped before it started"):
        Clock(ClockKind.INSURER, utc(2026, 1, 2), H, stopped_at=utc(2026, 1, 1))
    with pytest.raises(ValueError, match="negative"):
        Clock(ClockKind.INSURER, utc(2026, 1, 2), -H)


def test_parse_a_timetable() -> None:
    hours = SupportHours.parse("Mon-Thu 08:00-12:00 14:00-18:00; fri 08:00-16:00")
    assert hours.timetable[0] == (
        TimeWindow(time(8), time(12)),
        TimeWindow(time(14), time(18)),
    )
    assert hours.timetable[4] == (TimeWindow(time(8), time(16)),)
    assert hours.timetable[5] == hours.timetable[6] == ()
    assert str(OFFICE_HOURS).startswith("support hours (mon 08:30-12:30 13:30-17:30; tue")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "at least one window"),
        ("mon-fri 08:30-12:30 12:00-13:00", "not overlap"),
        ("xyz 08:00-09:00", "cannot read support hours"),
        ("fri-mon 08:00-09:00", "backwards"),
        ("mon 09:00-08:00", "must end after it starts"),
        ("mon 9h-10h", "cannot read window"),
        ("mon 08:00-09:00; mon-tue 10:00-11:00", "mon given twice"),
        ("mon 25:00-26:00", "hour must be"),
    ],
)
def test_parse_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SupportHours.parse(text)


def test_working_days_skip_the_event_day_weekends_and_holidays() -> None:
    # Theft known on Good Friday 2026 at 10:00: Monday 6 April is Easter Monday, so the two
    # working days are Tuesday 7 and Wednesday 8; due at midnight ending Wednesday.
    good_friday = paris(2026, 4, 3, 10)
    assert working_days_deadline(good_friday, 2) == paris(2026, 4, 9, 0)
    assert working_days_deadline(good_friday, 2) == utc(2026, 4, 8, 22)
    assert working_days_deadline(good_friday, 5) == paris(2026, 4, 14, 0)
    clock = working_days_clock(ClockKind.INSURER, good_friday, 2, subject="theft LAP-2")
    assert due_at(clock) == utc(2026, 4, 8, 22)
    assert clock.subject == "theft LAP-2"
    with pytest.raises(ValueError, match="at least 1 day"):
        working_days_deadline(good_friday, 0)
