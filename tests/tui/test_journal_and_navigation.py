"""Journal screen, screen switching, help and language, driven with Pilot."""

from __future__ import annotations

import sqlite3

from textual.widgets import DataTable, Static

from crisis.services.workspace import Workspace
from tests.tui.helpers import settle
from tui.app import CrisisApp
from tui.screens.help import HelpScreen
from tui.screens.journal import JournalScreen


async def test_journal_lists_events_and_verifies_the_chain(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        table = app.screen.query_one("#events", DataTable)
        assert table.row_count == 14  # the demo's events
        assert str(table.get_row_at(0)[3]) == "assets imported"  # newest first
        await pilot.press("v")
        await settle(pilot)
        verdict = app.screen.query_one("#verdict", Static)
        assert str(verdict.render()).startswith("Journal intact: 14 events")


async def test_an_altered_journal_is_shown_as_such(demo_ws: Workspace) -> None:
    path = demo_ws.db.url.removeprefix("sqlite:///")
    demo_ws.db.dispose()
    with sqlite3.connect(path) as c:
        c.execute("DROP TRIGGER journal_event_no_update")
        c.execute("UPDATE journal_event SET operator = 'mallory' WHERE seq = 2")
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        text = str(app.screen.query_one("#verdict", Static).render())
        assert text.startswith("JOURNAL ALTÉRÉ")
        assert "event 2 altered" in text


async def test_help_and_language_switch(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "Inventaire" in str(app.screen.query(Static).first().render())
        await pilot.press("escape")
        app.action_toggle_language()
        await settle(pilot)
        assert app.lang == "en"
        table = app.screen.query_one("#assets", DataTable)
        assert [str(c.label) for c in table.columns.values()][:2] == ["Tag", "Category"]


async def test_dashboard_shows_stock_loans_and_clocks(demo_ws: Workspace) -> None:
    from crisis.services import incidents, loans
    from crisis.services.incidents import Channel, Severity

    loans.declare_crisis(demo_ws, "13005", "CYBER-9", "Maire")
    ref = loans.open_loan(demo_ws, "CYBER-9", "07-2024-06", "Kit continuité 5 postes").reference
    loans.assemble(demo_ws, ref)
    incidents.report_breakdown(
        demo_ws, "CYBER-9", declarant="DSI", channel=Channel.TICKET, severity=Severity.MAJOR,
        description="panne",
    )  # fmt: skip
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        text = str(app.screen.query_one("#board", Static).render())
        towns = str(app.screen.query_one("#towns", Static).render())
        assert "Commune d'Aubagne\n  PRET-2026-0001 ●●○○○○○○ réservé (étape 2/8)" in towns
        assert "Commutateur 9" in text
        assert "Intervention — breakdown 1, crisis CYBER-9" in text


async def test_footer_labels_follow_the_language(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)

        def labels() -> dict[str, str]:
            active = app.screen.active_bindings
            return {k: active[k].binding.description for k in ("f2", "f5", "slash", "ctrl+q")}

        assert labels() == {
            "f2": "Inventaire", "f5": "Actualiser", "slash": "Filtrer", "ctrl+q": "Quitter"
        }  # fmt: skip
        app.action_toggle_language()
        await settle(pilot)
        assert labels() == {"f2": "Inventory", "f5": "Refresh", "slash": "Filter", "ctrl+q": "Quit"}
        await pilot.press("f1")
        assert app.screen.active_bindings["escape"].binding.description == "Close"
