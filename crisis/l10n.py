"""Dates, numbers and money as each language writes them (Babel's CLDR data): the one helper
reports, PDFs and the TUI use (``10 déc. 2026, 00:00 (heure de Paris)``, ``1 234,50 €``).

Times are shown in Paris time, the zone of the agreements' clocks, whatever the machine's zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from babel import dates, numbers

from crisis.domain.paris_time import PARIS
from crisis.i18n import t

_AMOUNT = re.compile(r"^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*([A-Z]{3})\s*$")


def format_datetime(
    moment: datetime, lang: str, *, seconds: bool = False, zone: bool = True
) -> str:
    """A timezone-aware moment as Paris wall-clock time, with its zone named (unless `zone` is
    False: a table whose heading names the zone)."""
    local = moment.astimezone(PARIS)
    day = dates.format_date(local, "medium", locale=lang)
    time = dates.format_time(local, "medium" if seconds else "short", locale=lang)
    glue = dates.get_datetime_format("medium", locale=lang)
    shown = str(glue).replace("{1}", day).replace("{0}", time)
    if not zone:
        return shown
    city = dates.get_timezone_location(PARIS, locale=lang, return_city=True)
    return t("l10n.zoned", lang, moment=shown, city=city)


def format_time(moment: datetime, lang: str) -> str:
    """The Paris wall-clock time of a moment, with seconds: ``14:05:09``."""
    return dates.format_time(moment.astimezone(PARIS), "medium", locale=lang)


def format_date(day: date, lang: str) -> str:
    """A calendar day (a moment is taken in Paris time): ``10 déc. 2026``."""
    if isinstance(day, datetime):
        day = day.astimezone(PARIS).date()
    return dates.format_date(day, "medium", locale=lang)


def format_number(value: int | float | Decimal, lang: str) -> str:
    """A number with the language's grouping and decimal signs: ``1 234,5``."""
    return numbers.format_decimal(value, locale=lang)


def format_count(value: int, lang: str, *, at_least: bool = False) -> str:
    """A count; one that stopped counting reads ``1 000+``."""
    return format_number(value, lang) + "+" if at_least else str(value)


def format_money(amount: Decimal | str, lang: str, currency: str = "EUR") -> str:
    """An amount: a Decimal in `currency`, or a stored ``1234.50 EUR`` (an empty text stays
    empty); ``1 234,50 €`` in French, ``€1,234.50`` in English."""
    if isinstance(amount, str):
        if not amount.strip():
            return ""
        m = _AMOUNT.match(amount)
        if m is None:
            return amount
        amount, currency = Decimal(m.group(1)), m.group(2)
    return numbers.format_currency(amount, currency, locale=lang)
