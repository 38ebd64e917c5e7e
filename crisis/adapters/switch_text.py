"""Switch text as data, through libraries: hier-config parses configurations, TextFSM with
ntc-templates parses ``show`` output.

What stays ours lives in :mod:`crisis.domain.switch_config`: the intended configuration from
the loan, which sections the kit owns, and what a parsed interface or VLAN table must say.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from crisis.domain.switch_config import (
    IntendedConfig,
    InterfaceState,
    Section,
    VlanBrief,
    interface_state,
)
from crisis.domain.switch_platforms import RENDERERS
from crisis.errors import ValidationError

#: hier-config's driver and ntc-templates' platform for each of our platforms.
_HIER_PLATFORMS = {"cisco_ios": "CISCO_IOS"}
_TEXTFSM_PLATFORMS = {"cisco_ios": "cisco_ios"}


@cache
def _driver(platform: str) -> Any:
    from hier_config import Platform, get_hconfig_driver
    from hier_config.models import PerLineSubRule

    if platform not in _HIER_PLATFORMS:
        raise ValidationError(
            f"no configuration parser for platform {platform!r}", where="platform"
        )
    driver = get_hconfig_driver(getattr(Platform, _HIER_PLATFORMS[platform]))
    # " no ip address" is what the device says: a rollback or a verification must see it.
    subs = driver.rules.per_line_sub
    subs[:] = [r for r in subs if r.search != "^ no ip address"]
    # ``show startup-config`` opens with its size, which hier-config's IOS driver keeps.
    driver.rules.per_line_sub.append(
        PerLineSubRule(search=r"^Using \d+ out of \d+ bytes.*", replace="")
    )
    return driver


def config_tree(text: str, platform: str = "cisco_ios") -> Any:
    """The configuration as hier-config's tree (volatile header, ``!`` and ``end`` dropped)."""
    from hier_config import get_hconfig

    return get_hconfig(_driver(platform), text)


def split_sections(text: str, platform: str = "cisco_ios") -> tuple[Section, ...]:
    """Top-level sections of a configuration, each with its sub-commands (depth-first,
    stripped), in the device's order."""
    return tuple(
        Section(top.text, tuple(c.text for c in top.all_children()))
        for top in config_tree(text, platform).children
    )


def config_body(text: str, platform: str = "cisco_ios") -> str:
    """Configuration text without the volatile header lines, ``!`` and ``end``.

    Two outputs of ``show running-config`` describe the same configuration exactly when their
    bodies are equal (the byte count in the header changes with unrelated content).
    """
    return "\n".join(line for s in split_sections(text, platform) for line in s.lines()) + "\n"


def scope(intended: IntendedConfig, running_text: str) -> str:
    """Keep only the sections of a device configuration the intended configuration owns."""
    owns = RENDERERS[intended.platform].owns
    kept = [
        s
        for s in split_sections(running_text, intended.platform)
        if owns(s.header, intended.interfaces)
    ]
    return "\n".join(line for s in kept for line in s.lines()) + "\n"


def parse_interface_config(output: str, platform: str = "cisco_ios") -> InterfaceState:
    """What ``show running-config interface X`` (or a rendered section) says about the port.

    Raises:
        ValidationError: the text holds no ``interface`` section.
    """
    section = next(
        (s for s in split_sections(output, platform) if s.header.startswith("interface ")), None
    )
    if section is None:
        raise ValidationError("no interface section in the output", where="show running-config")
    return interface_state(section.header[len("interface ") :], section.children)


def parse_vlan_brief(output: str, platform: str = "cisco_ios") -> dict[int, VlanBrief]:
    """``show vlan brief`` rows by VLAN id, parsed with ntc-templates' TextFSM template."""
    from ntc_templates.parse import parse_output
    from textfsm import TextFSMError

    try:
        rows = parse_output(
            platform=_TEXTFSM_PLATFORMS[platform], command="show vlan brief", data=output
        )
    except TextFSMError as exc:
        raise ValidationError(
            f"unexpected output ({str(exc)[:200]})", where="show vlan brief"
        ) from None
    return {
        int(r["vlan_id"]): VlanBrief(
            int(r["vlan_id"]), r["vlan_name"], r["status"], tuple(r["interfaces"])
        )
        for r in rows
    }


_VLAN = re.compile(r"^vlan (\d+)$")


def restore_config(text: str, platform: str = "cisco_ios") -> IntendedConfig:
    """A stored running configuration as the intended one, within what the kit owns: its
    VLANs with their names, and the access VLAN of each access port."""
    headers = [x.header for x in split_sections(text, platform)]
    interfaces = frozenset(h[len("interface ") :] for h in headers if h.startswith("interface "))
    owned = split_sections(scope(IntendedConfig(platform, (), interfaces), text), platform)
    names: list[tuple[int, str]] = []
    members: list[tuple[str, int]] = []
    for section in owned:
        if match := _VLAN.match(section.header):
            vid = int(match.group(1))
            named = [c[len("name ") :] for c in section.children if c.startswith("name ")]
            names.append((vid, named[0] if named else f"VLAN{vid:04d}"))
        elif section.header.startswith("interface "):
            port = interface_state(section.header[len("interface ") :], section.children)
            if port.mode != "trunk" and port.access_vlan is not None:
                members.append((port.name, port.access_vlan))
    return IntendedConfig(platform, owned, interfaces, tuple(members), tuple(names))
