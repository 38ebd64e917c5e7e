"""French public holidays and the Easter computation."""

from __future__ import annotations

from datetime import date

import pytest

from crisis.domain.french_holidays import easter_sunday, is_public_holiday, public_holidays


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (1818, date(1818, 3, 22)),  # earliest possible
        (1943, date(1943, 4, 25)),  # latest possible
        (2000, date(2000, 4, 23)),
        (2008, date(2008, 3, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
    ],
)
def test_easter_sunday(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter
    assert easter.weekday() == 6


def test_easter_is_always_a_sunday_between_22_march_and_25_april() -> None:
    for year in range(1583, 3000):
        easter = easter_sunday(year)
        assert easter.weekday() == 6, year
        assert date(year, 3, 22) <= easter <= date(year, 4, 25), year


def test_easter_refuses_julian_years() -> None:
    with pytest.raises(ValueError, match="1582"):
        easter_sunday(1582)


def test_2026_holidays() -> None:
    assert list(public_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 1),
        date(2026, 5, 8),
        date(2026, 5, 14),  # Ascension
        date(2026, 5, 25),  # Whit Monday
        date(2026, 7, 14),
        date(2026, 8, 15),
        date(2026, 11, 1),
        date(2026, 11, 11),
        date(2026, 12, 25),
    ]
    assert public_holidays(2026)[date(2026, 5, 25)] == "Lundi de Pentecôte"


def test_alsace_moselle_adds_good_friday_and_saint_stephen() -> None:
    local = public_holidays(2026, alsace_moselle=True)
    assert set(local) - set(public_holidays(2026)) == {date(2026, 4, 3), date(2026, 12, 26)}
    assert is_public_holiday(date(2026, 4, 3), alsace_moselle=True)
    assert not is_public_holiday(date(2026, 4, 3))
    assert not is_public_holiday(date(2026, 12, 26))


def test_ascension_falls_on_1_may_in_2008() -> None:
    # Two holidays on the same day make one entry, not an error.
    assert date(2008, 5, 1) in public_holidays(2008)
    assert len(public_holidays(2008)) == 10


def test_the_cached_mapping_cannot_be_altered() -> None:
    with pytest.raises(TypeError):
        public_holidays(2026)[date(2026, 6, 1)] = "x"  # type: ignore[index]
