"""``crisis mailboxes``: the isolated mail host and a loan's mailboxes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crisis.commands.common import reported, workspace
from crisis.domain.loans import DataDisposition
from crisis.i18n import default_language, t
from crisis.services import mailboxes
from crisis.services.provisioning import RunView

app = typer.Typer(help="Isolated mailboxes (Postfix + Dovecot).", no_args_is_help=True)


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"{item!r} is not KEY=VALUE", param_hint=option)
        out[key] = value
    return out


def _print(run: RunView) -> None:
    """The run's outcome per host; exit status 1 when the mail host failed or was out of
    reach (nothing was recorded for it: run the command again once it is fixed)."""
    typer.echo(f"run {run.id}: {run.summary}")
    for h in run.hosts:
        typer.echo(f"  {h.host}: {h.status} {h.message}".rstrip())
    if run.failed_hosts:
        typer.echo(t("mailboxes.cli.not_recorded", default_language()), err=True)
        raise typer.Exit(1)


@app.command()
def host(
    ctx: typer.Context,
    address: str,
    domain: Annotated[list[str], typer.Option(help="A mail domain it serves (repeat).")],
    conn: Annotated[list[str] | None, typer.Option(help="ansible_*=VALUE (repeat).")] = None,
    var: Annotated[list[str] | None, typer.Option(help="Playbook variable KEY=VALUE.")] = None,
) -> None:
    """Record the isolated mail host and how to reach it."""
    connection = {"ansible_host": address, **_pairs(conn, "--conn")}
    with reported():
        mailboxes.configure_mail_host(
            workspace(ctx), address, connection, domain, _pairs(var, "--var")
        )
    typer.echo(f"mail host {address} serves {', '.join(domain)}")


@app.command()
def setup(ctx: typer.Context) -> None:
    """Install and configure Postfix and Dovecot on the mail host."""
    with reported():
        _print(mailboxes.setup_mail_host(workspace(ctx)))


@app.command()
def create(
    ctx: typer.Context,
    loan: str,
    domain: Annotated[str, typer.Option(help="The town's crisis mail domain.")],
    count: Annotated[int | None, typer.Option(help="Default: the kit template's.")] = None,
    quota: str = "2G",
) -> None:
    """Create the loan's mailboxes (passwords generated into the vault)."""
    with reported():
        _print(mailboxes.create_mailboxes(workspace(ctx), loan, domain, count=count, quota=quota))


@app.command()
def suspend(
    ctx: typer.Context,
    loan: str,
    address: Annotated[
        list[str] | None, typer.Option(help="Only this mailbox (repeat). Default: all.")
    ] = None,
) -> None:
    """Suspend the loan's mailboxes: data and password kept, logins refused."""
    with reported():
        _print(mailboxes.suspend_mailboxes(workspace(ctx), loan, address or ()))


@app.command()
def check(ctx: typer.Context, loan: str) -> None:
    """Acceptance: each mailbox logs in; a message goes from one to another."""
    with reported():
        result = mailboxes.check_mailboxes(workspace(ctx), loan)
    for address, ok in result.logins.items():
        typer.echo(f"  {address}: {'login ok' if ok else 'LOGIN FAILED'}")
    typer.echo(f"send/receive: {result.send_receive or 'passed'}")
    raise typer.Exit(0 if result.passed else 1)


@app.command("return")
def return_(
    ctx: typer.Context,
    loan: str,
    export_dir: Annotated[Path, typer.Option(help="Where the archives for the town go.")],
) -> None:
    """End of loan: export each mailbox's data for the town, then remove the mailboxes."""
    with reported():
        _print(
            mailboxes.dispose_mailboxes(
                workspace(ctx), loan, DataDisposition.RETURNED_TO_TOWN, export_dir=export_dir
            )
        )


@app.command()
def destroy(
    ctx: typer.Context,
    loan: str,
    certificate: Annotated[str, typer.Option(help="The destruction certificate's reference.")],
) -> None:
    """End of loan: destroy the mailboxes' data, with its certificate."""
    with reported():
        _print(
            mailboxes.dispose_mailboxes(
                workspace(ctx), loan, DataDisposition.DESTROYED, certificate=certificate
            )
        )
