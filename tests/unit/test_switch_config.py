"""Kit switch intended configuration: validation, IOS rendering, show parsers."""

from __future__ import annotations

import ipaddress
from dataclasses import replace

import pytest

from crisis.adapters.switch_text import (
    config_body,
    parse_interface_config,
    parse_vlan_brief,
    scope,
    split_sections,
)
from crisis.domain.switch_config import (
    AccessPort,
    InterfaceState,
    Management,
    SwitchConfig,
    Uplink,
    Vlan,
    check_vlan_brief,
    compare_interface,
    factory_baseline,
    normalize_interface,
    normalize_mac,
    parse_vlan_list,
    render,
    short_interface,
    vlan_ranges,
)
from crisis.errors import ValidationError


def make(**changes: object) -> SwitchConfig:
    fields: dict[str, object] = {
        "management": Management(
            "kit-sw-01",
            Vlan(99, "MGMT"),
            ipaddress.IPv4Interface("10.99.0.2/24"),
            ipaddress.IPv4Address("10.99.0.1"),
        ),
        "crisis_vlan": Vlan(30, "CRISE"),
        "parking_vlan": Vlan(999, "PARKING"),
        "access_ports": (
            AccessPort("Fa0/1", "LAP-0001", ("02:00:00:00:00:01",)),
            AccessPort("FastEthernet0/2", "LAP-0002", ("02:00:00:00:00:02", "02:00:00:00:00:12")),
        ),
        "unused_ports": ("Fa0/3",),
        "uplink": Uplink("Gi0/1", (30, 99)),
    }
    fields.update(changes)
    return SwitchConfig(**fields)  # type: ignore[arg-type]


def test_render_cisco_ios_golden() -> None:
    assert render(make()).text == (
        "hostname kit-sw-01\n"
        "vtp mode transparent\n"
        "vlan 30\n name CRISE\n"
        "vlan 99\n name MGMT\n"
        "vlan 999\n name PARKING\n"
        "interface FastEthernet0/1\n"
        " description LAP-0001\n"
        " switchport access vlan 30\n"
        " switchport mode access\n"
        " switchport port-security\n"
        " switchport port-security violation restrict\n"
        " switchport port-security mac-address 0200.0000.0001\n"
        "interface FastEthernet0/2\n"
        " description LAP-0002\n"
        " switchport access vlan 30\n"
        " switchport mode access\n"
        " switchport port-security maximum 2\n"
        " switchport port-security\n"
        " switchport port-security violation restrict\n"
        " switchport port-security mac-address 0200.0000.0002\n"
        " switchport port-security mac-address 0200.0000.0012\n"
        "interface FastEthernet0/3\n"
        " description UNUSED\n"
        " switchport access vlan 999\n"
        " switchport mode access\n"
        " shutdown\n"
        "interface GigabitEthernet0/1\n"
        " description UPLINK\n"
        " switchport trunk allowed vlan 30,99\n"
        " switchport mode trunk\n"
        "interface Vlan99\n"
        " ip address 10.99.0.2 255.255.255.0\n"
        "ip default-gateway 10.99.0.1\n"
    )


def test_render_records_expected_vlans_and_members() -> None:
    intended = render(make())
    assert intended.vlan_names == ((30, "CRISE"), (999, "PARKING"), (99, "MGMT"))
    assert ("FastEthernet0/3", 999) in intended.vlan_members
    assert intended.interfaces == {
        "FastEthernet0/1",
        "FastEthernet0/2",
        "FastEthernet0/3",
        "GigabitEthernet0/1",
    }


def test_render_without_management_address_has_no_svi() -> None:
    text = render(make(management=Management("kit"), uplink=Uplink("Gi0/1", (30,)))).text
    assert "interface Vlan" not in text
    assert "default-gateway" not in text
    assert "vlan 99\n" not in text


def test_scope_keeps_only_owned_sections() -> None:
    running = (
        "Building configuration...\n\nCurrent configuration : 999 bytes\n!\nversion 15.0\n"
        "service timestamps debug datetime msec\nhostname Switch\n!\nvlan 1\n!\nvlan 20\n"
        " name OLD\n!\ninterface FastEthernet0/1\n description x\n!\ninterface FastEthernet0/9\n"
        " description not ours\n!\ninterface Vlan1\n no ip address\n!\ninterface Vlan20\n"
        " no ip address\n!\nline vty 0 4\n login local\n!\nend\n"
    )
    assert scope(render(make()), running) == (
        "hostname Switch\nvlan 20\n name OLD\ninterface FastEthernet0/1\n description x\n"
        "interface Vlan20\n no ip address\n"
    )


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Fa0/1", "FastEthernet0/1"),
        ("gi1/0/24", "GigabitEthernet1/0/24"),
        ("TenGigabitEthernet1/1/1", "TenGigabitEthernet1/1/1"),
        ("Gi 0/2", "GigabitEthernet0/2"),
    ],
)
def test_normalize_interface(given: str, expected: str) -> None:
    assert normalize_interface(given) == expected


def test_short_interface_matches_show_vlan_brief() -> None:
    assert short_interface("FastEthernet0/1") == "Fa0/1"
    assert short_interface("GigabitEthernet1/0/24") == "Gi1/0/24"


@pytest.mark.parametrize("bad", ["Vlan10", "Port-channel1", "eth", "0/1", ""])
def test_normalize_interface_rejects(bad: str) -> None:
    with pytest.raises(ValidationError, match="not an Ethernet interface"):
        normalize_interface(bad)


@pytest.mark.parametrize("mac", ["02:00:5E:10:00:01", "02-00-5e-10-00-01", "0200.5e10.0001"])
def test_normalize_mac(mac: str) -> None:
    assert normalize_mac(mac) == "0200.5e10.0001"


def test_normalize_mac_rejects_multicast_and_garbage() -> None:
    with pytest.raises(ValidationError, match="multicast"):
        normalize_mac("01:00:5e:00:00:01")
    with pytest.raises(ValidationError, match="not a MAC"):
        normalize_mac("02:00:5e:00:00")


def test_vlan_ranges_round_trip() -> None:
    assert vlan_ranges([30, 10, 11, 20, 21, 22, 23]) == "10,11,20-23,30"
    assert parse_vlan_list("10,11,20-23,30") == (10, 11, 20, 21, 22, 23, 30)
    assert vlan_ranges([]) == "none"
    assert parse_vlan_list("none") == ()


@pytest.mark.parametrize(
    ("changes", "where", "message"),
    [
        ({"crisis_vlan": Vlan(1, "X")}, "crisis_vlan.id", "not usable"),
        ({"crisis_vlan": Vlan(1003, "X")}, "crisis_vlan.id", "reserved"),
        ({"parking_vlan": Vlan(30, "P")}, "vlans", "distinct"),
        ({"crisis_vlan": Vlan(30, "CRISE NET")}, "crisis_vlan.name", "1-32"),
        ({"management": Management("1kit")}, "management.hostname", "start with a letter"),
        (
            {"management": Management("kit", address=ipaddress.IPv4Interface("10.0.0.2/24"))},
            "management",
            "needs a management VLAN",
        ),
        (
            {
                "management": Management(
                    "kit",
                    Vlan(99, "MGMT"),
                    ipaddress.IPv4Interface("10.0.0.2/24"),
                    ipaddress.IPv4Address("10.1.0.1"),
                )
            },
            "management.gateway",
            "not another address",
        ),
        ({"access_ports": ()}, "access_ports", "at least one"),
        (
            {"access_ports": (AccessPort("Fa0/1", "LAP 1"), AccessPort("Fa0/1", "LAP 2"))},
            "access_ports[1]",
            r"already used by access_ports\[0\]",
        ),
        ({"unused_ports": ("Fa0/1",)}, "unused_ports[0]", "already used"),
        ({"access_ports": (AccessPort("Fa0/1", "bad\ttag"),)}, "asset_tag", "description"),
        (
            {
                "access_ports": (
                    AccessPort("Fa0/1", "A", ("02:00:00:00:00:01",)),
                    AccessPort("Fa0/2", "B", ("0200.0000.0001",)),
                )
            },
            "access_ports[1].mac_addresses[0]",
            "already bound to FastEthernet0/1",
        ),
        ({"uplink": Uplink("Gi0/1", (99,))}, "uplink.allowed_vlans", "crisis VLAN 30"),
        ({"uplink": Uplink("Gi0/1", (30, 999))}, "uplink.allowed_vlans", "parking VLAN"),
        ({"platform": "junos"}, "platform", "unknown platform"),
    ],
)
def test_validation_names_the_field(changes: dict[str, object], where: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        make(**changes)
    assert where in info.value.where


def test_access_port_rejects_bad_mac_with_field() -> None:
    with pytest.raises(ValidationError) as info:
        AccessPort("Fa0/1", "LAP-1", ("zz",))
    assert info.value.where == "FastEthernet0/1.mac_addresses[0]"


def test_config_is_frozen() -> None:
    cfg = make()
    with pytest.raises(AttributeError):
        cfg.platform = "x"  # type: ignore[misc]
    assert replace(cfg, unused_ports=()).unused_ports == ()


IOS_VLAN_BRIEF = """
VLAN Name                             Status    Ports
---- -------------------------------- --------- -------------------------------
1    default                          active    Gi0/2
30   CRISE                            active    Fa0/1, Fa0/2, Fa0/4, Fa0/5
                                                Fa0/6
99   MGMT                             active
999  PARKING                          active    Fa0/3
1002 fddi-default                     act/unsup
1003 token-ring-default               act/unsup
"""


def test_parse_vlan_brief_joins_wrapped_ports() -> None:
    rows = parse_vlan_brief(IOS_VLAN_BRIEF)
    assert rows[30].ports == ("Fa0/1", "Fa0/2", "Fa0/4", "Fa0/5", "Fa0/6")
    assert rows[99].ports == ()
    assert rows[1002].status == "act/unsup"
    assert rows[999].name == "PARKING"


def test_check_vlan_brief_reports_missing_vlan_and_member() -> None:
    intended = render(make())
    assert check_vlan_brief(intended, parse_vlan_brief(IOS_VLAN_BRIEF)) == ()
    broken = IOS_VLAN_BRIEF.replace("99   MGMT  ", "98   MGMT  ").replace("Fa0/3", "")
    assert check_vlan_brief(intended, parse_vlan_brief(broken)) == (
        "VLAN 99 (MGMT) is missing",
        "FastEthernet0/3 is not in VLAN 999",
    )


def test_check_vlan_brief_for_baseline_flags_leftover_vlans() -> None:
    baseline = factory_baseline("Switch", ["Fa0/1"])
    assert check_vlan_brief(baseline, parse_vlan_brief(IOS_VLAN_BRIEF)) == (
        "VLAN 30 is left over",
        "VLAN 99 is left over",
        "VLAN 999 is left over",
    )


IOS_RUN_INTERFACE = """Building configuration...

Current configuration : 243 bytes
!
interface FastEthernet0/1
 description LAP-0001
 switchport access vlan 30
 switchport mode access
 switchport port-security maximum 2
 switchport port-security
 switchport port-security violation restrict
 switchport port-security mac-address 0200.0000.0001
 spanning-tree portfast
end
"""


def test_parse_interface_config() -> None:
    state = parse_interface_config(IOS_RUN_INTERFACE)
    assert state == InterfaceState(
        name="FastEthernet0/1",
        description="LAP-0001",
        mode="access",
        access_vlan=30,
        port_security=True,
        port_security_maximum=2,
        mac_addresses=("0200.0000.0001",),
        other=("spanning-tree portfast", "switchport port-security violation restrict"),
    )


def test_parse_interface_config_trunk_and_shutdown() -> None:
    state = parse_interface_config(
        "interface GigabitEthernet0/1\n switchport trunk allowed vlan 30,99-101\n"
        " switchport mode trunk\n shutdown\n"
    )
    assert state.trunk_allowed == (30, 99, 100, 101)
    assert state.shutdown
    assert state.mode == "trunk"


def test_parse_interface_config_without_section_fails() -> None:
    with pytest.raises(ValidationError, match="no interface section"):
        parse_interface_config("% Invalid input detected at '^' marker.\n")


def test_compare_interface_names_each_difference() -> None:
    rendered = render(make()).section("interface FastEthernet0/1")
    assert rendered is not None
    expected = parse_interface_config("\n".join(rendered.lines()))
    sample = IOS_RUN_INTERFACE.replace("vlan 30", "vlan 31")
    actual = parse_interface_config(sample.replace(" switchport port-security maximum 2\n", ""))
    assert compare_interface(expected, actual) == (
        "FastEthernet0/1: access_vlan is 31, expected 30",
        "FastEthernet0/1: other is ('spanning-tree portfast', "
        "'switchport port-security violation restrict'), "
        "expected ('switchport port-security violation restrict',)",
    )


def test_config_body_ignores_volatile_header() -> None:
    one = "Building configuration...\n\nCurrent configuration : 10 bytes\n!\nhostname a\n!\nend\n"
    two = "Building configuration...\n\nCurrent configuration : 99 bytes\nhostname a\nend\n"
    assert config_body(one) == config_body(two) == "hostname a\n"
    assert config_body(one) != config_body(one.replace("hostname a", "hostname b"))


def test_split_sections_keeps_children() -> None:
    sections = split_sections("vlan 30\n name CRISE\n!\nip default-gateway 10.0.0.1\n")
    assert [s.header for s in sections] == ["vlan 30", "ip default-gateway 10.0.0.1"]
    assert sections[0].children == ("name CRISE",)


def test_factory_baseline_clears_owned_ports() -> None:
    baseline = factory_baseline("Switch", ["Fa0/1", "Gi0/1"])
    assert (
        baseline.text
        == "hostname Switch\ninterface FastEthernet0/1\ninterface GigabitEthernet0/1\n"
    )
    with pytest.raises(ValidationError, match="unknown platform"):
        factory_baseline("Switch", [], platform="junos")
