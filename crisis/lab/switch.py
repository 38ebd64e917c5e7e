"""Start and stop the lab switch simulator (a subprocess on 127.0.0.1), by pid."""

from __future__ import annotations

import importlib.util
import os
import secrets
import selectors
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from crisis.domain.host_keys import HostKey
from crisis.errors import CrisisError
from crisis.i18n import msg

#: Longest wait for the simulator to accept connections (Twisted imports take ~1 s).
START_TIMEOUT = 20.0


#: What the simulator imports beyond the tool's own dependencies: development dependencies
#: (pyproject's ``dev`` group), absent from an installed tool.
SIMULATOR_PACKAGES = ("fake_switches", "twisted", "zope")


class LabError(CrisisError):
    """The lab could not start one of its peers."""


def simulator_missing(packages: Sequence[str]) -> LabError:
    """The error saying the switch simulator's libraries are not installed here."""
    return LabError(msg("lab.switch.missing_packages", packages=", ".join(packages)))


def missing_simulator_packages() -> list[str]:
    """The simulator's libraries this environment lacks (none in a development checkout)."""
    return [p for p in SIMULATOR_PACKAGES if importlib.util.find_spec(p) is None]


@dataclass(frozen=True)
class SimSwitch:
    """A running simulator: where it listens, how to log in, and its process.

    Attributes:
        host: the loopback address it listens on (127.0.0.1 unless asked otherwise).
        port: the TCP port it chose.
        username: SSH user.
        password: SSH password (random per start).
        secret: enable secret (random per start).
        process: the subprocess (stopped by the context manager).
        host_key: its SSH host key (public), what the lender pins when preparing it.
        log: its stderr, where every SSH login attempt is written.
    """

    host: str
    port: int
    username: str
    password: str = field(repr=False)
    secret: str = field(repr=False)
    process: subprocess.Popen[str] = field(repr=False, compare=False)
    host_key: HostKey
    log: Path

    def login_attempts(self) -> int:
        """How many SSH logins were attempted (a client that refused the key made none)."""
        return self.log.read_text(encoding="utf-8").count("lab: login attempt")

    @property
    def pid(self) -> int:
        """The simulator's process id."""
        return self.process.pid

    def kill(self) -> None:
        """Kill the simulator at once (a switch that vanishes mid-change)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    if process.stdout is not None:
        process.stdout.close()


def _wait_ready(process: subprocess.Popen[str], timeout: float, errors: TextIO) -> int:
    """Block until the simulator prints ``READY <port>``; return the port."""
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as sel:
        sel.register(process.stdout, selectors.EVENT_READ)
        while (left := deadline - time.monotonic()) > 0:
            if not sel.select(timeout=left):
                break
            line = process.stdout.readline()
            if not line:  # EOF: the simulator died before listening
                break
            if line.startswith("READY "):
                return int(line.split()[1])
    _stop(process)
    errors.seek(0)
    err = errors.read()
    raise LabError(f"switch simulator did not start within {timeout:.0f} s: {err[-500:]}")


def new_host_key(path: Path) -> Path:
    """Write a new Ed25519 SSH host key (OpenSSH private format, 0600) and return its path."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    data = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return path


def public_host_key(path: Path) -> HostKey:
    """The public half of a host key file written by :func:`new_host_key`."""
    from cryptography.hazmat.primitives import serialization

    private = serialization.load_ssh_private_key(path.read_bytes(), password=None)
    line = private.public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    )
    return HostKey.parse(line.decode("ascii"))


@contextmanager
def running_switch(
    *,
    hostname: str = "lab-switch",
    address: str = "127.0.0.1",
    port: int = 0,
    model: str = "2960-48tt",
    preload: Sequence[str] = (),
    reject: str | None = None,
    drop: str | None = None,
    ignore: str | None = None,
    timeout: float = START_TIMEOUT,
    host_key: Path | None = None,
) -> Iterator[SimSwitch]:
    """Run a simulated Cisco IOS switch for the duration of the block.

    Args:
        hostname: the switch's initial hostname (its prompt).
        address: the loopback address it listens on.
        port: its SSH port (0: any free port; a restart passes the previous one).
        model: ``2960-48tt`` (FastEthernet0/1-48, GigabitEthernet0/1-2) or ``2960x-48``
            (GigabitEthernet1/0/1-52, as the demo's switches).
        preload: configuration lines applied (and saved) before it listens.
        reject: regex; matching configuration lines answer ``% Invalid input``.
        drop: regex; the first matching line closes the SSH session before being applied.
        ignore: regex; matching lines are accepted silently but not applied.
        timeout: longest wait for the simulator to accept connections.
        host_key: its SSH host key (a private key file from :func:`new_host_key`); a new
            one when omitted. Restart with the same file to keep the switch's identity.

    Yields:
        The running simulator, with random credentials.

    Raises:
        LabError: the simulator did not start, or its libraries (development dependencies)
            are not installed.
    """
    missing = missing_simulator_packages()
    if missing:
        raise simulator_missing(missing)
    username, password, secret = "crisis", secrets.token_urlsafe(12), secrets.token_urlsafe(12)
    env = dict(
        os.environ,
        CRISIS_SIM_USER=username,
        CRISIS_SIM_PASSWORD=password,
        CRISIS_SIM_SECRET=secret,
        PYTHONUNBUFFERED="1",
    )
    with tempfile.TemporaryDirectory(prefix="crisis-switch-") as tmp:
        key_file = host_key or new_host_key(Path(tmp) / "host_key")
        cmd = [sys.executable, "-m", "crisis.lab.switch_sim", "--port", str(port)]
        cmd += ["--host-key", str(key_file)]
        cmd += ["--address", address, "--model", model, "--hostname", hostname]
        if preload:
            path = Path(tmp) / "preload.cfg"
            path.write_text("\n".join(preload) + "\n", encoding="utf-8")
            cmd += ["--preload", str(path)]
        if reject:
            cmd += ["--reject", reject]
        if drop:
            cmd += ["--drop", drop]
        if ignore:
            cmd += ["--ignore", ignore]
        root = Path(__file__).resolve().parents[2]
        # stderr goes to a file: a full pipe would freeze the simulator mid-test.
        errors = (Path(tmp) / "stderr.log").open("w+", encoding="utf-8")
        process = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
            cwd=root,
        )
        try:
            listening = _wait_ready(process, timeout, errors)
            yield SimSwitch(
                address,
                listening,
                username,
                password,
                secret,
                process,
                public_host_key(key_file),
                Path(errors.name),
            )
        finally:
            _stop(process)
            errors.close()
