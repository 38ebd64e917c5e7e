"""The switch service end to end: inventory → intended config → simulator → journal."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import select

from crisis.adapters.switch_ios import SwitchCredentials
from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import Category
from crisis.errors import PeerError
from crisis.lab.switch import LabError, SimSwitch, running_switch
from crisis.services import assets, host_keys, journal, switch
from crisis.services.workspace import Workspace
from inventory.tables import SwitchSnapshot
from tests.lab import need

pytestmark = pytest.mark.lab


@pytest.fixture
def kit(sqlite_ws: Workspace) -> Workspace:
    """A switch with its port layout and three laptops with recorded MACs."""
    assets.add_asset(
        sqlite_ws,
        AssetDraft(
            tag="AMP-SW-001",
            category=Category.SWITCH,
            mgmt_address="127.0.0.1",
            attributes={"ports": "Fa0/1-8,Gi0/2", "uplink": "Gi0/1"},
        ),
    )
    for i in range(1, 4):
        assets.add_asset(
            sqlite_ws,
            AssetDraft(
                tag=f"AMP-PC-000{i}",
                category=Category.LAPTOP,
                mac_addresses=(f"02:00:00:00:00:0{i}",),
            ),
        )
    return sqlite_ws


def simulator(**kwargs: object) -> Iterator[SimSwitch]:
    try:
        import fake_switches  # noqa: F401
    except ImportError:
        need(False, "fake-switches and twisted (uv sync --group dev)")
    try:
        with running_switch(**kwargs) as sw:  # type: ignore[arg-type]
            yield sw
    except LabError as exc:
        need(False, f"switch simulator: {exc}")


def pinned(ws: Workspace, sw: SimSwitch, tag: str = "AMP-SW-001") -> SimSwitch:
    """The simulator's host key pinned for the switch, as the lender records it."""
    host_keys.pin_host_key(ws, tag, sw.host_key.line, replace=True)
    return sw


@pytest.fixture
def sim(kit: Workspace) -> Iterator[SimSwitch]:
    for sw in simulator():
        yield pinned(kit, sw)


def plan_for(sw: SimSwitch) -> switch.SwitchPlan:
    return switch.SwitchPlan(
        "AMP-SW-001", ("AMP-PC-0001", "AMP-PC-0002", "AMP-PC-0003"), host=sw.host, ssh_port=sw.port
    )


def creds(sw: SimSwitch) -> SwitchCredentials:
    return SwitchCredentials(sw.username, sw.password, sw.secret)


def snapshots(ws: Workspace) -> list[tuple[int, str]]:
    with ws.db.session() as s:
        return [(x.version, x.kind) for x in s.scalars(select(SwitchSnapshot)).all()]


def test_plan_uses_inventory_tags_and_macs(kit: Workspace) -> None:
    text = switch.plan_config(kit, switch.SwitchPlan("AMP-SW-001", ("AMP-PC-0002",))).text
    assert "description AMP-PC-0002" in text
    assert "switchport port-security mac-address 0200.0000.0002" in text
    assert "interface GigabitEthernet0/1" in text  # the uplink


def test_apply_is_journaled_with_backup_and_result_then_idempotent(
    kit: Workspace, sim: SimSwitch
) -> None:
    out = switch.apply_switch(kit, plan_for(sim), creds(sim))
    assert out.state == "applied"
    assert out.saved
    assert any("description AMP-PC-0003" in line for line in out.sent)
    assert snapshots(kit) == [(1, "backup"), (2, "after")]
    again = switch.apply_switch(kit, plan_for(sim), creds(sim))
    assert (again.state, again.sent) == ("unchanged", ())
    events = [e.action for e in journal.recent_events(kit, 3)]
    assert events[:2] == ["switch.applied", "switch.applied"]
    assert journal.verify_journal(kit).ok


def test_a_rejected_command_is_journaled_as_failed_never_as_applied(kit: Workspace) -> None:
    for sw in simulator(reject=r"port-security mac-address 0200\.0000\.0002"):
        pinned(kit, sw)
        with pytest.raises(PeerError, match="rolled back") as err:
            switch.apply_switch(kit, plan_for(sw), creds(sw))
        assert sw.password not in str(err.value)
    last = journal.recent_events(kit, 1)[0]
    assert last.action == "switch.apply_failed"
    assert last.after["state"] == "rolled_back"
    assert last.after["reason"] == "rejected"
    assert all(e.action != "switch.applied" for e in journal.recent_events(kit, 50))
    assert snapshots(kit) == [(1, "backup")]


def test_reset_returns_the_switch_to_its_baseline(kit: Workspace, sim: SimSwitch) -> None:
    switch.apply_switch(kit, plan_for(sim), creds(sim))
    out = switch.reset_switch(kit, "AMP-SW-001", creds(sim), host=sim.host, ssh_port=sim.port)
    assert out.state == "applied"
    assert not any(line.strip().startswith("description AMP-PC") for line in out.sent)
    assert any(line.strip().startswith("no description AMP-PC") for line in out.sent)
    assert journal.recent_events(kit, 1)[0].action == "switch.reset"
    diff = switch.diff_switch(kit, plan_for(sim), creds(sim))
    assert "description AMP-PC-0001" in diff  # the kit configuration is gone again


def test_credentials_come_from_the_vault_and_never_reach_the_journal(
    kit: Workspace, sim: SimSwitch
) -> None:
    from crisis.domain.secret_values import SecretKind, SecretRef
    from crisis.services import vault, vault_secrets
    from crisis.services.workspace import VaultCredential

    vault.init_vault(kit, VaultCredential(passphrase="une phrase de passe du labo"))
    vault_secrets.store_secret(
        kit, SecretRef("switch", "AMP-SW-001", "password"), kind=SecretKind.SWITCH,
        value=sim.password, login=sim.username,
    )  # fmt: skip
    vault_secrets.store_secret(
        kit, SecretRef("switch", "AMP-SW-001", "enable"), kind=SecretKind.SWITCH, value=sim.secret
    )
    creds = switch.vault_credentials(kit, "AMP-SW-001", purpose="test apply")
    assert switch.apply_switch(kit, plan_for(sim), creds).state == "applied"
    events = journal.recent_events(kit, 100)
    assert [e.after["purpose"] for e in events if e.action == "secret.revealed"] == [
        "test apply"
    ] * 2
    dump = repr([e.to_json() for e in events])
    assert sim.password not in dump
    assert sim.secret not in dump
