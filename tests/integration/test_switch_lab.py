"""Switch adapter against the lab's Cisco IOS simulator over SSH (fake-switches, patched)."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from crisis.adapters.switch_ios import (
    SwitchApplyError,
    SwitchAuthError,
    SwitchCredentials,
    SwitchEvent,
    SwitchEventKind,
    SwitchPromptError,
    SwitchState,
    SwitchTarget,
    SwitchTimeoutError,
    SwitchUnreachableError,
    apply,
    backup,
    diff,
    reset_to_baseline,
)
from crisis.adapters.switch_text import config_body
from crisis.domain.switch_config import (
    AccessPort,
    IntendedConfig,
    Management,
    SwitchConfig,
    Uplink,
    Vlan,
    factory_baseline,
    render,
)
from crisis.lab.switch import LabError, SimSwitch, running_switch
from tests.lab import need

pytestmark = pytest.mark.lab

#: The switch comes back from a previous loan with a stale VLAN and port description.
PAST = [
    "vlan 20",
    " name OLD-LOAN",
    "interface FastEthernet0/3",
    " description old-laptop",
    " switchport access vlan 20",
]

KIT = SwitchConfig(
    management=Management(
        "kit-sw-01",
        Vlan(99, "MGMT"),
        ipaddress.IPv4Interface("10.99.0.2/24"),
        ipaddress.IPv4Address("10.99.0.1"),
    ),
    crisis_vlan=Vlan(30, "CRISE"),
    parking_vlan=Vlan(999, "PARKING"),
    access_ports=(
        # A docking station too: two MACs, so a non-default port-security maximum.
        AccessPort("Fa0/1", "LAP-0001", ("02:00:00:00:00:01", "02:00:00:00:01:01")),
        AccessPort("Fa0/2", "LAP-0002", ("02:00:00:00:00:02",)),
        *(AccessPort(f"Fa0/{i}", f"LAP-{i:04d}") for i in range(3, 7)),
    ),
    unused_ports=("Fa0/7", "Fa0/8", "Gi0/2"),
    uplink=Uplink("Gi0/1", (30, 99)),
)
INTENDED = render(KIT)

SwitchFactory = Callable[..., AbstractContextManager[SimSwitch]]


@pytest.fixture
def lab_switch() -> SwitchFactory:
    """Start a simulator (skips locally, fails in CI when it cannot start)."""
    try:
        import fake_switches  # noqa: F401
        import twisted  # noqa: F401
    except ImportError:
        need(False, "fake-switches and twisted (uv sync --group dev)")

    @contextmanager
    def start(**kwargs: object) -> Iterator[SimSwitch]:
        kwargs.setdefault("preload", PAST)
        try:
            ctx = running_switch(**kwargs)  # type: ignore[arg-type]
            sw = ctx.__enter__()
        except LabError as exc:
            need(False, f"switch simulator: {exc}")
        try:
            yield sw
        finally:
            ctx.__exit__(None, None, None)

    return start


def target_of(sw: SimSwitch, **kwargs: object) -> SwitchTarget:
    # A short read timeout: a dropped session is noticed when a read gives up.
    kwargs.setdefault("host_keys", (sw.host_key,))
    return SwitchTarget(sw.host, sw.port, read_timeout=4, **kwargs)  # type: ignore[arg-type]


def creds_of(sw: SimSwitch) -> SwitchCredentials:
    return SwitchCredentials(sw.username, sw.password, sw.secret)


def show(sw: SimSwitch, command: str) -> str:
    """Read the simulator with plain Netmiko, independently of the adapter."""
    from netmiko import ConnectHandler

    conn = ConnectHandler(
        device_type="cisco_ios",
        host=sw.host,
        port=sw.port,
        username=sw.username,
        password=sw.password,
        secret=sw.secret,
    )
    try:
        conn.enable()
        return str(conn.send_command(command))
    finally:
        conn.disconnect()


def test_full_apply_verifies_and_saves(lab_switch: SwitchFactory) -> None:
    events: list[SwitchEvent] = []
    with lab_switch() as sw:
        planned = diff(target_of(sw), creds_of(sw), INTENDED)
        result = apply(target_of(sw), creds_of(sw), INTENDED, on_event=events.append)
        startup = show(sw, "show startup-config")
        vlans = show(sw, "show vlan brief")

    assert result.state is SwitchState.APPLIED
    assert result.sent == planned.commands
    assert "no vlan 20" in result.sent
    assert "vlan 20" in result.backup.text
    assert result.verification.ok, result.verification.problems
    assert "show running-config interface FastEthernet0/1" in result.verification.commands
    assert result.saved
    assert config_body(startup) == config_body(result.after.text)
    assert "port-security mac-address 0200.0000.0101" in result.after.text
    assert "port-security maximum 2" in result.after.text
    assert "hostname kit-sw-01" in result.after.text
    assert "OLD-LOAN" not in vlans
    # Lines go in blocks, each read back once; verification reads back once (issue 17).
    assert result.round_trips < len(result.sent) / 2
    kinds = [e.kind for e in events]
    assert kinds[-3:] == [
        SwitchEventKind.VERIFYING,
        SwitchEventKind.VERIFIED,
        SwitchEventKind.SAVED,
    ]
    assert all(e.target == f"127.0.0.1:{sw.port}" for e in events)


def test_second_apply_sends_nothing(lab_switch: SwitchFactory) -> None:
    with lab_switch() as sw:
        first = apply(target_of(sw), creds_of(sw), INTENDED)
        second = apply(target_of(sw), creds_of(sw), INTENDED)

    assert first.sent
    assert second.state is SwitchState.UNCHANGED
    assert second.sent == ()
    assert second.diff.empty
    assert not second.saved
    assert second.verification.ok
    assert second.backup.sha256 == first.after.sha256


def test_rejected_command_rolls_back_to_backup(lab_switch: SwitchFactory) -> None:
    with lab_switch(reject=r"description LAP-0004") as sw:
        with pytest.raises(SwitchApplyError) as info:
            apply(target_of(sw), creds_of(sw), INTENDED)
        running = backup(target_of(sw), creds_of(sw))
        startup = show(sw, "show startup-config")

    err = info.value
    assert err.reason == "rejected"
    assert err.state is SwitchState.ROLLED_BACK
    assert err.problems == ("description LAP-0004",)
    assert err.rollback_sent  # lines before the rejected one had been applied
    assert config_body(running.text) == config_body(err.backup.text)
    assert config_body(startup) == config_body(err.backup.text)
    assert "rolled back" in str(err)
    assert f"127.0.0.1:{sw.port}" in str(err)


def test_silent_no_op_is_caught_by_verification_and_rolled_back(
    lab_switch: SwitchFactory,
) -> None:
    with lab_switch(ignore=r"switchport port-security mac-address 0200.0000.0002") as sw:
        with pytest.raises(SwitchApplyError) as info:
            apply(target_of(sw), creds_of(sw), INTENDED)
        running = backup(target_of(sw), creds_of(sw))

    err = info.value
    assert err.reason == "verification"
    assert err.state is SwitchState.ROLLED_BACK
    assert any("FastEthernet0/2: mac_addresses" in p for p in err.problems)
    assert config_body(running.text) == config_body(err.backup.text)


def test_dropped_connection_reconnects_and_rolls_back(lab_switch: SwitchFactory) -> None:
    events: list[SwitchEvent] = []
    with lab_switch(drop=r"^interface FastEthernet0/5$") as sw:
        with pytest.raises(SwitchApplyError) as info:
            apply(target_of(sw), creds_of(sw), INTENDED, on_event=events.append)
        running = backup(target_of(sw), creds_of(sw))

    err = info.value
    assert err.reason == "connection"
    assert err.state is SwitchState.ROLLED_BACK
    assert config_body(running.text) == config_body(err.backup.text)
    assert SwitchEventKind.ROLLED_BACK in [e.kind for e in events]


def test_switch_gone_mid_apply_says_state_unknown(lab_switch: SwitchFactory) -> None:
    with lab_switch() as sw:

        def kill_when_applying(event: SwitchEvent) -> None:
            if event.kind is SwitchEventKind.APPLYING:
                sw.kill()

        with pytest.raises(SwitchApplyError) as info:
            apply(target_of(sw), creds_of(sw), INTENDED, on_event=kill_when_applying)

    err = info.value
    assert err.state is SwitchState.UNKNOWN
    assert "rollback impossible" in str(err)
    assert "startup configuration untouched" in str(err)
    assert err.backup.sha256 in str(err)


def test_wrong_password_is_a_clear_error(lab_switch: SwitchFactory) -> None:
    with lab_switch() as sw:
        bad = SwitchCredentials(sw.username, "not-the-password", sw.secret)
        with pytest.raises(SwitchAuthError) as info:
            apply(target_of(sw), bad, INTENDED)
        running = backup(target_of(sw), creds_of(sw))

    message = str(info.value)
    assert f"127.0.0.1:{sw.port}" in message
    assert "wrong username or password" in message
    assert "not-the-password" not in message
    assert sw.secret not in message
    assert info.value.state is SwitchState.UNCHANGED
    assert "OLD-LOAN" in running.text


def test_wrong_enable_secret_is_a_clear_error(lab_switch: SwitchFactory) -> None:
    with lab_switch() as sw:
        bad = SwitchCredentials(sw.username, sw.password, "not-the-secret")
        with pytest.raises(SwitchAuthError, match="enable secret refused") as info:
            backup(target_of(sw), bad)
    assert "not-the-secret" not in str(info.value)


def test_an_unexpected_prompt_after_enable_is_a_clear_error(
    lab_switch: SwitchFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRISIS_SIM_ENABLED_PROMPT", "#(maint)>")  # not an IOS privileged prompt
    with lab_switch() as sw, pytest.raises(SwitchPromptError) as info:
        backup(target_of(sw), creds_of(sw))
    message = str(info.value)
    assert f"127.0.0.1:{sw.port}" in message
    assert "unexpected prompt 'lab-switch#(maint)>' after enable" in message
    assert sw.secret not in message


def test_unreachable_switch() -> None:
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    target = SwitchTarget("127.0.0.1", port, conn_timeout=3)
    with pytest.raises(SwitchUnreachableError, match=f"127.0.0.1:{port}"):
        backup(target, SwitchCredentials("u", "p", "s"))


def test_silent_port_is_a_timeout() -> None:
    with socket.socket() as listener:  # accepts TCP but never speaks SSH
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        target = SwitchTarget("127.0.0.1", port, conn_timeout=1)
        with pytest.raises(SwitchTimeoutError, match=f"127.0.0.1:{port}.*no SSH session opened"):
            backup(target, SwitchCredentials("u", "p", "s"))


def test_session_log_never_holds_secrets(lab_switch: SwitchFactory, tmp_path: Path) -> None:
    log = tmp_path / "session.log"
    with lab_switch() as sw:
        apply(target_of(sw, session_log=log), creds_of(sw), INTENDED)
    text = log.read_text()
    assert "show running-config" in text
    assert "switchport port-security" in text
    assert sw.password not in text
    assert sw.secret not in text


def test_reset_to_factory_baseline(lab_switch: SwitchFactory) -> None:
    baseline: IntendedConfig = factory_baseline("lab-switch", KIT.interfaces)
    with lab_switch() as sw:
        apply(target_of(sw), creds_of(sw), INTENDED)
        result = reset_to_baseline(target_of(sw), creds_of(sw), baseline)
        vlans = show(sw, "show vlan brief")
        startup = show(sw, "show startup-config")

    assert result.state is SwitchState.APPLIED
    assert result.verification.ok, result.verification.problems
    assert result.saved
    for gone in ("CRISE", "PARKING", "MGMT", "OLD-LOAN", "LAP-0001", "port-security"):
        assert gone not in result.after.text + vlans
    assert "hostname lab-switch" in startup
    assert config_body(startup) == config_body(result.after.text)
