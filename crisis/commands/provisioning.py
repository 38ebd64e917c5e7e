"""``crisis ansible-inventory`` and ``crisis runs``: the inventory Ansible sees, run records."""

from __future__ import annotations

from typing import Annotated

import typer

from crisis.commands.common import print_json, print_table, reported, workspace
from crisis.services import provisioning

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
        ["ID", "PLAYBOOK", "STATUS", "SECONDS", "SUMMARY"],
        [[str(r.id), r.playbook, r.status, f"{r.duration:.1f}", r.summary] for r in runs],
    )


laptops_app = typer.Typer(
    help="Clean and sanitise loan laptops with Ansible.", no_args_is_help=True
)


def _progress(event: provisioning.PlaybookEvent) -> None:
    if event.kind in ("changed", "failed", "unreachable"):
        typer.echo(f"  {event.host}: {event.kind} {event.task} {event.message}".rstrip(), err=True)


def _print_run(run: provisioning.RunView) -> None:
    typer.echo(f"run {run.id}: {run.summary} in {run.duration:.1f} s")
    for h in run.hosts:
        typer.echo(f"  {h.host}: {h.status} {h.message}".rstrip())
        for c in h.contradictions:
            typer.echo(f"    contradiction: {c}")
    if run.failed_hosts:
        typer.echo(f"re-run the failed hosts with: --limit {','.join(run.failed_hosts)}")


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
    _print_run(run)
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
    _print_run(run)
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
    _print_run(run)
    raise typer.Exit(1 if run.failed_hosts else 0)
