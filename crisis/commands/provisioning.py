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
    """Dynamic inventory for plain Ansible: ``ansible-playbook -i 'crisis ansible-inventory'``."""
    with reported():
        inv = provisioning.ansible_inventory(workspace(ctx))
    hosts = inv["all"]["children"]["laptops"]["hosts"]
    if host is not None:
        print_json(hosts.get(host, {}))
        return
    # Ansible's script protocol: groups, then every host's variables under _meta.
    print_json(
        {
            "laptops": {"hosts": sorted(hosts)},
            "_meta": {"hostvars": hosts},
        }
    )


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
