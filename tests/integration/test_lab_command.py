"""``python3 dev.py lab``: every peer of the walkthrough, on a subnet no one else uses, and
nothing left behind when it stops (SIGTERM while running, Ctrl-C while starting)."""

from __future__ import annotations

import imaplib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crisis.lab.laptops import mounts_under
from tests.lab import alive, hand_lab, need_programs, need_root, process_tree, read_until

#: Lab peers; runs alone, after the parallel run (it inspects the machine's mounts and lab folders).
pytestmark = [pytest.mark.lab, pytest.mark.serial]


def _lab_dir(settings_text: str) -> Path:
    from crisis.lab.session import LabSettings

    settings = LabSettings.from_json(settings_text)
    assert settings.mail is not None
    return Path(settings.mail.connection["ansible_ssh_private_key_file"]).parent


def test_the_lab_runs_every_peer_and_sigterm_leaves_nothing_behind(tmp_path: Path) -> None:
    settings_file = tmp_path / "lab.json"
    with hand_lab("--laptops", "1", "--settings", str(settings_file)) as (proc, settings):
        work = _lab_dir(settings_file.read_text())
        mounts = mounts_under(work)
        # Each host: its overlay, /proc, /dev (a bind mount of the host's), /sys, and a file
        # over each interface's address in its /sys (its own MAC addresses).
        assert len([m for m in mounts if m.endswith("/merged")]) == 2, mounts
        assert len([m for m in mounts if m.endswith("/dev")]) == 2, mounts
        assert len([m for m in mounts if m.endswith("/address")]) >= 2, mounts
        assert settings.laptops[0].macs
        assert not set(settings.laptops[0].macs) & set(_station_macs())
        assert oct(settings_file.stat().st_mode & 0o777) == "0o600"
        # Every peer answers on the lab's own subnet.
        (laptop,) = settings.laptops
        assert laptop.address.startswith(f"127.0.{settings.subnet}.")
        socket.create_connection((laptop.address, 22), 2).close()
        assert settings.mail is not None
        assert settings.switch is not None
        with imaplib.IMAP4(settings.mail.address, 143, timeout=5) as imap:
            assert b"Dovecot" in imap.welcome
        with socket.create_connection((settings.mail.address, 25), 5) as smtp:
            assert smtp.recv(200).startswith(b"220 ")
        with socket.create_connection((settings.switch.address, settings.switch.port), 5) as sw:
            assert sw.recv(100).startswith(b"SSH-2.0")
        assert settings.switch.ports == "Gi1/0/1-48"
        pids = process_tree(proc.pid)
        assert len(pids) >= 5  # lab, sshd x2, dovecot, postfix, switch simulator
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(120) == 0
    assert not alive(pids), alive(pids)
    assert mounts_under(work) == []
    assert not work.exists()
    assert not settings_file.exists()
    for address, port in ((laptop.address, 22), (settings.mail.address, 143)):
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((address, port), 1).close()


def test_ctrl_c_while_the_lab_starts_leaves_nothing_behind(tmp_path: Path) -> None:
    need_root()
    need_programs("debootstrap", "unshare", "chroot", "ssh", "ssh-keygen", "mount")
    proc = subprocess.Popen(
        [sys.executable, "-m", "crisis.lab", "--laptops", "1", "--settings", str(tmp_path / "s")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    seen: list[str] = []
    try:
        assert proc.stdout is not None
        # Interrupted while the mail playbook runs: hosts mounted, sshd running.
        assert read_until(proc.stdout, "configuring Postfix", 180, seen), "".join(seen)
        pids = process_tree(proc.pid)
        work = _work_of(pids)
        assert mounts_under(work)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(120) == 0
        rest = proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "stopped during start-up" in rest
    assert mounts_under(work) == []
    assert not work.exists()
    assert not alive(pids)
    assert not (tmp_path / "s").exists()


def _station_macs() -> list[str]:
    return [(iface / "address").read_text().strip() for iface in Path("/sys/class/net").iterdir()]


def _work_of(pids: set[int]) -> Path:
    """The lab dir of the lab whose processes are `pids` (its hosts' sshd run in it)."""
    for pid in pids:
        try:
            root = Path(os.readlink(f"/proc/{pid}/root"))
        except OSError:
            continue
        if root.name == "merged" and root.parents[1].name.startswith("crisis-lab-"):
            return root.parents[1]
    raise AssertionError("no process of the lab runs in a lab host")


@pytest.fixture
def taken_subnet() -> Iterator[int]:
    """A hand-lab subnet where something already answers on the switch's address."""
    need_root()
    from crisis.lab.session import SWITCH_INDEX, candidate_subnets, subnet_addresses

    subnet = candidate_subnets()[0]
    addresses = dict(subnet_addresses(subnet, 1)).keys()
    switch_address = next(a for a in addresses if a.endswith(f".{SWITCH_INDEX + 9}"))
    with socket.create_server((switch_address, 22)) as squatter:
        assert squatter
        yield subnet


def test_a_taken_subnet_is_refused_before_anything_is_mounted(
    taken_subnet: int, tmp_path: Path
) -> None:
    before = set(Path("/var/tmp").glob("crisis-lab-*"))
    run = subprocess.run(
        [sys.executable, "-m", "crisis.lab", "--subnet", str(taken_subnet), "--laptops", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert f"subnet 127.0.{taken_subnet}.0/24 is taken" in run.stderr
    assert f"127.0.{taken_subnet}.211:22 answers" in run.stderr
    assert set(Path("/var/tmp").glob("crisis-lab-*")) <= before


def test_a_lab_picks_another_subnet_when_the_first_is_taken(taken_subnet: int) -> None:
    from crisis.lab.session import claim_subnet

    subnet, lock = claim_subnet(1)
    with lock:
        assert subnet != taken_subnet
