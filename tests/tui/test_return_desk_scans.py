"""The return desk's scan field under a real scanner's burst, its confirmations and undo."""

from __future__ import annotations

import time

import pytest
from textual import events
from textual.widgets import Select, Static

from crisis.domain.assets import AssetState, Condition
from crisis.domain.restitution import ReturnReport
from crisis.services import assets, loans
from crisis.services.workspace import Workspace
from tests.tui.helpers import keys, settle
from tests.tui.lifecycle import handed_over
from tui.app import CrisisApp
from tui.screens.restitution import RestitutionScreen

NAMED = {"minus": "-", "enter": "\r"}


def burst(app: CrisisApp, tags: list[str]) -> None:
    """What a barcode scanner does to a terminal: every key of tag+Enter, twenty times over,
    handed to the app at once (nothing waits for the app to handle any of them)."""
    driver = app._driver
    assert driver is not None
    for tag in tags:
        for key in [*keys(tag), "enter"]:
            event = events.Key(key, NAMED.get(key, key))
            event.set_sender(app)
            driver.send_message(event)


def text(app: CrisisApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_twenty_scans_in_one_burst_on_a_slow_database_are_twenty_scans(
    demo_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    loan = handed_over(demo_ws)
    items = sorted(loan.items)
    tags = (items + items)[:20]  # a few scanned twice, as happens at a desk
    recorded: list[str] = []
    real = loans.scan_return

    def slow(
        ws: Workspace, ln: str, tag: str, condition: Condition, **confirm: bool
    ) -> ReturnReport:
        time.sleep(0.05)  # a database under load: slower than the scanner types
        recorded.append(tag)
        return real(ws, ln, tag, condition, **confirm)

    monkeypatch.setattr(loans, "scan_return", slow)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RestitutionScreen)
        burst(app, tags)
        await settle(pilot)
        assert recorded == tags
        assert screen.scans_sent == screen.scans_done == 20
        assert text(app, "#problem") == ""
        assert text(app, "#pane-returned").startswith(f"Returned ({len(items)})")
        assert text(app, "#pane-unexpected") == "Unexpected (0)"
    report = loans.return_report(demo_ws, loan.reference)
    assert sorted((d.tag, d.count) for d in report.duplicates) == [(t, 2) for t in tags[16:]]


async def test_a_device_not_lent_waits_for_a_confirmation_and_a_scan_is_undone(
    demo_ws: Workspace,
) -> None:
    loan = handed_over(demo_ws)
    other = handed_over(demo_ws, "CYBER-2")
    items = sorted(loan.items)
    stray = sorted(other.items)[-1]
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        # Two loans are returnable: pick this one.
        screen = app.screen
        assert isinstance(screen, RestitutionScreen)
        screen.query_one("#loan", Select).value = loan.reference
        await settle(pilot)
        screen.query_one("#scan").focus()
        burst(app, [*items, stray])
        await settle(pilot)
        assert f"Not on this loan: {stray}" in text(app, "#pending")
        assert assets.get_asset(demo_ws, stray).state is AssetState.ON_LOAN
        assert text(app, "#pane-unexpected") == "Unexpected (0)"
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert text(app, "#pending") == ""
        assert text(app, "#pane-unexpected") == f"Unexpected (1)\n{stray}"
        assert assets.get_asset(demo_ws, stray).state is AssetState.QUARANTINE

        await pilot.press("ctrl+z")  # the last scan recorded: the stray
        await settle(pilot)
        assert f"Scan withdrawn: {stray}" in text(app, "#last")
        assert text(app, "#pane-unexpected") == "Unexpected (0)"
        assert assets.get_asset(demo_ws, stray).state is AssetState.ON_LOAN
        await pilot.press(*keys(items[0]), "ctrl+z")  # a tag typed, then withdrawn
        await settle(pilot)
        assert text(app, "#pane-missing") == f"Missing (1)\n{items[0]}"
        assert assets.get_asset(demo_ws, items[0]).state is AssetState.ON_LOAN
