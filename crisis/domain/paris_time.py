"""Europe/Paris time for the rules that need a French calendar date or wall-clock time.

The zone comes from the IANA database through :mod:`zoneinfo`. A machine without that
database (a stripped container, Windows without the ``tzdata`` package) gets a built-in
zone with the European Union's summer-time rules instead: UTC+1, and UTC+2 from the last
Sunday of March to the last Sunday of October, switching at 01:00 UTC. Those rules have
held since 1996, which covers every date this tool deals with. :data:`PARIS_SOURCE` says
which one is in use, so that a report can state it.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_HOUR = timedelta(hours=1)
_CET = timedelta(hours=1)
_CEST = timedelta(hours=2)


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - calendar.SUNDAY) % 7)


class EuropeParisRules(tzinfo):
    """Central European Time with the EU summer-time rules (the fallback zone).

    Follows PEP 495 for wall times that do not exist or occur twice: in the spring gap
    ``fold=0`` reads the time with the winter offset; in the autumn overlap ``fold=0`` is the
    first (summer) occurrence and ``fold=1`` the second (winter) one.
    """

    def _switches_utc(self, year: int) -> tuple[datetime, datetime]:
        start = datetime.combine(_last_sunday(year, 3), datetime.min.time()) + _HOUR
        end = datetime.combine(_last_sunday(year, 10), datetime.min.time()) + _HOUR
        return start, end

    def _is_summer_wall(self, dt: datetime) -> bool:
        start_utc, end_utc = self._switches_utc(dt.year)
        wall = dt.replace(tzinfo=None)
        gap_start = start_utc + _CET  # 02:00 wall, jumps to 03:00
        overlap_start = end_utc + _CET  # 02:00 wall, happens twice
        if gap_start <= wall < gap_start + _HOUR:
            return dt.fold == 1
        if overlap_start <= wall < overlap_start + _HOUR:
            return dt.fold == 0
        return gap_start + _HOUR <= wall < overlap_start

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return _CET
        return _CEST if self._is_summer_wall(dt) else _CET

    def dst(self, dt: datetime | None) -> timedelta:
        return self.utcoffset(dt) - _CET

    def tzname(self, dt: datetime | None) -> str:
        return "CEST" if self.dst(dt) else "CET"

    def fromutc(self, dt: datetime) -> datetime:
        utc = dt.replace(tzinfo=None)
        start_utc, end_utc = self._switches_utc(utc.year)
        if start_utc <= utc < end_utc:
            return (utc + _CEST).replace(tzinfo=self)
        # The hour after the autumn switch repeats the summer hour before it.
        fold = 1 if end_utc <= utc < end_utc + _HOUR else 0
        return (utc + _CET).replace(tzinfo=self, fold=fold)

    def __repr__(self) -> str:
        return "EuropeParisRules()"


def _load() -> tuple[tzinfo, str]:
    try:
        return ZoneInfo("Europe/Paris"), "zoneinfo"
    except ZoneInfoNotFoundError:
        return EuropeParisRules(), "built-in EU rules (no IANA time zone database found)"


PARIS: tzinfo
#: Where :data:`PARIS` comes from: ``"zoneinfo"`` or a sentence naming the fallback.
PARIS_SOURCE: str
PARIS, PARIS_SOURCE = _load()


def require_aware(moment: datetime, what: str = "moment") -> None:
    """Raise ``ValueError`` if `moment` has no time zone: every instant here is aware."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime, got {moment.isoformat()}")


def paris_date(moment: datetime) -> date:
    """The calendar date in Paris at an aware instant (a loan at 23:30 UTC is the next day)."""
    require_aware(moment)
    return moment.astimezone(PARIS).date()


def paris_midnight_utc(day: date) -> datetime:
    """The instant, in UTC, at which `day` begins in Paris."""
    return datetime.combine(day, datetime.min.time(), tzinfo=PARIS).astimezone(UTC)
