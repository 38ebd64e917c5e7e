"""Lab mail host: runs the Dovecot and Postfix that the mail_server playbook configured, by pid.

The mail host is a lab chroot host (see :mod:`crisis.lab.laptops`) reached over SSH like a
real server. The ``mail_server`` playbook installs and configures Postfix and Dovecot there
with ``mail_manage_services: false``, because a chroot has no init system; this module then
starts both daemons in the foreground inside the chroot, on the host's loopback address, and
stops them by pid.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from crisis.errors import PeerError
from crisis.lab.laptops import ChrootHost, wait_for_port

IMAP_PORT = 143
SMTP_PORT = 25
SUBMISSION_PORT = 587


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
