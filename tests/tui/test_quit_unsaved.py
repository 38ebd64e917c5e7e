"""Ctrl+Q asks before losing typed input a form has not recorded; a filter or an empty form
quits at once, and so does a form cleared because it was recorded."""

from __future__ import annotations

from textual.widgets import Input

from crisis.services import incidents
from crisis.services.workspace import Workspace
from tests.tui.helpers import answer, keys, settle
from tui.app import CrisisApp
from tui.unsaved import QuitWithUnsaved


async def test_a_filter_typed_quits_at_once(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*keys("sw-00"))  # the inventory filter: nothing to save
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def test_typed_input_asks_and_a_recorded_form_does_not(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press(*keys("Aubagne"))
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, QuitWithUnsaved)
        await answer(pilot, "Quit without saving?", "Town (name or INSEE code)", yes=False)
        assert app.return_code is None  # No: still running, the text kept
        assert app.screen.query_one("#town", Input).value == "Aubagne"

        for name, value in (("crisis", "CYBER-Q"), ("declarant", "Maire")):
            app.screen.query_one(f"#{name}", Input).focus()
            await pilot.press(*keys(value))
        app.screen.query_one("#declare").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert [c.reference for c in incidents.dashboard(demo_ws).crises] == ["CYBER-Q"]
        # Recorded: the form is cleared, nothing is lost by quitting.
        await pilot.press("f6")
        await settle(pilot)
        declaration = ("town", "crisis", "declarant", "description")
        assert [app.screen.query_one(f"#{n}", Input).value for n in declaration] == [""] * 4
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
