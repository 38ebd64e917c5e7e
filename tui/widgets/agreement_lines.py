"""The agreement part of the dashboard: insurance proofs ending soon, loans to bring back
before an agreement ended by notice, clock alerts that could not be e-mailed, and the DPO a
breach clock names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

from crisis.i18n import t
from crisis.services.clock_alert_views import failed_message

if TYPE_CHECKING:
    from crisis.services.incidents import ClockView, Dashboard


def obligation_lines(d: Dashboard, lang: str) -> list[str]:
    """Proofs expiring within 30 days and loans due back, as dashboard lines (markup)."""
    none = t("dashboard.none", lang)
    lines = ["", f"[b]{t('agreements.tui.obligations', lang)}[/b]"]
    lines += [
        "[yellow]"
        + escape(
            t(
                "agreements.dashboard.insurance",
                lang,
                agreement=p.agreement,
                insurer=p.insurer,
                policy=p.policy_number,
                valid_until=p.valid_until.strftime("%d/%m/%Y"),
            )
        )
        + "[/]"
        for p in d.insurance_expiring
    ]
    lines += [
        escape(
            t(
                "agreements.returns_due",
                lang,
                loan=r.loan,
                town=r.town,
                state=r.state,
                agreement=r.agreement,
                last_day=r.last_day.strftime("%d/%m/%Y"),
            )
        )
        for r in d.returns_due
    ]
    # Clock alerts that could not be e-mailed: in red until a pass sends them.
    lines += ["[red]" + escape(failed_message(a).render(lang)) + "[/]" for a in d.alerts_failed]
    return lines if len(lines) > 2 else [*lines, none]


def notify_suffix(c: ClockView, lang: str) -> str:
    """For a data-breach clock: the DPO to notify, or that none is named (markup)."""
    if c.kind != "data_breach":
        return ""
    if not c.notify:
        return " — [red]" + escape(t("agreements.clock.no_dpo", lang)) + "[/]"
    return " — " + escape(t("agreements.clock.notify_dpo", lang, dpo=c.notify))
