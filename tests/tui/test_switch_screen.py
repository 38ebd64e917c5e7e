"""The switch screen (F10) driven with Pilot against the switch simulator: diff, apply after
confirmation, a declined confirmation, rollback, history, errors and the auditor."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, RichLog, Static
from textual.worker import WorkerFailed

from crisis.adapters.switch_text import config_body
from crisis.domain.secret_values import SecretKind, SecretRef
from crisis.lab.switch import SimSwitch
from crisis.services import host_keys, journal, switch, vault, vault_secrets
from crisis.services.demo_operators import seed_demo_operators
from crisis.services.workspace import VaultCredential, Workspace
from tests.integration.test_switch_service import pinned, simulator
from tests.switch.test_switch_rollback import running
from tests.tui.helpers import settle
from tests.tui.lifecycle import handed_over
from tui.app import CrisisApp
from tui.screens.switch import SwitchScreen
from tui.widgets.switch_confirm import ConfirmSwitchChange

pytestmark = pytest.mark.lab
PASSPHRASE = "une phrase de passe du labo"
#: The simulator is a 2960 with FastEthernet0/1-48 and GigabitEthernet0/1-2.
PORTS, UPLINK = "Fa0/1-8,Gi0/2", "Gi0/1"


@pytest.fixture
def sim() -> Iterator[SimSwitch]:
    yield from simulator()


def lend_switch(
    ws: Workspace, sw: SimSwitch, password: str = "", *, pin: bool = True
) -> switch.LoanSwitch:
    """A handed-over demo loan, its switch's credentials (or `password`) in the vault, its
    host key pinned (unless `pin` is False: a first contact)."""
    handed_over(ws)
    (lent,) = switch.loan_switches(ws)
    if pin:
        pinned(ws, sw, lent.switch_tag)
    vault.init_vault(ws, VaultCredential(passphrase=PASSPHRASE))
    secrets = (("password", password or sw.password, sw.username), ("enable", sw.secret, ""))
    for name, value, login in secrets:
        vault_secrets.store_secret(
            ws,
            SecretRef("switch", lent.switch_tag, name),
            kind=SecretKind.SWITCH,
            value=value,
            login=login,
        )
    return lent


async def settle_failure(pilot: Pilot[None]) -> None:
    """settle() once a worker expected to fail has failed (it re-raises while waiting)."""
    for worker in list(pilot.app.workers):
        with contextlib.suppress(WorkerFailed):
            await worker.wait()
    await settle(pilot)


def text_of(app: App[None], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_switch_screen(pilot: Pilot[None], host: str, port: int) -> SwitchScreen:
    """F10, the only lent switch picked, pointed at `host:port`, the vault unlocked."""
    await pilot.press("f10")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SwitchScreen)
    assert screen.picked is not None
    # Picking the only switch loads its plan: a message chain settle() may end before.
    for _ in range(100):
        if text_of(pilot.app, "#plan"):
            break
        await settle(pilot)
    assert "crisis VLAN 30 (CRISE), 5 ports for the laptops" in text_of(pilot.app, "#plan")
    for field, value in (("host", host), ("ssh-port", str(port)), ("ports", PORTS)):
        screen.query_one(f"#{field}", Input).value = value
    screen.query_one("#uplink", Input).value = UPLINK
    screen.query_one("#passphrase", Input).value = PASSPHRASE
    await pilot.click("#unlock")
    await settle(pilot)
    assert "Vault unlocked" in text_of(pilot.app, "#outcome")
    return screen


async def apply_with(pilot: Pilot[None], answer: str) -> None:
    """Press Apply; the confirmation opens with the diff; answer it (a key or a button)."""
    await pilot.click("#apply")
    await settle(pilot)
    modal = pilot.app.screen
    assert isinstance(modal, ConfirmSwitchChange)
    assert modal.diff is not None
    assert "description" in modal.diff
    if answer.startswith("#"):
        await pilot.click(answer)
    else:
        await pilot.press(answer)
    await settle(pilot)
    assert isinstance(pilot.app.screen, SwitchScreen)


async def test_diff_then_apply_after_confirmation_then_rollback(
    demo_ws: Workspace, sim: SimSwitch
) -> None:
    lent = lend_switch(demo_ws, sim)
    before = running(sim)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 60)) as pilot:
        await open_switch_screen(pilot, sim.host, sim.port)

        await pilot.click("#diff")
        await settle(pilot)
        shown = text_of(app, "#diff-lines")
        assert "interface FastEthernet0/1" in shown
        assert f"    + description {lent.laptops[0]}" in shown
        assert "+ switchport access vlan 30" in shown
        assert running(sim) == before  # a diff sends nothing
        plan = text_of(app, "#plan")  # the plan shown is the one compared
        assert "uplink GigabitEthernet0/1" in plan
        assert f"FastEthernet0/1 → {lent.laptops[0]}" in plan

        await apply_with(pilot, "#yes")
        outcome = text_of(app, "#outcome")
        assert f"Apply on {lent.switch_tag}: applied" in outcome
        assert "verified: yes, saved: yes" in outcome
        now = running(sim)
        for i, laptop in enumerate(lent.laptops, start=1):
            section = f"interface FastEthernet0/{i}\n description {laptop}\n"
            assert section in config_body(now)
        log = [line.text for line in app.screen.query_one("#switch-log", RichLog).lines]
        assert any(line.startswith("saved (write memory)") for line in log)

        await pilot.click("#rollback")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ConfirmSwitchChange)
        assert "configuration no. 1 back on" in modal.body
        await pilot.click("#yes")
        await settle(pilot)
        assert f"Rollback on {lent.switch_tag}: applied" in text_of(app, "#outcome")
        assert config_body(running(sim)) == config_body(before)
        history = app.screen.query_one("#snapshots", DataTable)
        assert [str(history.get_row_at(i)[4]) for i in range(history.row_count)] == [
            "switch.rolled_back",
            "switch.rolled_back",
            "switch.applied",
            "switch.applied",
        ]


async def test_declining_the_confirmation_sends_nothing(demo_ws: Workspace, sim: SimSwitch) -> None:
    lend_switch(demo_ws, sim)
    before = running(sim)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 60)) as pilot:
        await open_switch_screen(pilot, sim.host, sim.port)
        await apply_with(pilot, "enter")  # No has the focus: Enter declines
        assert text_of(app, "#outcome") == "Cancelled: nothing was sent."
        await apply_with(pilot, "escape")
        assert not app.screen.query_one("#apply", Button).disabled
    assert running(sim) == before
    actions = [e.action for e in journal.recent_events(demo_ws, 20)]
    assert "switch.diffed" in actions
    assert not any(a in ("switch.applied", "switch.apply_failed") for a in actions)


async def test_an_unreachable_switch_is_a_clear_error(demo_ws: Workspace, sim: SimSwitch) -> None:
    lend_switch(demo_ws, sim)
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 60)) as pilot:
        await open_switch_screen(pilot, "127.0.0.1", closed)
        await pilot.click("#diff")
        await settle_failure(pilot)
        assert f"switch 127.0.0.1:{closed}: no SSH server reachable" in app.last_error
        assert app.last_error in text_of(app, "#problem")
        assert not app.screen.query_one("#diff", Button).disabled  # ready to try again


async def test_a_rejected_command_shows_the_automatic_rollback_and_its_reason(
    demo_ws: Workspace,
) -> None:
    for sw in simulator(reject=r"switchport port-security violation restrict"):
        lend_switch(demo_ws, sw)
        before = running(sw)
        app = CrisisApp(demo_ws.url, "tester", lang="en")
        async with app.run_test(size=(160, 60)) as pilot:
            await open_switch_screen(pilot, sw.host, sw.port)
            await pilot.click("#apply")
            await settle(pilot)
            await pilot.click("#yes")
            await settle_failure(pilot)
            problem = text_of(app, "#problem")
            assert "the switch rejected 'switchport port-security violation restrict'" in problem
            assert "rolled back: running configuration equals the backup" in problem
            log = [line.text for line in app.screen.query_one("#switch-log", RichLog).lines]
            assert any(line.startswith("FAILED: the switch rejected") for line in log)
            assert not app.screen.query_one("#apply", Button).disabled
        assert config_body(running(sw)) == config_body(before)


async def test_wrong_credentials_are_a_clear_error(demo_ws: Workspace, sim: SimSwitch) -> None:
    lend_switch(demo_ws, sim, password="not-the-password")
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 60)) as pilot:
        await open_switch_screen(pilot, sim.host, sim.port)
        await pilot.click("#apply")
        await settle_failure(pilot)
        assert isinstance(app.screen, SwitchScreen)  # nothing to confirm
        assert f"SSH login refused for user {sim.username!r}" in text_of(app, "#problem")
        assert "not-the-password" not in app.last_error
    assert "switch.applied" not in [e.action for e in journal.recent_events(demo_ws, 20)]


async def test_rollback_without_an_apply_says_there_is_nothing_to_restore(
    demo_ws: Workspace, sim: SimSwitch
) -> None:
    lent = lend_switch(demo_ws, sim)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 60)) as pilot:
        await open_switch_screen(pilot, sim.host, sim.port)
        await pilot.click("#rollback")
        await settle_failure(pilot)
        assert isinstance(app.screen, SwitchScreen)  # no confirmation for nothing
        assert f"switch {lent.switch_tag} has no backup" in text_of(app, "#problem")
        await pilot.click("#history")
        await settle(pilot)
        assert text_of(app, "#outcome") == f"No stored configuration for {lent.switch_tag}."


async def test_an_auditor_cannot_change_the_switch(demo_ws: Workspace) -> None:
    seed_demo_operators(demo_ws)  # Nadia Blanc is an auditor
    handed_over(demo_ws)
    app = CrisisApp(demo_ws.url, "Nadia Blanc", lang="fr")
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.press("f10")
        await settle(pilot)
        assert app.read_only
        for selector in ("#diff", "#apply", "#rollback", "#unlock", "#passphrase"):
            assert app.screen.query_one(selector).disabled, selector
        assert not app.screen.query_one("#history", Button).disabled
        for _ in range(100):  # the plan of the only switch, picked for the auditor to read
            if text_of(app, "#plan"):
                break
            await settle(pilot)
        assert "VLAN de crise 30" in text_of(app, "#plan")


async def test_first_contact_asks_to_confirm_the_fingerprint_before_anything_is_sent(
    demo_ws: Workspace, sim: SimSwitch
) -> None:
    lent = lend_switch(demo_ws, sim, pin=False)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 60)) as pilot:
        await open_switch_screen(pilot, sim.host, sim.port)
        await pilot.click("#diff")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ConfirmSwitchChange)
        assert sim.host_key.fingerprint in modal.body
        assert sim.login_attempts() == 0  # nothing sent before the operator's answer
        await pilot.press("escape")  # declined: nothing pinned
        await settle(pilot)
        assert host_keys.show_host_keys(demo_ws, lent.switch_tag) == ()

        await pilot.click("#diff")
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert sim.host_key.fingerprint in text_of(app, "#outcome")
        (key,) = host_keys.show_host_keys(demo_ws, lent.switch_tag)
        assert key.fingerprint == sim.host_key.fingerprint
        assert journal.recent_events(demo_ws, 1)[0].action == "asset.host_key_pinned"

        await pilot.click("#diff")
        await settle(pilot)
        assert "interface FastEthernet0/1" in text_of(app, "#diff-lines")
        assert sim.login_attempts() == 1
