"""Cisco IOS (Catalyst 2960 class): the kit's configuration as IOS lines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from crisis.domain.switch_config import (
    HOSTNAME,
    RESERVED_VLANS,
    IntendedConfig,
    Section,
    SwitchConfig,
    Vlan,
    normalize_interface,
    vlan_ranges,
)
from crisis.errors import ValidationError


class CiscoIosRenderer:
    """Cisco IOS (Catalyst 2960 class) rendering."""

    name: ClassVar[str] = "cisco_ios"
    _VLAN_HEADER = re.compile(r"^vlan (\d+)$")
    _SVI_HEADER = re.compile(r"^interface Vlan(\d+)$")

    def render(self, cfg: SwitchConfig) -> IntendedConfig:
        """Render the intended configuration; see the class docstring of SwitchConfig."""
        mgmt = cfg.management
        # VTP transparent keeps VLANs in the running configuration (so they can be diffed and
        # saved) and stops a foreign VTP server from rewriting the kit's VLANs.
        out = [Section(f"hostname {mgmt.hostname}"), Section("vtp mode transparent")]
        out += [Section(f"vlan {v.id}", (f"name {v.name}",)) for v in sorted(cfg.vlans, key=_id)]
        members: list[tuple[str, int]] = []
        for port in cfg.access_ports:
            children = [
                f"description {port.asset_tag}",
                f"switchport access vlan {cfg.crisis_vlan.id}",
                "switchport mode access",
            ]
            if port.mac_addresses:
                # IOS hides the default maximum (1) from its configuration: rendering it would
                # make every later diff try to add it again.
                if len(port.mac_addresses) > 1:
                    children.append(f"switchport port-security maximum {len(port.mac_addresses)}")
                children += [
                    "switchport port-security",
                    "switchport port-security violation restrict",
                ]
                children += [
                    f"switchport port-security mac-address {m}" for m in port.mac_addresses
                ]
            out.append(Section(f"interface {port.interface}", tuple(children)))
            members.append((port.interface, cfg.crisis_vlan.id))
        for name in cfg.unused_ports:
            children = [
                "description UNUSED",
                f"switchport access vlan {cfg.parking_vlan.id}",
                "switchport mode access",
                "shutdown",
            ]
            out.append(Section(f"interface {name}", tuple(children)))
            members.append((name, cfg.parking_vlan.id))
        if cfg.uplink:
            children = [
                f"description {cfg.uplink.description}",
                f"switchport trunk allowed vlan {vlan_ranges(cfg.uplink.allowed_vlans)}",
                "switchport mode trunk",
            ]
            out.append(Section(f"interface {cfg.uplink.interface}", tuple(children)))
        if mgmt.vlan and mgmt.address:
            addr = mgmt.address
            out.append(
                Section(
                    f"interface Vlan{mgmt.vlan.id}",
                    (f"ip address {addr.ip} {addr.network.netmask}",),
                )
            )
        if mgmt.gateway:
            out.append(Section(f"ip default-gateway {mgmt.gateway}"))
        return IntendedConfig(
            platform=self.name,
            sections=tuple(out),
            interfaces=frozenset(cfg.interfaces),
            vlan_members=tuple(members),
            vlan_names=tuple((v.id, v.name) for v in cfg.vlans),
        )

    def baseline(self, hostname: str, interfaces: Sequence[str]) -> IntendedConfig:
        """Factory baseline: hostname kept, no kit VLAN, every owned port back to defaults."""
        if not HOSTNAME.match(hostname):
            raise ValidationError(f"invalid hostname {hostname!r}", where="hostname")
        names = [normalize_interface(p, where=f"interfaces[{i}]") for i, p in enumerate(interfaces)]
        out = [Section(f"hostname {hostname}")] + [Section(f"interface {n}") for n in names]
        return IntendedConfig(self.name, tuple(out), frozenset(names))

    def owns(self, header: str, interfaces: frozenset[str]) -> bool:
        """Owned: hostname, VTP mode, non-reserved VLANs, SVIs but Vlan1, the owned ports,
        the default gateway. Anything else (AAA, lines, SNMP...) is left alone."""
        if header.startswith(("hostname ", "vtp mode ", "ip default-gateway ")):
            return True
        vlan = self._VLAN_HEADER.match(header) or self._SVI_HEADER.match(header)
        if vlan:
            return int(vlan.group(1)) not in RESERVED_VLANS
        return header.startswith("interface ") and header[len("interface ") :] in interfaces


def _id(v: Vlan) -> int:
    return v.id
