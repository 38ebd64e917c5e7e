"""The activation wizard's town field: a town is found by its short name, with suggestions
as one types, and what the text names (or the several it could name) shown under it."""

from __future__ import annotations

from textual.widgets import Input

from crisis.services import incidents
from crisis.services.workspace import Workspace
from tests.tui.helpers import keys, settle
from tui.app import CrisisApp
from tui.widgets.town_picker import TownInput


async def test_aubagne_by_its_short_name_with_suggestions(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        town = app.screen.query_one("#town", TownInput)
        assert app.focused is town

        await pilot.press(*keys("aub"))
        await settle(pilot)
        assert town._suggestion == "Aubagne"  # Textual has no public reading of it
        assert town.border_subtitle == "→ Commune d'Aubagne (13005)"
        await pilot.press("right")  # accepts the suggestion
        assert town.value == "Aubagne"

        town.value = ""
        await pilot.press(*keys("ciotat"))
        await settle(pilot)
        assert town.border_subtitle == "→ Commune de La Ciotat (13028)"
        town.value = ""
        await pilot.press(*keys("Commune"))
        await settle(pilot)
        assert str(town.border_subtitle).startswith("several towns: Aubagne (13005), ")
        town.value = ""
        await pilot.press(*keys("Paris"))
        await settle(pilot)
        assert town.border_subtitle == "no town answers to 'Paris'"

        town.value = "Vitrolles"
        for name, value in (("crisis", "CYBER-V"), ("declarant", "DGS")):
            app.screen.query_one(f"#{name}", Input).value = value
        app.screen.query_one("#declare").focus()
        await pilot.press("enter")
        await settle(pilot)
        (crisis,) = incidents.dashboard(demo_ws).crises
        assert (crisis.reference, crisis.town) == ("CYBER-V", "Commune de Vitrolles")
