"""The ``crisis`` command line: global options, then one sub-command per area."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from crisis.commands import (
    agreements,
    assets,
    documents,
    journal,
    lifecycle,
    mailboxes,
    operators,
    provisioning,
    quarantine,
    switch,
    vault,
)
from crisis.commands.common import reported, workspace
from crisis.config import demo_database_path
from crisis.errors import PermissionDeniedError
from crisis.services.workspace import Workspace, open_workspace

app = typer.Typer(
    help="Crisis kit: continuity kits for towns hit by a cyberattack.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(assets.app, name="assets")
app.add_typer(agreements.app, name="agreements")
app.add_typer(journal.app, name="journal")
app.add_typer(provisioning.runs_app, name="runs")
app.add_typer(switch.app, name="switch")
app.add_typer(lifecycle.crisis_app, name="crisis")
app.add_typer(lifecycle.loan_app, name="loan")
app.add_typer(lifecycle.incident_app, name="incident")
app.add_typer(lifecycle.clocks_app, name="clocks")
app.command("dashboard")(lifecycle.dashboard)
app.command("ansible-inventory")(provisioning.ansible_inventory)
app.add_typer(provisioning.laptops_app, name="laptops")
app.add_typer(provisioning.phones_app, name="phones")
app.add_typer(mailboxes.app, name="mailboxes")
app.add_typer(vault.app, name="vault")
app.add_typer(operators.app, name="operators")
app.add_typer(documents.app, name="documents")
app.add_typer(documents.audit_app, name="audit")
app.add_typer(quarantine.app, name="quarantine")
app.command("verify")(documents.verify)


@app.callback()
def _global(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            help="Database: SQLite file path or URL (default: CRISIS_DATABASE_URL or the data dir)."
        ),
    ] = None,
    operator: Annotated[
        str | None, typer.Option(envvar="CRISIS_OPERATOR", help="Who is acting (journaled).")
    ] = None,
    vault_key_file: Annotated[
        Path | None,
        typer.Option(
            envvar="CRISIS_VAULT_KEY_FILE",
            help="Vault key file (unattended runs); else CRISIS_VAULT_PASSPHRASE or a prompt.",
        ),
    ] = None,
) -> None:
    """Every command that changes the inventory first proves who the operator is: their
    signing key must open with CRISIS_OPERATOR_PASSPHRASE (or, from a terminal, the passphrase
    typed when asked). Read-only commands, and the first admin's registration, need none. On
    the demo database, the demo operators' known passphrase is used.
    """
    ctx.obj = ws = open_workspace(db, operator, vault_key_file)
    ws.operator_passphrase = _operator_passphrase(ws.url)


def _operator_passphrase(url: str) -> Callable[[str], str | None]:
    """Where the operator's key passphrase comes from, on the database at `url`."""

    def passphrase(name: str) -> str | None:
        if _is_demo_database(url):
            from crisis.services.demo_operators import DEMO_PASSPHRASE

            return DEMO_PASSPHRASE
        given = os.environ.get("CRISIS_OPERATOR_PASSPHRASE")
        if given:
            return given
        if sys.stdin.isatty():
            typed: str = typer.prompt(
                f"Passphrase of {name}'s signing key", hide_input=True, err=True
            )
            return typed
        return None

    return passphrase


def _is_demo_database(url: str) -> bool:
    """True for the embedded demo inventory (whose operators have a published passphrase)."""
    if "://" in url:
        return False
    return Path(url).resolve() == demo_database_path().resolve()


@app.command()
def demo(
    ctx: typer.Context,
    reset: Annotated[bool, typer.Option(help="Start again from an empty demo database.")] = False,
    tui: Annotated[bool, typer.Option(help="Open the TUI on it afterwards.")] = False,
    laptops: Annotated[int, typer.Option(min=1)] = 300,
    phones: Annotated[int, typer.Option(min=1)] = 200,
) -> None:
    """Create the demo inventory (the Métropole, five towns, stock) and optionally open it."""
    ws = workspace(ctx)
    explicit_db = ctx.parent is not None and ctx.parent.params.get("db")
    if not explicit_db and not os.environ.get("CRISIS_DATABASE_URL"):
        path = demo_database_path()
        if reset:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        ws = open_workspace(str(path), ws.operator or "demo")
        ctx.obj = ws
    ws.operator = ws.operator or "demo"
    ws.operator_passphrase = _operator_passphrase(ws.url)
    from crisis.services.assets import list_assets
    from crisis.services.demo import seed_demo
    from crisis.services.demo_operators import DEMO_PASSPHRASE, seed_demo_operators
    from crisis.services.operators import list_operators

    with reported():
        if not list_operators(ws):
            # The demo registers its operators itself, with the demo passphrase.
            ws.operator_passphrase = lambda _name: DEMO_PASSPHRASE
        if list_assets(ws, limit=1).total == 0:
            s = seed_demo(ws, laptops=laptops, phones=phones)
            typer.echo(
                f"demo inventory ready in {ws.url}: {s.organisations} organisations, "
                f"{s.agreements} agreements, {s.assets} assets, {s.kit_templates} kit templates"
            )
            names = seed_demo_operators(ws)
            if names:
                typer.echo(
                    f"demo operators (key passphrase {DEMO_PASSPHRASE!r}): {', '.join(names)}"
                )
        else:
            typer.echo(f"demo inventory already in {ws.url} (use --reset to start again)")
    if tui:
        _run_tui(ws)


@app.command("tui")
def tui_(ctx: typer.Context) -> None:
    """Open the terminal user interface.

    An operator who may change the inventory proves who they are once, at launch:
    CRISIS_OPERATOR_PASSPHRASE, or the passphrase typed when asked (not on the demo database).
    """
    _run_tui(workspace(ctx))


#: Opens the interactive UI on (database URL, operator). The front end that owns the UI
#: registers it (``tui.launcher``), so this headless module never imports the UI toolkit.
ui_opener: Callable[[str, str], None] | None = None


def _run_tui(ws: Workspace) -> None:
    if ui_opener is None:
        raise typer.BadParameter("no user interface is installed with this command line")
    with reported():
        try:
            role = ws.operator_role()
        except PermissionDeniedError:
            role = None  # not a registered operator: the UI opens read-only
        if role is not None and role.may_change:
            ws.authenticate()
    ui_opener(ws.url, ws.operator)


def main() -> None:
    """Entry point of a headless ``crisis`` (no TUI)."""
    app()
