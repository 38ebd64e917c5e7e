"""SSH host keys on the wire: read the key a device presents, write the known-hosts files
the tool's SSH clients (Netmiko/paramiko and Ansible's OpenSSH) verify against.

Reading a key opens an SSH transport and stops after the key exchange: no user name,
password or key is ever sent.
"""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from crisis.domain.host_keys import HostKey, known_hosts_text
from crisis.errors import PeerError

#: Options that make OpenSSH verify against the tool's file only, and never learn a key.
OPENSSH_OPTIONS = (
    "-o StrictHostKeyChecking=yes -o UpdateHostKeys=no -o GlobalKnownHostsFile=/dev/null "
    "-o UserKnownHostsFile={path}"
)


def presented_key(host: str, port: int = 22, timeout: float = 10.0) -> HostKey:
    """The host key a device presents at ``host:port`` (no authentication is attempted).

    Raises:
        PeerError: nothing answers, or it does not speak SSH.
    """
    import paramiko

    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as exc:
        raise PeerError(f"{host}:{port}: cannot connect ({type(exc).__name__})") from None
    transport = paramiko.Transport(sock)
    try:
        transport.banner_timeout = timeout
        transport.start_client(timeout=timeout)
        key = transport.get_remote_server_key()
        return HostKey.parse(f"{key.get_name()} {key.get_base64()}", where=f"{host}:{port}")
    except (paramiko.SSHException, EOFError, OSError) as exc:
        raise PeerError(
            f"{host}:{port}: no SSH host key could be read ({type(exc).__name__})"
        ) from None
    finally:
        transport.close()
        sock.close()


def write_known_hosts(path: Path, entries: Mapping[str, Iterable[HostKey]]) -> Path:
    """Write a known-hosts file (0600) atomically; return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".known_hosts-")
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(known_hosts_text(entries))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


@contextlib.contextmanager
def known_hosts_file(entries: Mapping[str, Iterable[HostKey]]) -> Iterator[Path]:
    """A private known-hosts file holding only ``entries``, removed on exit."""
    with tempfile.TemporaryDirectory(prefix="crisis-known-hosts-") as tmp:
        yield write_known_hosts(Path(tmp) / "known_hosts", entries)


def openssh_options(path: Path) -> str:
    """OpenSSH ``-o`` options that verify host keys against ``path`` only."""
    return OPENSSH_OPTIONS.format(path=path)
