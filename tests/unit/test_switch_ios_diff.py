"""The adapter's hier_config diff: owned sections only, IOS-safe commands, readable output."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from crisis.adapters.switch_ios import (
    ConfigSnapshot,
    SwitchCredentials,
    SwitchTarget,
    compute_diff,
)
from crisis.domain.switch_config import (
    AccessPort,
    Management,
    SwitchConfig,
    Uplink,
    Vlan,
    factory_baseline,
    render,
)

INTENDED = render(
    SwitchConfig(
        management=Management("kit-sw-01"),
        crisis_vlan=Vlan(30, "CRISE"),
        parking_vlan=Vlan(999, "PARKING"),
        access_ports=(AccessPort("Fa0/1", "LAP-0001"),),
        unused_ports=("Fa0/2",),
        uplink=Uplink("Gi0/1", (30,)),
    )
)

RUNNING = """Building configuration...

Current configuration : 512 bytes
!
version 15.0
service password-encryption
hostname Switch
!
username admin privilege 15 secret 5 $1$abc$xyz
vlan 1
!
vlan 20
 name OLD-LOAN
!
interface FastEthernet0/1
 description old
 switchport access vlan 20
!
interface FastEthernet0/2
!
interface FastEthernet0/3
 description not owned by the kit
!
interface GigabitEthernet0/1
!
line vty 0 4
 login local
!
end
"""


def test_diff_touches_only_owned_sections() -> None:
    delta = compute_diff(RUNNING, INTENDED)
    text = "\n".join(delta.commands)
    assert "no vlan 20" in delta.commands
    assert "hostname kit-sw-01" in delta.commands
    for untouched in ("vlan 1", "FastEthernet0/3", "username", "line vty", "service"):
        assert untouched not in text


def test_diff_never_resets_hostname_or_deletes_vlan_1() -> None:
    commands = compute_diff(RUNNING, INTENDED).commands
    assert not any(c.startswith("no hostname") for c in commands)
    assert "no vlan 1" not in commands


def test_diff_of_intended_against_itself_is_empty() -> None:
    unowned = "service password-encryption\nvlan 1\ninterface FastEthernet0/3\n description x\n"
    delta = compute_diff(unowned + INTENDED.text + "line vty 0 4\n login local\n", INTENDED)
    assert delta.empty
    assert delta.readable() == "(no change)"


def test_readable_diff_groups_by_section() -> None:
    readable = compute_diff(RUNNING, INTENDED).readable()
    assert readable.startswith("no vlan 20\nhostname kit-sw-01\n")
    assert (
        "interface FastEthernet0/2\n"
        "  switchport mode access\n"
        "  description UNUSED\n"
        "  switchport access vlan 999\n"
        "  shutdown\n"
    ) in readable


def test_vtp_mode_is_removed_with_the_ios_form() -> None:
    baseline_running = "hostname kit\nvtp mode transparent\nvlan 30\n name CRISE\n"
    commands = compute_diff(baseline_running, factory_baseline("kit", [])).commands
    assert "no vtp mode" in commands
    assert "no vlan 30" in commands


def test_secrets_are_not_in_repr() -> None:
    creds = SwitchCredentials("admin", "pw-123", "en-456")
    assert "pw-123" not in repr(creds)
    assert "en-456" not in repr(creds)
    assert SwitchTarget("10.0.0.1", 2222).label == "10.0.0.1:2222"


def test_snapshot_hashes_text() -> None:
    snap = ConfigSnapshot.of("hostname a\n")
    assert snap.sha256 == hashlib.sha256(b"hostname a\n").hexdigest()
    assert snap.taken_at.tzinfo is not None


def test_importing_the_adapter_does_not_load_netmiko() -> None:
    # crisis --help and the TUI's first frame must not pay for netmiko (architecture rule 5).
    code = "import crisis.adapters.switch_ios, sys; print('netmiko' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
