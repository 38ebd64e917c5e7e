"""A hand lab: every peer the README walkthrough needs, on a loopback subnet no one else uses.

``python3 dev.py lab`` runs :func:`running_lab`: N laptops, the mail host (the
``mail_server`` playbook applied, Postfix and Dovecot running), the switch simulator (a
Catalyst 2960-X 48, ports GigabitEthernet1/0/1-52 like the demo's switches) and the RFC 3161
time-stamping authority (:mod:`crisis.lab.tsa`). The settings
(addresses, how to reach each peer) are written to ``lab.json`` in the data directory, where
``crisis demo --lab`` reads them. The subnet is claimed with a lock file and probed before
anything binds; a subnet where something answers is skipped (or refused when asked for).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from crisis.config import data_dir
from crisis.errors import ConfigurationError, PeerError
from crisis.lab import mail as lab_mail
from crisis.lab.laptops import (
    SUBNET_OFFSET_VARIABLE,
    LabStoppedError,
    lab_hosts,
    loopback_address,
    remove_lab_dir,
)
from crisis.lab.switch import running_switch
from crisis.lab.tsa import TSA_PORT, running_tsa

#: Subnets (third octet of 127.0.x.y) a hand lab picks from: above the test suite's.
HAND_LAB_SUBNETS = range(180, 255)
#: Host indexes (see :func:`loopback_address`) of the mail host, the switch and the
#: time-stamping authority.
MAIL_INDEX = 201
SWITCH_INDEX = 202
TSA_INDEX = 203
#: Ports a lab peer listens on, probed before the lab binds anything.
LAPTOP_PORTS = (22,)
MAIL_PORTS = (22, lab_mail.SMTP_PORT, lab_mail.IMAP_PORT, lab_mail.SUBMISSION_PORT)
SWITCH_PORTS = (22,)
TSA_PORTS = (TSA_PORT,)
#: The switch model the lab runs and the port names it has (as the demo's switches).
SWITCH_MODEL = "2960x-48"
SWITCH_PORTS_ATTRIBUTE = "Gi1/0/1-48"
SWITCH_UPLINK_ATTRIBUTE = "Gi1/0/49"
LOCK_DIR = Path(os.environ.get("CRISIS_LAB_LOCK_DIR", "/run/lock"))


def settings_path() -> Path:
    """Where the running lab writes its settings and ``crisis demo --lab`` reads them."""
    return data_dir() / "lab.json"


@dataclass(frozen=True, slots=True)
class LabLaptop:
    """A lab laptop: its name, address, the Ansible variables that reach it and the MAC
    addresses it reports (its own, see ``ChrootHost.macs``)."""

    name: str
    address: str
    connection: dict[str, Any]
    macs: list[str]


@dataclass(frozen=True, slots=True)
class LabMailHost:
    """The mail host as ``crisis mailboxes host`` records it."""

    address: str
    connection: dict[str, Any]
    domains: list[str]
    vars: dict[str, Any]


@dataclass(frozen=True, slots=True)
class LabSwitch:
    """The switch simulator: where it listens and how to log in (lab-only credentials)."""

    address: str
    port: int
    username: str
    password: str
    secret: str
    ports: str
    uplink: str
    #: Its SSH host key (OpenSSH public line), pinned on the switch's record.
    host_key: str


@dataclass(frozen=True, slots=True)
class LabTimestamping:
    """The RFC 3161 time-stamping authority: its URL and its root certificate (PEM file),
    what ``CRISIS_TSA_URL`` and ``CRISIS_TSA_CA`` name."""

    url: str
    ca_file: str


@dataclass(frozen=True, slots=True)
class LabSettings:
    """What a running lab offers, as written to ``lab.json``."""

    pid: int
    subnet: int
    laptops: list[LabLaptop]
    mail: LabMailHost | None
    switch: LabSwitch | None
    tsa: LabTimestamping | None = None

    def to_json(self) -> str:
        """The settings as JSON."""
        return json.dumps(asdict(self), indent=2)

    @classmethod
    def from_json(cls, text: str) -> LabSettings:
        """Settings read back from ``lab.json``.

        Raises:
            ConfigurationError: the text is not a lab's settings.
        """
        try:
            raw = json.loads(text)
            mail = raw.get("mail")
            switch = raw.get("switch")
            tsa = raw.get("tsa")
            return cls(
                pid=int(raw["pid"]),
                subnet=int(raw["subnet"]),
                laptops=[LabLaptop(**x) for x in raw["laptops"]],
                mail=LabMailHost(**mail) if mail else None,
                switch=LabSwitch(**switch) if switch else None,
                tsa=LabTimestamping(**tsa) if tsa else None,
            )
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise ConfigurationError(f"not a lab settings file: {err}") from err


def read_settings(path: Path | None = None) -> LabSettings:
    """The settings of the lab running now.

    Raises:
        ConfigurationError: no lab settings there, or the lab that wrote them has stopped.
    """
    where = path or settings_path()
    try:
        text = where.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigurationError(
            f"no running lab: {where} is missing (start one with `python3 dev.py lab`)"
        ) from err
    settings = LabSettings.from_json(text)
    if not Path(f"/proc/{settings.pid}").exists():
        raise ConfigurationError(
            f"the lab that wrote {where} (pid {settings.pid}) is no longer running: "
            "start one with `python3 dev.py lab`"
        )
    return settings


def mail_domains_default() -> list[str]:
    """The demo towns' crisis mail domains (``aubagne.crise.example``...)."""
    from crisis.services.demo import town_mail_domains

    return list(town_mail_domains().values())


def _answering(address: str, ports: Sequence[int]) -> list[str]:
    found = []
    for port in ports:
        with contextlib.suppress(OSError), socket.create_connection((address, port), 0.3):
            found.append(f"{address}:{port}")
    return found


def subnet_addresses(subnet: int, laptops: int) -> list[tuple[str, Sequence[int]]]:
    """Every address (with its ports) a lab of `laptops` laptops takes on `subnet`."""
    with _no_offset():
        out: list[tuple[str, Sequence[int]]] = [
            (loopback_address(i, subnet), LAPTOP_PORTS) for i in range(1, laptops + 1)
        ]
        out.append((loopback_address(MAIL_INDEX, subnet), MAIL_PORTS))
        out.append((loopback_address(SWITCH_INDEX, subnet), SWITCH_PORTS))
        out.append((loopback_address(TSA_INDEX, subnet), TSA_PORTS))
    return out


@contextlib.contextmanager
def _no_offset() -> Iterator[None]:
    # The hand lab's subnet is absolute: the offset only chooses where the search starts.
    saved = os.environ.pop(SUBNET_OFFSET_VARIABLE, None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ[SUBNET_OFFSET_VARIABLE] = saved


def candidate_subnets() -> list[int]:
    """Hand-lab subnets in the order they are tried: from one set by
    ``CRISIS_LAB_SUBNET_OFFSET`` (so parallel test runs start apart), wrapping round."""
    offset = os.environ.get(SUBNET_OFFSET_VARIABLE, "0")
    shift = int(offset) if offset.isdigit() else 0
    n = len(HAND_LAB_SUBNETS)
    return [HAND_LAB_SUBNETS[(shift + i) % n] for i in range(n)]


def _lock(subnet: int) -> IO[str] | None:
    LOCK_DIR.mkdir(parents=True, exist_ok=True)
    fh = (LOCK_DIR / f"crisis-lab-subnet-{subnet}.lock").open("a+", encoding="utf-8")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        return None
    return fh


def claim_subnet(laptops: int, subnet: int | None = None) -> tuple[int, IO[str]]:
    """Claim a loopback subnet for a hand lab: locked (another lab of this tool holds its
    lock while it runs) and probed (nothing answers on the addresses the lab would take).

    Args:
        laptops: how many laptops the lab starts.
        subnet: this subnet only; None picks the first free one.

    Returns:
        The subnet and its open lock file (closing it releases the claim).

    Raises:
        PeerError: the subnet asked for is taken, or every hand-lab subnet is.
    """
    for candidate in [subnet] if subnet is not None else candidate_subnets():
        lock = _lock(candidate)
        taken = [] if lock else [f"lock {LOCK_DIR}/crisis-lab-subnet-{candidate}.lock"]
        for address, ports in subnet_addresses(candidate, laptops):
            taken += _answering(address, ports)
        if not taken:
            assert lock is not None
            return candidate, lock
        if lock is not None:
            lock.close()
        if subnet is not None:
            raise PeerError(
                f"subnet 127.0.{subnet}.0/24 is taken (another lab or test run): "
                f"{', '.join(taken[:4])} answers; choose another --subnet or omit it"
            )
    raise PeerError(
        f"every hand-lab subnet (127.0.{HAND_LAB_SUBNETS[0]}-{HAND_LAB_SUBNETS[-1]}.x) is taken"
    )


def _write_settings(path: Path, settings: LabSettings) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Owner-only: it holds the lab switch's throwaway credentials.
    fd, tmp = tempfile.mkstemp(prefix=".lab-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(settings.to_json())
    os.replace(tmp, path)


def _remove_settings(path: Path, pid: int) -> None:
    # Only our own: a newer lab may have written the file since.
    with contextlib.suppress(OSError, ConfigurationError):
        if LabSettings.from_json(path.read_text(encoding="utf-8")).pid == pid:
            path.unlink()


@dataclass
class RunningLab:
    """A started lab: its settings and the mail daemons it keeps running."""

    settings: LabSettings
    settings_file: Path
    mail_daemons: lab_mail.MailDaemons | None

    def tend(self) -> None:
        """Restart the mail daemons when a playbook rewrote their configuration."""
        if self.mail_daemons is not None:
            self.mail_daemons.restart_if_reconfigured()


@contextlib.contextmanager
def running_lab(
    *,
    laptops: int = 3,
    mail: bool = True,
    switch: bool = True,
    tsa: bool = True,
    subnet: int | None = None,
    domains: Sequence[str] | None = None,
    settings_file: Path | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    on_step: Callable[[str], None] = lambda _: None,
) -> Iterator[RunningLab]:
    """Start the lab's peers; stop every process and unmount everything on exit.

    Args:
        laptops: how many laptops (``laptop-01``...).
        mail: start the mail host (configured by the mail_server playbook, daemons running).
        switch: start the switch simulator.
        tsa: start the RFC 3161 time-stamping authority (``openssl ts``, its own test CA).
        subnet: the loopback subnet to take (refused when taken); None picks a free one.
        domains: the mail domains served (default: the demo towns' crisis domains).
        settings_file: where to write the settings (default: ``lab.json`` in the data dir).
        should_stop: asked between start-up steps; True stops with :class:`LabStoppedError`.
        on_step: told each start-up step (for a progress line).

    Raises:
        PeerError: a subnet could not be claimed or a peer did not start.
        LabStoppedError: `should_stop` said so during start-up (everything started is stopped).
    """
    if not 0 <= laptops <= 190:
        raise ConfigurationError("a lab has between 0 and 190 laptops")

    def checkpoint() -> None:
        if should_stop():
            raise LabStoppedError("the lab was asked to stop while it started")

    path = settings_file or settings_path()
    chosen, lock = claim_subnet(laptops, subnet)
    work = Path(tempfile.mkdtemp(prefix="crisis-lab-", dir="/var/tmp"))
    with contextlib.ExitStack() as stack:
        stack.callback(lock.close)
        stack.callback(remove_lab_dir, work)
        with _no_offset():
            names = [f"laptop-{i:02d}" for i in range(1, laptops + 1)]
            on_step(f"subnet 127.0.{chosen}.0/24: starting {laptops} laptops")
            hosts = stack.enter_context(
                lab_hosts(names, subnet=chosen, lab_dir=work, should_stop=should_stop)
            )
            mail_hosts = []
            if mail:
                on_step("starting the mail host")
                mail_hosts = stack.enter_context(
                    lab_hosts(
                        ["mail"],
                        subnet=chosen,
                        first=MAIL_INDEX,
                        lab_dir=work,
                        should_stop=should_stop,
                    )
                )
            switch_address = loopback_address(SWITCH_INDEX, chosen)
            tsa_address = loopback_address(TSA_INDEX, chosen)
        daemons = None
        mail_host = None
        if mail_hosts:
            (host,) = mail_hosts
            mail_host = LabMailHost(
                address=host.address,
                connection=host.inventory_vars(),
                domains=list(domains or mail_domains_default()),
                vars={"mail_manage_services": False, "mail_hostname": "mail.crise.example"},
            )
            checkpoint()
            on_step("configuring Postfix and Dovecot (mail_server playbook)")
            lab_mail.configure(asdict(mail_host), runs_dir=work / "runs", should_cancel=should_stop)
            checkpoint()
            daemons = lab_mail.MailDaemons(host)
            daemons.start()
            stack.callback(daemons.stop)
        sim = None
        if switch:
            checkpoint()
            on_step("starting the switch simulator")
            sw = stack.enter_context(
                running_switch(
                    hostname="AMP-SW-LAB", address=switch_address, port=22, model=SWITCH_MODEL
                )
            )
            sim = LabSwitch(
                address=sw.host,
                port=sw.port,
                username=sw.username,
                password=sw.password,
                secret=sw.secret,
                ports=SWITCH_PORTS_ATTRIBUTE,
                uplink=SWITCH_UPLINK_ATTRIBUTE,
                host_key=sw.host_key.line,
            )
        stamping = None
        if tsa:
            checkpoint()
            on_step("starting the time-stamping authority (openssl ts)")
            running = stack.enter_context(running_tsa(tsa_address, TSA_PORT, work / "tsa"))
            stamping = LabTimestamping(running.url, running.ca_file)
        checkpoint()
        settings = LabSettings(
            pid=os.getpid(),
            subnet=chosen,
            laptops=[LabLaptop(h.name, h.address, h.inventory_vars(), list(h.macs)) for h in hosts],
            mail=mail_host,
            switch=sim,
            tsa=stamping,
        )
        _write_settings(path, settings)
        stack.callback(_remove_settings, path, settings.pid)
        yield RunningLab(settings, path, daemons)
