"""``crisis switch``: a kit switch's intended configuration, diff, apply, backup and reset."""

from __future__ import annotations

from typing import Annotated

import typer

from crisis.commands.common import reported, workspace
from crisis.domain.switch_config import Vlan
from crisis.services import switch

app = typer.Typer(help="Kit switches (Cisco IOS over SSH).", no_args_is_help=True)

Laptops = Annotated[
    list[str] | None, typer.Option("--laptop", "-l", help="Laptop tag, in port order (repeat).")
]
Ports = Annotated[str | None, typer.Option(help="Access ports, e.g. 'Gi1/0/1-48'.")]
Uplink = Annotated[str | None, typer.Option(help="Uplink trunk port, e.g. 'Gi1/0/49'.")]


def plan_of(
    tag: str,
    laptops: list[str] | None,
    ports: str | None,
    uplink: str | None,
    crisis_vlan: int,
    parking_vlan: int,
    port_security: bool,
    host: str | None,
    ssh_port: int,
) -> switch.SwitchPlan:
    """The service's plan from command-line options."""
    return switch.SwitchPlan(
        switch_tag=tag,
        laptop_tags=tuple(laptops or ()),
        crisis_vlan=Vlan(crisis_vlan, switch.DEFAULT_CRISIS_VLAN.name),
        parking_vlan=Vlan(parking_vlan, switch.DEFAULT_PARKING_VLAN.name),
        ports=ports,
        uplink=uplink,
        port_security=port_security,
        host=host,
        ssh_port=ssh_port,
    )


@app.command()
def plan(
    ctx: typer.Context,
    tag: str,
    laptop: Laptops = None,
    ports: Ports = None,
    uplink: Uplink = None,
    crisis_vlan: int = switch.DEFAULT_CRISIS_VLAN.id,
    parking_vlan: int = switch.DEFAULT_PARKING_VLAN.id,
    port_security: Annotated[bool, typer.Option(help="Bind ports to the laptops' MACs.")] = True,
) -> None:
    """Print the intended configuration (no contact with the switch)."""
    with reported():
        cfg = switch.plan_config(
            workspace(ctx),
            plan_of(tag, laptop, ports, uplink, crisis_vlan, parking_vlan, port_security, None, 22),
        )
    typer.echo(cfg.text)
