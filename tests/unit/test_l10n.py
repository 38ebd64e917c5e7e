"""Plurals, dates, numbers and money as each language writes them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from crisis.i18n import tn
from crisis.l10n import format_date, format_datetime, format_money, format_number

NBSP, NNBSP = "\xa0", "\u202f"


def plain(text: str) -> str:
    return text.replace(NBSP, " ").replace(NNBSP, " ")


def test_plurals_follow_each_language() -> None:
    assert tn("dashboard.loan_count", 0, "fr", count=0) == "0 prêt"
    assert tn("dashboard.loan_count", 1, "fr", count=1) == "1 prêt"
    assert tn("dashboard.loan_count", 2, "fr", count=2) == "2 prêts"
    assert tn("dashboard.loan_count", 0, "en", count=0) == "0 loans"
    assert tn("dashboard.loan_count", 1, "en", count=1) == "1 loan"


def test_a_moment_is_paris_time_with_its_zone_named() -> None:
    midnight_in_paris = datetime(2026, 12, 9, 23, 0, tzinfo=UTC)
    assert format_datetime(midnight_in_paris, "fr") == "10 déc. 2026, 00:00 (heure de Paris)"
    assert plain(format_datetime(midnight_in_paris, "en")) == "Dec 10, 2026, 12:00 AM (Paris time)"
    assert format_datetime(midnight_in_paris, "fr", seconds=True, zone=False) == (
        "10 déc. 2026, 00:00:00"
    )
    assert format_date(midnight_in_paris, "fr") == "10 déc. 2026"
    assert format_date(date(2026, 7, 14), "en") == "Jul 14, 2026"


def test_numbers_and_money() -> None:
    assert plain(format_money(Decimal("1234.5"), "fr")) == "1 234,50 €"
    assert plain(format_money("1234.50 EUR", "fr")) == "1 234,50 €"
    assert format_money("1234.50 EUR", "en") == "€1,234.50"
    assert format_money("", "fr") == ""
    assert plain(format_number(1234.5, "fr")) == "1 234,5"
    assert format_number(1234.5, "en") == "1,234.5"
