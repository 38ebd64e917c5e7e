"""Intended configuration of a kit switch: model, validation, the renderers' seam, and what
a parsed interface or VLAN table must say (the parsing itself is hier-config's and TextFSM's,
in :mod:`crisis.adapters.switch_text`)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from crisis.errors import ValidationError

#: VLANs a Catalyst will not let anyone delete or rename: never part of the managed scope.
RESERVED_VLANS = frozenset({1, 1002, 1003, 1004, 1005})

_VLAN_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
HOSTNAME = re.compile(r"^[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
# Descriptions end up on one IOS line: no control characters, no leading/trailing blanks.
_DESCRIPTION = re.compile(
    r"^[A-Za-z0-9_./:#()+-](?:[A-Za-z0-9 _./:#()+-]{0,78}[A-Za-z0-9_./:#()+-])?$"
)
_INTERFACE = re.compile(r"^(?P<kind>[A-Za-z-]+?)\s*(?P<num>\d+(?:/\d+)*)$")
_MAC_HEX = re.compile(r"^[0-9a-f]{12}$")

#: Abbreviations operators type, mapped to the full names IOS prints in its configuration.
INTERFACE_KINDS = {
    "fa": "FastEthernet",
    "fastethernet": "FastEthernet",
    "gi": "GigabitEthernet",
    "gigabitethernet": "GigabitEthernet",
    "te": "TenGigabitEthernet",
    "tengigabitethernet": "TenGigabitEthernet",
    "tw": "TwoGigabitEthernet",
    "twogigabitethernet": "TwoGigabitEthernet",
    "eth": "Ethernet",
    "ethernet": "Ethernet",
}


def normalize_interface(name: str, *, where: str = "interface") -> str:
    """Return the full IOS name of an interface (``Fa0/1`` becomes ``FastEthernet0/1``).

    Args:
        name: an interface name, abbreviated or not.
        where: the field named in the error.

    Raises:
        ValidationError: the name is not a physical Ethernet interface IOS knows.
    """
    match = _INTERFACE.match(name.strip())
    kind = INTERFACE_KINDS.get(match.group("kind").lower()) if match else None
    if match is None or kind is None:
        raise ValidationError(
            f"{name!r} is not an Ethernet interface name such as FastEthernet0/1 or Gi1/0/1",
            where=where,
        )
    return kind + match.group("num")


def short_interface(name: str) -> str:
    """Return the short form IOS uses in ``show vlan brief`` (``FastEthernet0/1`` -> ``Fa0/1``)."""
    match = _INTERFACE.match(name)
    if match is None:
        return name
    return match.group("kind")[:2] + match.group("num")


def normalize_mac(mac: str, *, where: str = "mac") -> str:
    """Return a unicast MAC address in IOS dotted form (``0011.2233.4455``).

    Args:
        mac: ``00:11:22:33:44:55``, ``00-11-22-33-44-55`` or ``0011.2233.4455``.
        where: the field named in the error.

    Raises:
        ValidationError: not a MAC address, or a multicast/broadcast one.
    """
    digits = re.sub(r"[:.\-]", "", mac.strip().lower())
    if not _MAC_HEX.match(digits):
        raise ValidationError(f"{mac!r} is not a MAC address", where=where)
    # Port security only learns unicast sources; a multicast bit here is a typing error.
    if int(digits[:2], 16) & 1:
        raise ValidationError(f"{mac!r} is a multicast address, not a laptop", where=where)
    return f"{digits[0:4]}.{digits[4:8]}.{digits[8:12]}"


def vlan_ranges(ids: Iterable[int]) -> str:
    """Render VLAN ids the way IOS prints them (``10,11,20-23``): runs of 3 or more collapse."""
    ordered = sorted(set(ids))
    parts: list[str] = []
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        run = ordered[start : end + 1]
        parts.append(f"{run[0]}-{run[-1]}" if len(run) >= 3 else ",".join(map(str, run)))
        start = end + 1
    return ",".join(parts) if parts else "none"


def parse_vlan_list(text: str) -> tuple[int, ...]:
    """Parse an IOS VLAN list (``10,20-22``) into sorted ids; ``none`` gives ``()``."""
    text = text.strip()
    if text in ("", "none"):
        return ()
    ids: set[int] = set()
    for part in text.split(","):
        lo, _, hi = part.strip().partition("-")
        ids.update(range(int(lo), int(hi or lo) + 1))
    return tuple(sorted(ids))


def _check_vlan_id(vlan_id: int, where: str) -> None:
    if not 1 < vlan_id < 4095 or vlan_id in RESERVED_VLANS:
        raise ValidationError(
            f"VLAN {vlan_id} is not usable (2-4094, except reserved 1002-1005)", where=where
        )


@dataclass(frozen=True)
class Vlan:
    """A VLAN the kit creates on the switch."""

    id: int
    name: str

    def check(self, where: str) -> None:
        """Raise ValidationError if the id or the name is not accepted by IOS."""
        _check_vlan_id(self.id, f"{where}.id")
        if not _VLAN_NAME.match(self.name):
            raise ValidationError(
                f"VLAN name {self.name!r} must be 1-32 letters, digits, '_', '.' or '-'",
                where=f"{where}.name",
            )


@dataclass(frozen=True)
class AccessPort:
    """A port a kit laptop plugs into.

    Attributes:
        interface: full IOS name (abbreviations are expanded).
        asset_tag: the laptop's asset tag, written as the port description.
        mac_addresses: when not empty, port security allows only these addresses.
    """

    interface: str
    asset_tag: str
    mac_addresses: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "interface", normalize_interface(self.interface))
        macs = tuple(
            normalize_mac(m, where=f"{self.interface}.mac_addresses[{i}]")
            for i, m in enumerate(self.mac_addresses)
        )
        object.__setattr__(self, "mac_addresses", macs)


@dataclass(frozen=True)
class Uplink:
    """The trunk towards the town's (clean) upstream network."""

    interface: str
    allowed_vlans: tuple[int, ...]
    description: str = "UPLINK"

    def __post_init__(self) -> None:
        object.__setattr__(self, "interface", normalize_interface(self.interface))
        object.__setattr__(self, "allowed_vlans", tuple(sorted(set(self.allowed_vlans))))


@dataclass(frozen=True)
class Management:
    """How the lender's technicians reach the switch.

    Attributes:
        hostname: the switch's name (also its prompt).
        vlan: management VLAN; needed for an address.
        address: management address with prefix, e.g. ``10.99.0.2/24``.
        gateway: default gateway, inside ``address``'s network.
    """

    hostname: str
    vlan: Vlan | None = None
    address: ipaddress.IPv4Interface | None = None
    gateway: ipaddress.IPv4Address | None = None


@dataclass(frozen=True)
class SwitchConfig:
    """The whole intended configuration of one kit switch; validated when built.

    Attributes:
        management: hostname and optional management VLAN/address.
        crisis_vlan: the isolated network the kit laptops live in.
        parking_vlan: where unused ports are parked (and shut down).
        access_ports: one per laptop.
        unused_ports: every other port of the switch (parked, shut down).
        uplink: optional trunk carrying the crisis (and management) VLANs.
        platform: the renderer to use (``cisco_ios``).
    """

    management: Management
    crisis_vlan: Vlan
    parking_vlan: Vlan
    access_ports: tuple[AccessPort, ...]
    unused_ports: tuple[str, ...] = ()
    uplink: Uplink | None = None
    platform: str = "cisco_ios"

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "unused_ports",
            tuple(
                normalize_interface(p, where=f"unused_ports[{i}]")
                for i, p in enumerate(self.unused_ports)
            ),
        )
        validate_switch_config(self)

    @property
    def vlans(self) -> tuple[Vlan, ...]:
        """Every VLAN the configuration creates, crisis first."""
        mgmt = self.management.vlan
        return (self.crisis_vlan, self.parking_vlan) + ((mgmt,) if mgmt else ())

    @property
    def interfaces(self) -> tuple[str, ...]:
        """Every physical interface the configuration owns."""
        uplink = (self.uplink.interface,) if self.uplink else ()
        return tuple(p.interface for p in self.access_ports) + self.unused_ports + uplink


def validate_switch_config(cfg: SwitchConfig) -> None:
    """Check a configuration as a whole (uniqueness, references between parts).

    Raises:
        ValidationError: with ``where`` naming the offending field.
    """
    if cfg.platform not in renderers():
        raise ValidationError(
            f"unknown platform {cfg.platform!r} (known: {', '.join(sorted(renderers()))})",
            where="platform",
        )
    mgmt = cfg.management
    if not HOSTNAME.match(mgmt.hostname):
        raise ValidationError(
            f"hostname {mgmt.hostname!r} must start with a letter and hold only letters, "
            "digits and '-' (63 at most)",
            where="management.hostname",
        )
    cfg.crisis_vlan.check("crisis_vlan")
    cfg.parking_vlan.check("parking_vlan")
    if mgmt.vlan:
        mgmt.vlan.check("management.vlan")
    ids = [v.id for v in cfg.vlans]
    if len(set(ids)) != len(ids):
        raise ValidationError(
            "crisis, parking and management VLANs must be distinct", where="vlans"
        )
    if mgmt.address is not None and mgmt.vlan is None:
        raise ValidationError("a management address needs a management VLAN", where="management")
    if mgmt.gateway is not None:
        if mgmt.address is None:
            raise ValidationError("a gateway needs a management address", where="management")
        if mgmt.gateway not in mgmt.address.network or mgmt.gateway == mgmt.address.ip:
            raise ValidationError(
                f"gateway {mgmt.gateway} is not another address of {mgmt.address.network}",
                where="management.gateway",
            )
    if not cfg.access_ports:
        raise ValidationError("a kit switch needs at least one access port", where="access_ports")
    seen_ports: dict[str, str] = {}
    seen_macs: dict[str, str] = {}
    for i, port in enumerate(cfg.access_ports):
        where = f"access_ports[{i}]"
        if not _DESCRIPTION.match(port.asset_tag):
            raise ValidationError(
                f"asset tag {port.asset_tag!r} cannot be an IOS description "
                "(1-80 letters, digits, spaces or _./:#()+-)",
                where=f"{where}.asset_tag",
            )
        for j, mac in enumerate(port.mac_addresses):
            if mac in seen_macs:
                raise ValidationError(
                    f"MAC {mac} is already bound to {seen_macs[mac]}",
                    where=f"{where}.mac_addresses[{j}]",
                )
            seen_macs[mac] = port.interface
    owners = [(p.interface, f"access_ports[{i}]") for i, p in enumerate(cfg.access_ports)]
    owners += [(p, f"unused_ports[{i}]") for i, p in enumerate(cfg.unused_ports)]
    if cfg.uplink:
        owners.append((cfg.uplink.interface, "uplink"))
    for name, where in owners:
        if name in seen_ports:
            raise ValidationError(f"{name} is already used by {seen_ports[name]}", where=where)
        seen_ports[name] = where
    if cfg.uplink:
        if not _DESCRIPTION.match(cfg.uplink.description):
            raise ValidationError("not a valid IOS description", where="uplink.description")
        for vid in cfg.uplink.allowed_vlans:
            _check_vlan_id(vid, "uplink.allowed_vlans")
        if cfg.crisis_vlan.id not in cfg.uplink.allowed_vlans:
            raise ValidationError(
                f"the uplink must carry the crisis VLAN {cfg.crisis_vlan.id}",
                where="uplink.allowed_vlans",
            )
        if cfg.parking_vlan.id in cfg.uplink.allowed_vlans:
            # Parked ports must stay isolated: carrying their VLAN upstream defeats parking.
            raise ValidationError(
                f"the uplink must not carry the parking VLAN {cfg.parking_vlan.id}",
                where="uplink.allowed_vlans",
            )


# --------------------------------------------------------------------------- sections


@dataclass(frozen=True)
class Section:
    """A top-level configuration line with its indented children (text, stripped)."""

    header: str
    children: tuple[str, ...] = ()

    def lines(self) -> tuple[str, ...]:
        """The section as configuration lines, children indented by one space."""
        return (self.header, *(" " + c for c in self.children))


# --------------------------------------------------------------------------- rendering


@dataclass(frozen=True)
class IntendedConfig:
    """What a switch must look like within the part of its configuration the kit owns.

    Attributes:
        platform: renderer name (``cisco_ios``).
        sections: rendered configuration, top-level sections in order.
        interfaces: physical interfaces owned (their whole configuration is managed).
        vlan_members: expected access VLAN of each port, checked with ``show vlan brief``.
        vlan_names: VLANs that must exist, with their names.
    """

    platform: str
    sections: tuple[Section, ...]
    interfaces: frozenset[str]
    vlan_members: tuple[tuple[str, int], ...] = ()
    vlan_names: tuple[tuple[int, str], ...] = ()

    @property
    def text(self) -> str:
        """The rendered configuration as IOS text."""
        return "\n".join(line for s in self.sections for line in s.lines()) + "\n"

    def section(self, header: str) -> Section | None:
        """The rendered section with this header, if any."""
        return next((s for s in self.sections if s.header == header), None)


class Renderer(Protocol):
    """Renders a SwitchConfig for one platform and says which sections it owns."""

    def render(self, cfg: SwitchConfig) -> IntendedConfig:
        """Render the intended configuration."""
        ...

    def baseline(self, hostname: str, interfaces: Sequence[str]) -> IntendedConfig:
        """Render the factory baseline the switch returns to at restitution."""
        ...

    def owns(self, header: str, interfaces: frozenset[str]) -> bool:
        """Whether a top-level section of a device configuration is managed by the kit."""
        ...


def renderers() -> dict[str, Renderer]:
    """Every platform's renderer by name (the registry of :mod:`.switch_platforms`)."""
    from crisis.domain.switch_platforms import RENDERERS

    return RENDERERS


def render(cfg: SwitchConfig) -> IntendedConfig:
    """Render a configuration with its platform's renderer."""
    return renderers()[cfg.platform].render(cfg)


def factory_baseline(
    hostname: str, interfaces: Sequence[str], platform: str = "cisco_ios"
) -> IntendedConfig:
    """The configuration a switch returns to at restitution (no kit VLAN, ports at defaults).

    Args:
        hostname: the name the switch keeps in stock.
        interfaces: every port the kit configured (their configuration is cleared).
        platform: renderer name.
    """
    if platform not in renderers():
        raise ValidationError(f"unknown platform {platform!r}", where="platform")
    return renderers()[platform].baseline(hostname, interfaces)


# --------------------------------------------------------------------------- parsers


@dataclass(frozen=True)
class VlanBrief:
    """One row of ``show vlan brief``."""

    id: int
    name: str
    status: str
    ports: tuple[str, ...] = ()


@dataclass(frozen=True)
class InterfaceState:
    """What ``show running-config interface X`` says about one port."""

    name: str
    description: str | None = None
    mode: str | None = None
    access_vlan: int | None = None
    trunk_allowed: tuple[int, ...] | None = None
    shutdown: bool = False
    port_security: bool = False
    port_security_maximum: int | None = None
    mac_addresses: tuple[str, ...] = ()
    other: tuple[str, ...] = field(default=())


def interface_state(name: str, lines: Sequence[str]) -> InterfaceState:
    """What an interface's sub-commands (as a configuration parser gives them) set.

    Args:
        name: the interface's name.
        lines: its sub-commands, stripped.
    """
    values: dict[str, object] = {}
    macs: list[str] = []
    other: list[str] = []
    parsers: list[tuple[re.Pattern[str], Callable[[re.Match[str]], None]]] = [
        (re.compile(r"^description (.+)$"), lambda m: values.update(description=m.group(1))),
        (re.compile(r"^switchport mode (\S+)$"), lambda m: values.update(mode=m.group(1))),
        (
            re.compile(r"^switchport access vlan (\d+)$"),
            lambda m: values.update(access_vlan=int(m.group(1))),
        ),
        (
            re.compile(r"^switchport trunk allowed vlan (\S+)$"),
            lambda m: values.update(trunk_allowed=parse_vlan_list(m.group(1))),
        ),
        (re.compile(r"^shutdown$"), lambda m: values.update(shutdown=True)),
        (re.compile(r"^switchport port-security$"), lambda m: values.update(port_security=True)),
        (
            re.compile(r"^switchport port-security maximum (\d+)$"),
            lambda m: values.update(port_security_maximum=int(m.group(1))),
        ),
        (
            re.compile(r"^switchport port-security mac-address (?:sticky )?(\S+)$"),
            lambda m: macs.append(m.group(1).lower()),
        ),
    ]
    for line in lines:
        for pattern, store in parsers:
            match = pattern.match(line)
            if match:
                store(match)
                break
        else:
            other.append(line)
    return InterfaceState(
        name=name,
        mac_addresses=tuple(sorted(macs)),
        other=tuple(sorted(other)),
        **values,  # type: ignore[arg-type]
    )


def compare_interface(expected: InterfaceState, actual: InterfaceState) -> tuple[str, ...]:
    """Differences between two parsed interfaces, one readable line each."""
    problems = []
    for name in InterfaceState.__dataclass_fields__:
        want, got = getattr(expected, name), getattr(actual, name)
        if want != got:
            problems.append(f"{expected.name}: {name} is {got!r}, expected {want!r}")
    return tuple(problems)


def check_vlan_brief(intended: IntendedConfig, rows: dict[int, VlanBrief]) -> tuple[str, ...]:
    """Problems between the intended VLANs/memberships and parsed ``show vlan brief`` rows."""
    problems = []
    for vid, name in intended.vlan_names:
        row = rows.get(vid)
        if row is None:
            problems.append(f"VLAN {vid} ({name}) is missing")
        elif row.name != name:
            problems.append(f"VLAN {vid} is named {row.name!r}, expected {name!r}")
    for interface, vid in intended.vlan_members:
        row = rows.get(vid)
        if row is not None and short_interface(interface) not in row.ports:
            problems.append(f"{interface} is not in VLAN {vid}")
    if not intended.vlan_names:
        # The baseline owns no VLAN: any VLAN left besides the reserved ones is a leftover.
        problems += [f"VLAN {v} is left over" for v in rows if v not in RESERVED_VLANS]
    return tuple(problems)
