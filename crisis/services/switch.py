"""Configuring a kit switch: plan from the inventory, back up, diff, apply, reset; journaled."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from crisis.adapters import switch_ios as device
from crisis.adapters.switch_ios import ConfigSnapshot, SwitchCredentials, SwitchEvent, SwitchTarget
from crisis.domain.assets import Category
from crisis.domain.secret_values import SecretRef
from crisis.domain.switch_config import (
    AccessPort,
    IntendedConfig,
    Management,
    SwitchConfig,
    Uplink,
    Vlan,
    factory_baseline,
    render,
)
from crisis.domain.switch_ports import expand_ports
from crisis.domain.tags import sorted_tags
from crisis.errors import NotFoundError, PeerError, ValidationError
from crisis.services import vault_secrets
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace
from inventory.repo import assets as assets_repo
from inventory.repo import loans as loans_repo
from inventory.repo import switches as repo
from inventory.tables import Asset, SwitchSnapshot

__all__ = ["SwitchEvent", "SwitchPlan"]

OnEvent = Callable[[SwitchEvent], None]
DEFAULT_CRISIS_VLAN = Vlan(30, "CRISE")
DEFAULT_PARKING_VLAN = Vlan(999, "PARKING")


@dataclass(frozen=True, slots=True)
class SwitchPlan:
    """What a kit switch should carry.

    Ports and the uplink default to the switch asset's ``ports`` and ``uplink`` attributes
    (``"Fa0/1-8,Gi0/2"``, ``"Gi0/1"``); the address to its management address.
    """

    switch_tag: str
    laptop_tags: tuple[str, ...]
    crisis_vlan: Vlan = DEFAULT_CRISIS_VLAN
    parking_vlan: Vlan = DEFAULT_PARKING_VLAN
    ports: str | None = None
    uplink: str | None = None
    port_security: bool = True
    host: str | None = None
    ssh_port: int = 22
    #: When set, the laptops are the loan's (in tag order) and the switch must be in it.
    loan: str | None = None


@dataclass(frozen=True, slots=True)
class SwitchOutcome:
    """What an apply or reset did, as journaled."""

    switch_tag: str
    state: str
    changes: str
    sent: tuple[str, ...]
    round_trips: int
    problems: tuple[str, ...]
    backup_sha256: str
    after_sha256: str
    saved: bool
    journal_seq: int


def vault_credentials(ws: Workspace, tag: str, purpose: str) -> SwitchCredentials:
    """The switch's login (secret ``password``, whose login is the user) and ``enable``
    secret, from the vault; each reveal is journaled with `purpose`.

    Raises:
        NotFoundError: the vault holds no such secret for this switch.
    """
    ws.acting_operator()  # revealing is journaled: refuse auditors before anything else
    refs = [SecretRef("switch", tag, "password"), SecretRef("switch", tag, "enable")]
    login = next((v.login for v in vault_secrets.list_secrets(ws) if v.ref == refs[0]), None)
    if login is None:
        raise NotFoundError(
            f"no switch credentials in the vault for {tag}: store switch:{tag}/password "
            f"(with its login) and switch:{tag}/enable"
        )
    values = vault_secrets.reveal_many(ws, refs, purpose=purpose)
    return SwitchCredentials(login, values[refs[0]], values[refs[1]])


def plan_config(ws: Workspace, plan: SwitchPlan) -> IntendedConfig:
    """The intended configuration for a plan, from the inventory (no device contact)."""
    with ws.db.session() as s:
        return _intended(s, plan)[1]


def diff_switch(
    ws: Workspace, plan: SwitchPlan, creds: SwitchCredentials, on_event: OnEvent | None = None
) -> str:
    """Read the switch and say, by section, what applying the plan would change; journaled."""
    operator = ws.acting_operator()
    with ws.db.session() as s:
        target, intended = _intended(s, plan)
    d = device.diff(target, creds, intended, on_event=on_event or _ignore)
    with ws.db.session(write=True) as s:
        record(
            s,
            operator,
            [Change("switch.diffed", "asset", plan.switch_tag, None, {"changes": d.readable()})],
        )
    return d.readable()


def backup_switch(
    ws: Workspace,
    tag: str,
    creds: SwitchCredentials,
    *,
    host: str | None = None,
    ssh_port: int = 22,
) -> str:
    """Read and store the running configuration; return its SHA-256."""
    operator = ws.acting_operator()
    with ws.db.session() as s:
        target = _target(_switch(s, tag), host, ssh_port)
    snap = device.backup(target, creds)
    with ws.db.session(write=True) as s:
        seq = record(
            s, operator, [Change("switch.backed_up", "asset", tag, None, {"sha256": snap.sha256})]
        )
        _store(s, tag, "backup", snap, seq)
    return snap.sha256


def apply_switch(
    ws: Workspace, plan: SwitchPlan, creds: SwitchCredentials, on_event: OnEvent | None = None
) -> SwitchOutcome:
    """Apply only the delta, verify, save; roll back on any failure. Journaled either way.

    Raises:
        PeerError: the switch refused, failed verification or dropped; the message says the
            state it was left in (rolled back, or unknown), and the journal records the
            attempt as failed, never as applied.
    """
    operator = ws.acting_operator()
    with ws.db.session() as s:
        target, intended = _intended(s, plan)
    return _run(ws, operator, plan.switch_tag, "switch.applied", target, creds, intended, on_event)


def reset_switch(
    ws: Workspace,
    tag: str,
    creds: SwitchCredentials,
    *,
    ports: str | None = None,
    uplink: str | None = None,
    host: str | None = None,
    ssh_port: int = 22,
    on_event: OnEvent | None = None,
) -> SwitchOutcome:
    """Return a switch to its factory baseline at restitution, verified, saved and journaled."""
    operator = ws.acting_operator()
    with ws.db.session() as s:
        asset = _switch(s, tag)
        interfaces = _ports(asset, ports) + tuple(_uplink(asset, uplink) or ())
        target = _target(asset, host, ssh_port)
    baseline = factory_baseline(tag, interfaces)
    return _run(ws, operator, tag, "switch.reset", target, creds, baseline, on_event)


def _run(
    ws: Workspace,
    operator: str,
    tag: str,
    action: str,
    target: SwitchTarget,
    creds: SwitchCredentials,
    intended: IntendedConfig,
    on_event: OnEvent | None,
) -> SwitchOutcome:
    try:
        result = device.apply(target, creds, intended, on_event=on_event or _ignore)
    except device.SwitchApplyError as exc:
        with ws.db.session(write=True) as s:
            seq = record(
                s,
                operator,
                [
                    Change(
                        f"{action.rsplit('.', 1)[0]}.apply_failed",
                        "asset",
                        tag,
                        {"sha256": exc.backup.sha256},
                        {
                            "state": exc.state.value,
                            "reason": exc.reason,
                            "sent": list(exc.sent),
                            "rollback_sent": list(exc.rollback_sent),
                            "problems": list(exc.problems),
                        },
                    )
                ],
            )
            _store(s, tag, "backup", exc.backup, seq)
        raise PeerError(f"{exc} (journaled as event {seq})") from None
    with ws.db.session(write=True) as s:
        seq = record(
            s,
            operator,
            [
                Change(
                    action,
                    "asset",
                    tag,
                    {"sha256": result.backup.sha256},
                    {
                        "state": result.state.value,
                        "sha256": result.after.sha256,
                        "changes": result.diff.readable(),
                        "sent": list(result.sent),
                        "round_trips": result.round_trips,
                        "verified": result.verification.ok,
                        "saved": result.saved,
                    },
                )
            ],
        )
        _store(s, tag, "backup", result.backup, seq)
        if result.after.sha256 != result.backup.sha256:
            _store(s, tag, "after", result.after, seq)
    return SwitchOutcome(
        switch_tag=tag,
        state=result.state.value,
        changes=result.diff.readable(),
        sent=result.sent,
        round_trips=result.round_trips,
        problems=result.verification.problems,
        backup_sha256=result.backup.sha256,
        after_sha256=result.after.sha256,
        saved=result.saved,
        journal_seq=seq,
    )


def _ignore(_: SwitchEvent) -> None:
    return None


def _store(s: Session, tag: str, kind: str, snap: ConfigSnapshot, seq: int) -> None:
    repo.add(
        s,
        SwitchSnapshot(
            asset_tag=tag,
            version=repo.next_version(s, tag),
            kind=kind,
            sha256=snap.sha256,
            text=snap.text,
            taken_at=snap.taken_at,
            journal_seq=seq,
        ),
    )


def _switch(s: Session, tag: str) -> Asset:
    asset = assets_repo.by_tag(s, tag)
    if asset is None:
        raise NotFoundError(f"no asset with tag {tag!r}")
    if asset.category != Category.SWITCH.value:
        raise ValidationError(f"{tag} is a {asset.category}, not a switch", where="switch")
    return asset


def _attr(asset: Asset, name: str) -> Any:
    return (asset.attributes or {}).get(name)


def _ports(asset: Asset, spec: str | None) -> tuple[str, ...]:
    spec = spec or _attr(asset, "ports")
    if not spec:
        raise ValidationError(
            f"switch {asset.tag} has no port list: pass --ports or set its 'ports' attribute",
            where="ports",
        )
    return expand_ports(str(spec))


def _uplink(asset: Asset, name: str | None) -> tuple[str, ...] | None:
    uplink = name or _attr(asset, "uplink")
    return (str(uplink),) if uplink else None


def _target(asset: Asset, host: str | None, ssh_port: int) -> SwitchTarget:
    address = host or asset.mgmt_address
    if not address:
        raise ValidationError(f"switch {asset.tag} has no management address", where="host")
    return SwitchTarget(host=address, port=ssh_port)


def _loan_laptops(s: Session, plan: SwitchPlan) -> tuple[str, ...]:
    if plan.loan is None:
        return plan.laptop_tags
    loan = loans_repo.loan(s, plan.loan)
    if loan is None or loan.id is None:
        raise NotFoundError(f"no loan with reference {plan.loan!r}")
    tags = [i.asset_tag for i in loans_repo.items(s, loan.id)]
    if plan.switch_tag not in tags:
        raise ValidationError(
            f"switch {plan.switch_tag} is not in loan {plan.loan}", where="switch"
        )
    lent = loans_repo.assets_by_tags(s, tags)
    return tuple(sorted_tags(a.tag for a in lent if a.category == Category.LAPTOP.value))


def _intended(s: Session, plan: SwitchPlan) -> tuple[SwitchTarget, IntendedConfig]:
    switch = _switch(s, plan.switch_tag)
    laptops = _loan_laptops(s, plan)
    uplink = _uplink(switch, plan.uplink)
    ports = tuple(p for p in _ports(switch, plan.ports) if not uplink or p not in uplink)
    if len(laptops) > len(ports):
        raise ValidationError(
            f"{len(laptops)} laptops, switch {switch.tag} has {len(ports)} access ports",
            where="laptops",
        )
    access: list[AccessPort] = []
    for port, tag in zip(ports, laptops, strict=False):
        laptop = assets_repo.by_tag(s, tag)
        if laptop is None or laptop.category != Category.LAPTOP.value:
            raise ValidationError(f"{tag} is not a laptop of the inventory", where="laptops")
        macs: Sequence[str] = laptop.mac_addresses if plan.port_security else ()
        access.append(AccessPort(port, tag, tuple(macs)))
    cfg = SwitchConfig(
        management=Management(hostname=switch.tag),
        crisis_vlan=plan.crisis_vlan,
        parking_vlan=plan.parking_vlan,
        access_ports=tuple(access),
        unused_ports=ports[len(access) :],
        uplink=Uplink(uplink[0], (plan.crisis_vlan.id,)) if uplink else None,
    )
    return _target(switch, plan.host, plan.ssh_port), render(cfg)
