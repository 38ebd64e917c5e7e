"""French public holidays (jours fériés), Easter-based ones computed, Alsace-Moselle optional."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType


def easter_sunday(year: int) -> date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).

    Raises:
        ValueError: for a year before 1583, when the Gregorian calendar did not apply.
    """
    if year < 1583:
        raise ValueError(f"Easter is computed for Gregorian years (1583 and later), not {year}")
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def public_holidays(year: int, *, alsace_moselle: bool = False) -> Mapping[date, str]:
    """The public holidays of `year`, date to French name, in date order.

    Args:
        year: the year.
        alsace_moselle: add the two local holidays of Bas-Rhin, Haut-Rhin and Moselle
            (Good Friday and 26 December).
    """
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1): "Jour de l'an",
        easter + timedelta(days=1): "Lundi de Pâques",
        date(year, 5, 1): "Fête du Travail",
        date(year, 5, 8): "Victoire 1945",
        easter + timedelta(days=39): "Ascension",
        easter + timedelta(days=50): "Lundi de Pentecôte",
        date(year, 7, 14): "Fête nationale",
        date(year, 8, 15): "Assomption",
        date(year, 11, 1): "Toussaint",
        date(year, 11, 11): "Armistice 1918",
        date(year, 12, 25): "Noël",
    }
    if alsace_moselle:
        days[easter - timedelta(days=2)] = "Vendredi saint"
        days[date(year, 12, 26)] = "Saint-Étienne"
    # Read-only: the cached mapping is shared by every caller.
    return MappingProxyType(dict(sorted(days.items())))


def is_public_holiday(day: date, *, alsace_moselle: bool = False) -> bool:
    """Whether `day` is a French public holiday."""
    return day in public_holidays(day.year, alsace_moselle=alsace_moselle)
