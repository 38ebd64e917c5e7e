"""How a test that needs a real peer says the peer is missing: skip locally, fail in CI."""

from __future__ import annotations

import contextlib
import os
import selectors
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import pytest

#: Set by .ci/run: a missing lab peer is then a failure, not a skip.
REQUIRED = os.environ.get("CRISIS_LAB_REQUIRED") == "1"


def need(ok: bool, what: str) -> None:
    """Skip (or fail under CRISIS_LAB_REQUIRED=1) with one line naming what is missing."""
    if ok:
        return
    if REQUIRED:
        pytest.fail(f"lab peer missing: {what}", pytrace=False)
    pytest.skip(f"lab peer missing: {what}")


def need_root() -> None:
    """The lab mounts, chroots and starts daemons: it needs root."""
    need(os.geteuid() == 0, "root is needed to start the lab (mounts, chroots, daemons)")


def need_programs(*names: str) -> None:
    """Every named program must be on PATH (or at the given absolute path)."""
    missing = [n for n in names if not (os.path.exists(n) if os.sep in n else shutil.which(n))]
    need(not missing, "programs not installed: " + ", ".join(missing))


def lab_mail_host(subnet: int) -> Iterator[Any]:
    """A lab mail host (a Debian chroot with sshd) on loopback subnet `subnet`, for a fixture;
    each test module takes a subnet of its own."""
    need_root()
    need_programs("debootstrap", "unshare", "chroot", "ssh", "ssh-keygen", "mount")
    from crisis.lab.laptops import lab_hosts

    with lab_hosts(["mail"], subnet=subnet) as (host,):
        yield host


def process_tree(pid: int) -> set[int]:
    """`pid` and every process descended from it, now."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                ppid = int((entry / "stat").read_text().rsplit(") ", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        found.add(p)
        todo += children.get(p, [])
    return found


def alive(pids: set[int]) -> set[int]:
    """The pids among `pids` that still run (zombies count as gone)."""
    out = set()
    for p in pids:
        with contextlib.suppress(OSError, IndexError):
            if not (Path(f"/proc/{p}/stat").read_text().rsplit(") ", 1)[1].startswith("Z")):
                out.add(p)
    return out


def read_until(stream: IO[str], marker: str, timeout: float, seen: list[str]) -> bool:
    """Read lines from the pipe `stream` into `seen` until one holds `marker` (True), or it
    closes or `timeout` seconds pass (False). Reads the file descriptor itself: a buffered
    reader would keep lines the selector cannot see."""
    fd = stream.fileno()
    deadline = time.monotonic() + timeout
    pending = b""
    with selectors.DefaultSelector() as sel:
        sel.register(fd, selectors.EVENT_READ)
        while (left := deadline - time.monotonic()) > 0:
            if not sel.select(timeout=left):
                return False
            chunk = os.read(fd, 65536)
            if not chunk:
                return False
            pending += chunk
            *lines, pending = pending.split(b"\n")
            found = [line.decode(errors="replace") + "\n" for line in lines]
            seen += found
            if any(marker in line for line in found):
                return True
    return False


@contextlib.contextmanager
def hand_lab(
    *args: str, env: Mapping[str, str] | None = None, timeout: float = 300.0
) -> Iterator[tuple[subprocess.Popen[str], Any]]:
    """``python -m crisis.lab ARGS`` running, with its settings; stopped (SIGTERM) on exit.
    Skips (fails under CRISIS_LAB_REQUIRED=1) when the lab cannot run here."""
    need_root()
    need_programs("debootstrap", "unshare", "chroot", "ssh", "ssh-keygen", "mount")
    from crisis.lab.session import LabSettings

    proc = subprocess.Popen(
        [sys.executable, "-m", "crisis.lab", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(env) if env is not None else None,
    )
    seen: list[str] = []
    try:
        assert proc.stdout is not None
        started = read_until(proc.stdout, "settings (credentials included", timeout, seen)
        assert started, "the lab did not start:\n" + "".join(seen)
        (line,) = [x for x in seen if x.startswith("settings (credentials included")]
        path = line.rsplit(" in ", 1)[1].strip()
        yield proc, LabSettings.from_json(Path(path).read_text())
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(120)
        if proc.stdout is not None:
            proc.stdout.close()
