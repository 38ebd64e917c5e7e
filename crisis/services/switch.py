"""Configuring a kit switch: plan from the inventory, back up, diff, apply, reset; journaled."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlmodel import Session

from crisis.adapters import switch_ios as device
from crisis.adapters.switch_ios import ConfigSnapshot, SwitchCredentials, SwitchEvent, SwitchTarget
from crisis.adapters.switch_text import restore_config
from crisis.domain.assets import Category
from crisis.domain.loans import LoanState
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
from crisis.domain.switch_platforms import RENDERERS
from crisis.domain.switch_ports import expand_ports
from crisis.domain.switch_secrets import redact, redact_line, restorable
from crisis.domain.tags import sorted_tags
from crisis.errors import NotFoundError, PeerError, ValidationError, reason_of
from crisis.i18n import msg
from crisis.services import loans, vault_secrets
from crisis.services.assets import refuse_held
from crisis.services.host_keys import HostKeyNotPinnedError, changed_key, pinned_keys
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
    #: Lines of a restored configuration left out because their secret was redacted when it
    #: was stored (a rollback never sends them; the switch keeps its own).
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SnapshotView:
    """One stored configuration of a switch (without its text).

    Attributes:
        version: counts the switch's snapshots from 1.
        kind: ``backup`` (read before a change) or ``after`` (read after it).
        action: the journal event that stored it (``switch.applied``, ``switch.backed_up``...).
    """

    version: int
    kind: str
    sha256: str
    taken_at: datetime
    journal_seq: int
    action: str


@dataclass(frozen=True, slots=True)
class LoanSwitch:
    """A switch lent in a loan, with what its plan defaults to."""

    loan: str
    borrower: str
    state: str
    switch_tag: str
    laptops: tuple[str, ...]
    host: str | None
    ports: str | None
    uplink: str | None


@dataclass(frozen=True, slots=True)
class PlanView:
    """A plan as a person reads it: VLANs, which laptop on which port, parked ports, uplink."""

    switch_tag: str
    crisis_vlan: Vlan
    parking_vlan: Vlan
    access: tuple[tuple[str, str], ...]
    unused: tuple[str, ...]
    uplink: str | None
    uplink_vlans: tuple[int, ...]
    text: str


#: Loans whose switch may still be configured (kit assembled, not yet closed).
_CONFIGURABLE = tuple(st for st in LoanState if st not in (LoanState.CLOSED, LoanState.CANCELLED))


def loan_switches(ws: Workspace) -> list[LoanSwitch]:
    """Every switch of a loan not closed, with the loan's laptops, by loan."""
    views = loans.list_loans(ws, _CONFIGURABLE)
    out: list[LoanSwitch] = []
    with ws.db.session() as s:
        for v in views:
            lent = loans_repo.assets_by_tags(s, list(v.items))
            laptops = tuple(sorted_tags(a.tag for a in lent if a.category == Category.LAPTOP.value))
            for a in lent:
                if a.category != Category.SWITCH.value:
                    continue
                ports, uplink = _attr(a, "ports"), _attr(a, "uplink")
                out.append(
                    LoanSwitch(
                        loan=v.reference,
                        borrower=v.borrower,
                        state=v.state.value,
                        switch_tag=a.tag,
                        laptops=laptops,
                        host=a.mgmt_address,
                        ports=str(ports) if ports else None,
                        uplink=str(uplink) if uplink else None,
                    )
                )
    return out


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
        raise NotFoundError(msg("error.switch.no_credentials", tag=tag))
    values = vault_secrets.reveal_many(ws, refs, purpose=purpose)
    return SwitchCredentials(login, values[refs[0]], values[refs[1]])


def plan_config(ws: Workspace, plan: SwitchPlan) -> IntendedConfig:
    """The intended configuration for a plan, from the inventory (no device contact)."""
    with ws.db.session() as s:
        return _intended(s, plan)[1]


def plan_view(ws: Workspace, plan: SwitchPlan) -> PlanView:
    """A plan summed up for a person, from the inventory (no device contact)."""
    with ws.db.session() as s:
        cfg = _config(s, plan)[1]
    uplink = cfg.uplink
    return PlanView(
        switch_tag=plan.switch_tag,
        crisis_vlan=cfg.crisis_vlan,
        parking_vlan=cfg.parking_vlan,
        access=tuple((p.interface, p.asset_tag) for p in cfg.access_ports),
        unused=cfg.unused_ports,
        uplink=uplink.interface if uplink else None,
        uplink_vlans=uplink.allowed_vlans if uplink else (),
        text=render(cfg).text,
    )


def switch_history(ws: Workspace, tag: str) -> list[SnapshotView]:
    """Every stored configuration of a switch, oldest first.

    Raises:
        NotFoundError: no such asset.
        ValidationError: the asset is not a switch.
    """
    with ws.db.session() as s:
        _switch(s, tag)
        return [
            SnapshotView(x.version, x.kind, x.sha256, x.taken_at, x.journal_seq, action or "")
            for x, action in repo.history(s, tag)
        ]


def diff_switch(
    ws: Workspace, plan: SwitchPlan, creds: SwitchCredentials, on_event: OnEvent | None = None
) -> str:
    """Read the switch and say, by section, what applying the plan would change; journaled."""
    operator = ws.acting_operator()
    with ws.db.session() as s:
        target, intended = _intended(s, plan)
    with _pinned(ws, plan.switch_tag, target):
        d = device.diff(target, creds, intended, on_event=on_event or _ignore)
    changes = redact(d.readable())
    with ws.db.session(write=True) as s:
        record(
            s,
            operator,
            [Change("switch.diffed", "asset", plan.switch_tag, None, {"changes": changes})],
        )
    return changes


def backup_switch(
    ws: Workspace,
    tag: str,
    creds: SwitchCredentials,
    *,
    host: str | None = None,
    ssh_port: int = 22,
) -> str:
    """Read and store the running configuration; return its SHA-256.

    The stored text has its secrets (enable secret, users' passwords, SNMP communities, shared
    keys) redacted; the hash is the configuration's as read from the switch.
    """
    operator = ws.acting_operator()
    with ws.db.session() as s:
        target = _target(_switch(s, tag), host, ssh_port)
    with _pinned(ws, tag, target):
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
        refuse_held(s, [tag], "reset")  # its configuration may be evidence
        asset = _switch(s, tag)
        interfaces = _ports(asset, ports) + tuple(_uplink(asset, uplink) or ())
        target = _target(asset, host, ssh_port)
    baseline = factory_baseline(tag, interfaces, target.device_type)
    return _run(ws, operator, tag, "switch.reset", target, creds, baseline, on_event)


def rollback_point(ws: Workspace, tag: str, version: int | None = None) -> SnapshotView:
    """The stored configuration a rollback would restore (no device contact, no secret).

    Args:
        version: a version of ``switch_history``; by default the backup taken before the
            latest apply that changed the switch.

    Raises:
        PermissionDeniedError: the operator is an auditor (a rollback is a change).
        NotFoundError: no such switch or snapshot.
    """
    ws.acting_operator()
    with ws.db.session() as s:
        _switch(s, tag)
        snap = _restore_point(s, tag, version)
        action = next((a for x, a in repo.history(s, tag) if x.version == snap.version), None)
        return SnapshotView(
            snap.version, snap.kind, snap.sha256, snap.taken_at, snap.journal_seq, action or ""
        )


def rollback_switch(
    ws: Workspace,
    tag: str,
    creds: SwitchCredentials,
    *,
    version: int | None = None,
    host: str | None = None,
    ssh_port: int = 22,
    on_event: OnEvent | None = None,
) -> SwitchOutcome:
    """Put a stored configuration back: only the delta is sent, then verified and saved.

    Lines whose secret was redacted when stored are never sent: they are left out, listed in
    the outcome's ``skipped`` and journaled (the kit's sections hold none).

    Args:
        version: the snapshot to restore (``switch_history``); by default the backup taken
            before the latest apply that changed the switch.

    Raises:
        NotFoundError: no such snapshot (nothing is sent to the switch).
        PeerError: as ``apply_switch``: refused, unverified or dropped changes are rolled
            back to the running configuration read first, and journaled as failed.
    """
    operator = ws.acting_operator()
    with ws.db.session() as s:
        target = _target(_switch(s, tag), host, ssh_port)
        snap = _restore_point(s, tag, version)
        text, skipped = restorable(snap.text)
        wanted = restore_config(text, target.device_type)
        details: dict[str, Any] = {
            "restored_version": snap.version,
            "restored_sha256": snap.sha256,
        }
        if skipped:
            details["skipped_redacted"] = list(skipped)
    out = _run(ws, operator, tag, "switch.rolled_back", target, creds, wanted, on_event, details)
    return replace(out, skipped=skipped)


def _restore_point(s: Session, tag: str, version: int | None) -> SwitchSnapshot:
    if version is not None:
        snap = repo.snapshot(s, tag, version)
        if snap is None:
            raise NotFoundError(msg("error.switch.no_version", tag=tag, version=version))
        return snap
    rows = repo.history(s, tag)
    changed = {x.journal_seq for x, _ in rows if x.kind == "after"}
    backups = [
        x
        for x, action in rows
        if x.kind == "backup" and action == "switch.applied" and x.journal_seq in changed
    ]
    if not backups:
        raise NotFoundError(msg("error.switch.no_backup", tag=tag))
    return backups[-1]


def _run(
    ws: Workspace,
    operator: str,
    tag: str,
    action: str,
    target: SwitchTarget,
    creds: SwitchCredentials,
    intended: IntendedConfig,
    on_event: OnEvent | None,
    details: dict[str, Any] | None = None,
) -> SwitchOutcome:
    try:
        with _pinned(ws, tag, target):
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
                            "operation": action,
                            **(details or {}),
                            "state": exc.state.value,
                            "reason": exc.reason,
                            "sent": [redact_line(c) for c in exc.sent],
                            "rollback_sent": [redact_line(c) for c in exc.rollback_sent],
                            "problems": list(exc.problems),
                        },
                    )
                ],
            )
            _store(s, tag, "backup", exc.backup, seq)
        raise PeerError(msg("error.journaled", error=reason_of(exc), seq=seq)) from None
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
                        **(details or {}),
                        "state": result.state.value,
                        "sha256": result.after.sha256,
                        "changes": redact(result.diff.readable()),
                        "sent": [redact_line(c) for c in result.sent],
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
        changes=redact(result.diff.readable()),
        sent=result.sent,
        round_trips=result.round_trips,
        problems=result.verification.problems,
        backup_sha256=result.backup.sha256,
        after_sha256=result.after.sha256,
        saved=result.saved,
        journal_seq=seq,
    )


@contextmanager
def _pinned(ws: Workspace, tag: str, target: SwitchTarget) -> Iterator[None]:
    """A switch that presents no pinned key: not pinned yet (the operator must confirm the
    fingerprint shown), or another key (refused, journaled)."""
    try:
        yield
    except device.SwitchHostKeyError as exc:
        if not exc.pinned:
            raise HostKeyNotPinnedError(tag, target.host, target.port, exc.presented) from None
        raise changed_key(ws, tag, target.label, exc.presented, exc.pinned, str(exc)) from None


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
            text=redact(snap.text),
            taken_at=snap.taken_at,
            journal_seq=seq,
        ),
    )


def _switch(s: Session, tag: str) -> Asset:
    asset = assets_repo.by_tag(s, tag)
    if asset is None:
        raise NotFoundError(msg("error.asset.not_found", tag=tag))
    if asset.category != Category.SWITCH.value:
        raise ValidationError(
            msg(
                "error.asset.not_category",
                tag=tag,
                category=msg(f"doc.v.{asset.category}"),
                wanted=msg("doc.v.switch"),
            ),
            where="switch",
        )
    return asset


def _attr(asset: Asset, name: str) -> Any:
    return (asset.attributes or {}).get(name)


def _ports(asset: Asset, spec: str | None) -> tuple[str, ...]:
    spec = spec or _attr(asset, "ports")
    if not spec:
        raise ValidationError(
            msg("error.switch.no_ports", tag=asset.tag),
            where="ports",
        )
    return expand_ports(str(spec))


def _uplink(asset: Asset, name: str | None) -> tuple[str, ...] | None:
    uplink = name or _attr(asset, "uplink")
    return (str(uplink),) if uplink else None


def _target(asset: Asset, host: str | None, ssh_port: int) -> SwitchTarget:
    address = host or asset.mgmt_address
    if not address:
        raise ValidationError(msg("error.switch.no_address", tag=asset.tag), where="host")
    return SwitchTarget(
        host=address, port=ssh_port, device_type=_platform(asset), host_keys=pinned_keys(asset)
    )


#: The switch asset's attribute naming its platform: the renderer of its configuration and
#: the Netmiko driver that talks to it.
PLATFORM_ATTRIBUTE = "platform"
DEFAULT_PLATFORM = "cisco_ios"


def _platform(asset: Asset) -> str:
    """The switch's platform (its ``platform`` attribute, Cisco IOS when unset).

    Raises:
        ValidationError: a platform no renderer knows.
    """
    name = str(_attr(asset, PLATFORM_ATTRIBUTE) or DEFAULT_PLATFORM)
    if name not in RENDERERS:
        raise ValidationError(
            msg(
                "error.switch.platform",
                tag=asset.tag,
                platform=name,
                known=", ".join(sorted(RENDERERS)),
            ),
            where=PLATFORM_ATTRIBUTE,
        )
    return name


def _loan_laptops(s: Session, plan: SwitchPlan) -> tuple[str, ...]:
    if plan.loan is None:
        return plan.laptop_tags
    loan = loans_repo.loan(s, plan.loan)
    if loan is None or loan.id is None:
        raise NotFoundError(msg("error.loan.not_found", reference=plan.loan))
    tags = [i.asset_tag for i in loans_repo.items(s, loan.id)]
    if plan.switch_tag not in tags:
        raise ValidationError(
            msg("error.loan.not_in_loan", tag=plan.switch_tag, loan=plan.loan), where="switch"
        )
    lent = loans_repo.assets_by_tags(s, tags)
    return tuple(sorted_tags(a.tag for a in lent if a.category == Category.LAPTOP.value))


def _intended(s: Session, plan: SwitchPlan) -> tuple[SwitchTarget, IntendedConfig]:
    target, cfg = _config(s, plan)
    return target, render(cfg)


def _config(s: Session, plan: SwitchPlan) -> tuple[SwitchTarget, SwitchConfig]:
    switch = _switch(s, plan.switch_tag)
    laptops = _loan_laptops(s, plan)
    uplink = _uplink(switch, plan.uplink)
    ports = tuple(p for p in _ports(switch, plan.ports) if not uplink or p not in uplink)
    if len(laptops) > len(ports):
        raise ValidationError(
            msg(
                "error.switch.too_few_ports", laptops=len(laptops), tag=switch.tag, ports=len(ports)
            ),
            where="laptops",
        )
    access: list[AccessPort] = []
    for port, tag in zip(ports, laptops, strict=False):
        laptop = assets_repo.by_tag(s, tag)
        if laptop is None or laptop.category != Category.LAPTOP.value:
            raise ValidationError(msg("error.switch.not_a_laptop", tag=tag), where="laptops")
        macs: Sequence[str] = _laptop_macs(laptop) if plan.port_security else ()
        access.append(AccessPort(port, tag, tuple(macs)))
    cfg = SwitchConfig(
        management=_management(switch),
        crisis_vlan=plan.crisis_vlan,
        parking_vlan=plan.parking_vlan,
        access_ports=tuple(access),
        unused_ports=ports[len(access) :],
        uplink=Uplink(uplink[0], (plan.crisis_vlan.id,)) if uplink else None,
        platform=_platform(switch),
    )
    return _target(switch, plan.host, plan.ssh_port), cfg


#: The switch asset's attributes that set its management interface (all optional; an address
#: needs the VLAN, a gateway needs the address).
MANAGEMENT_ATTRIBUTES = {
    "mgmt_vlan": "management VLAN id, e.g. 99",
    "mgmt_vlan_name": "its name (default MGMT)",
    "mgmt_ip": "management address with its prefix or mask, e.g. 10.99.0.2/24",
    "mgmt_gateway": "default gateway, e.g. 10.99.0.1",
}


def _management(switch: Asset) -> Management:
    """The switch's hostname (its tag) and management VLAN, address and gateway, from its
    attributes (:data:`MANAGEMENT_ATTRIBUTES`) when set.

    Raises:
        ValidationError: an attribute that is not a VLAN id, an address with a prefix or mask,
            or an address.
    """
    vid, ip, gateway = (_attr(switch, n) for n in ("mgmt_vlan", "mgmt_ip", "mgmt_gateway"))
    vlan = None
    if vid not in (None, ""):
        if not str(vid).strip().isdigit():
            raise ValidationError(
                msg(
                    "error.switch.attribute",
                    tag=switch.tag,
                    name="mgmt_vlan",
                    value=str(vid),
                    error=msg("error.switch.not_vlan"),
                ),
                where="mgmt_vlan",
            )
        vlan = Vlan(int(str(vid)), str(_attr(switch, "mgmt_vlan_name") or "MGMT"))
    address = None
    if ip not in (None, ""):
        if "/" not in str(ip):
            raise ValidationError(
                msg(
                    "error.switch.attribute",
                    tag=switch.tag,
                    name="mgmt_ip",
                    value=str(ip),
                    error=msg("error.switch.needs_prefix"),
                ),
                where="mgmt_ip",
            )
        try:
            address = ipaddress.IPv4Interface(str(ip).strip())
        except ValueError:
            raise ValidationError(
                msg(
                    "error.switch.attribute",
                    tag=switch.tag,
                    name="mgmt_ip",
                    value=str(ip),
                    error=msg("error.switch.not_ipv4_prefix"),
                ),
                where="mgmt_ip",
            ) from None
    router = None
    if gateway not in (None, ""):
        try:
            router = ipaddress.IPv4Address(str(gateway).strip())
        except ValueError:
            raise ValidationError(
                msg(
                    "error.switch.attribute",
                    tag=switch.tag,
                    name="mgmt_gateway",
                    value=str(gateway),
                    error=msg("error.switch.not_ipv4"),
                ),
                where="mgmt_gateway",
            ) from None
    return Management(hostname=switch.tag, vlan=vlan, address=address, gateway=router)


def _laptop_macs(laptop: Asset) -> tuple[str, ...]:
    """The laptop's MAC addresses: the inventory's, else those provisioning read on it."""
    if laptop.mac_addresses:
        return tuple(laptop.mac_addresses)
    facts = _attr(laptop, "facts")
    found = facts.get("mac_addresses") if isinstance(facts, dict) else None
    if isinstance(found, list | tuple):
        return tuple(str(m) for m in found if m)
    return ()
