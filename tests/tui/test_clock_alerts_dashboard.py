"""The TUI dashboard shows a clock alert that could not be e-mailed (issue 14)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.agreements.test_clock_alerts_cli import db, unsent
from tests.cli.test_cli import crisis
from tests.tui.helpers import settle
from tui.app import CrisisApp

__all__ = ["db", "unsent"]  # the fixtures this module uses


async def test_the_tui_dashboard_shows_the_alert_not_sent(unsent: Path) -> None:
    assert crisis(unsent, "clocks", "watch", "--once")[0] == 3
    app = CrisisApp(str(unsent), "tester", lang="en")
    async with app.run_test(size=(220, 80)) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        shown = str(app.screen.query_one("#board", Static).render())
    line = next(x for x in shown.splitlines() if x.startswith("ALERT NOT SENT"))
    assert "clock 1 (Loss/theft declaration, CYBER-9, three quarters)" in line
    assert "to the lender's correspondent astreinte@ampmetropole.fr" in line
