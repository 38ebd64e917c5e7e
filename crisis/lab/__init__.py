"""The lab: real peers (PostgreSQL, SSH hosts, switch simulator, mail server) on loopback.

Used by the tests and by ``python3 dev.py lab`` for a manual session. Every process the lab
starts, it stops, by pid. Addresses are in 127.0.0.0/8 only.
"""

from __future__ import annotations

import socket


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now, on a loopback address."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])
