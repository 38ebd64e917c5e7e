"""Start and stop the lab switch simulator (a subprocess on 127.0.0.1), by pid."""

from __future__ import annotations

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

from crisis.errors import CrisisError

#: Longest wait for the simulator to accept connections (Twisted imports take ~1 s).
START_TIMEOUT = 20.0


class LabError(CrisisError):
    """The lab could not start one of its peers."""


@dataclass(frozen=True)
class SimSwitch:
    """A running simulator: where it listens, how to log in, and its process.

    Attributes:
        host: always 127.0.0.1.
        port: the TCP port it chose.
        username: SSH user.
        password: SSH password (random per start).
        secret: enable secret (random per start).
        process: the subprocess (stopped by the context manager).
    """

    host: str
    port: int
    username: str
    password: str = field(repr=False)
    secret: str = field(repr=False)
    process: subprocess.Popen[str] = field(repr=False, compare=False)

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


@contextmanager
def running_switch(
    *,
    hostname: str = "lab-switch",
    preload: Sequence[str] = (),
    reject: str | None = None,
    drop: str | None = None,
    ignore: str | None = None,
    timeout: float = START_TIMEOUT,
) -> Iterator[SimSwitch]:
    """Run a simulated Cisco IOS switch for the duration of the block.

    Args:
        hostname: the switch's initial hostname (its prompt).
        preload: configuration lines applied (and saved) before it listens.
        reject: regex; matching configuration lines answer ``% Invalid input``.
        drop: regex; the first matching line closes the SSH session before being applied.
        ignore: regex; matching lines are accepted silently but not applied.
        timeout: longest wait for the simulator to accept connections.

    Yields:
        The running simulator, with random credentials.

    Raises:
        LabError: the simulator did not start.
    """
    username, password, secret = "crisis", secrets.token_urlsafe(12), secrets.token_urlsafe(12)
    env = dict(
        os.environ,
        CRISIS_SIM_USER=username,
        CRISIS_SIM_PASSWORD=password,
        CRISIS_SIM_SECRET=secret,
        PYTHONUNBUFFERED="1",
    )
    with tempfile.TemporaryDirectory(prefix="crisis-switch-") as tmp:
        cmd = [sys.executable, "-m", "crisis.lab.switch_sim", "--port", "0"]
        cmd += ["--hostname", hostname]
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
            port = _wait_ready(process, timeout, errors)
            yield SimSwitch("127.0.0.1", port, username, password, secret, process)
        finally:
            _stop(process)
            errors.close()
