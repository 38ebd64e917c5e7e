"""Working calendars for clocks: round the clock, or support hours on French working days.

Support hours are a weekly timetable of Paris wall-clock windows on working days, French
public holidays excluded. Each window is converted to UTC on its own day and elapsed time is
always measured between UTC instants, so a due time is right across a change to or from
summer time.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeAlias

from crisis.domain.french_holidays import is_public_holiday
from crisis.domain.paris_time import PARIS, paris_date, paris_midnight_utc, require_aware

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """A span of Paris wall-clock time within one day, start included, end excluded."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("support-hour windows are Paris wall-clock times, without tzinfo")
        if not self.start < self.end:
            raise ValueError(f"window {self.start:%H:%M}-{self.end:%H:%M} must end after it starts")

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True, slots=True)
class RoundTheClock:
    """Every hour counts: elapsed time is plain time between instants."""

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The instant `duration` after `start`, in UTC."""
        require_aware(start, "start")
        return start.astimezone(UTC) + duration

    def between(self, a: datetime, b: datetime) -> timedelta:
        """Time from `a` to `b` (negative when `b` is before `a`)."""
        require_aware(a, "a")
        require_aware(b, "b")
        return b - a

    def __str__(self) -> str:
        return "round the clock"


@dataclass(frozen=True, slots=True)
class SupportHours:
    """Working time: a weekly timetable in Paris time, French public holidays excluded.

    Attributes:
        timetable: seven tuples of windows, Monday first; an empty tuple is a day off.
        alsace_moselle: also close on Good Friday and 26 December.
        closed_days: further days off (a bridge day the department announced).
    """

    timetable: tuple[tuple[TimeWindow, ...], ...]
    alsace_moselle: bool = False
    closed_days: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if len(self.timetable) != 7:
            raise ValueError(f"a timetable has 7 days, Monday first, not {len(self.timetable)}")
        if not any(self.timetable):
            raise ValueError("a timetable needs at least one window in the week")
        for name, windows in zip(_WEEKDAYS, self.timetable, strict=True):
            for earlier, later in itertools.pairwise(windows):
                if later.start < earlier.end:
                    raise ValueError(
                        f"{name}: windows must be in order and not overlap ({earlier}, {later})"
                    )

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        alsace_moselle: bool = False,
        closed_days: frozenset[date] = frozenset(),
    ) -> SupportHours:
        """Build from a timetable such as ``"mon-fri 08:30-12:30 13:30-17:30; sat 09:00-12:00"``.

        Raises:
            ValueError: naming the part of the text that cannot be read.
        """
        days: dict[int, tuple[TimeWindow, ...]] = {}
        for part in filter(None, (p.strip() for p in text.split(";"))):
            match = re.fullmatch(r"([a-z]{3})(?:-([a-z]{3}))?\s+(.+)", part.lower())
            if match is None or match[1] not in _WEEKDAYS or match[2] not in (None, *_WEEKDAYS):
                raise ValueError(
                    f"cannot read support hours {part!r}: expected e.g. 'mon-fri 08:30-12:30'"
                )
            first = _WEEKDAYS.index(match[1])
            last = _WEEKDAYS.index(match[2]) if match[2] else first
            if last < first:
                raise ValueError(f"support hours {part!r}: day range goes backwards")
            windows = tuple(_parse_window(w, part) for w in match[3].split())
            for day in range(first, last + 1):
                if day in days:
                    raise ValueError(f"support hours {part!r}: {_WEEKDAYS[day]} given twice")
                days[day] = windows
        return cls(
            tuple(days.get(d, ()) for d in range(7)),
            alsace_moselle=alsace_moselle,
            closed_days=closed_days,
        )

    def is_working_day(self, day: date) -> bool:
        """Whether `day` has support hours (a weekday with windows, not a holiday)."""
        return (
            bool(self.timetable[day.weekday()])
            and day not in self.closed_days
            and not is_public_holiday(day, alsace_moselle=self.alsace_moselle)
        )

    def windows_from(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        """The support windows as UTC instants, from `day` onwards, without end."""
        while True:
            if self.is_working_day(day):
                for window in self.timetable[day.weekday()]:
                    yield _utc(day, window.start), _utc(day, window.end)
            day += timedelta(days=1)

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The instant, in UTC, when `duration` of support time has passed since `start`.

        A duration that ends exactly at the close of a window is due at that close, not at
        the next opening.
        """
        require_aware(start, "start")
        if duration < timedelta(0):
            raise ValueError("a clock's duration cannot be negative")
        start = start.astimezone(UTC)
        if not duration:
            return start
        left = duration
        for opens, closes in self.windows_from(paris_date(start)):
            begin = max(opens, start)
            if closes <= begin:
                continue
            if left <= closes - begin:
                return begin + left
            left -= closes - begin
        raise AssertionError("unreachable: support windows never run out")  # pragma: no cover

    def between(self, a: datetime, b: datetime) -> timedelta:
        """Support time from `a` to `b` (negative when `b` is before `a`)."""
        require_aware(a, "a")
        require_aware(b, "b")
        if b < a:
            return -self.between(b, a)
        total = timedelta(0)
        for opens, closes in self.windows_from(paris_date(a)):
            if opens >= b:
                break
            overlap = min(closes, b) - max(opens, a)
            if overlap > timedelta(0):
                total += overlap
        return total

    def __str__(self) -> str:
        days = "; ".join(
            f"{name} {' '.join(map(str, windows))}"
            for name, windows in zip(_WEEKDAYS, self.timetable, strict=True)
            if windows
        )
        return f"support hours ({days}{', Alsace-Moselle' if self.alsace_moselle else ''})"


def _parse_window(text: str, part: str) -> TimeWindow:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})", text)
    if match is None:
        raise ValueError(f"support hours {part!r}: cannot read window {text!r} (HH:MM-HH:MM)")
    h1, m1, h2, m2 = map(int, match.groups())
    try:
        return TimeWindow(time(h1, m1), time(h2, m2))
    except ValueError as exc:
        raise ValueError(f"support hours {part!r}: {exc}") from None


def _utc(day: date, wall: time) -> datetime:
    return datetime.combine(day, wall, tzinfo=PARIS).astimezone(UTC)


Calendar: TypeAlias = RoundTheClock | SupportHours

ROUND_THE_CLOCK = RoundTheClock()
#: The usual office timetable of a French IT department.
OFFICE_HOURS = SupportHours.parse("mon-fri 08:30-12:30 13:30-17:30")


def working_days_deadline(
    start: datetime, days: int, calendar: SupportHours = OFFICE_HOURS
) -> datetime:
    """The end, in UTC, of the `days`-th working day after the day of `start`.

    For delays in *jours ouvrés*, such as the insurer's (at least two working days for a
    theft, five for other claims, Code des assurances art. L113-2): the day of the event does
    not count, and the delay runs to midnight, Paris time, at the end of its last day.
    """
    require_aware(start, "start")
    if days < 1:
        raise ValueError(f"a delay in working days must be at least 1 day, not {days}")
    day = paris_date(start)
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return paris_midnight_utc(day + timedelta(days=1))
