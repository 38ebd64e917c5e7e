"""How a test that needs a real peer says the peer is missing: skip locally, fail in CI."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

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
