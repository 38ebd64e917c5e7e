"""SSH host keys pinned in the inventory: parsing, fingerprints and known-hosts lines."""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from crisis.errors import ValidationError

#: The asset attribute (and inventory host variable) holding a device's pinned host keys:
#: a list of OpenSSH public key lines (``ssh-ed25519 AAAA…``), or one such line.
HOST_KEYS_ATTRIBUTE = "ssh_host_keys"

#: Key types an SSH client of this tool accepts from a device.
KEY_TYPES = frozenset(
    {
        "ssh-ed25519",
        "ssh-rsa",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
    }
)


@dataclass(frozen=True, slots=True)
class HostKey:
    """One public host key of a device.

    Attributes:
        key_type: ``ssh-ed25519``, ``ssh-rsa``, ``ecdsa-sha2-nistp256``…
        blob: the key, base64 as in ``known_hosts`` and ``*.pub`` files.
    """

    key_type: str
    blob: str

    @classmethod
    def parse(cls, line: str, *, where: str = HOST_KEYS_ATTRIBUTE) -> HostKey:
        """Read an OpenSSH public key line (``type base64 [comment]``).

        Raises:
            ValidationError: not such a line, an unknown type, or a blob of another type.
        """
        parts = line.strip().split()
        if len(parts) < 2:
            raise ValidationError(
                f"{line.strip()[:60]!r} is not an SSH public key ('ssh-ed25519 AAAA…')",
                where=where,
            )
        key_type, blob = parts[0], parts[1]
        if key_type not in KEY_TYPES:
            raise ValidationError(
                f"SSH key type {key_type[:40]!r} is not accepted "
                f"(known: {', '.join(sorted(KEY_TYPES))})",
                where=where,
            )
        try:
            raw = base64.b64decode(blob, validate=True)
            (size,) = struct.unpack(">I", raw[:4])
            inner = raw[4 : 4 + size].decode("ascii")
        except (binascii.Error, struct.error, UnicodeDecodeError):
            raise ValidationError(
                f"the {key_type} key is not valid base64 key data", where=where
            ) from None
        if inner != key_type:
            raise ValidationError(
                f"the key says {key_type} but its data is a {inner[:40]!r} key", where=where
            )
        return cls(key_type, blob)

    @property
    def line(self) -> str:
        """``type base64``, as stored and as written in a known-hosts file."""
        return f"{self.key_type} {self.blob}"

    @property
    def fingerprint(self) -> str:
        """OpenSSH's fingerprint, ``SHA256:…`` (what ``ssh-keygen -lf`` prints)."""
        digest = hashlib.sha256(base64.b64decode(self.blob)).digest()
        return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def parse_host_keys(value: object, *, where: str = HOST_KEYS_ATTRIBUTE) -> tuple[HostKey, ...]:
    """The pinned keys held by an attribute: a list of key lines, or lines in one string.

    Raises:
        ValidationError: a value that is not a key line (the index is in ``where``).
    """
    if value in (None, "", [], ()):
        return ()
    if isinstance(value, str):
        lines: Sequence[object] = [x for x in value.replace(";", "\n").splitlines() if x.strip()]
    elif isinstance(value, list | tuple):
        lines = value
    else:
        raise ValidationError("expected a list of SSH public key lines", where=where)
    keys: list[HostKey] = []
    for i, item in enumerate(lines):
        if not isinstance(item, str):
            raise ValidationError("expected an SSH public key line", where=f"{where}[{i}]")
        key = HostKey.parse(item, where=f"{where}[{i}]")
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def same_fingerprint(given: str, key: HostKey) -> bool:
    """Whether a fingerprint typed by an operator names this key (``SHA256:`` optional)."""
    text = given.strip()
    if not text.startswith("SHA256:"):
        text = "SHA256:" + text
    return text.rstrip("=") == key.fingerprint


def known_hosts_name(host: str, port: int) -> str:
    """How a known-hosts file names an address: ``host``, or ``[host]:port`` off port 22.

    Raises:
        ValidationError: an address that would break the file (blank, spaces, ``,#[]*?!``).
    """
    if not host or any(c.isspace() or c in ",#[]*?!" for c in host):
        raise ValidationError(f"{host[:60]!r} is not an address SSH can pin", where="host")
    return host if port == 22 else f"[{host}]:{port}"


def known_hosts_text(entries: Mapping[str, Iterable[HostKey]]) -> str:
    """A known-hosts file: one line per address and key (addresses from
    :func:`known_hosts_name`)."""
    lines = [f"{name} {key.line}" for name, keys in entries.items() for key in keys]
    return "\n".join(lines) + ("\n" if lines else "")
