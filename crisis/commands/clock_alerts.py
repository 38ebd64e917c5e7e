"""``crisis clocks relay|watch``: e-mail alerts when a clock passes three quarters of its time
and when it expires."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Annotated

import typer

from crisis.commands.common import echo_safe, reported, workspace
from crisis.i18n import Message, default_language, t
from crisis.l10n import format_datetime
from crisis.services import clock_alerts
from crisis.services.clock_alert_views import error_message

#: Exit code of ``watch --once`` when an alert could not be sent (a systemd unit shows it).
ALERTS_FAILED = 3


def relay(
    ctx: typer.Context,
    host: Annotated[str, typer.Argument(help="The SMTP relay's name or address.")],
    sender: Annotated[str, typer.Option(help="The From address of the alerts.")],
    port: Annotated[int, typer.Option(help="25, 465 (tls) or 587.")] = 25,
    security: Annotated[str, typer.Option(help="none, starttls or tls.")] = "starttls",
    verify_tls: Annotated[
        bool, typer.Option(help="Check the relay's certificate (--no-verify-tls: self-signed).")
    ] = True,
) -> None:
    """Record the SMTP relay the clock alerts go through (journaled)."""
    with reported():
        r = clock_alerts.configure_relay(
            workspace(ctx), host, sender=sender, port=port, security=security,
            verify_tls=verify_tls,
        )  # fmt: skip
    echo_safe(
        t("alerts.cli.relay_set", default_language(), host=r.host, port=r.port,
          security=r.security, sender=r.sender)
    )  # fmt: skip


def watch(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option(help="One pass, then exit (for a systemd timer).")] = False,
    interval: Annotated[
        int, typer.Option(min=10, help="Seconds between passes (without --once).")
    ] = 60,
) -> None:
    """E-mail alerts: a clock at three quarters of its time, a clock expired.

    To the lender's correspondent (and the borrower's DPO for the 72 h clock), each alert
    once, journaled. One that cannot be sent shows on the dashboard and is tried again at the
    next pass. With --once, exit code 3 when an alert could not be sent.
    """
    lang = default_language()
    ws = workspace(ctx)
    stop = threading.Event()
    if not once:
        echo_safe(t("alerts.cli.watching", lang, seconds=interval))
    while True:
        with reported():
            report = clock_alerts.watch_once(ws)
        for a in report.sent:
            echo_safe(
                t("alerts.cli.sent", lang, clock=a.clock_id, kind=t(f"clockkind.{a.kind}", lang),
                  threshold=t(f"alerts.threshold.{a.threshold}", lang), recipient=a.recipient)
            )  # fmt: skip
        for a in report.failed:
            echo_safe(
                t("alerts.cli.failed", lang, clock=a.clock_id, kind=t(f"clockkind.{a.kind}", lang),
                  threshold=t(f"alerts.threshold.{a.threshold}", lang),
                  role=t(f"alerts.role.{a.role}", lang), error=_shown(error_message(a), lang))
            )  # fmt: skip
        if once:
            if report.failed:
                raise typer.Exit(ALERTS_FAILED)
            return
        if report.sent or report.failed:
            echo_safe(
                t("alerts.cli.pass", lang, at=format_datetime(datetime.now(UTC), lang),
                  sent=len(report.sent), failed=len(report.failed))
            )  # fmt: skip
        try:
            stop.wait(interval)
        except KeyboardInterrupt:
            return


def _shown(text: Message | str, lang: str) -> str:
    return text.render(lang) if isinstance(text, Message) else text
