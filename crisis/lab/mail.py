"""Lab mail host: runs the Dovecot and Postfix that the mail_server playbook configured, by pid.

The mail host is a lab chroot host (see :mod:`crisis.lab.laptops`) reached over SSH like a
real server. The ``mail_server`` playbook installs and configures Postfix and Dovecot there
with ``mail_manage_services: false``, because a chroot has no init system; this module then
starts both daemons in the foreground inside the chroot, on the host's loopback address, and
stops them by pid.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crisis.errors import PeerError
from crisis.lab.laptops import ChrootHost, LabStoppedError, wait_for_port

IMAP_PORT = 143
SMTP_PORT = 25
SUBMISSION_PORT = 587
#: What the mail_server playbook writes; a change means the daemons must restart.
CONFIG_FILES = ("etc/postfix/main.cf", "etc/postfix/master.cf", "etc/dovecot/dovecot.conf")


def configure(
    host: Mapping[str, Any],
    *,
    runs_dir: Path,
    should_cancel: Callable[[], bool] | None = None,
) -> None:
    """Run the ``mail_server`` playbook on a lab mail host, as ``crisis mailboxes setup`` does.

    Args:
        host: the mail host as ``crisis mailboxes host`` records it (``address``,
            ``connection``, ``domains``, ``vars``).
        runs_dir: where the run directory goes.
        should_cancel: polled during the run; True stops it.

    Raises:
        PeerError: the playbook did not succeed on the mail host.
        LabStoppedError: `should_cancel` said so (the run was stopped).
    """
    from crisis.adapters.ansible_run import run_playbook
    from crisis.services.mail_host import mail_group

    inventory = {"all": {"children": {"mail": mail_group(host)}}}
    result = run_playbook(
        "mail_server.yml", inventory, runs_dir=runs_dir, should_cancel=should_cancel
    )
    if should_cancel is not None and should_cancel():
        raise LabStoppedError("the lab was asked to stop while it configured the mail host")
    outcome = result.hosts.get("mail")
    if result.status != "successful" or outcome is None:
        detail = f"{outcome.status} {outcome.message}" if outcome else "no result"
        raise PeerError(f"lab mail host: mail_server.yml {result.status}: {detail}")


@dataclass
class MailDaemons:
    """Dovecot and Postfix running in a lab chroot host.

    Attributes:
        host: the chroot host the mail_server playbook configured.
        pids: daemon master pids (Dovecot, then Postfix).
    """

    host: ChrootHost
    pids: list[int] = field(default_factory=list)
    _procs: list[subprocess.Popen[bytes]] = field(default_factory=list, repr=False)
    _stamp: tuple[tuple[int, int, int], ...] = field(default=(), repr=False)

    @property
    def address(self) -> str:
        """Loopback address the daemons listen on."""
        return self.host.address

    def start(self, timeout: float = 15.0) -> None:
        """Start Dovecot then Postfix in the foreground and wait for their ports.

        Raises:
            PeerError: a daemon exited or a port did not open in time (with its log tail).
        """
        root = str(self.host.root)
        self._stamp = self._config_stamp()
        commands = (
            ["chroot", root, "/usr/sbin/dovecot", "-F", "-c", "/etc/dovecot/dovecot.conf"],
            # start-fg keeps the master in the foreground, so the pid we hold is its own.
            ["chroot", root, "/usr/sbin/postfix", "-c", "/etc/postfix", "start-fg"],
        )
        log = (self.host.base / "mail-daemons.log").open("ab")
        try:
            for cmd in commands:
                proc = subprocess.Popen(cmd, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
                self._procs.append(proc)
                self.pids.append(proc.pid)
        finally:
            log.close()
        try:
            for port in (IMAP_PORT, SMTP_PORT, SUBMISSION_PORT):
                wait_for_port(self.address, port, timeout)
        except PeerError as err:
            self.stop()
            raise PeerError(f"lab mail daemons did not start: {err}\n{self.logs()}") from err

    def _config_stamp(self) -> tuple[tuple[int, int, int], ...]:
        stamps = []
        for rel in CONFIG_FILES:
            try:
                st = (self.host.root / rel).stat()
            except OSError:
                stamps.append((0, 0, 0))
            else:
                stamps.append((st.st_ino, st.st_mtime_ns, st.st_size))
        return tuple(stamps)

    def restart_if_reconfigured(self) -> bool:
        """Restart both daemons when the playbook rewrote their configuration since they
        started (a chroot has no init system to do it); True when they were restarted."""
        if self._config_stamp() == self._stamp:
            return False
        self.stop()
        self.start()
        return True

    def logs(self, limit: int = 4000) -> str:
        """Tail of the daemons' logs, for an error message."""
        parts = []
        for rel in ("mail-daemons.log",):
            path = self.host.base / rel
            if path.exists():
                parts.append(path.read_text(errors="replace")[-limit:])
        for rel in ("var/log/dovecot.log", "var/log/postfix.log"):
            path = self.host.root / rel
            if path.exists():
                parts.append(path.read_text(errors="replace")[-limit:])
        return "\n".join(parts)

    def stop(self) -> None:
        """Stop both daemons by pid (Postfix first, as it talks to Dovecot)."""
        for proc in reversed(self._procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
        self._procs.clear()
        self.pids.clear()

    def maildir(self, address: str) -> Path:
        """Where a mailbox's messages live, seen from the station."""
        local, domain = address.split("@", 1)
        return self.host.root / "var/vmail" / domain / local / "Maildir"
