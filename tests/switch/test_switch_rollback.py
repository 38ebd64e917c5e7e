"""Rolling a switch back to a stored configuration, against the simulator."""

from __future__ import annotations

import pytest

from crisis.adapters import switch_ios
from crisis.adapters.switch_text import config_body
from crisis.errors import NotFoundError, PeerError
from crisis.lab.switch import SimSwitch
from crisis.services import journal, switch
from crisis.services.workspace import Workspace
from tests.integration.test_switch_service import (  # noqa: F401 (fixtures)
    creds,
    kit,
    pinned,
    plan_for,
    sim,
    simulator,
)

pytestmark = pytest.mark.lab
TAG = "AMP-SW-001"


def running(sw: SimSwitch) -> str:
    """The simulator's running configuration, read over SSH."""
    target = switch_ios.SwitchTarget(sw.host, sw.port, host_keys=(sw.host_key,))
    return switch_ios.backup(target, creds(sw)).text


def rollback(ws: Workspace, sw: SimSwitch, version: int | None = None) -> switch.SwitchOutcome:
    return switch.rollback_switch(
        ws, TAG, creds(sw), version=version, host=sw.host, ssh_port=sw.port
    )


def test_rollback_restores_the_backup_taken_before_the_apply(
    kit: Workspace,  # noqa: F811
    sim: SimSwitch,  # noqa: F811
) -> None:
    before = running(sim)
    switch.apply_switch(kit, plan_for(sim), creds(sim))
    assert config_body(running(sim)) != config_body(before)
    point = switch.rollback_point(kit, TAG)
    assert (point.version, point.kind, point.action) == (1, "backup", "switch.applied")

    out = rollback(kit, sim)

    assert out.state == "applied"
    assert out.saved
    assert any(line.strip().startswith("no description AMP-PC") for line in out.sent)
    assert config_body(running(sim)) == config_body(before)
    event = journal.recent_events(kit, 1)[0]
    assert event.action == "switch.rolled_back"
    assert event.after["restored_version"] == 1
    assert event.after["verified"] is True
    history = [(x.version, x.kind, x.action) for x in switch.switch_history(kit, TAG)]
    assert history == [
        (1, "backup", "switch.applied"),
        (2, "after", "switch.applied"),
        (3, "backup", "switch.rolled_back"),
        (4, "after", "switch.rolled_back"),
    ]
    # The default stays the backup before the latest apply: a second rollback sends nothing.
    again = rollback(kit, sim)
    assert (again.state, again.sent) == ("unchanged", ())
    # And the configuration after the apply can be put back by its version.
    assert rollback(kit, sim, version=2).state == "applied"
    assert switch.diff_switch(kit, plan_for(sim), creds(sim)) == "(no change)"
    assert journal.verify_journal(kit).ok


def test_a_missing_version_is_a_clear_error_and_nothing_is_sent(
    kit: Workspace,  # noqa: F811
    sim: SimSwitch,  # noqa: F811
) -> None:
    with pytest.raises(NotFoundError, match="no backup taken before an apply"):
        switch.rollback_point(kit, TAG)
    switch.apply_switch(kit, plan_for(sim), creds(sim))
    applied = running(sim)
    seq = journal.recent_events(kit, 1)[0].seq
    with pytest.raises(NotFoundError, match=f"{TAG} has no stored configuration version 9"):
        switch.rollback_point(kit, TAG, 9)
    with pytest.raises(NotFoundError, match="version 9"):
        rollback(kit, sim, version=9)
    assert running(sim) == applied
    assert journal.recent_events(kit, 1)[0].seq == seq
    assert [x.version for x in switch.switch_history(kit, TAG)] == [1, 2]


def test_a_rejected_rollback_line_is_undone_and_never_recorded_as_rolled_back(
    kit: Workspace,  # noqa: F811
) -> None:
    for sw in simulator(reject=r"no switchport port-security mac-address 0200\.0000\.0002"):
        pinned(kit, sw)
        switch.apply_switch(kit, plan_for(sw), creds(sw))
        applied = running(sw)
        with pytest.raises(PeerError, match="rolled back") as err:
            rollback(kit, sw)
        assert sw.password not in str(err.value)
        assert config_body(running(sw)) == config_body(applied)
    last = journal.recent_events(kit, 1)[0]
    assert last.action == "switch.apply_failed"
    assert last.after["operation"] == "switch.rolled_back"
    assert (last.after["state"], last.after["reason"]) == ("rolled_back", "rejected")
    assert all(e.action != "switch.rolled_back" for e in journal.recent_events(kit, 50))


def test_history_of_an_unknown_asset_is_refused(kit: Workspace) -> None:  # noqa: F811
    with pytest.raises(NotFoundError, match="NOPE"):
        switch.switch_history(kit, "NOPE")
    assert switch.switch_history(kit, TAG) == []
