"""``crisis mailboxes``: the isolated mail host and a loan's mailboxes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crisis.commands.common import echo_safe, reported, safe, workspace
from crisis.commands.help_words import translate_help
from crisis.i18n import default_language, t
from crisis.services import mail_domains, mailboxes
from crisis.services.provisioning import RunView

app = typer.Typer(help="Isolated mailboxes (Postfix + Dovecot).", no_args_is_help=True)


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(
                t("cli.mailboxes.not_pair", default_language(), item=safe(item)), param_hint=option
            )
        out[key] = value
    return out


def _print(run: RunView) -> None:
    """The run's outcome per host; exit status 1 when the mail host failed or was out of
    reach (nothing was recorded for it: run the command again once it is fixed)."""
    echo_safe(t("cli.run.line", default_language(), run=run.id, summary=run.summary))
    for h in run.hosts:
        echo_safe(f"  {h.host}: {h.status} {h.message}".rstrip())
    if run.failed_hosts:
        echo_safe(t("mailboxes.cli.not_recorded", default_language()), err=True)
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
    echo_safe(
        t("cli.mailboxes.host", default_language(), address=address, domains=", ".join(domain))
    )


@app.command()
def domain(ctx: typer.Context, borrower: str, mail_domain: str) -> None:
    """Record a borrower's crisis mail domain (by INSEE code or name)."""
    with reported():
        done = mail_domains.set_mail_domain(workspace(ctx), borrower, mail_domain)
    echo_safe(t("mail.cli.domain_set", default_language(), borrower=borrower, domain=done))


@app.command()
def setup(ctx: typer.Context) -> None:
    """Install and configure Postfix and Dovecot on the mail host."""
    with reported():
        _print(mailboxes.setup_mail_host(workspace(ctx)))


@app.command()
def create(
    ctx: typer.Context,
    loan: str,
    domain: Annotated[
        str | None,
        typer.Option(help="The town's crisis mail domain (default: the borrower's recorded one)."),
    ] = None,
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
    lang = default_language()
    for address, ok in result.logins.items():
        echo_safe(t(f"cli.mailboxes.login_{'ok' if ok else 'failed'}", lang, address=address))
    echo_safe(
        t("cli.mailboxes.send_receive", lang, result=result.send_receive)
        if result.send_receive
        else t("cli.mailboxes.send_receive_ok", lang)
    )
    raise typer.Exit(0 if result.passed else 1)


@app.command("return")
def return_(
    ctx: typer.Context,
    loan: str,
    export_dir: Annotated[
        Path, typer.Option(help="Where the archives for the town go (relative: to here).")
    ],
) -> None:
    """End of loan: export each mailbox's data for the town, check each archive there,
    then (only if every archive passed) remove the mailboxes."""
    lang = default_language()
    with reported():
        done = mailboxes.return_mailboxes(workspace(ctx), loan, export_dir)
    echo_safe(
        t("cli.run.line", default_language(), run=done.export_run.id,
          summary=done.export_run.summary)
    )  # fmt: skip
    echo_safe(t("mail.return.where", lang, path=str(done.export_dir)))
    for a in done.archives:
        if a.ok:
            echo_safe(
                t(
                    "mail.return.archive",
                    lang,
                    address=a.address,
                    path=a.path,
                    size=a.size,
                    sha256=a.sha256,
                    messages=a.messages,
                )
            )
        else:
            echo_safe(
                t(
                    "mail.return.archive_failed",
                    lang,
                    address=a.address,
                    problems="; ".join(a.problems),
                ),
                err=True,
            )
    if done.removal_run is None:
        for h in done.export_run.hosts:
            echo_safe(f"  {h.host}: {h.status} {h.message}".rstrip(), err=True)
        echo_safe(t("mail.return.nothing_removed", lang), err=True)
        raise typer.Exit(1)
    _print(done.removal_run)
    echo_safe(t("mail.return.removed", lang, count=len(done.archives), retired=len(done.retired)))


@app.command()
def destroy(
    ctx: typer.Context,
    loan: str,
    certificate: Annotated[str, typer.Option(help="The destruction certificate's reference.")],
) -> None:
    """End of loan: destroy the mailboxes' data (date, method and operator recorded), with
    its certificate."""
    with reported():
        _print(mailboxes.destroy_mailboxes(workspace(ctx), loan, certificate))


translate_help(app, "mailboxes")
