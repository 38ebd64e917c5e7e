"""The inventory screen, driven with Textual's Pilot over a copy of the demo inventory."""

from __future__ import annotations

import contextlib

from textual.widgets import DataTable, Static
from textual.worker import WorkerFailed

from crisis.services.assets import list_assets
from crisis.services.workspace import Workspace
from tests.tui.helpers import keys, settle
from tui.app import CrisisApp
from tui.widgets.asset_detail import AssetDetailPanel


def rows(app: CrisisApp) -> list[list[str]]:
    table = app.screen.query_one("#assets", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_filter_as_you_type_narrows_the_table(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        everything = len(rows(app))
        assert everything == 100  # one page; the count says how many match
        total = list_assets(demo_ws, limit=1).total
        count = app.screen.query_one("#count", Static)
        assert f"100 affichés sur {total}" in str(count.render())  # counted after the page
        assert app.focused is not None
        assert app.focused.id == "filter"  # the responder can type right away
        await pilot.press(*keys("sw-00"))
        await settle(pilot)
        found = rows(app)
        assert [r[0] for r in found] == [f"AMP-SW-00{i}" for i in range(1, 10)]
        assert all(r[1] == "Commutateur" for r in found)  # French labels by default
        assert "9 affichés sur 9" in str(count.render())


async def test_highlighting_a_row_shows_its_detail_and_history(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*keys("AMP-TEL-0003"), "enter")
        await settle(pilot)
        assert app.focused is not None
        assert app.focused.id == "assets"
        await pilot.press("slash")
        assert app.focused.id == "filter"
        detail = str(app.screen.query_one(AssetDetailPanel).render())
        assert "AMP-TEL-0003" in detail
        assert "IMEI" in detail
        assert "assets imported" in detail


async def test_no_match_says_so(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*keys("zzzz-nothing"))
        await settle(pilot)
        assert rows(app) == []
        assert "No asset matches." in str(app.screen.query_one("#count", Static).render())


async def test_a_failing_worker_is_shown_in_one_place() -> None:
    app = CrisisApp("postgresql+psycopg://nobody:s3cret@127.0.0.1:1/none", "tester", lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        with contextlib.suppress(WorkerFailed):  # may already be over and reported
            await settle(pilot)
        for _ in range(50):  # the worker's failure reaches the app as a message
            if app.last_error:
                break
            await pilot.pause()
        assert app.last_error.startswith("cannot open the inventory database")
        assert "127.0.0.1:1" in app.last_error
        assert "s3cret" not in app.last_error
