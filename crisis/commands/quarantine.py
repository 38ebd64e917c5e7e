"""``crisis quarantine``: a returned loan's devices and mailboxes, and sanitisations done by
hand (accessories, a phone or switch reset and checked by a technician)."""

from __future__ import annotations

from typing import Annotated

import typer

from crisis.commands.common import (
    echo_safe,
    local_time,
    print_json,
    print_table,
    reported,
    workspace,
)
from crisis.commands.help_words import translate_help
from crisis.i18n import default_language, t, worded
from crisis.services import quarantine
from crisis.services.quarantine import ManualSanitisation

app = typer.Typer(help="Quarantine and sanitisation of returned devices.", no_args_is_help=True)


@app.command()
def show(
    ctx: typer.Context,
    loan: str,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Each returned device's sanitisation and certificate, each mailbox's data."""
    with reported():
        v = quarantine.quarantine_of(workspace(ctx), loan)
    lang = default_language()
    if as_json:
        print_json(
            {
                "loan": v.loan,
                "state": v.state.value,
                "devices": [
                    {
                        "tag": d.tag,
                        "category": d.category.value,
                        "state": d.state.value,
                        "sanitisation": d.sanitisation,
                        "method": d.method,
                        "certificate": d.certificate,
                        "reset": d.reset,
                    }
                    for d in v.devices
                ],
                "mailboxes": [
                    {"address": m.address, "state": m.state, "disposition": m.disposition}
                    for m in v.mailboxes
                ],
                "data_certificate": v.data_certificate,
            }
        )
        return
    print_table(
        [
            t(f"cli.quarantine.col.{c}", lang)
            for c in ("tag", "category", "state", "sanitisation", "method", "done", "certificate")
        ],
        [
            [
                d.tag,
                t(f"category.{d.category.value}", lang),
                t(f"state.{d.state.value}", lang),
                d.sanitisation or "—",
                d.method or "—",
                local_time(d.performed_at) if d.performed_at else "—",
                d.certificate or "—",
            ]
            for d in v.devices
        ],
    )
    for m in v.mailboxes:
        echo_safe(
            t("cli.quarantine.mailbox", lang, address=m.address, state=m.state,
              disposition=worded("cli.quarantine.data.", m.disposition or "undecided", lang))
        )  # fmt: skip
    echo_safe(t("cli.quarantine.data_certificate", lang, certificate=v.data_certificate or "—"))


@app.command()
def record(
    ctx: typer.Context,
    tags: Annotated[list[str], typer.Argument(help="Devices sanitised by hand.")],
    method: Annotated[str, typer.Option(help="NIST SP 800-88: Clear, Purge or Destroy.")],
    technique: Annotated[str, typer.Option(help="What was done.")],
    tool: Annotated[str, typer.Option(help="What did it.")],
    verification_method: Annotated[str, typer.Option(help="How the result was checked.")],
    failed: Annotated[bool, typer.Option(help="The verification failed.")] = False,
    tool_version: str = "",
) -> None:
    """Record a sanitisation done by hand; a verified one moves the devices to sanitised."""
    done = ManualSanitisation(
        method=method,
        technique=technique,
        tool=tool,
        verification="failed" if failed else "passed",
        verification_method=verification_method,
        tool_version=tool_version,
    )
    with reported():
        recorded = quarantine.record_manual_sanitisation(workspace(ctx), tags, done)
    lang = default_language()
    echo_safe(
        t("cli.quarantine.recorded", lang, verification=worded("doc.v.", done.verification, lang),
          tags=", ".join(recorded))
    )  # fmt: skip


translate_help(app, "quarantine")
