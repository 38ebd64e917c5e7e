"""Pinning the SSH host keys of the devices the tool logs into (switches, laptops).

A device's keys are an asset attribute (``ssh_host_keys``), recorded when the device is
prepared at the lender's (``pin_host_key``: the key read on the device's console or from its
``/etc/ssh/*.pub``), or at first contact once the operator has confirmed the fingerprint the
device shows (``confirm_host_key``). Every connection then verifies against them, and a
device presenting another key is refused before any credential is sent; the refusal is
journaled (``record_refusal``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session

from crisis.adapters.ssh_host_keys import presented_key
from crisis.domain.assets import Category
from crisis.domain.host_keys import (
    HOST_KEYS_ATTRIBUTE,
    HostKey,
    parse_host_keys,
    same_fingerprint,
)
from crisis.errors import PeerError, ValidationError
from crisis.i18n import msg
from crisis.services.assets import require_asset
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace
from inventory.tables import Asset

__all__ = ["HOST_KEYS_ATTRIBUTE", "HostKey"]


class HostKeyNotPinnedError(PeerError):
    """No host key is pinned for a device: the operator must confirm the one it presents.

    Attributes:
        tag: the device.
        host: the address that was contacted.
        port: its SSH port.
        presented: the key the device presented (None: it could not be read).
    """

    def __init__(self, tag: str, host: str, port: int, presented: HostKey | None) -> None:
        shown = (
            msg(
                "error.hostkey.presents",
                tag=tag,
                key_type=presented.key_type,
                fingerprint=presented.fingerprint,
            )
            if presented
            else msg("error.hostkey.unreadable")
        )
        super().__init__(
            msg("error.hostkey.not_pinned", tag=tag, address=f"{host}:{port}", shown=shown)
        )
        self.tag, self.host, self.port, self.presented = tag, host, port, presented


class HostKeyChangedError(PeerError):
    """A device presented another key than the one pinned: refused, nothing sent, journaled."""


@dataclass(frozen=True, slots=True)
class PinnedKey:
    """A pinned key as shown to a person."""

    key_type: str
    fingerprint: str
    line: str


def pinned_keys(asset: Asset) -> tuple[HostKey, ...]:
    """The keys pinned for an asset (empty when none).

    Raises:
        ValidationError: the attribute holds something that is not a key.
    """
    return parse_host_keys(
        (asset.attributes or {}).get(HOST_KEYS_ATTRIBUTE),
        where=f"{asset.tag}.{HOST_KEYS_ATTRIBUTE}",
    )


def ssh_address(asset: Asset) -> tuple[str, int]:
    """Where the tool reaches a device over SSH: a switch's management address (port 22),
    a laptop's ``ansible_host`` and ``ansible_port``.

    Raises:
        ValidationError: the asset has no SSH address.
    """
    attrs = asset.attributes or {}
    if asset.category == Category.SWITCH.value:
        host, port = asset.mgmt_address, 22
    else:
        host, port = attrs.get("ansible_host"), attrs.get("ansible_port", 22)
    if not host:
        raise ValidationError(msg("error.hostkey.no_address", tag=asset.tag), where="host")
    if not str(port).isdigit():
        raise ValidationError(
            msg("error.hostkey.bad_port", tag=asset.tag, port=str(port)), where="port"
        )
    return str(host), int(str(port))


def show_host_keys(ws: Workspace, tag: str) -> tuple[PinnedKey, ...]:
    """The keys pinned for a device (read only).

    Raises:
        NotFoundError: no such asset.
    """
    with ws.db.session() as s:
        keys = pinned_keys(require_asset(s, tag))
    return tuple(PinnedKey(k.key_type, k.fingerprint, k.line) for k in keys)


def scan_host_key(
    ws: Workspace, tag: str, *, host: str | None = None, port: int | None = None
) -> tuple[str, int, HostKey]:
    """The key a device presents now (no credential sent, nothing recorded).

    Returns:
        The address contacted, its port and the key.

    Raises:
        PeerError: nothing answers there, or not SSH.
    """
    with ws.db.session() as s:
        address, default_port = _address(require_asset(s, tag), host)
    where = port or default_port
    return address, where, presented_key(address, where)


def pin_host_key(ws: Workspace, tag: str, key_line: str, *, replace: bool = False) -> PinnedKey:
    """Pin a key read on the device itself (console, ``/etc/ssh/ssh_host_*.pub``); journaled.

    Raises:
        ValidationError: not a key line; or another key is pinned and ``replace`` is False.
    """
    key = HostKey.parse(key_line, where="key")
    return _pin(ws, tag, key, "given", replace)


def confirm_host_key(
    ws: Workspace,
    tag: str,
    fingerprint: str,
    *,
    host: str | None = None,
    port: int | None = None,
    replace: bool = False,
) -> PinnedKey:
    """First contact: read the key the device presents and pin it only if it is the one
    whose fingerprint the operator confirmed; journaled.

    Raises:
        PeerError: the device cannot be reached, or presents another key than confirmed.
        ValidationError: another key is pinned and ``replace`` is False.
    """
    address, where, key = scan_host_key(ws, tag, host=host, port=port)
    if not same_fingerprint(fingerprint, key):
        raise PeerError(
            msg(
                "error.hostkey.other_key",
                tag=tag,
                address=f"{address}:{where}",
                presented=key.fingerprint,
                confirmed=fingerprint.strip(),
            )
        )
    return _pin(ws, tag, key, f"confirmed at first contact on {address}:{where}", replace)


def record_refusal(
    ws: Workspace,
    tag: str,
    address: str,
    presented: HostKey | None,
    pinned: tuple[HostKey, ...],
) -> int:
    """Journal that a device presented another key than the one pinned; return the event."""
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        return record(
            s,
            operator,
            [
                Change(
                    "ssh.host_key_refused",
                    "ssh_host",
                    tag,
                    {"fingerprints": [k.fingerprint for k in pinned]},
                    {
                        "address": address,
                        "presented": presented.fingerprint if presented else None,
                    },
                )
            ],
        )


def changed_key(
    ws: Workspace,
    tag: str,
    address: str,
    presented: HostKey | None,
    pinned: tuple[HostKey, ...],
    message: str,
) -> HostKeyChangedError:
    """Journal a refused key and return the error to raise (its message names the event)."""
    seq = record_refusal(ws, tag, address, presented, pinned)
    return HostKeyChangedError(
        msg("error.where", where=tag, error=msg("error.journaled", error=message, seq=seq))
    )


def _address(asset: Asset, host: str | None) -> tuple[str, int]:
    return (host, 22) if host else ssh_address(asset)


def _pin(ws: Workspace, tag: str, key: HostKey, how: str, replace: bool) -> PinnedKey:
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        asset = require_asset(s, tag, for_update=True)
        before = pinned_keys(asset)
        if before and key not in before and not replace:
            raise ValidationError(
                msg(
                    "error.hostkey.already",
                    tag=tag,
                    keys=", ".join(k.fingerprint for k in before),
                ),
                where=HOST_KEYS_ATTRIBUTE,
            )
        if key not in before or len(before) > 1:
            _store(s, asset, (key,))
            record(
                s,
                operator,
                [
                    Change(
                        "asset.host_key_pinned",
                        "asset",
                        tag,
                        {"fingerprints": [k.fingerprint for k in before]} if before else None,
                        {"key": key.line, "fingerprint": key.fingerprint, "how": how},
                    )
                ],
            )
    return PinnedKey(key.key_type, key.fingerprint, key.line)


def _store(s: Session, asset: Asset, keys: tuple[HostKey, ...]) -> None:
    asset.attributes = {**(asset.attributes or {}), HOST_KEYS_ATTRIBUTE: [k.line for k in keys]}
    asset.updated_at = datetime.now(UTC)
    s.add(asset)
