"""Cisco IOS switches over SSH (Netmiko + hier_config): backup, diff, apply, verify, rollback.

The only module importing netmiko and hier_config. Every public function takes the target
and credentials as arguments (the service gets them from the vault) and returns frozen
results the service can journal. Credentials never appear in messages, events or the Netmiko
session log (Netmiko scrubs the password and secret it was given; a test checks it).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from crisis.adapters.ssh_host_keys import known_hosts_file, presented_key
from crisis.adapters.switch_text import (
    config_body,
    parse_interface_config,
    parse_vlan_brief,
    scope,
)
from crisis.domain.host_keys import HostKey, known_hosts_name
from crisis.domain.switch_config import IntendedConfig, check_vlan_brief, compare_interface
from crisis.errors import PeerError, ValidationError

#: IOS answers that mean a configuration line was refused. Netmiko only fails on them when
#: given an error_pattern (lab.md); "Command rejected" is how IOS refuses e.g. a bad VLAN.
ERROR_PATTERN = (
    r"^\s*%\s*(?:Invalid input|Incomplete command|Ambiguous command|Unknown command)"
    r"|^\s*Command rejected"
)


@dataclass(frozen=True)
class SwitchCredentials:
    """SSH login and enable secret; never printed (``repr`` hides the secrets)."""

    username: str
    password: str = field(repr=False)
    secret: str = field(repr=False)


@dataclass(frozen=True)
class SwitchTarget:
    """Where a switch is and how long to wait for it.

    Attributes:
        host: address or name.
        port: SSH port.
        device_type: Netmiko driver (``cisco_ios``).
        conn_timeout: TCP connect timeout, seconds.
        read_timeout: longest wait for one command's answer, seconds; also how long a
            silently dropped session takes to be noticed.
        session_log: where Netmiko writes its session log (secrets scrubbed), or None.
        host_keys: the switch's pinned SSH host keys; the connection is refused before any
            credential is sent unless the switch presents one of them (none: refused).
    """

    host: str
    port: int = 22
    device_type: str = "cisco_ios"
    conn_timeout: float = 10.0
    read_timeout: float = 20.0
    session_log: Path | None = None
    host_keys: tuple[HostKey, ...] = ()

    @property
    def label(self) -> str:
        """``host:port``, the name used in every message."""
        return f"{self.host}:{self.port}"


class SwitchState(StrEnum):
    """What state a switch was left in: the service journals it with the outcome."""

    UNCHANGED = "unchanged"
    """Nothing was sent to the switch."""
    APPLIED = "applied"
    """The change was applied, verified and (if asked) saved."""
    ROLLED_BACK = "rolled_back"
    """Changes were sent then undone: the running configuration equals the backup, and the
    startup configuration was never touched."""
    UNKNOWN = "unknown"
    """Changes may be partly applied (rollback impossible or failed); startup config untouched."""


class SwitchError(PeerError):
    """A switch failed or refused; the message names ``host:port`` and never a secret.

    Attributes:
        target: ``host:port``.
        state: the state the switch was left in.
    """

    def __init__(self, target: str, message: str, state: SwitchState = SwitchState.UNCHANGED):
        super().__init__(f"switch {target}: {message}")
        self.target = target
        self.state = state


class SwitchAuthError(SwitchError):
    """SSH login or enable secret refused."""


class SwitchHostKeyError(SwitchError):
    """The switch's host key is not pinned, or it presented another one: nothing was sent.

    Attributes:
        presented: the key the device presented, when it could be read.
        pinned: the keys the inventory pins for it.
    """

    def __init__(
        self,
        target: str,
        message: str,
        *,
        presented: HostKey | None,
        pinned: tuple[HostKey, ...],
    ) -> None:
        super().__init__(target, message)
        self.presented = presented
        self.pinned = pinned


class SwitchUnreachableError(SwitchError):
    """Nothing answers at host:port."""


class SwitchTimeoutError(SwitchError):
    """The switch did not answer in time."""


class SwitchPromptError(SwitchError):
    """The switch answered with a prompt that is not IOS privileged mode."""


@dataclass(frozen=True)
class ConfigSnapshot:
    """A configuration as read from the switch, with its hash.

    Attributes:
        text: the raw ``show running-config`` output.
        sha256: hex digest of ``text`` (UTF-8).
        taken_at: when it was read (UTC).
    """

    text: str
    sha256: str
    taken_at: datetime

    @classmethod
    def of(cls, text: str) -> ConfigSnapshot:
        """Snapshot of a text, hashed now."""
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return cls(text, digest, datetime.now(UTC))


@dataclass(frozen=True)
class SwitchDiff:
    """Commands that bring the owned part of a running configuration to the intended one.

    Attributes:
        sections: top-level line and its sub-commands, in the order they are sent.
    """

    sections: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def commands(self) -> tuple[str, ...]:
        """The flat list of lines to send (sub-commands indented by one space)."""
        return tuple(
            line for head, subs in self.sections for line in (head, *(" " + s for s in subs))
        )

    @property
    def empty(self) -> bool:
        """True when the switch already matches."""
        return not self.sections

    def readable(self) -> str:
        """The diff grouped by section, for a person (and the journal)."""
        if self.empty:
            return "(no change)"
        return "\n".join(
            "\n".join((head, *("  " + s for s in subs))) for head, subs in self.sections
        )


@dataclass(frozen=True)
class Verification:
    """The read-back check after a change.

    Attributes:
        ok: no problem found.
        problems: one readable line per difference.
        commands: the show commands read.
    """

    ok: bool
    problems: tuple[str, ...]
    commands: tuple[str, ...]


@dataclass(frozen=True)
class ApplyResult:
    """What an apply did, for the journal.

    Attributes:
        target: ``host:port``.
        state: APPLIED or UNCHANGED (failures raise SwitchApplyError instead).
        backup: running configuration before anything was sent.
        diff: what had to change.
        sent: configuration lines sent.
        round_trips: SSH writes that waited for an answer (commands, prompts, show, save).
        verification: the read-back check.
        saved: ``write memory`` succeeded.
        after: running configuration after the change (equal to backup when UNCHANGED).
    """

    target: str
    state: SwitchState
    backup: ConfigSnapshot
    diff: SwitchDiff
    sent: tuple[str, ...]
    round_trips: int
    verification: Verification
    saved: bool
    after: ConfigSnapshot


class SwitchApplyError(SwitchError):
    """An apply failed; ``state`` says what the switch was left in.

    Attributes:
        reason: ``rejected``, ``verification``, ``connection`` (dropped) or ``save``.
        backup: the configuration before the change (the rollback target).
        sent: configuration lines sent before the failure (the rejected one last).
        rollback_sent: lines sent to roll back.
        problems: verification problems or the rejected command, readable.
    """

    def __init__(
        self,
        target: str,
        message: str,
        *,
        state: SwitchState,
        reason: str,
        backup: ConfigSnapshot,
        sent: tuple[str, ...],
        rollback_sent: tuple[str, ...] = (),
        problems: tuple[str, ...] = (),
    ) -> None:
        super().__init__(target, message, state)
        self.reason = reason
        self.backup = backup
        self.sent = sent
        self.rollback_sent = rollback_sent
        self.problems = problems


class SwitchEventKind(StrEnum):
    """Steps reported to ``on_event`` (a TUI progress line each)."""

    CONNECTING = "connecting"
    CONNECTED = "connected"
    BACKED_UP = "backed_up"
    DIFFED = "diffed"
    APPLYING = "applying"
    APPLIED = "applied"
    VERIFYING = "verifying"
    VERIFIED = "verified"
    SAVED = "saved"
    FAILED = "failed"
    ROLLING_BACK = "rolling_back"
    ROLLED_BACK = "rolled_back"


@dataclass(frozen=True)
class SwitchEvent:
    """One progress step: what happened on which switch (never a secret)."""

    kind: SwitchEventKind
    target: str
    detail: str = ""
    round_trips: int = 0
    """Round trips on the current session so far (0 when not applicable)."""


OnEvent = Callable[[SwitchEvent], None]


def _no_event(_: SwitchEvent) -> None:
    """Default progress callback."""


# --------------------------------------------------------------------------- session


#: Lines written to the switch at once, each block read back once (issue 17): a 48-port
#: configuration goes in a handful of round trips instead of one per line, and a block stays
#: small enough for a switch's input buffer.
BLOCK_LINES = 50
#: A configuration sub-mode in a prompt, ``(config-if)``.
_MODE = r"(?:\([^)\r\n]*\))?"
#: A privileged prompt at the start of a line, whatever the hostname.
_ANY_PROMPT = r"^[A-Za-z][\w.-]*" + _MODE + "#"


class LineRejectedError(Exception):
    """The switch refused a configuration line (``% Invalid input``...)."""

    def __init__(self, line: str) -> None:
        super().__init__(line)
        self.line = line


def _blocks(lines: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(lines), BLOCK_LINES):
        yield lines[start : start + BLOCK_LINES]


class _Session:
    """One Netmiko connection in privileged mode, counting round trips."""

    def __init__(self, target: SwitchTarget, creds: SwitchCredentials) -> None:
        self.target = target
        self.round_trips = 0
        self._secrets = (creds.password, creds.secret)
        self.conn = _connect(target, creds)
        write = self.conn.write_channel

        def counted(data: str) -> None:
            # Every channel write is followed by a wait for the device's answer.
            self.round_trips += 1
            write(data)

        self.conn.write_channel = counted

    def show(self, command: str) -> str:
        return self.show_many((command,))[0]

    def show_many(self, commands: Sequence[str]) -> list[str]:
        """Run show commands written at once, read back once; each one's output.

        Raises:
            SwitchPromptError: a command was refused.
        """
        outputs: list[str] = []
        for block in _blocks(commands):
            outputs += self._batch(block, re.escape(self.conn.base_prompt) + _MODE + "#")
        for command, output in zip(commands, outputs, strict=True):
            if re.search(ERROR_PATTERN, output, flags=re.M):
                raise SwitchPromptError(
                    self.target.label, f"{command!r} was refused: {output.strip()[:200]}"
                )
        return outputs

    def send_config(self, lines: Sequence[str]) -> None:
        """Send configuration lines in blocks, each written at once and read back once.

        Raises:
            LineRejectedError: the switch refused a line (its block was sent whole: IOS
                carries on after a refused line, which the rollback then undoes).
        """
        conn = self.conn
        conn.config_mode()
        for block in _blocks(lines):
            # Any hostname: a line of the block may rename the switch.
            for line, output in zip(block, self._batch(block, _ANY_PROMPT), strict=True):
                if re.search(ERROR_PATTERN, output, flags=re.M):
                    raise LineRejectedError(line.strip())
        conn.exit_config_mode()
        if any(line.startswith("hostname ") for line in lines):
            # The prompt follows the hostname: Netmiko must learn the new one.
            conn.set_base_prompt()

    def _batch(self, commands: Sequence[str], prompt: str) -> list[str]:
        """Write commands at once; read until each has answered with a prompt.

        The switch runs typed-ahead lines in order, echoing each before its answer and
        ending it with a prompt: the output splits into one part per command.
        """
        conn = self.conn
        conn.write_channel("".join(conn.normalize_cmd(c) for c in commands))
        outputs = []
        for _ in commands:
            text: str = conn.read_until_pattern(
                pattern=prompt, read_timeout=self.target.read_timeout, re_flags=re.M
            )
            lines = text.splitlines()
            outputs.append("\n".join(lines[1:-1]))  # without its echo and the next prompt
        return outputs

    def save(self) -> bool:
        output: str = self.conn.save_config()
        return bool(re.search(r"\[OK\]", output))

    def close(self) -> None:
        # A dropped session cannot be closed politely; there is nothing to undo.
        with contextlib.suppress(Exception):
            self.conn.disconnect()


def _connect(target: SwitchTarget, creds: SwitchCredentials) -> Any:
    if not target.host_keys and (presented := _presented(target)) is not None:
        raise SwitchHostKeyError(
            target.label,
            "no SSH host key is pinned for this switch: nothing was sent",
            presented=presented,
            pinned=(),
        )
    # Unreachable or silent: the connection below says which (it cannot log in anyway).
    with known_hosts_file({known_hosts_name(target.host, target.port): target.host_keys}) as kh:
        return _connect_pinned(target, creds, kh)


def _presented(target: SwitchTarget) -> HostKey | None:
    try:
        return presented_key(target.host, target.port, target.conn_timeout)
    except PeerError:
        return None


def _connect_pinned(target: SwitchTarget, creds: SwitchCredentials, known_hosts: Path) -> Any:
    from netmiko import ConnectHandler
    from netmiko.exceptions import (
        NetmikoAuthenticationException,
        NetmikoTimeoutException,
        ReadTimeout,
    )

    label = target.label
    try:
        conn = ConnectHandler(
            device_type=target.device_type,
            host=target.host,
            port=target.port,
            username=creds.username,
            password=creds.password,
            secret=creds.secret,
            conn_timeout=target.conn_timeout,
            auth_timeout=target.conn_timeout,
            banner_timeout=target.conn_timeout,
            session_log=str(target.session_log) if target.session_log else None,
            # Keys from the technician's ssh-agent must not be offered to a borrowed switch.
            use_keys=False,
            allow_agent=False,
            # Only the keys the inventory pins: paramiko checks them after the key exchange,
            # before the login, and refuses any other key (never learns one).
            ssh_strict=True,
            system_host_keys=False,
            alt_host_keys=True,
            alt_key_file=str(known_hosts),
        )
    except NetmikoAuthenticationException:
        raise SwitchAuthError(
            label, f"SSH login refused for user {creds.username!r} (wrong username or password)"
        ) from None
    except NetmikoTimeoutException as exc:
        # Netmiko folds every connection failure into one exception; its text tells them apart.
        text = str(exc)
        if "does not match" in text or "not found in known_hosts" in text:
            presented = _presented(target)
            shown = f" ({presented.fingerprint})" if presented else ""
            raise SwitchHostKeyError(
                label,
                f"the switch presented another SSH host key{shown} than the one pinned "
                f"({', '.join(k.fingerprint for k in target.host_keys)}): connection refused, "
                "nothing was sent (someone may be impersonating it)",
                presented=presented,
                pinned=target.host_keys,
            ) from None
        if "DNS failure" in text:
            raise SwitchUnreachableError(label, "the host name does not resolve") from None
        if "TCP connection" in text:
            raise SwitchUnreachableError(
                label, "no SSH server reachable there (refused or TCP timeout)"
            ) from None
        if "banner" in text or "No existing session" in text:
            # Paramiko reports a silent peer either way, depending on which timer fires first.
            raise SwitchTimeoutError(
                label,
                f"the port answers but no SSH session opened within {target.conn_timeout:g} s",
            ) from None
        raise SwitchTimeoutError(label, "SSH negotiation failed or timed out") from None
    except (ReadTimeout, ValueError):
        raise SwitchPromptError(label, "no IOS prompt after login (unexpected prompt)") from None
    except OSError as exc:
        raise SwitchUnreachableError(label, f"cannot connect ({type(exc).__name__})") from None
    try:
        conn.enable()
    except (ValueError, ReadTimeout):
        conn.disconnect()
        raise SwitchAuthError(
            label, "enable secret refused (cannot enter privileged mode)"
        ) from None
    prompt: str = conn.find_prompt()
    if not prompt.endswith("#"):
        conn.disconnect()
        raise SwitchPromptError(label, f"unexpected prompt {prompt!r} after enable")
    return conn


@contextmanager
def _session(
    target: SwitchTarget, creds: SwitchCredentials, on_event: OnEvent
) -> Iterator[_Session]:
    on_event(SwitchEvent(SwitchEventKind.CONNECTING, target.label))
    session = _Session(target, creds)
    on_event(SwitchEvent(SwitchEventKind.CONNECTED, target.label))
    try:
        yield session
    except SwitchError:
        raise
    except Exception as exc:
        # Failures after the first configuration line are handled (and rolled back) by
        # _apply_delta; anything reaching here happened while only reading.
        raise SwitchTimeoutError(
            target.label, f"the session failed while reading ({type(exc).__name__}); nothing sent"
        ) from None
    finally:
        session.close()


# --------------------------------------------------------------------------- diff


def compute_diff(running_text: str, intended: IntendedConfig) -> SwitchDiff:
    """Remediation from a running configuration to the intended one, owned sections only.

    Sections the kit does not own (AAA, lines, SNMP...) are never touched.

    Args:
        running_text: ``show running-config`` output.
        intended: the rendered intended configuration.
    """
    return _remediation(scope(intended, running_text), intended.text)


def _remediation(current_text: str, wanted_text: str) -> SwitchDiff:
    from hier_config import Platform, WorkflowRemediation, get_hconfig

    current = get_hconfig(Platform.CISCO_IOS, current_text)
    wanted = get_hconfig(Platform.CISCO_IOS, wanted_text)
    remediation = WorkflowRemediation(current, wanted).remediation_config
    sections: list[tuple[str, tuple[str, ...]]] = []
    renames = any(c.text.startswith("hostname ") for c in remediation.children)
    for child in remediation.children:
        text: str = child.text
        if text.startswith("no hostname") and renames:
            continue  # hostname is replaced in place; "no hostname" would reset it to Switch
        if text.startswith("no vtp mode"):
            text = "no vtp mode"
        subs = tuple(str(line.cisco_style_text()).strip() for line in child.all_children_sorted())
        sections.append((text, subs))
    return SwitchDiff(tuple(sections))


# --------------------------------------------------------------------------- operations


def backup(
    target: SwitchTarget, creds: SwitchCredentials, *, on_event: OnEvent = _no_event
) -> ConfigSnapshot:
    """Read the running configuration.

    Raises:
        SwitchError: connection, login or prompt problem.
    """
    with _session(target, creds, on_event) as session:
        snap = ConfigSnapshot.of(session.show("show running-config"))
    on_event(SwitchEvent(SwitchEventKind.BACKED_UP, target.label, snap.sha256))
    return snap


def diff(
    target: SwitchTarget,
    creds: SwitchCredentials,
    intended: IntendedConfig,
    *,
    on_event: OnEvent = _no_event,
) -> SwitchDiff:
    """What applying ``intended`` would send, without sending anything.

    Raises:
        SwitchError: connection, login or prompt problem.
    """
    running = backup(target, creds, on_event=on_event)
    result = compute_diff(running.text, intended)
    on_event(SwitchEvent(SwitchEventKind.DIFFED, target.label, f"{len(result.commands)} lines"))
    return result


def apply(
    target: SwitchTarget,
    creds: SwitchCredentials,
    intended: IntendedConfig,
    *,
    save: bool = True,
    on_event: OnEvent = _no_event,
) -> ApplyResult:
    """Back up, diff, apply only the delta, verify by reading back, save.

    On a rejected command, a failed verification or a dropped connection, the switch is
    rolled back to the backup (reconnecting if needed) and SwitchApplyError says so; the
    startup configuration is only written after a successful verification.

    Args:
        target: the switch.
        creds: login and enable secret (from the vault).
        intended: rendered intended configuration (``render(cfg)`` or ``factory_baseline``).
        save: run ``write memory`` after a verified change.
        on_event: progress callback.

    Returns:
        What was done; ``state`` is APPLIED, or UNCHANGED when nothing had to change.

    Raises:
        SwitchApplyError: the change failed; ``state`` is ROLLED_BACK or UNKNOWN.
        SwitchError: connection, login or prompt problem before anything was sent.
    """
    label = target.label
    with _session(target, creds, on_event) as session:
        before = ConfigSnapshot.of(session.show("show running-config"))
        on_event(SwitchEvent(SwitchEventKind.BACKED_UP, label, before.sha256))
        delta = compute_diff(before.text, intended)
        on_event(SwitchEvent(SwitchEventKind.DIFFED, label, f"{len(delta.commands)} lines"))
        if delta.empty:
            check = _verify(session, intended, touched=())
            if not check.ok:  # cannot happen unless the parsers disagree with the diff
                raise SwitchApplyError(
                    label,
                    "nothing to change but verification failed: " + "; ".join(check.problems),
                    state=SwitchState.UNCHANGED,
                    reason="verification",
                    backup=before,
                    sent=(),
                    problems=check.problems,
                )
            return ApplyResult(
                label, SwitchState.UNCHANGED, before, delta, (), session.round_trips, check, False,
                before,
            )  # fmt: skip
        return _apply_delta(session, target, creds, intended, before, delta, save, on_event)


def _apply_delta(
    session: _Session,
    target: SwitchTarget,
    creds: SwitchCredentials,
    intended: IntendedConfig,
    before: ConfigSnapshot,
    delta: SwitchDiff,
    save: bool,
    on_event: OnEvent,
) -> ApplyResult:
    label = target.label
    lines = delta.commands
    on_event(
        SwitchEvent(
            SwitchEventKind.APPLYING, label, f"{len(lines)} lines", round_trips=session.round_trips
        )
    )
    failure: tuple[str, str, tuple[str, ...]] | None = None
    try:
        session.send_config(lines)
    except LineRejectedError as exc:
        failure = ("rejected", f"the switch rejected {exc.line!r}", (exc.line,))
    except Exception as exc:  # EOF, socket, paramiko or read timeout: the session is gone
        failure = ("connection", f"session lost while applying ({type(exc).__name__})", ())
    if failure is None:
        on_event(
            SwitchEvent(
                SwitchEventKind.APPLIED,
                label,
                f"{len(lines)} lines",
                round_trips=session.round_trips,
            )
        )
        on_event(SwitchEvent(SwitchEventKind.VERIFYING, label, round_trips=session.round_trips))
        touched = tuple(
            head[len("interface ") :] for head, _ in delta.sections if head.startswith("interface ")
        )
        try:
            check = _verify(session, intended, touched)
        except ValidationError as exc:  # output the parsers do not understand: not verified
            failure = ("verification", "verification failed", (str(exc),))
        except Exception as exc:
            failure = ("connection", f"session lost while verifying ({type(exc).__name__})", ())
        else:
            if not check.ok:
                failure = ("verification", "verification failed", check.problems)
    if failure is not None:
        reason, message, problems = failure
        on_event(SwitchEvent(SwitchEventKind.FAILED, label, message))
        state, rollback_sent, note = _rollback(
            session, target, creds, intended, before, on_event, reconnect=reason == "connection"
        )
        raise SwitchApplyError(
            label,
            f"{message}; {note}",
            state=state,
            reason=reason,
            backup=before,
            sent=lines,
            rollback_sent=rollback_sent,
            problems=problems,
        )
    on_event(SwitchEvent(SwitchEventKind.VERIFIED, label, round_trips=session.round_trips))
    saved = False
    try:
        after = ConfigSnapshot.of(session.show("show running-config"))
        if save:
            saved = session.save()
    except Exception as exc:
        raise SwitchApplyError(
            label,
            f"applied and verified, but the session failed before 'write memory' completed "
            f"({type(exc).__name__}): the change is running, maybe not saved",
            state=SwitchState.APPLIED,
            reason="save",
            backup=before,
            sent=lines,
        ) from None
    if save:
        if not saved:
            raise SwitchApplyError(
                label,
                "applied and verified, but 'write memory' did not answer [OK]: the change is "
                "running but not saved",
                state=SwitchState.APPLIED,
                reason="save",
                backup=before,
                sent=lines,
            )
        on_event(SwitchEvent(SwitchEventKind.SAVED, label, after.sha256))
    return ApplyResult(
        label, SwitchState.APPLIED, before, delta, lines, session.round_trips, check, saved, after
    )


def _verify(session: _Session, intended: IntendedConfig, touched: Sequence[str]) -> Verification:
    """Read back VLANs, the touched interfaces and the whole owned configuration."""
    # An SVI or interface removed on purpose has no section: the full diff covers it.
    sections = [s for n in touched if (s := intended.section(f"interface {n}")) is not None]
    commands = ["show vlan brief"]
    commands += [f"show running-config {s.header}" for s in sections]
    if touched:
        commands.append("show running-config")
    # All read back at once: one round trip per block of commands.
    outputs = session.show_many(commands)
    problems = list(check_vlan_brief(intended, parse_vlan_brief(outputs[0])))
    for section, output in zip(sections, outputs[1:], strict=False):
        actual = parse_interface_config(output)
        expected = parse_interface_config("\n".join(section.lines()))
        problems += compare_interface(expected, actual)
    if touched:
        left = compute_diff(outputs[-1], intended)
        problems += [f"still to change: {line.strip()}" for line in left.commands]
    return Verification(not problems, tuple(problems), tuple(commands))


def _rollback(
    session: _Session,
    target: SwitchTarget,
    creds: SwitchCredentials,
    intended: IntendedConfig,
    before: ConfigSnapshot,
    on_event: OnEvent,
    *,
    reconnect: bool,
) -> tuple[SwitchState, tuple[str, ...], str]:
    """Bring the owned configuration back to the backup; say in what state the switch is."""
    label = target.label
    on_event(SwitchEvent(SwitchEventKind.ROLLING_BACK, label))
    fresh: _Session | None = None
    try:
        if not reconnect:
            try:
                # A refused line leaves Netmiko in a configuration sub-mode.
                session.conn.exit_config_mode()
                # The lines applied before the refusal may have renamed the switch.
                reconnect = (
                    not session.conn.set_base_prompt() or not session.conn.check_enable_mode()
                )
            except Exception:
                reconnect = True
        if reconnect:
            # A session that failed mid-command is out of sync even if its socket lives.
            session.close()
            fresh = _Session(target, creds)
        active = fresh or session
        current = active.show("show running-config")
        undo = _remediation(scope(intended, current), scope(intended, before.text))
        if not undo.empty:
            active.send_config(undo.commands)
        after = active.show("show running-config")
    except Exception as exc:
        note = (
            f"rollback impossible ({type(exc).__name__}): the running configuration may be "
            f"partly changed; startup configuration untouched; backup sha256 {before.sha256}"
        )
        on_event(SwitchEvent(SwitchEventKind.FAILED, label, note))
        return SwitchState.UNKNOWN, (), note
    finally:
        if fresh is not None:
            fresh.close()
    if config_body(after) != config_body(before.text):
        note = "rollback sent but the running configuration still differs from the backup"
        on_event(SwitchEvent(SwitchEventKind.FAILED, label, note))
        return SwitchState.UNKNOWN, undo.commands, note
    on_event(SwitchEvent(SwitchEventKind.ROLLED_BACK, label, f"{len(undo.commands)} lines"))
    return (
        SwitchState.ROLLED_BACK,
        undo.commands,
        "rolled back: running configuration equals the backup, startup configuration untouched",
    )


def reset_to_baseline(
    target: SwitchTarget,
    creds: SwitchCredentials,
    baseline: IntendedConfig,
    *,
    on_event: OnEvent = _no_event,
) -> ApplyResult:
    """Return a switch to its factory baseline at restitution, verified and saved.

    Args:
        target: the switch.
        creds: login and enable secret.
        baseline: ``factory_baseline(hostname, interfaces)`` from the domain.
        on_event: progress callback.

    Raises:
        SwitchApplyError: as ``apply``.
    """
    return apply(target, creds, baseline, save=True, on_event=on_event)


@dataclass(frozen=True)
class SendTiming:
    """How long sending configuration lines took (bench)."""

    lines: int
    round_trips: int
    seconds: float


def send_lines_one_by_one(
    target: SwitchTarget,
    creds: SwitchCredentials,
    lines: Sequence[str],
    shows: Sequence[str] = (),
) -> tuple[SendTiming, SendTiming]:
    """Send configuration lines, then read show commands, one ``send_command`` each (the
    one-by-one baseline of the blocks; bench only).

    Returns:
        The timing of the lines, and of the show commands.

    Raises:
        SwitchError: a line was refused or the session failed.
    """
    with _session(target, creds, _no_event) as session:
        conn = session.conn
        start_trips, start = session.round_trips, time.perf_counter()
        conn.config_mode()
        for line in lines:
            output = conn.send_command(line, expect_string=r"\)#", read_timeout=target.read_timeout)
            if re.search(ERROR_PATTERN, output, flags=re.M):
                raise SwitchError(target.label, f"the switch rejected {line.strip()!r}")
        conn.exit_config_mode()
        sent = SendTiming(
            len(lines), session.round_trips - start_trips, time.perf_counter() - start
        )
        start_trips, start = session.round_trips, time.perf_counter()
        for command in shows:
            conn.send_command(command, read_timeout=target.read_timeout)
        read = SendTiming(
            len(shows), session.round_trips - start_trips, time.perf_counter() - start
        )
        return sent, read
