"""Run the playbooks through ansible-runner: per-host events, cancel, no secret left behind.

This is the only module that imports ``ansible_runner`` (lazily, so ``crisis --help`` does not
pay for it). Pitfalls it works around are listed in docs ``lab.md``: a cancel callback is always
passed, each run gets a fresh private data dir, events go through a queue, and secrets travel
in a 0600 file on tmpfs (``-e @file``) that is removed afterwards, never in extravars.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from crisis.adapters.ssh_host_keys import openssh_options, write_known_hosts
from crisis.config import data_dir
from crisis.domain.host_keys import (
    HOST_KEYS_ATTRIBUTE,
    HostKey,
    known_hosts_name,
    parse_host_keys,
)
from crisis.errors import PeerError, ValidationError

log = logging.getLogger(__name__)

EventKind = Literal["started", "ok", "changed", "skipped", "failed", "unreachable"]
HostStatus = Literal["ok", "changed", "failed", "unreachable"]
RunStatus = Literal["successful", "failed", "canceled", "timeout"]

#: Replaces every secret value found in a run's files after the run.
REDACTED = "********"
#: Seconds between two looks at ``should_cancel``; ansible-runner's default of 5 s feels hung.
CANCEL_POLL_SECONDS = 0.25
_PYTHON = "/usr/bin/python3"


@dataclass(frozen=True)
class PlaybookEvent:
    """One step of a run on one host, as a front end shows it.

    Attributes:
        kind: started, ok, changed, skipped, failed or unreachable.
        host: inventory name of the host.
        task: task name.
        message: why it failed or was unreachable (empty otherwise; censored for no_log tasks).
    """

    kind: EventKind
    host: str
    task: str
    message: str = ""


@dataclass(frozen=True)
class HostResult:
    """How a run ended on one host.

    Attributes:
        host: inventory name.
        status: ok, changed, failed or unreachable.
        message: the first failure or unreachable message, empty when all went well.
        changed: number of tasks that changed something.
        failed_task: the task that failed, empty when none did.
        host_key_refused: unreachable because it presented another SSH host key than the
            one pinned (OpenSSH stopped before authenticating: nothing was sent).
    """

    host: str
    status: HostStatus
    message: str = ""
    changed: int = 0
    failed_task: str = ""
    host_key_refused: bool = False


@dataclass(frozen=True)
class RunResult:
    """What a run did, for a run record.

    Attributes:
        playbook: file name of the playbook.
        status: successful, failed, canceled or timeout (ansible-runner's status).
        rc: ansible-playbook's return code.
        started_at: start time, UTC.
        duration: wall time in seconds.
        hosts: result per host.
        data: what the playbooks published with ``set_stats`` (key ``crisis``: per host).
        check: True when run in check mode (nothing was changed).
        run_dir: the kept run directory (artifacts, scrubbed when secrets were used).
    """

    playbook: str
    status: RunStatus
    rc: int
    started_at: datetime
    duration: float
    hosts: Mapping[str, HostResult]
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    check: bool = False
    run_dir: Path | None = None

    @property
    def failed_hosts(self) -> tuple[str, ...]:
        """Hosts that failed or were unreachable, for a "re-run the failed hosts" action."""
        return tuple(h for h, r in self.hosts.items() if r.status in ("failed", "unreachable"))

    @property
    def summary(self) -> str:
        """One line: counts per status, e.g. ``5 hosts: 4 changed, 1 unreachable``."""
        counts: dict[str, int] = {}
        for r in self.hosts.values():
            counts[r.status] = counts.get(r.status, 0) + 1
        parts = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        return f"{self.playbook}: {len(self.hosts)} hosts: {parts or 'none'} ({self.status})"

    def host_data(self, host: str) -> Mapping[str, Any]:
        """What the playbook published for one host (empty when nothing)."""
        crisis = self.data.get("crisis", {})
        value = crisis.get(host, {}) if isinstance(crisis, Mapping) else {}
        return value if isinstance(value, Mapping) else {}


class PlaybookError(PeerError):
    """ansible-playbook stopped before any host ran (syntax, missing file, bad variables)."""


def playbooks_dir() -> Path:
    """Where the shipped playbooks live: the repository's ``playbooks/`` or the wheel's copy."""
    here = Path(__file__).resolve()
    for candidate in (here.parents[2] / "playbooks", here.parents[1] / "_playbooks"):
        if candidate.is_dir():
            return candidate
    raise PeerError("the playbooks directory is missing from this installation")


def default_runs_dir() -> Path:
    """The data directory's ``ansible-runs``: one sub-directory per run (rotated)."""
    return data_dir() / "ansible-runs"


def _secret_strings(value: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(value, Mapping):
        for v in value.values():
            found |= _secret_strings(v)
    elif isinstance(value, list | tuple | set):
        for v in value:
            found |= _secret_strings(v)
    elif isinstance(value, str | int) and not isinstance(value, bool):
        text = str(value)
        # Very short values would redact half the output and are not credentials anyway.
        if len(text) >= 6:
            found.add(text)
    return found


def _tmpfs_dir() -> Path:
    # RAM-backed so the secret never reaches a disk; fall back to the temp dir.
    for base in ("/dev/shm", f"/run/user/{os.getuid()}"):
        if os.path.isdir(base) and os.access(base, os.W_OK):
            return Path(base)
    return Path(tempfile.gettempdir())


SECRETS_PREFIX = "crisis-secrets-"


def sweep_stale_secrets(base: Path | None = None) -> int:
    """Remove the secrets directories of runs whose process is gone (killed with SIGKILL,
    a power cut): their ``finally`` never ran. Returns how many were removed."""
    removed = 0
    for directory in (base or _tmpfs_dir()).glob(f"{SECRETS_PREFIX}*"):
        pid = directory.name.removeprefix(SECRETS_PREFIX).split("-", 1)[0]
        if pid.isdigit() and _alive(int(pid)):
            continue
        if directory.is_dir() and directory.stat().st_uid == os.getuid():
            shutil.rmtree(directory, ignore_errors=True)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def secrets_file(secrets: Mapping[str, Any]) -> Iterator[Path]:
    """Write secret variables to a 0600 JSON file on tmpfs, removed on exit.

    The directory is named after this process, so that the next run removes it if this
    process is killed before it can (see :func:`sweep_stale_secrets`).

    Args:
        secrets: Ansible variables holding secrets (hashes, keys, passwords).

    Yields:
        The file's path, to pass as ``-e @path``.
    """
    sweep_stale_secrets()
    directory = Path(tempfile.mkdtemp(prefix=f"{SECRETS_PREFIX}{os.getpid()}-", dir=_tmpfs_dir()))
    try:
        path = directory / "vars.json"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(dict(secrets), f)
        yield path
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def scrub(directory: Path, secrets: set[str]) -> int:
    """Replace every secret value in every file under ``directory``.

    Args:
        directory: a run directory.
        secrets: the clear values to remove (JSON-escaped forms are removed too).

    Returns:
        The number of files rewritten.
    """
    needles = sorted(
        {s.encode() for s in secrets} | {json.dumps(s)[1:-1].encode() for s in secrets},
        key=len,
        reverse=True,
    )
    rewritten = 0
    for path in directory.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes()
        new = data
        for needle in needles:
            new = new.replace(needle, REDACTED.encode())
        if new != data:
            path.write_bytes(new)
            rewritten += 1
    return rewritten


def _strip_environment(run_dir: Path, keep: Mapping[str, str]) -> None:
    # Runner records the whole process environment in artifacts/<ident>/command; the
    # station's environment may hold credentials (a vault passphrase, tokens), so only the
    # variables this module set are kept.
    for path in run_dir.glob("artifacts/*/command"):
        with contextlib.suppress(OSError, ValueError):
            record = json.loads(path.read_text())
            if isinstance(record, dict) and isinstance(record.get("env"), dict):
                record["env"] = {k: v for k, v in record["env"].items() if k in keep}
                path.write_text(json.dumps(record))


def _rotate(runs_dir: Path, keep: int) -> None:
    runs = sorted((p for p in runs_dir.iterdir() if p.is_dir()), key=lambda p: p.name)
    for old in runs[: max(0, len(runs) - keep)]:
        shutil.rmtree(old, ignore_errors=True)


def _message(res: Any) -> str:
    if not isinstance(res, Mapping):
        return ""
    for key in ("msg", "stderr", "module_stderr", "reason"):
        value = res.get(key)
        if value:
            return str(value).strip()[:2000]
    return ""


class _Collector:
    """Turns runner events into per-host results and PlaybookEvents (runs on runner's thread)."""

    def __init__(self, sink: queue.SimpleQueue[PlaybookEvent | None] | None) -> None:
        self.sink = sink
        self.messages: dict[str, tuple[str, str]] = {}
        self.stats: dict[str, Any] | None = None
        self.lock = threading.Lock()

    def __call__(self, event: dict[str, Any]) -> bool:
        name = event.get("event", "")
        data = event.get("event_data") or {}
        host = str(data.get("host", ""))
        task = str(data.get("task", ""))
        kind: EventKind | None = None
        message = ""
        if name == "runner_on_start":
            kind = "started"
        elif name == "runner_on_ok":
            kind = "changed" if (data.get("res") or {}).get("changed") else "ok"
        elif name == "runner_on_skipped":
            kind = "skipped"
        elif name == "runner_on_failed":
            kind = "failed"
            message = _message(data.get("res"))
            if not data.get("ignore_errors"):
                with self.lock:
                    self.messages.setdefault(host, (task, message))
            else:
                kind = "ok"
        elif name == "runner_on_unreachable":
            kind = "unreachable"
            message = _message(data.get("res")) or "host unreachable"
            with self.lock:
                self.messages.setdefault(host, (task, message))
        elif name == "playbook_on_stats":
            self.stats = data
        if kind is not None and self.sink is not None:
            self.sink.put(PlaybookEvent(kind, host, task, message))
        # True keeps the event in the artifacts (False would drop it, lab.md).
        return True


def _deliver(events: queue.SimpleQueue[PlaybookEvent | None], handler: Callable[..., None]) -> None:
    while True:
        event = events.get()
        if event is None:
            return
        try:
            handler(event)
        except Exception:
            # A broken progress display must not abort a run on devices.
            log.exception("on_event handler failed")


#: What OpenSSH says when a host presents a key the known-hosts file does not pin.
_KEY_REFUSALS = ("Host key verification failed", "REMOTE HOST IDENTIFICATION HAS CHANGED")


def _host_results(
    stats: Mapping[str, Any], messages: Mapping[str, tuple[str, str]]
) -> dict[str, HostResult]:
    hosts: set[str] = set()
    for key in ("ok", "changed", "failures", "dark", "skipped", "processed", "rescued", "ignored"):
        hosts |= set((stats.get(key) or {}).keys())
    results = {}
    for host in sorted(hosts):
        task, message = messages.get(host, ("", ""))
        changed = int((stats.get("changed") or {}).get(host, 0))
        status: HostStatus
        if host in (stats.get("dark") or {}):
            status = "unreachable"
        elif host in (stats.get("failures") or {}):
            status = "failed"
        else:
            status = "changed" if changed else "ok"
            task, message = "", ""
        refused = status == "unreachable" and any(m in message for m in _KEY_REFUSALS)
        if refused:
            message = (
                "SSH host key refused: the host presented another key than the one pinned; "
                f"nothing was sent ({message})"
            )[:2000]
        results[host] = HostResult(host, status, message, changed, task, refused)
    return results


def _search_path() -> str:
    # The tool's own Ansible (same virtualenv) first: the station's PATH may lack it.
    path = os.environ.get("PATH", os.defpath)
    return os.pathsep.join([str(Path(sys.executable).parent), path])


def _with_interpreter(inventory: Mapping[str, Any]) -> dict[str, Any]:
    # Interpreter discovery picks a pyenv shim on stations like the lab's and fails (lab.md).
    inv = json.loads(json.dumps(inventory))
    all_group = inv.setdefault("all", {})
    all_group.setdefault("vars", {}).setdefault("ansible_python_interpreter", _PYTHON)
    return dict(inv)


#: OpenSSH options the tool sets itself: a host variable carrying one is refused.
_HOST_KEY_OPTIONS = (
    "stricthostkeychecking",
    "userknownhostsfile",
    "globalknownhostsfile",
    "knownhostscommand",
    "hostkeyalias",
    "updatehostkeys",
)
_SSH_ARG_VARIABLES = ("ansible_ssh_args", "ansible_ssh_common_args", "ansible_ssh_extra_args")


def _inventory_hosts(group: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every host of an inventory group and its children, with its variables (mutable)."""
    hosts = group.get("hosts") or {}
    for name in hosts:
        if hosts[name] is None:
            hosts[name] = {}
        yield str(name), hosts[name]
    for child in (group.get("children") or {}).values():
        yield from _inventory_hosts(child or {})


def _pin_host_keys(inventory: dict[str, Any], known_hosts: Path) -> None:
    """Make every SSH host of the inventory verify against its pinned keys only.

    Each host's ``ssh_host_keys`` go to ``known_hosts`` under its address; OpenSSH is told to
    use that file alone and to refuse any other key.

    Raises:
        ValidationError: a host has no pinned key, or its variables set a host-key option.
    """
    entries: dict[str, list[HostKey]] = {}
    missing: list[str] = []
    for name, hostvars in _inventory_hosts(inventory.get("all") or {}):
        if hostvars.get("ansible_connection", "ssh") not in ("ssh", "smart"):
            continue  # adb phones (local): no SSH peer
        for var in _SSH_ARG_VARIABLES:
            if any(o in str(hostvars.get(var, "")).lower() for o in _HOST_KEY_OPTIONS):
                raise ValidationError(
                    "host key options are set by the tool (pinned keys only)", where=f"{name}.{var}"
                )
        keys = parse_host_keys(
            hostvars.get(HOST_KEYS_ATTRIBUTE), where=f"{name}.{HOST_KEYS_ATTRIBUTE}"
        )
        if not keys:
            missing.append(name)
            continue
        port = str(hostvars.get("ansible_port", 22))
        if not port.isdigit():
            raise ValidationError(f"{port!r} is not a port", where=f"{name}.ansible_port")
        address = known_hosts_name(str(hostvars.get("ansible_host", name)), int(port))
        entries.setdefault(address, []).extend(k for k in keys if k not in entries.get(address, []))
        hostvars["ansible_ssh_common_args"] = " ".join(
            filter(None, (openssh_options(known_hosts), hostvars.get("ansible_ssh_common_args")))
        )
        hostvars["ansible_host_key_checking"] = True
    if missing:
        raise ValidationError(
            f"no SSH host key is pinned for {', '.join(sorted(missing))}: nothing was run "
            "(pin each with: crisis hostkeys pin TAG)",
            where=HOST_KEYS_ATTRIBUTE,
        )
    write_known_hosts(known_hosts, entries)


def run_playbook(
    playbook: str,
    inventory: Mapping[str, Any],
    *,
    extravars: Mapping[str, Any] | None = None,
    secrets: Mapping[str, Any] | None = None,
    on_event: Callable[[PlaybookEvent], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    limit: Sequence[str] | None = None,
    forks: int = 10,
    check: bool = False,
    diff: bool = False,
    runs_dir: Path | None = None,
    keep_runs: int = 20,
    timeout: int | None = None,
    playbook_dir: Path | None = None,
) -> RunResult:
    """Run one playbook and return its result per host.

    Blocking: call it from a worker thread. Per-host failures are results, not exceptions:
    other hosts carry on.

    Args:
        playbook: file name under the playbooks directory, e.g. ``laptop_clean.yml``.
        inventory: Ansible inventory as a mapping (``{"all": {"hosts": ..., "vars": ...}}``);
            written to the run dir, so it must hold no secret. Every SSH host carries its
            pinned keys in ``ssh_host_keys``: OpenSSH verifies against those only (a
            ``known_hosts`` file in the run dir) and refuses a host presenting another key.
        extravars: non-secret extra variables.
        secrets: secret variables (hashes, passwords); passed through a 0600 tmpfs file,
            never on a command line or in ``env/``, and scrubbed from the run's files.
        on_event: called with each :class:`PlaybookEvent`, from a separate thread so a slow
            handler never stalls the run.
        should_cancel: polled about every 0.25 s; True stops the run (status ``canceled``).
        limit: restrict the run to these hosts (e.g. the failed hosts of an earlier run).
        forks: parallel hosts.
        check: Ansible check mode: report what would change, change nothing.
        diff: report file differences (tasks with ``no_log`` still show nothing).
        runs_dir: where run directories are kept; a per-user data dir when omitted.
        keep_runs: how many run directories to keep (older ones are deleted).
        timeout: seconds before the whole run is stopped (status ``timeout``).
        playbook_dir: directory holding the playbook; the shipped playbooks when omitted.

    Returns:
        The run's result.

    Raises:
        ValidationError: the playbook does not exist.
        PlaybookError: ansible-playbook stopped before any host ran (the message is the
            tail of its output, scrubbed of secrets).
    """
    import ansible_runner

    project = (playbook_dir or playbooks_dir()).resolve()
    if not (project / playbook).is_file():
        raise ValidationError(f"no such playbook: {playbook}", where=str(project))
    inventory = _with_interpreter(inventory)
    runs = runs_dir or default_runs_dir()
    runs.mkdir(parents=True, exist_ok=True)
    started_at = datetime.now(UTC)
    # A fresh private data dir per run: a stale env/ file would override our arguments.
    run_dir = runs / f"{started_at:%Y%m%dT%H%M%S%fZ}-{Path(playbook).stem}-{uuid.uuid4().hex[:8]}"
    run_dir.mkdir()
    try:
        _pin_host_keys(inventory, run_dir / "known_hosts")
    except ValidationError:
        shutil.rmtree(run_dir, ignore_errors=True)
        raise
    secret_values = _secret_strings(secrets) if secrets else set()

    events: queue.SimpleQueue[PlaybookEvent | None] | None = None
    deliverer: threading.Thread | None = None
    if on_event is not None:
        events = queue.SimpleQueue()
        deliverer = threading.Thread(
            target=_deliver, args=(events, on_event), name="playbook-events", daemon=True
        )
        deliverer.start()
    collector = _Collector(events)

    cmdline: list[str] = []
    if check:
        cmdline.append("--check")
    if diff:
        cmdline.append("--diff")
    envvars = {
        # Fewer SSH round trips per task: the main per-host cost on the controller.
        "ANSIBLE_PIPELINING": "True",
        "ANSIBLE_RETRY_FILES_ENABLED": "False",
        "ANSIBLE_NOCOLOR": "True",
        "ANSIBLE_ROLES_PATH": str(project / "roles"),
        "ANSIBLE_DEPRECATION_WARNINGS": "False",
        # Never "no": the station's setting would add StrictHostKeyChecking=no (first wins).
        "ANSIBLE_HOST_KEY_CHECKING": "True",
        "PATH": _search_path(),
    }
    settings = {"pexpect_timeout": CANCEL_POLL_SECONDS, "suppress_ansible_output": True}
    # ansible-runner 2.4 drops the settings argument when env/settings is missing, which
    # suppress_env_files guarantees (config/_base.py prepare_env): the cancel poll would fall
    # back to 5 s. Settings hold no secret, so the file is written here.
    (run_dir / "env").mkdir()
    (run_dir / "env" / "settings").write_text(json.dumps(settings))
    start = time.monotonic()
    runner: Any = None
    try:
        with contextlib.ExitStack() as stack:
            if secrets:
                path = stack.enter_context(secrets_file(secrets))
                cmdline += ["-e", f"@{path}"]
            runner = ansible_runner.run(
                private_data_dir=str(run_dir),
                project_dir=str(project),
                playbook=playbook,
                inventory=inventory,
                extravars=dict(extravars or {}),
                cmdline=" ".join(cmdline) or None,
                envvars=envvars,
                forks=forks,
                limit=",".join(limit) if limit else None,
                event_handler=collector,
                # Always passed: without it runner replaces SIGINT/SIGTERM handlers for good.
                cancel_callback=lambda: bool(should_cancel and should_cancel()),
                settings=settings,
                suppress_env_files=True,
                quiet=True,
                rotate_artifacts=1,
                timeout=timeout,
            )
    finally:
        if events is not None and deliverer is not None:
            events.put(None)
            deliverer.join()
        _strip_environment(run_dir, envvars)
        if secret_values:
            scrub(run_dir, secret_values)
        _rotate(runs, keep_runs)
    duration = time.monotonic() - start

    stats = collector.stats
    status: RunStatus = (
        runner.status
        if runner.status in ("successful", "failed", "canceled", "timeout")
        else "failed"
    )
    if stats is None and status not in ("canceled", "timeout"):
        tail = _stdout_tail(runner)
        for value in secret_values:
            tail = tail.replace(value, REDACTED)
        raise PlaybookError(f"{playbook} did not run (rc {runner.rc}): {tail}")
    hosts = _host_results(stats or {}, collector.messages)
    data = (stats or {}).get("artifact_data") or {}
    return RunResult(
        playbook=playbook,
        status=status,
        rc=int(runner.rc if runner.rc is not None else -1),
        started_at=started_at,
        duration=duration,
        hosts=MappingProxyType(hosts),
        data=MappingProxyType(dict(data)),
        check=check,
        run_dir=run_dir if run_dir.exists() else None,
    )


def _stdout_tail(runner: Any, lines: int = 15) -> str:
    try:
        text = runner.stdout.read()
    except Exception:
        return "no output"
    kept = [line for line in text.splitlines() if line.strip()][-lines:]
    return "\n".join(kept) or "no output"
