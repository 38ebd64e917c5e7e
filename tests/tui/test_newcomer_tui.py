"""What a newcomer meets first in the TUI: Ctrl+P opens the command palette (as F1 and the
README say), one toast per error, and every time shown in Paris time with its zone."""

from __future__ import annotations

import re
from typing import Any

from textual.command import CommandPalette
from textual.widgets import DataTable

from crisis.services import incidents, loans
from crisis.services.workspace import Workspace
from tests.tui.helpers import keys, settle
from tui.app import CrisisApp

#: A time as every screen shows it (crisis.l10n, Babel): the date, the time, then the zone.
SHOWN = re.compile(r"\d{4}, \d{1,2}:\d\d(:\d\d)?(\s?[AP]M)? \((Paris time|heure de Paris)\)$")


async def test_ctrl_p_opens_the_command_palette(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for screen in ("f2", "f3", "f4", "f8", "f10"):
            await pilot.press(screen)
            await settle(pilot)
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette), screen
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, CommandPalette)


def _count_errors(app: CrisisApp) -> list[str]:
    shown: list[str] = []
    notify = app.notify

    def counting(message: str, **kwargs: Any) -> None:
        if kwargs.get("severity") == "error":
            shown.append(message)
        notify(message, **kwargs)

    app.notify = counting  # type: ignore[method-assign]
    return shown


async def test_each_error_is_shown_once(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        shown = _count_errors(app)
        for screen in ("f9", "f10"):  # both report a locked vault from a worker
            await pilot.press(screen)
            await settle(pilot)
            before = len(shown)
            await pilot.click("#passphrase")
            await pilot.press(*keys("wrong"))
            await pilot.click("#unlock")
            await settle(pilot)
            assert len(shown) == before + 1, (screen, shown[before:])
            assert "vault" in shown[-1].lower()


async def test_every_screen_shows_paris_time_with_its_zone(demo_ws: Workspace) -> None:
    loans.declare_crisis(demo_ws, "13005", "CYBER-TZ", "Maire")
    incidents.report_breakdown(
        demo_ws,
        "CYBER-TZ",
        declarant="DSI",
        channel=incidents.Channel.PHONE,
        severity=incidents.Severity.MAJOR,
        description="poste bloqué",
    )
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f8")
        await settle(pilot)
        clocks = app.screen.query_one("#clocks", DataTable)
        assert clocks.row_count >= 1
        due = str(clocks.get_row_at(0)[4])
        assert SHOWN.search(due), due
        await pilot.press("f3")
        await settle(pilot)
        events = app.screen.query_one("#events", DataTable)
        at = str(events.get_row_at(0)[1])
        assert SHOWN.search(at), at
