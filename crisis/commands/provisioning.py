"""``crisis ansible-inventory`` and ``crisis runs``: the inventory Ansible sees, run records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated

import typer

from crisis.commands.common import (
    echo_safe,
    print_json,
    print_table,
    reported,
    workspace,
)
from crisis.commands.help_words import translate_help
from crisis.i18n import default_language, t
from crisis.l10n import format_number
from crisis.services import phones, provisioning

runs_app = typer.Typer(help="Records of playbook runs.", no_args_is_help=True)


def ansible_inventory(
    ctx: typer.Context,
    list_: Annotated[
        bool, typer.Option("--list", help="Whole inventory (Ansible's protocol).")
    ] = False,
    host: Annotated[str | None, typer.Option("--host", help="One host's variables.")] = None,
) -> None:
    """Dynamic inventory for plain Ansible, from the database: groups ``laptops``, ``mail``,
    ``phones`` and ``loan_<REFERENCE>`` (e.g. ``loan_PRET_2026_0001``).

    Ansible runs an inventory script without arguments of its own, so use the wrapper
    ``playbooks/crisis_inventory.sh`` (it reads the database named by ``CRISIS_DATABASE_URL``,
    and runs ``$CRISIS`` when the tool is not ``crisis`` on the PATH)::

        cd playbooks
        ansible-playbook -i crisis_inventory.sh laptop_sanitise.yml -l loan_PRET_2026_0001

    or save it once: ``crisis ansible-inventory --list > inv.json`` then ``-i inv.json``.
    """
    with reported():
        inv = provisioning.script_inventory(workspace(ctx))
    if host is not None:
        print_json(inv["_meta"]["hostvars"].get(host, {}))
        return
    print_json(inv)


@runs_app.command("list")
def list_(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1)] = 20,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The newest playbook runs."""
    with reported():
        runs = provisioning.recent_runs(workspace(ctx), limit)
    if as_json:
        print_json(
            [
                {
                    "id": r.id,
                    "playbook": r.playbook,
                    "status": r.status,
                    "check": r.check,
                    "duration": r.duration,
                    "hosts": {h.host: {"status": h.status, "message": h.message} for h in r.hosts},
                }
                for r in runs
            ]
        )
        return
    print_table(
        [
            t(f"cli.runs.col.{c}", default_language())
            for c in ("id", "playbook", "status", "seconds", "summary")
        ],
        [[str(r.id), r.playbook, r.status, f"{r.duration:.1f}", r.summary] for r in runs],
    )


def _again(command: str, tags: Sequence[str], failed: Sequence[str]) -> str:
    """The command line that runs `command` again for the hosts that failed."""
    return t(f"cli.again.{command}", default_language(), tags=" ".join(tags),
             failed=" ".join(failed), limit=",".join(failed))  # fmt: skip


laptops_app = typer.Typer(
    help="Clean and sanitise loan laptops with Ansible.", no_args_is_help=True
)


def _progress(event: provisioning.PlaybookEvent) -> None:
    if event.kind in ("changed", "failed", "unreachable"):
        echo_safe(f"  {event.host}: {event.kind} {event.task} {event.message}".rstrip(), err=True)


def _print_run(run: provisioning.RunView, rerun: Callable[[tuple[str, ...]], str]) -> None:
    """The run per host; for failed hosts, the command that re-runs them (`rerun` gives it,
    with options the command really has)."""
    lang = default_language()
    echo_safe(
        t("cli.run.timed", lang, run=run.id, summary=run.summary,
          seconds=format_number(round(run.duration, 1), lang))
    )  # fmt: skip
    for h in run.hosts:
        echo_safe(f"  {h.host}: {h.status} {h.message}".rstrip())
        for c in h.contradictions:
            echo_safe(t("cli.run.contradiction", lang, contradiction=c))
    if run.failed_hosts:
        command = rerun(run.failed_hosts)
        echo_safe(t("prov.cli.rerun", default_language(), command=command))


@laptops_app.command()
def clean(
    ctx: typer.Context,
    tags: list[str],
    check: Annotated[bool, typer.Option(help="Check mode: change nothing.")] = False,
    limit: Annotated[str | None, typer.Option(help="Only these hosts (comma-separated).")] = None,
) -> None:
    """Clean laptops; each gets a new local administrator password kept in the vault."""
    with reported():
        run = provisioning.rotate_and_clean(
            workspace(ctx),
            tags,
            on_event=_progress,
            check=check,
            limit=limit.split(",") if limit else None,
        )
    _print_run(run, lambda failed: _again("laptops_clean", tags, failed))
    raise typer.Exit(1 if run.failed_hosts else 0)


@laptops_app.command()
def sanitise(
    ctx: typer.Context,
    tags: list[str],
    check: Annotated[bool, typer.Option(help="Check mode: change nothing.")] = False,
) -> None:
    """Wipe returned laptops in quarantine and record their sanitisation."""
    with reported():
        run = provisioning.sanitise_laptops(workspace(ctx), tags, on_event=_progress, check=check)
    _print_run(run, lambda failed: _again("laptops_sanitise", tags, failed))
    raise typer.Exit(1 if run.failed_hosts else 0)


phones_app = typer.Typer(help="Reset loan phones through adb (USB).", no_args_is_help=True)


@phones_app.command()
def reset(
    ctx: typer.Context,
    tags: list[str],
    adb: Annotated[str | None, typer.Option(help="Path of adb (default: on PATH).")] = None,
    check: Annotated[bool, typer.Option(help="Check mode: change nothing.")] = False,
) -> None:
    """Factory-reset phones connected to this station."""
    with reported():
        run = provisioning.reset_phones(
            workspace(ctx), tags, adb=adb, on_event=_progress, check=check
        )
    _print_run(run, lambda failed: _again("phones_reset", tags, failed))
    raise typer.Exit(1 if run.failed_hosts else 0)


@phones_app.command()
def provision(
    ctx: typer.Context,
    loan: str,
    adb: Annotated[str | None, typer.Option(help="Path of adb (default: on PATH).")] = None,
) -> None:
    """The loan's phones, connected to this station: factory reset through adb, the serial
    and IMEI each reports reconciled with the inventory (contradictions flagged)."""
    with reported():
        run = phones.provision_phones(workspace(ctx), loan, adb=adb, on_event=_progress)
    _print_run(run, lambda failed: _again("phones_reset", (), failed))
    raise typer.Exit(1 if run.failed_hosts else 0)


@phones_app.command()
def profile(
    ctx: typer.Context,
    tag: str,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the files.")],
    holder: Annotated[str, typer.Option(help="Who holds the phone (on the sheet).")] = "",
) -> None:
    """The holder's isolated mailbox for the phone: an Apple .mobileconfig profile, a
    Thunderbird/K-9 autoconfig document, and the holder's sheet with each as a QR code (no
    password on any of them)."""
    lang = default_language()
    with reported():
        done = phones.holder_profile(workspace(ctx), tag, holder, lang)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "mobileconfig": (out / f"{tag}.mobileconfig", done.mobileconfig),
        "autoconfig": (out / f"{tag}-config-v1.1.xml", done.autoconfig),
        "sheet": (out / f"{tag}-fiche.pdf", done.sheet),
    }
    echo_safe(f"{tag}: {done.mailbox}")
    for key, (path, data) in files.items():
        path.write_bytes(data)
        echo_safe(t("phone.cli.written", lang, path=str(path), sha256=done.sha256[key]))


translate_help(runs_app, "runs")
translate_help(laptops_app, "laptops")
translate_help(phones_app, "phones")
