"""``crisis switch``: a kit switch's intended configuration, diff, apply, backup, rollback,
history and reset."""

from __future__ import annotations

from typing import Annotated

import typer

from crisis.commands.common import echo_safe, local_time, reported, workspace
from crisis.commands.help_words import translate_help
from crisis.commands.hostkeys import first_contact
from crisis.domain.switch_config import Vlan
from crisis.i18n import default_language, t
from crisis.services import switch

app = typer.Typer(
    help="Kit switches over SSH, their host key pinned (see `crisis hostkeys`).",
    no_args_is_help=True,
)

Laptops = Annotated[
    list[str] | None, typer.Option("--laptop", "-l", help="Laptop tag, in port order (repeat).")
]
Ports = Annotated[str | None, typer.Option(help="Access ports, e.g. 'Gi1/0/1-48'.")]
Uplink = Annotated[str | None, typer.Option(help="Uplink trunk port, e.g. 'Gi1/0/49'.")]
LoanRef = Annotated[
    str | None, typer.Option("--loan", help="Take the laptops from this loan's kit.")
]


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
    loan: str | None = None,
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
        loan=loan,
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
    loan: LoanRef = None,
) -> None:
    """Print the intended configuration (no contact with the switch).

    The switch asset's attributes set its management interface when present: mgmt_vlan (VLAN
    id), mgmt_vlan_name, mgmt_ip (address with prefix or mask, e.g. 10.99.0.2/24) and
    mgmt_gateway. Port security uses each laptop's MAC addresses, else those provisioning read.
    """
    plan = plan_of(
        tag, laptop, ports, uplink, crisis_vlan, parking_vlan, port_security, None, 22, loan
    )
    with reported():
        cfg = switch.plan_config(workspace(ctx), plan)
    echo_safe(cfg.text, lines=True)


Host = Annotated[str | None, typer.Option(help="Address (default: the asset's).")]
SshPort = Annotated[int, typer.Option(help="SSH port.")]
AcceptKey = Annotated[
    str | None,
    typer.Option(
        "--accept-host-key",
        help="First contact: pin the switch's SSH host key if it has this fingerprint "
        "(SHA256:…), checked on the switch's console. From a terminal you are asked instead.",
    ),
]


def _progress(event: switch.SwitchEvent) -> None:
    echo_safe(f"  {event.kind}: {event.detail}", err=True)


@app.command()
def diff(
    ctx: typer.Context,
    tag: str,
    laptop: Laptops = None,
    ports: Ports = None,
    uplink: Uplink = None,
    crisis_vlan: int = switch.DEFAULT_CRISIS_VLAN.id,
    parking_vlan: int = switch.DEFAULT_PARKING_VLAN.id,
    port_security: bool = True,
    host: Host = None,
    ssh_port: SshPort = 22,
    loan: LoanRef = None,
    accept_host_key: AcceptKey = None,
) -> None:
    """Read the switch and show, by section, what apply would change."""
    ws = workspace(ctx)
    plan = plan_of(
        tag, laptop, ports, uplink, crisis_vlan, parking_vlan, port_security, host, ssh_port, loan
    )
    with reported():
        creds = switch.vault_credentials(ws, tag, purpose="switch diff")
        changes = first_contact(
            ws, tag, accept_host_key, host, ssh_port,
            lambda: switch.diff_switch(ws, plan, creds, _progress),
        )  # fmt: skip
    echo_safe(changes, lines=True)


@app.command()
def apply(
    ctx: typer.Context,
    tag: str,
    laptop: Laptops = None,
    ports: Ports = None,
    uplink: Uplink = None,
    crisis_vlan: int = switch.DEFAULT_CRISIS_VLAN.id,
    parking_vlan: int = switch.DEFAULT_PARKING_VLAN.id,
    port_security: bool = True,
    host: Host = None,
    ssh_port: SshPort = 22,
    loan: LoanRef = None,
    accept_host_key: AcceptKey = None,
) -> None:
    """Back up, apply only the delta, verify, save; roll back on any failure."""
    ws = workspace(ctx)
    plan = plan_of(
        tag, laptop, ports, uplink, crisis_vlan, parking_vlan, port_security, host, ssh_port, loan
    )
    with reported():
        creds = switch.vault_credentials(ws, tag, purpose="switch apply")
        out = first_contact(
            ws, tag, accept_host_key, host, ssh_port,
            lambda: switch.apply_switch(ws, plan, creds, _progress),
        )  # fmt: skip
    echo_safe(
        t("cli.switch.applied", default_language(), tag=out.switch_tag, state=out.state,
          lines=len(out.sent), trips=out.round_trips, saved=out.saved, seq=out.journal_seq)
    )  # fmt: skip


@app.command()
def backup(
    ctx: typer.Context,
    tag: str,
    host: Host = None,
    ssh_port: SshPort = 22,
    accept_host_key: AcceptKey = None,
) -> None:
    """Store the running configuration (versioned, with its hash)."""
    ws = workspace(ctx)
    with reported():
        creds = switch.vault_credentials(ws, tag, purpose="switch backup")
        digest = first_contact(
            ws, tag, accept_host_key, host, ssh_port,
            lambda: switch.backup_switch(ws, tag, creds, host=host, ssh_port=ssh_port),
        )  # fmt: skip
    echo_safe(t("cli.switch.backed_up", default_language(), tag=tag, sha256=digest))


@app.command()
def reset(
    ctx: typer.Context,
    tag: str,
    ports: Ports = None,
    uplink: Uplink = None,
    host: Host = None,
    ssh_port: SshPort = 22,
    accept_host_key: AcceptKey = None,
) -> None:
    """Return the switch to its factory baseline at restitution."""
    ws = workspace(ctx)
    with reported():
        creds = switch.vault_credentials(ws, tag, purpose="switch reset")
        out = first_contact(
            ws, tag, accept_host_key, host, ssh_port,
            lambda: switch.reset_switch(
                ws, tag, creds, ports=ports, uplink=uplink, host=host, ssh_port=ssh_port,
                on_event=_progress,
            ),
        )  # fmt: skip
    echo_safe(
        t("cli.switch.reset", default_language(), tag=out.switch_tag, state=out.state,
          seq=out.journal_seq)
    )  # fmt: skip


@app.command()
def rollback(
    ctx: typer.Context,
    tag: str,
    version: Annotated[
        int | None,
        typer.Option(
            help="Stored configuration to restore (default: the backup taken "
            "before the latest apply); see `crisis switch history`."
        ),
    ] = None,
    host: Host = None,
    ssh_port: SshPort = 22,
    accept_host_key: AcceptKey = None,
) -> None:
    """Put a stored configuration back: only the delta is sent, verified and saved."""
    ws = workspace(ctx)
    with reported():
        point = switch.rollback_point(ws, tag, version)  # before any secret is revealed
        echo_safe(
            t("cli.switch.restoring", default_language(), version=point.version,
              sha256=point.sha256[:12]),
            err=True,
        )  # fmt: skip
        creds = switch.vault_credentials(ws, tag, purpose="switch rollback")
        out = first_contact(
            ws, tag, accept_host_key, host, ssh_port,
            lambda: switch.rollback_switch(
                ws, tag, creds, version=point.version, host=host, ssh_port=ssh_port,
                on_event=_progress,
            ),
        )  # fmt: skip
    lang = default_language()
    echo_safe(
        t("cli.switch.applied", lang, tag=out.switch_tag, state=out.state,
          lines=len(out.sent), trips=out.round_trips, saved=out.saved, seq=out.journal_seq)
    )  # fmt: skip
    for line in out.skipped:
        echo_safe(t("cli.switch.not_restored", lang, line=line))


@app.command()
def history(ctx: typer.Context, tag: str) -> None:
    """List the switch's stored configurations (versions to roll back to)."""
    with reported():
        snaps = switch.switch_history(workspace(ctx), tag)
    if not snaps:
        echo_safe(t("cli.switch.no_history", default_language(), tag=tag))
    for x in snaps:
        echo_safe(
            f"{x.version:>4}  {x.kind:<6}  {local_time(x.taken_at)}  {x.sha256[:12]}  "
            + t(
                "cli.switch.history_event",
                default_language(),
                action=x.action or "-",
                seq=x.journal_seq,
            )
        )


translate_help(app, "switch")
