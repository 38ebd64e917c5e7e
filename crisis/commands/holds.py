"""``crisis hold put|transfer|release|show``: a returned device kept for investigators."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from crisis.commands.common import (
    echo_safe,
    fail,
    local_time,
    print_json,
    reported,
    workspace,
)
from crisis.commands.help_words import translate_help
from crisis.i18n import default_language, t
from crisis.services import holds
from crisis.services.holds import HoldView

app = typer.Typer(
    help="Forensic holds: seal, custody, release (the device cannot be wiped meanwhile).",
    no_args_is_help=True,
)


def _when(text: str, where: str) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        fail(t("error.hold.not_a_time", default_language(), where=where, text=repr(text)))
    if moment.tzinfo is None:
        moment = moment.astimezone()  # typed at this station: its local zone
    return moment


@app.command("put")
def put(
    ctx: typer.Context,
    tag: str,
    seal: Annotated[str, typer.Option(help="Seal number.")],
    taken_by: Annotated[str, typer.Option(help="Investigator who takes the device.")],
    taken_at: Annotated[
        str, typer.Option(help="When (ISO date and time; default now, local zone if none).")
    ] = "",
    purpose: Annotated[str, typer.Option(help="Case or requisition reference.")] = "",
) -> None:
    """Put a returned device on forensic hold under a seal."""
    with reported():
        h = holds.put_on_hold(
            workspace(ctx), tag, seal_number=seal, taken_by=taken_by,
            taken_at=_when(taken_at, "taken-at"), purpose=purpose,
        )  # fmt: skip
    echo_safe(t("cli.hold.placed", default_language(), tag=h.tag, seal=h.seal_number,
                 holder=h.holder))  # fmt: skip


@app.command("transfer")
def transfer(
    ctx: typer.Context,
    tag: str,
    to: Annotated[str, typer.Option(help="Who takes custody of the device.")],
    at: Annotated[str, typer.Option(help="When (ISO date and time; default now).")] = "",
    note: str = "",
) -> None:
    """Record a hand-over of custody of a held device."""
    with reported():
        h = holds.transfer_custody(workspace(ctx), tag, to_holder=to, at=_when(at, "at"), note=note)
    echo_safe(t("cli.hold.transferred", default_language(), tag=h.tag, seal=h.seal_number,
                 holder=h.holder))  # fmt: skip


@app.command("release")
def release(
    ctx: typer.Context,
    tag: str,
    authorised_by: Annotated[str, typer.Option(help="Who authorised the release.")],
    reason: Annotated[str, typer.Option(help="Why the hold ends.")],
) -> None:
    """Release a hold (journaled with who authorised it): the device may be sanitised."""
    with reported():
        h = holds.release_hold(workspace(ctx), tag, authorised_by=authorised_by, reason=reason)
    echo_safe(t("cli.hold.released", default_language(), tag=h.tag, seal=h.seal_number,
                 by=h.release_authorised_by))  # fmt: skip


@app.command("show")
def show(
    ctx: typer.Context,
    tag: str,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """A device's holds and their chain of custody, local times."""
    with reported():
        found = holds.holds_of(workspace(ctx), tag)
    if as_json:
        print_json([h.as_record() for h in found])
        return
    lang = default_language()
    if not found:
        echo_safe(t("cli.hold.none", lang, tag=tag))
    for h in found:
        _print_hold(h, lang)


def _print_hold(h: HoldView, lang: str) -> None:
    state = t("hold.active" if h.active else "hold.released", lang)
    echo_safe(t("cli.hold.line", lang, seal=h.seal_number, state=state, loan=h.loan or "—",
                 taken_by=h.taken_by, taken_at=local_time(h.taken_at)))  # fmt: skip
    for c in h.custody:
        echo_safe(t("cli.hold.step", lang, at=local_time(c.at), from_=c.from_holder,
                     to=c.to_holder, operator=c.operator, note=c.note).rstrip())  # fmt: skip
    if h.released_at is not None:
        echo_safe(t("cli.hold.release_line", lang, at=local_time(h.released_at),
                     by=h.release_authorised_by, reason=h.release_reason))  # fmt: skip


translate_help(app, "holds")
