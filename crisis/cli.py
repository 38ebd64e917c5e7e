"""The ``crisis`` command line: global options, then one sub-command per area."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click import Context

from crisis.commands.help_words import translate_help
from crisis.commands.lazy_group import Lazy, LazyGroup
from crisis.config import demo_database_path
from crisis.errors import PermissionDeniedError
from crisis.i18n import default_language, t

if TYPE_CHECKING:
    from crisis.services.workspace import Workspace


class _Commands(LazyGroup):
    """The areas of the command line, each imported only when it runs (``crisis --help``
    imports none: their help is read from the catalogue, see `crisis.commands.lazy_group`)."""

    def get_help_option(self, ctx: Context) -> Any:  # Typer's own click types
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = t("help.show_help", default_language())
        return option

    entries = (
        Lazy(
            "dashboard",
            "crisis.commands.lifecycle",
            "dashboard",
            group=False,
            help_id="help.cli.dashboard",
        ),
        Lazy(
            "ansible-inventory",
            "crisis.commands.provisioning",
            "ansible_inventory",
            group=False,
            help_id="help.cli.ansible-inventory",
        ),
        Lazy(
            "verify", "crisis.commands.documents", "verify", group=False, help_id="help.cli.verify"
        ),
        Lazy("backup", "crisis.commands.backup", "backup", group=False, help_id="help.cli.backup"),
        Lazy(
            "restore", "crisis.commands.backup", "restore", group=False, help_id="help.cli.restore"
        ),
        Lazy("labels", "crisis.commands.labels", "labels", group=False, help_id="help.cli.labels"),
        Lazy(
            "packing-list",
            "crisis.commands.labels",
            "packing_list",
            group=False,
            help_id="help.cli.packing-list",
        ),
        Lazy("assets", "crisis.commands.assets", "app", help_id="help.assets"),
        Lazy("agreements", "crisis.commands.agreements", "app", help_id="help.agreements"),
        Lazy("journal", "crisis.commands.journal", "app", help_id="help.journal"),
        Lazy("runs", "crisis.commands.provisioning", "runs_app", help_id="help.runs"),
        Lazy("switch", "crisis.commands.switch", "app", help_id="help.switch"),
        Lazy("hostkeys", "crisis.commands.hostkeys", "app", help_id="help.hostkeys"),
        Lazy("crisis", "crisis.commands.lifecycle", "crisis_app", help_id="help.crisis"),
        Lazy("loan", "crisis.commands.lifecycle", "loan_app", help_id="help.loan"),
        Lazy("incident", "crisis.commands.lifecycle", "incident_app", help_id="help.incident"),
        Lazy("clocks", "crisis.commands.lifecycle", "clocks_app", help_id="help.clocks"),
        Lazy("laptops", "crisis.commands.provisioning", "laptops_app", help_id="help.laptops"),
        Lazy("phones", "crisis.commands.provisioning", "phones_app", help_id="help.phones"),
        Lazy("mailboxes", "crisis.commands.mailboxes", "app", help_id="help.mailboxes"),
        Lazy("vault", "crisis.commands.vault", "app", help_id="help.vault"),
        Lazy("operators", "crisis.commands.operators", "app", help_id="help.operators"),
        Lazy("documents", "crisis.commands.documents", "app", help_id="help.documents"),
        Lazy("audit", "crisis.commands.documents", "audit_app", help_id="help.audit"),
        Lazy("quarantine", "crisis.commands.quarantine", "app", help_id="help.quarantine"),
        Lazy("hold", "crisis.commands.holds", "app", help_id="help.holds"),
    )


app = typer.Typer(
    cls=_Commands,
    help=t("help.cli", default_language()),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _global(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(help=t("help.cli.db", default_language())),
    ] = None,
    operator: Annotated[
        str | None,
        typer.Option(envvar="CRISIS_OPERATOR", help=t("help.cli.operator", default_language())),
    ] = None,
    vault_key_file: Annotated[
        Path | None,
        typer.Option(
            envvar="CRISIS_VAULT_KEY_FILE",
            help=t("help.cli.vault_key_file", default_language()),
        ),
    ] = None,
) -> None:
    """Every command that changes the inventory first proves who the operator is: their
    signing key must open with CRISIS_OPERATOR_PASSPHRASE (or, from a terminal, the passphrase
    typed when asked). Read-only commands, and the first admin's registration, need none. On
    the demo database, the demo operators' known passphrase is used.
    """
    from crisis.services.workspace import open_workspace

    # A command only reads until an operator acts: a missing database is then an error.
    ctx.obj = ws = open_workspace(db, operator, vault_key_file, may_create=False, checkpoints=True)
    _prove_operator(ws)


def _prove_operator(ws: Workspace) -> None:
    """Where the operator's key passphrase comes from: the environment or a prompt; on the
    demo database, the demo operators' published passphrase is tried first."""
    ws.operator_passphrase = _operator_passphrase
    if _is_demo_database(ws.url):
        from crisis.services.demo_operators import DEMO_PASSPHRASE

        ws.published_passphrase = DEMO_PASSPHRASE


def _operator_passphrase(name: str) -> str | None:
    """The passphrase of `name`'s signing key: CRISIS_OPERATOR_PASSPHRASE, else typed."""
    given = os.environ.get("CRISIS_OPERATOR_PASSPHRASE")
    if given:
        return given
    if sys.stdin.isatty():
        typed: str = typer.prompt(
            t("cli.signing_prompt", default_language(), name=name), hide_input=True, err=True
        )
        return typed
    return None


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
    lab: Annotated[
        bool, typer.Option(help="Wire it to the running lab (python3 dev.py lab).")
    ] = False,
    lab_settings: Annotated[
        Path | None,
        typer.Option(help="The lab's settings file (default: lab.json in the data dir)."),
    ] = None,
) -> None:
    """Create the demo inventory (the Métropole, five towns, stock) and optionally open it.

    Without --db or CRISIS_DATABASE_URL it is the demo database of the data directory;
    --reset deletes only that one, never a database named otherwise. With --lab, point its
    laptops, mail host and switch at the running lab's peers.
    """
    from crisis.commands.common import echo_safe, fail, reported, workspace
    from crisis.services.workspace import open_workspace

    ws = workspace(ctx)
    explicit_db = ctx.parent is not None and ctx.parent.params.get("db")
    named = explicit_db or os.environ.get("CRISIS_DATABASE_URL")
    path = demo_database_path()
    if reset:
        if named and not _is_demo_database(ws.url):
            how = "--db" if explicit_db else "CRISIS_DATABASE_URL"
            fail(
                t("error.demo.reset_other_database", default_language(),
                  path=path, how=how, url=ws.shown_url())
            )  # fmt: skip
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    if not named:
        ws = open_workspace(str(path), ws.operator or "demo", checkpoints=True)
        ctx.obj = ws
    ws.may_create = True
    ws.operator = ws.operator or "demo"
    _prove_operator(ws)
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
            echo_safe(
                t(
                    "cli.demo.ready",
                    default_language(),
                    url=ws.url,
                    organisations=s.organisations,
                    agreements=s.agreements,
                    assets=s.assets,
                    templates=s.kit_templates,
                )
            )
            names = seed_demo_operators(ws)
            if names:
                echo_safe(
                    t(
                        "cli.demo.operators",
                        default_language(),
                        passphrase=DEMO_PASSPHRASE,
                        names=", ".join(names),
                    )
                )
        else:
            echo_safe(t("cli.demo.already", default_language(), url=ws.url))
    if lab:
        from crisis.commands.demo_lab import wire

        wire(ws, lab_settings)
    if tui:
        _run_tui(ws)


@app.command("tui")
def tui_(ctx: typer.Context) -> None:
    """Open the terminal user interface.

    An operator who may change the inventory proves who they are once, at launch:
    CRISIS_OPERATOR_PASSPHRASE, or the passphrase typed when asked (not on the demo database).
    """
    from crisis.commands.common import workspace

    ws = workspace(ctx)
    ws.may_create = True  # the UI is where a new inventory is started
    _run_tui(ws)


#: Opens the interactive UI on (database URL, operator). The front end that owns the UI
#: registers it (``tui.launcher``), so this headless module never imports the UI toolkit.
ui_opener: Callable[[str, str], None] | None = None


def _run_tui(ws: Workspace) -> None:
    if ui_opener is None:
        raise typer.BadParameter(t("cli.no_ui", default_language()))
    from crisis.commands.common import reported

    with reported():
        try:
            role = ws.operator_role()
        except PermissionDeniedError:
            role = None  # not a registered operator: the UI opens read-only
        if role is not None and role.may_change:
            ws.authenticate()
    ui_opener(ws.url, ws.operator)


translate_help(app, "cli")


def run() -> None:
    """Run the command line; an unexpected failure ends with one line, never a traceback.

    A traceback could show a user a secret (a database driver's error carries the values it
    was given); ``CRISIS_DEBUG=1`` shows it to whoever debugs.
    """
    try:
        app()
    except Exception as exc:
        if os.environ.get("CRISIS_DEBUG"):
            raise
        kind = type(exc).__name__
        sys.stderr.write(t("error.unexpected", default_language(), kind=kind) + "\n")
        raise SystemExit(70) from None


def main() -> None:
    """Entry point of a headless ``crisis`` (no TUI)."""
    run()
