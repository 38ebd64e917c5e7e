"""What ``crisis assets set TAG key=value …`` may change on an existing asset, and how each
value is checked: the management address, the MAC addresses (``aa:bb:…;cc:dd:…``), and
attributes (how Ansible reaches a laptop, a
switch's ports and management interface, free notes of the lender's own)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from crisis.domain.asset_rows import normalise_mac
from crisis.domain.assets import Category
from crisis.domain.switch_ports import expand_ports
from crisis.errors import ValidationError

#: The asset columns ``set`` may change; every other key is an attribute.
MGMT_ADDRESS = "mgmt_address"
MAC_ADDRESSES = "mac_addresses"
COLUMNS = (MGMT_ADDRESS, MAC_ADDRESSES)
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_HOSTNAME = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"
)
#: Words that make a key look like a secret: those go to the vault, never into attributes.
_SECRET_WORDS = ("password", "passwd", "passphrase", "secret", "token")
#: Attributes the tool writes itself (``facts`` from provisioning): never set by hand.
#: Attributes the tool writes itself: provisioning facts; SSH host keys (`crisis hostkeys pin`).
_RESERVED = frozenset({"facts", "ssh_host_keys"})
_MAX_VALUE = 500


def parse_assignments(items: Sequence[str]) -> dict[str, str]:
    """``["ansible_host=127.0.1.10", "notes="]`` to ``{"ansible_host": "127.0.1.10",
    "notes": ""}`` (an empty value removes the attribute).

    Raises:
        ValidationError: an item is not KEY=VALUE, a key is repeated or badly formed.
    """
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep:
            raise ValidationError(f"{item!r} is not KEY=VALUE", where="assignments")
        if not _KEY.match(key):
            raise ValidationError(
                f"{key!r}: a key is lower-case letters, digits and '_', starting with a letter",
                where="assignments",
            )
        if key in out:
            raise ValidationError(f"{key!r} is given twice", where="assignments")
        out[key] = value.strip()
    if not out:
        raise ValidationError("nothing to set: give KEY=VALUE pairs", where="assignments")
    return out


def _host(value: str) -> str:
    with_ip = _ip_or_none(value)
    if with_ip is None and not _HOSTNAME.match(value):
        raise ValueError("an IP address or a host name")
    return value


def _ip_or_none(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _ip(value: str) -> str:
    found = _ip_or_none(value)
    if found is None:
        raise ValueError("an IP address")
    return found


def _interface(value: str) -> str:
    if "/" not in value:
        raise ValueError("an address with its prefix or mask, e.g. 10.99.0.2/24")
    try:
        return str(ipaddress.ip_interface(value))
    except ValueError:
        raise ValueError("an address with its prefix or mask, e.g. 10.99.0.2/24") from None


def _macs(value: str) -> list[str]:
    macs = [normalise_mac(m) for m in re.split(r"[;,\s]+", value) if m]
    if len(set(macs)) != len(macs):
        raise ValueError("a list of distinct MAC addresses")
    return macs


def _int_in(low: int, high: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        if not value.isdigit() or not low <= int(value) <= high:
            raise ValueError(f"a whole number from {low} to {high}")
        return int(value)

    return parse


def _ports(value: str) -> str:
    expand_ports(value)  # raises ValidationError naming the bad part
    return value


def _vlan_name(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,32}", value):
        raise ValueError("1 to 32 letters, digits, '_' or '-'")
    return value


def _text(value: str) -> str:
    if len(value) > _MAX_VALUE or any(ord(c) < 32 for c in value):
        raise ValueError(f"at most {_MAX_VALUE} printable characters")
    return value


#: Checked attributes: the categories they apply to (None: any) and the value's parser.
_CHECKED: dict[str, tuple[frozenset[Category] | None, Callable[[str], Any]]] = {
    MGMT_ADDRESS: (None, _host),
    MAC_ADDRESSES: (None, _macs),
    "ansible_host": (frozenset({Category.LAPTOP}), _host),
    "ansible_port": (frozenset({Category.LAPTOP}), _int_in(1, 65535)),
    "ports": (frozenset({Category.SWITCH}), _ports),
    "uplink": (frozenset({Category.SWITCH}), _ports),
    "mgmt_vlan": (frozenset({Category.SWITCH}), _int_in(1, 4094)),
    "mgmt_vlan_name": (frozenset({Category.SWITCH}), _vlan_name),
    "mgmt_ip": (frozenset({Category.SWITCH}), _interface),
    "mgmt_gateway": (frozenset({Category.SWITCH}), _ip),
}


def checked_value(category: Category, key: str, value: str) -> Any:
    """The value to store for `key` on an asset of `category` (None: remove it; an empty
    list of MAC addresses).

    Raises:
        ValidationError: naming the key and what its value must be.
    """
    where = f"field '{key}'"
    if any(word in key for word in _SECRET_WORDS):
        raise ValidationError(
            f"{key!r} looks like a secret: store it in the vault (`crisis vault set`), "
            "never in an attribute",
            where=where,
        )
    if key in _RESERVED:
        raise ValidationError(f"{key!r} is written by the tool itself", where=where)
    if not value:
        return [] if key == MAC_ADDRESSES else None
    categories, parse = _CHECKED.get(key, (None, _text))
    if key.startswith("ansible_") and key not in _CHECKED:
        categories = frozenset({Category.LAPTOP})
    if categories is not None and category not in categories:
        allowed = ", ".join(sorted(c.value for c in categories))
        raise ValidationError(f"{key!r} applies to {allowed} only, not {category}", where=where)
    try:
        return parse(value)
    except ValueError as err:
        raise ValidationError(f"{value!r} is not {err}", where=where) from None


def checked_assignments(category: Category, assignments: Mapping[str, str]) -> dict[str, Any]:
    """Every assignment checked for an asset of `category` (see :func:`checked_value`)."""
    return {k: checked_value(category, k, v) for k, v in assignments.items()}
