"""A switch's management interface and its laptops' MACs come from the inventory."""

from __future__ import annotations

import pytest

from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import Category
from crisis.errors import ValidationError
from crisis.services import assets, switch
from crisis.services.workspace import Workspace
from inventory.repo import assets as assets_repo


def add_switch(ws: Workspace, **attributes: object) -> None:
    assets.add_asset(
        ws,
        AssetDraft(
            tag="AMP-SW-001",
            category=Category.SWITCH,
            mgmt_address="127.0.0.1",
            attributes={"ports": "Fa0/1-8", **attributes},
        ),
    )
    assets.add_asset(ws, AssetDraft(tag="AMP-PC-0009", category=Category.LAPTOP))


def intended(ws: Workspace, *laptops: str) -> str:
    plan = switch.SwitchPlan("AMP-SW-001", laptops or ("AMP-PC-0009",))
    return switch.plan_config(ws, plan).text


def test_the_management_vlan_address_and_gateway_come_from_the_switch_attributes(
    sqlite_ws: Workspace,
) -> None:
    add_switch(
        sqlite_ws, mgmt_vlan="99", mgmt_ip="10.99.0.2/255.255.255.0", mgmt_gateway="10.99.0.1"
    )
    text = intended(sqlite_ws)
    assert "vlan 99\n name MGMT" in text
    assert "interface Vlan99" in text
    assert "ip address 10.99.0.2 255.255.255.0" in text
    assert "ip default-gateway 10.99.0.1" in text


def test_without_management_attributes_only_the_hostname_is_set(sqlite_ws: Workspace) -> None:
    add_switch(sqlite_ws)
    text = intended(sqlite_ws)
    assert "hostname AMP-SW-001" in text
    assert "interface Vlan" not in text
    assert "default-gateway" not in text


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ({"mgmt_vlan": "ninety-nine"}, "attribute mgmt_vlan 'ninety-nine': not a VLAN id"),
        ({"mgmt_vlan": 99, "mgmt_ip": "10.99.0.2"}, "mgmt_ip '10.99.0.2': needs its prefix"),
        ({"mgmt_vlan": 99, "mgmt_ip": "10.99.0/24"}, "not an IPv4 address with a prefix"),
        (
            {"mgmt_vlan": 99, "mgmt_ip": "10.99.0.2/24", "mgmt_gateway": "gw"},
            "mgmt_gateway 'gw': not an IPv4 address",
        ),
        ({"mgmt_ip": "10.99.0.2/24"}, "a management address needs a management VLAN"),
    ],
)
def test_bad_management_attributes_are_named(
    sqlite_ws: Workspace, attributes: dict[str, object], message: str
) -> None:
    add_switch(sqlite_ws, **attributes)
    with pytest.raises(ValidationError, match=message):
        intended(sqlite_ws)


def test_port_security_falls_back_to_the_macs_provisioning_read(sqlite_ws: Workspace) -> None:
    add_switch(sqlite_ws)
    assets.add_asset(sqlite_ws, AssetDraft(tag="AMP-PC-0001", category=Category.LAPTOP))
    assets.add_asset(
        sqlite_ws,
        AssetDraft(
            tag="AMP-PC-0002", category=Category.LAPTOP, mac_addresses=("02:00:00:00:00:02",)
        ),
    )
    with sqlite_ws.db.session(write=True) as s:  # as provisioning records them (facts)
        laptop = assets_repo.by_tag(s, "AMP-PC-0001")
        assert laptop is not None
        laptop.attributes = {"facts": {"mac_addresses": ["02:00:00:00:00:01"]}}
        s.add(laptop)
    text = intended(sqlite_ws, "AMP-PC-0001", "AMP-PC-0002")
    assert "switchport port-security mac-address 0200.0000.0001" in text
    assert "switchport port-security mac-address 0200.0000.0002" in text


def test_the_platform_is_the_switch_s_own_never_assumed(sqlite_ws: Workspace) -> None:
    add_switch(sqlite_ws, platform="dell_os6_unknown")
    with pytest.raises(ValidationError, match=r"platform: .*'dell_os6_unknown' is not supported"):
        intended(sqlite_ws)
    with sqlite_ws.db.session(write=True) as s:
        asset = assets_repo.by_tag(s, "AMP-SW-001")
        assert asset is not None
        asset.attributes = {**asset.attributes, "platform": "cisco_ios"}
        s.add(asset)
    assert "switchport access vlan 30" in intended(sqlite_ws)
