"""Lab hosts: Debian chroots on overlayfs, each with its own sshd on a loopback address.

One cached Debian root (built once with debootstrap, outside the repository) is the lower
layer of every host; each host writes only to its own upper dir, so a wipe playbook really
wipes and a test can look at what is left. Each sshd runs in its own UTS namespace so the
hostname a playbook sets stays inside that host. Everything started here is stopped here,
by pid, and only 127.0.0.0/8 addresses are ever used.
"""

from __future__ import annotations

import contextlib
import fcntl
import ipaddress
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from crisis.domain.host_keys import HOST_KEYS_ATTRIBUTE, HostKey
from crisis.errors import ConfigurationError, PeerError

#: Where the Debian root is cached; outside the repository, rebuilt only when missing.
CACHE_DIR = Path(os.environ.get("CRISIS_LAB_CACHE", "/var/cache/crisis-lab"))
SUITE = "bookworm"
MIRROR = "http://deb.debian.org/debian"
#: The mail packages ride in the same root so the mail host needs no network at test time;
#: the mail_server playbook still declares them (a no-op here, an install on a real server).
INCLUDE = (
    "openssh-server",
    "python3",
    "sudo",
    "nftables",
    "dovecot-imapd",
    "dovecot-lmtpd",
    "postfix",
    "ssl-cert",
    "ca-certificates",
    "iproute2",
    # The apt module installs it over the network on first use otherwise (20 s a run).
    "python3-apt",
)
_READY = ".crisis-lab-ready"


class LabStoppedError(Exception):
    """Ctrl-C or SIGTERM arrived while the lab was starting: it stops what it started."""


#: The account a "previous borrower" left on every fresh laptop, for wipe playbooks to remove.
PREVIOUS_USER = "ancien.agent"


def _run(*cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


def ensure_rootfs(cache_dir: Path = CACHE_DIR) -> Path:
    """Return the cached Debian root, building it with debootstrap when missing.

    Args:
        cache_dir: directory holding the cache (created when missing).

    Returns:
        The root directory, ready to be an overlayfs lower layer.

    Raises:
        ConfigurationError: not root, or debootstrap missing or failing.
    """
    root = cache_dir / f"rootfs-{SUITE}"
    if _root_ready(root):
        return root
    if os.geteuid() != 0:
        raise ConfigurationError("building the lab root needs root (debootstrap, chroot)")
    if shutil.which("debootstrap") is None:
        raise ConfigurationError("debootstrap is not installed (Debian package debootstrap)")
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Labs started at once (parallel test workers, a hand lab) build the root one at a time.
    with (cache_dir / f"rootfs-{SUITE}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _root_ready(root):
            return root
        _build_rootfs(cache_dir, root)
    return root


def _root_ready(root: Path) -> bool:
    """Whether `root` was built completely, with today's package list (named in its stamp)."""
    with contextlib.suppress(OSError):
        return (root / _READY).read_text() == _stamp()
    return False


def _build_rootfs(cache_dir: Path, root: Path) -> None:
    """Build the root with debootstrap in a side folder, then move it to `root`."""
    partial = cache_dir / f"rootfs-{SUITE}.partial"
    # A half-built root from an interrupted build is never trusted.
    shutil.rmtree(partial, ignore_errors=True)
    proc = _run(
        "debootstrap",
        "--variant=minbase",
        "--include=" + ",".join(INCLUDE),
        SUITE,
        str(partial),
        MIRROR,
        check=False,
    )
    if proc.returncode != 0:
        raise ConfigurationError(f"debootstrap failed: {proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    finish_rootfs(partial)
    shutil.rmtree(root, ignore_errors=True)
    partial.rename(root)


def finish_rootfs(root: Path) -> None:
    """Make a debootstrapped root safe to share between lab hosts (idempotent).

    Args:
        root: the freshly built root directory.
    """
    # No package script may start a daemon on this machine's network: a lab daemon is
    # started by the lab, on a loopback address, by pid.
    policy = root / "usr/sbin/policy-rc.d"
    policy.write_text("#!/bin/sh\nexit 101\n")
    policy.chmod(0o755)
    # Host keys are per host; a shared key would make every laptop the same machine.
    for key in (root / "etc/ssh").glob("ssh_host_*"):
        key.unlink()
    # A real laptop has its apt cache built; without it every lab host builds its own on the
    # first apt task (about 1 s of CPU each, all hosts at once on the same station).
    _run("chroot", str(root), "apt-cache", "gencaches")
    (root / _READY).write_text(_stamp())


def _stamp() -> str:
    return f"{SUITE} {','.join(INCLUDE)}\n"


def lab_ssh_key(lab_dir: Path) -> Path:
    """Create (once) the controller's SSH key for the lab hosts and return its private path.

    Args:
        lab_dir: the lab's working directory.
    """
    key = lab_dir / "id_ed25519"
    if not key.exists():
        lab_dir.mkdir(parents=True, exist_ok=True)
        _run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "crisis-lab", "-f", str(key))
    return key


def _check_loopback(address: str) -> None:
    if not ipaddress.ip_address(address).is_loopback:
        raise ConfigurationError(f"lab hosts listen on loopback only, not {address}")


def wait_for_port(address: str, port: int, timeout: float = 10.0) -> None:
    """Poll until a TCP port accepts connections.

    Args:
        address: loopback address.
        port: TCP port.
        timeout: seconds before giving up.

    Raises:
        PeerError: the port did not open in time.
    """
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(OSError), socket.create_connection((address, port), 0.5):
            return
        if time.monotonic() > deadline:
            raise PeerError(f"{address}:{port} did not open within {timeout:.0f} s")
        time.sleep(0.05)


@dataclass
class ChrootHost:
    """One lab host: an overlay root, its sshd and what a test needs to reach it.

    Attributes:
        name: short name (also the host's initial hostname).
        address: loopback address sshd listens on (port 22).
        base: the host's working directory (upper, work and merged dirs live here).
        ssh_key: the controller's private key allowed to log in as root.
        pids: processes the lab started for this host (sshd first).
    """

    name: str
    address: str
    base: Path
    ssh_key: Path
    pids: list[int] = field(default_factory=list)
    #: The MAC addresses the host reports (its own, see :meth:`_own_macs`).
    macs: list[str] = field(default_factory=list)
    _mounts: list[Path] = field(default_factory=list, repr=False)

    @property
    def upper(self) -> Path:
        """The overlay upper dir: every change the host made, and only those."""
        return self.base / "upper"

    @property
    def root(self) -> Path:
        """The merged root as the host sees it."""
        return self.base / "merged"

    def host_key(self) -> HostKey:
        """The host's SSH host key, as the lender reads it when preparing the device."""
        pub = self.root / "etc/ssh/ssh_host_ed25519_key.pub"
        return HostKey.parse(pub.read_text(encoding="ascii"))

    def inventory_vars(self) -> dict[str, object]:
        """Ansible host variables that reach this host, with its pinned host key."""
        return {
            "ansible_host": self.address,
            "ansible_user": "root",
            "ansible_ssh_private_key_file": str(self.ssh_key),
            "ansible_ssh_common_args": "-o LogLevel=ERROR",
            "ansible_python_interpreter": "/usr/bin/python3",
            HOST_KEYS_ATTRIBUTE: [self.host_key().line],
        }

    def regenerate_host_keys(self) -> HostKey:
        """Give the host new SSH host keys and restart its sshd (an impostor at its address,
        or a reinstalled machine); return the new key."""
        self.stop_sshd()
        for key in (self.root / "etc/ssh").glob("ssh_host_*"):
            key.unlink()
        self._host_keygen()
        self.start_sshd()
        return self.host_key()

    def _host_keygen(self) -> None:
        # ed25519 only: RSA key generation would cost a second per host.
        self.chroot(
            "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "/etc/ssh/ssh_host_ed25519_key"
        )

    def chroot(self, *cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a command inside the host's root (no namespace, for setup and checks)."""
        return _run("chroot", str(self.root), *cmd, check=check)

    def start(self, rootfs: Path) -> None:
        """Mount the overlay, seed the host and start its sshd; wait until it answers."""
        _check_loopback(self.address)
        _refuse_taken(self.address)
        for d in ("upper", "work", "merged"):
            (self.base / d).mkdir(parents=True, exist_ok=True)
        _run(
            "mount",
            "-t",
            "overlay",
            "overlay",
            "-o",
            f"lowerdir={rootfs},upperdir={self.upper},workdir={self.base / 'work'}",
            str(self.root),
        )
        self._mounts.append(self.root)
        # /proc and /dev for sshd and Ansible's modules; /sys read-only for hardware facts.
        _run("mount", "-t", "proc", "proc", str(self.root / "proc"))
        self._mounts.append(self.root / "proc")
        _run("mount", "--bind", "/dev", str(self.root / "dev"))
        self._mounts.append(self.root / "dev")
        _run("mount", "-o", "bind,ro", "/sys", str(self.root / "sys"))
        self._mounts.append(self.root / "sys")
        self._own_macs()
        self._seed()
        self.start_sshd()

    def _own_macs(self) -> None:
        """Give the host MAC addresses of its own: lab hosts share the station's network, and
        a real laptop reports its own NICs (a switch's port security binds each to one port).
        Each interface's ``address`` in the host's /sys shows a locally administered address
        made from the host's loopback address; the station's /sys is untouched (the host's
        /sys is made private first, so nothing mounted on it propagates back)."""
        _run("mount", "--make-rprivate", str(self.root / "sys"))
        octets = [int(x) for x in self.address.split(".")]
        self.macs = []
        for n, iface in enumerate(sorted(Path("/sys/class/net").iterdir()), 1):
            target = self.root / "sys/class/net" / iface.name / "address"
            if iface.name == "lo" or not target.exists():
                continue
            mac = f"02:7f:{octets[1]:02x}:{octets[2]:02x}:{octets[3]:02x}:{n:02x}"
            source = self.base / f"mac-{iface.name}"
            source.write_text(mac + "\n")
            _run("mount", "--bind", str(source), str(target))
            self._mounts.append(target)
            self.macs.append(mac)
        self.macs.sort()

    def _seed(self) -> None:
        self._host_keygen()
        ssh_dir = self.root / "root/.ssh"
        ssh_dir.mkdir(mode=0o700, exist_ok=True)
        pub = Path(f"{self.ssh_key}.pub").read_text()
        (ssh_dir / "authorized_keys").write_text(pub)
        (ssh_dir / "authorized_keys").chmod(0o600)
        (self.root / "run/sshd").mkdir(parents=True, exist_ok=True)
        (self.root / "etc/hostname").write_text(f"{self.name}\n")
        # A previous borrower's account, with data, that a clean or a wipe must remove.
        self.chroot("useradd", "-m", "-s", "/bin/bash", "-G", "sudo", PREVIOUS_USER)
        docs = self.root / "home" / PREVIOUS_USER / "Documents"
        docs.mkdir(parents=True, exist_ok=True)
        (docs / "deliberation-confidentielle.txt").write_text("données de la commune\n" * 100)
        self.chroot("chown", "-R", f"{PREVIOUS_USER}:{PREVIOUS_USER}", f"/home/{PREVIOUS_USER}")

    def start_sshd(self) -> None:
        """Start the host's sshd (own UTS namespace, loopback address) and wait for it."""
        log = (self.base / "sshd.log").open("ab")
        # unshare, sh and chroot all exec: the pid we hold is sshd's own.
        proc = subprocess.Popen(
            [
                "unshare",
                "--uts",
                "sh",
                "-c",
                'hostname "$0" && exec chroot "$1" /usr/sbin/sshd -D -e '
                '-o ListenAddress="$2" -o Port=22 -o PidFile=none -o UseDNS=no',
                self.name,
                str(self.root),
                self.address,
            ],
            stdout=log,
            stderr=log,
            stdin=subprocess.DEVNULL,
        )
        log.close()
        self.pids.insert(0, proc.pid)
        self._sshd = proc
        try:
            wait_for_port(self.address, 22)
        except PeerError:
            self.stop_sshd()
            raise

    def stop_sshd(self) -> None:
        """Stop this host's sshd and its sessions: the host becomes unreachable."""
        sshd = getattr(self, "_sshd", None)
        if sshd is not None and sshd.poll() is None:
            sshd.terminate()
            sshd.wait(10)
        self._kill_inside()

    def _kill_inside(self) -> None:
        # SSH sessions (Ansible's ControlPersist) and daemons started in the root outlive
        # the sshd master; each is found by its root dir and stopped by its pid.
        for sig in (signal.SIGTERM, signal.SIGKILL):
            pids = self._pids_inside()
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, sig)
            deadline = time.monotonic() + 5
            while pids and time.monotonic() < deadline:
                pids = [p for p in pids if Path(f"/proc/{p}").exists() and not _zombie(p)]
                time.sleep(0.02)
            if not pids:
                return

    def _pids_inside(self) -> list[int]:
        root = str(self.root)
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError):
                if os.readlink(entry / "root") == root:
                    found.append(int(entry.name))
        return found

    def stop(self) -> None:
        """Stop every process of the host, unmount and delete its dirs."""
        self.stop_sshd()
        for mount in reversed(self._mounts):
            proc = _run("umount", str(mount), check=False)
            if proc.returncode != 0:
                # Last resort so a teardown never leaves the overlay pinned.
                _run("umount", "-l", str(mount), check=False)
        self._mounts.clear()
        # A mount made just before an interruption was never recorded: whatever is still
        # mounted under the host's dir goes too, deepest first, before anything is deleted
        # (a leftover bind mount of /dev is one rmtree away from deleting device nodes).
        remove_lab_dir(self.base)


def remove_lab_dir(directory: Path) -> None:
    """Unmount whatever is still mounted at or below `directory`, then delete it; never
    deletes through a mount.

    Raises:
        PeerError: something stays mounted there (the directory is left in place).
    """
    for mount in mounts_under(directory):
        if _run("umount", mount, check=False).returncode != 0:
            _run("umount", "-l", mount, check=False)
    left = mounts_under(directory)
    if left:
        raise PeerError(f"still mounted, {directory} not deleted: {', '.join(left)}")
    shutil.rmtree(directory, ignore_errors=True)


def mounts_under(directory: Path) -> list[str]:
    """Mount points at or below `directory` (from /proc/mounts), deepest first."""
    top = str(directory.resolve())
    found = []
    with open("/proc/mounts", encoding="utf-8") as fh:
        for line in fh:
            # Spaces and tabs in a mount point are octal-escaped in /proc/mounts.
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), line.split()[1])
            if point == top or point.startswith(top + "/"):
                found.append(point)
    return sorted(found, key=lambda p: p.count("/"), reverse=True)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return True


#: Added to every lab subnet, so that independent test runs on one machine never share an
#: address (each run sets its own offset; 0 by default).
SUBNET_OFFSET_VARIABLE = "CRISIS_LAB_SUBNET_OFFSET"


def loopback_address(index: int, subnet: int = 1) -> str:
    """The loopback address of lab host number ``index`` (1-based): 127.0.<subnet>.<index+9>,
    the subnet shifted by ``CRISIS_LAB_SUBNET_OFFSET`` when it is set."""
    if not 1 <= index <= 240:
        raise ConfigurationError("lab host index must be between 1 and 240")
    offset = os.environ.get(SUBNET_OFFSET_VARIABLE, "0")
    if not offset.isdigit() or not 0 <= subnet + int(offset) <= 254:
        raise ConfigurationError(
            f"{SUBNET_OFFSET_VARIABLE}={offset!r}: a whole number that keeps the subnet in 0-254"
        )
    return f"127.0.{subnet + int(offset)}.{index + 9}"


def _refuse_taken(address: str) -> None:
    """Refuse an address where something already answers (another lab, another test run)."""
    with contextlib.suppress(OSError), socket.create_connection((address, 22), 0.3):
        raise PeerError(
            f"{address}:22 already answers (another lab or test run uses it): stop it, or "
            f"shift the subnet with {SUBNET_OFFSET_VARIABLE}=N"
        )


@contextlib.contextmanager
def lab_hosts(
    names: list[str],
    *,
    subnet: int = 1,
    first: int = 1,
    lab_dir: Path | None = None,
    cache_dir: Path = CACHE_DIR,
    should_stop: Callable[[], bool] | None = None,
) -> Iterator[list[ChrootHost]]:
    """Start chroot hosts with sshd on loopback; stop and delete them on exit.

    Args:
        names: one host per name (the name is its initial hostname).
        subnet: third octet of the 127.0.x.y addresses (lets two labs coexist).
        first: index of the first host (addresses 127.0.subnet.first+9 onwards).
        lab_dir: working directory; a fresh temporary one when omitted.
        cache_dir: where the Debian root is cached.
        should_stop: asked before each host starts; True stops the start-up (the hosts
            already started are stopped) with :class:`LabStoppedError`.

    Yields:
        The started hosts, in the order of ``names``.
    """
    rootfs = ensure_rootfs(cache_dir)
    own_dir = lab_dir is None
    work = Path(tempfile.mkdtemp(prefix="crisis-lab-", dir="/var/tmp")) if own_dir else lab_dir
    assert work is not None
    key = lab_ssh_key(work)
    hosts: list[ChrootHost] = []
    try:
        for i, name in enumerate(names):
            if should_stop is not None and should_stop():
                raise LabStoppedError("the lab was asked to stop while it started")
            host = ChrootHost(
                name=name,
                address=loopback_address(first + i, subnet),
                base=work / name,
                ssh_key=key,
            )
            hosts.append(host)
            host.start(rootfs)
        yield hosts
    finally:
        problems = []
        for host in hosts:
            try:
                host.stop()
            except PeerError as err:  # the other hosts are stopped all the same
                problems.append(str(err))
        if own_dir:
            remove_lab_dir(work)
        if problems:
            raise PeerError("; ".join(problems))


def laptops(
    count: int,
    *,
    subnet: int = 1,
    lab_dir: Path | None = None,
    cache_dir: Path = CACHE_DIR,
) -> contextlib.AbstractContextManager[list[ChrootHost]]:
    """Start ``count`` lab laptops named ``laptop-01``...; see :func:`lab_hosts`.

    Args:
        count: number of laptops.
        subnet: third octet of their 127.0.x.y addresses.
        lab_dir: working directory; a fresh temporary one when omitted.
        cache_dir: where the Debian root is cached.
    """
    names = [f"laptop-{i:02d}" for i in range(1, count + 1)]
    return lab_hosts(names, subnet=subnet, lab_dir=lab_dir, cache_dir=cache_dir)
