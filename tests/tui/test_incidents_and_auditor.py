"""Incidents and their clocks, and the auditor's read-only mode, driven with Pilot."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, Static

from crisis.services import incidents
from crisis.services.demo_operators import seed_demo_operators
from crisis.services.workspace import Workspace
from tests.tui.helpers import keys, settle
from tests.tui.lifecycle import handed_over
from tui.app import CrisisApp
from tui.screens.incidents import IncidentsScreen


async def type_into(pilot: Pilot[None], field: str, text: str) -> None:
    await pilot.click(f"#{field}")
    await pilot.press(*keys(text))


def clock_rows(app: CrisisApp) -> list[list[str]]:
    table = app.screen.query_one("#clocks", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_report_a_breakdown_then_a_theft_and_stop_a_clock(demo_ws: Workspace) -> None:
    loan = handed_over(demo_ws)
    stolen = sorted(loan.items)[0]
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, IncidentsScreen)
        assert clock_rows(app) == []
        await type_into(pilot, "crisis", "CYBER-1")
        await type_into(pilot, "declarant", "DGS Aubagne")
        await type_into(pilot, "description", "ecran casse")
        await pilot.click("#report")
        await settle(pilot)
        assert "Incident 1 (Panne) enregistré — Intervention" in str(
            app.screen.query_one("#reported", Static).render()
        )
        assert [r[2] for r in clock_rows(app)] == ["Intervention"]
        # Recorded: the form is empty again for the next report.
        for name in ("crisis", "declarant", "description", "assets"):
            assert app.screen.query_one(f"#{name}", Input).value == ""

        # A theft of one item, personal data exposed: declaration, breach and insurer clocks.
        app.screen.query_one("#kind").value = "theft"  # type: ignore[attr-defined]
        await type_into(pilot, "crisis", "CYBER-1")
        await type_into(pilot, "declarant", "DGS Aubagne")
        await type_into(pilot, "description", "ordinateur vole")
        await type_into(pilot, "assets", stolen)
        await pilot.click("#personal")
        await pilot.click("#report")
        await settle(pilot)
        kinds = sorted(r[2] for r in clock_rows(app))
        assert kinds == sorted(
            [
                "Intervention",
                "Déclaration perte/vol",
                "Violation de données (72 h)",
                "Déclaration à l'assureur",
            ]
        )
        assert all(r[5] == "en cours" for r in clock_rows(app))

        # Stop the highlighted clock: it stays listed as met.
        first = clock_rows(app)[0][0]
        await pilot.click("#clocks")
        await pilot.click("#stop")
        await settle(pilot)
        rows = {r[0]: r for r in clock_rows(app)}
        assert rows[first][5] == "respecté"
    assert incidents.clock_board(demo_ws, include_stopped=True)[-1].status == "met"


async def test_a_loss_without_equipment_is_refused_visibly(demo_ws: Workspace) -> None:
    handed_over(demo_ws)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f8")
        await settle(pilot)
        app.screen.query_one("#kind").value = "loss"  # type: ignore[attr-defined]
        await type_into(pilot, "crisis", "CYBER-1")
        await type_into(pilot, "declarant", "DGS")
        await type_into(pilot, "description", "lost")
        await pilot.click("#report")
        await settle(pilot)
        problem = str(app.screen.query_one("#problem", Static).render())
        assert "name the lost or stolen equipment" in problem
        assert clock_rows(app) == []


async def test_an_auditor_sees_read_only_and_cannot_change_anything(demo_ws: Workspace) -> None:
    seed_demo_operators(demo_ws)  # tester is admin; Nadia Blanc is an auditor
    handed_over(demo_ws)
    app = CrisisApp(demo_ws.url, "Nadia Blanc", lang="fr")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert app.read_only
        assert app.sub_title == "Nadia Blanc — LECTURE SEULE"
        for key, changing in (
            ("f6", ["#declare", "#town", "#assemble", "#handover"]),
            ("f7", ["#scan", "#finish", "#sign-lender"]),
            ("f8", ["#report", "#stop", "#crisis"]),
        ):
            await pilot.press(key)
            await settle(pilot)
            for selector in changing:
                assert app.screen.query_one(selector).disabled, selector
        # Reading still works: the inventory and the journal are there.
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen.query_one("#assets", DataTable).row_count == 100
        assert not app.screen.query_one("#filter", Input).disabled


async def test_a_refused_change_is_shown_when_it_gets_through(demo_ws: Workspace) -> None:
    """Even if a button were enabled, the service refuses and the refusal is shown."""
    seed_demo_operators(demo_ws)
    app = CrisisApp(demo_ws.url, "Nadia Blanc", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        button = app.screen.query_one("#declare", Button)
        button.disabled = False
        button.press()
        await settle(pilot)
        assert "auditors are read-only" in app.last_error
        assert "auditors are read-only" in str(app.screen.query_one("#problem", Static).render())
