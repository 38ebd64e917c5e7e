"""Paris time: conversions and the built-in fallback zone."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, timedelta

import pytest

from crisis.domain import paris_time
from crisis.domain.paris_time import EuropeParisRules, paris_date, paris_midnight_utc

IANA = zoneinfo.ZoneInfo("Europe/Paris")
RULES = EuropeParisRules()


def test_paris_date_is_the_local_date() -> None:
    assert paris_date(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == date(2027, 1, 1)
    assert paris_date(datetime(2026, 7, 1, 21, 59, tzinfo=UTC)) == date(2026, 7, 1)
    assert paris_date(datetime(2026, 7, 1, 22, 0, tzinfo=UTC)) == date(2026, 7, 2)


def test_paris_date_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        paris_date(datetime(2026, 1, 1))  # noqa: DTZ001


def test_paris_midnight() -> None:
    assert paris_midnight_utc(date(2026, 1, 1)) == datetime(2025, 12, 31, 23, tzinfo=UTC)
    assert paris_midnight_utc(date(2026, 7, 1)) == datetime(2026, 6, 30, 22, tzinfo=UTC)


def test_fallback_matches_the_iana_zone_from_utc() -> None:
    for year in (1996, 2024, 2025, 2026, 2031, 2032):
        for month, day in ((3, 20), (10, 20)):
            start = datetime(year, month, day, tzinfo=UTC)
            for quarter in range(4 * 24 * 14):
                instant = start + timedelta(minutes=15 * quarter)
                ours = instant.astimezone(RULES)
                theirs = instant.astimezone(IANA)
                assert ours.replace(tzinfo=None) == theirs.replace(tzinfo=None), instant
                assert ours.fold == theirs.fold, instant
                assert ours.utcoffset() == theirs.utcoffset(), instant
                assert ours.tzname() == theirs.tzname(), instant


def test_fallback_matches_the_iana_zone_from_wall_time() -> None:
    # Includes the spring gap and the autumn overlap, with both folds.
    for year in (2026, 2027):
        for month, day in ((3, 25), (10, 24)):
            start = datetime(year, month, day)  # noqa: DTZ001
            for quarter in range(4 * 24 * 7):
                wall = start + timedelta(minutes=15 * quarter)
                for fold in (0, 1):
                    ours = wall.replace(tzinfo=RULES, fold=fold).astimezone(UTC)
                    theirs = wall.replace(tzinfo=IANA, fold=fold).astimezone(UTC)
                    assert ours == theirs, (wall, fold)


def test_missing_time_zone_database_falls_back_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(key: str) -> zoneinfo.ZoneInfo:
        raise zoneinfo.ZoneInfoNotFoundError(key)

    monkeypatch.setattr(paris_time, "ZoneInfo", missing)
    zone, source = paris_time._load()
    assert isinstance(zone, EuropeParisRules)
    assert "built-in EU rules" in source
    assert paris_time.PARIS_SOURCE == "zoneinfo"  # this machine has the database
