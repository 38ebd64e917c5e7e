"""``crisis agreements``: where each agreement stands; notices received."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer

from crisis.commands.common import print_json, print_table, reported, workspace
from crisis.services import agreements
from crisis.services.agreements import AgreementView

app = typer.Typer(help="Agreements (conventions) and their terms.", no_args_is_help=True)


def _day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def _as_json(v: AgreementView) -> dict[str, object]:
    return {
        "reference": v.reference,
        "borrower": v.borrower,
        "status": v.status.value,
        "on": v.on.isoformat(),
        "term_end": _day(v.term_end),
        "next_renewal": _day(v.next_renewal),
        "notice_deadline": _day(v.notice_deadline),
        "last_day": _day(v.last_day),
        "notice_given_on": _day(v.notice_given_on),
    }


@app.command("list")
def list_(
    ctx: typer.Context,
    on: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="As of this day.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Status, current term end, next renewal and notice deadline of every agreement."""
    with reported():
        views = agreements.list_agreements(workspace(ctx), on.date() if on else None)
    if as_json:
        print_json([_as_json(v) for v in views])
        return
    print_table(
        ["REFERENCE", "BORROWER", "STATUS", "TERM END", "RENEWAL", "NOTICE BY", "LAST DAY"],
        [
            [
                v.reference,
                v.borrower,
                v.status.value,
                _day(v.term_end),
                _day(v.next_renewal),
                _day(v.notice_deadline),
                _day(v.last_day),
            ]
            for v in views
        ],
    )


@app.command()
def notice(
    ctx: typer.Context,
    reference: str,
    received_on: Annotated[datetime, typer.Argument(formats=["%Y-%m-%d"], help="Day received.")],
) -> None:
    """Record a notice letter received: the agreement ends as its terms say."""
    with reported():
        v = agreements.record_notice(workspace(ctx), reference, received_on.date())
    typer.echo(f"agreement {v.reference}: {v.status.value}, last day {_day(v.last_day)}")
