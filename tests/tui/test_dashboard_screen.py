"""The dashboard: open crises with or without a loan, notice deadlines, and a refresh every
minute (made faster here) that turns a clock overdue without a key pressed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from crisis.l10n import format_date
from crisis.services import incidents, loans
from crisis.services.incidents import Channel, Severity
from crisis.services.workspace import Workspace
from inventory.tables import SlaClock
from tests.tui.helpers import settle
from tests.tui.lifecycle import AGREEMENT, TEMPLATE, TOWN
from tui.app import CrisisApp
from tui.screens import dashboard


def board(app: CrisisApp) -> str:
    return str(app.screen.query_one("#board", Static).render())


def move_due(ws: Workspace, clock_id: int, due: datetime) -> None:
    """Test set-up: time passes for one clock (its due time moves, the same as the clock)."""
    with ws.db.session(write=True) as s:
        row = s.get(SlaClock, clock_id)
        assert row is not None
        row.due_at = due
        s.add(row)


async def until(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    """Let the app run until `done`, bounded (no key pressed meanwhile)."""
    for _ in range(400):
        await pilot.pause()
        if done():
            return
    raise AssertionError("never happened")


async def test_crises_without_a_loan_notices_and_clocks_overdue_by_themselves(
    demo_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dashboard, "REFRESH_EVERY", 0.2)
    loans.declare_crisis(demo_ws, TOWN, "CYBER-NOLOAN", "Maire")
    loans.declare_crisis(demo_ws, TOWN, "CYBER-LOAN", "Maire")
    ref = loans.open_loan(demo_ws, "CYBER-LOAN", AGREEMENT, TEMPLATE).reference
    (clock,) = incidents.report_breakdown(
        demo_ws,
        "CYBER-NOLOAN",
        declarant="Claire Martin, DSI",
        channel=Channel.PHONE,
        severity=Severity.BLOCKING,
        description="serveur de fichiers chiffré",
    ).clocks
    move_due(demo_ws, clock.id, datetime.now(UTC) + timedelta(hours=1))
    notice = next(n for n in incidents.dashboard(demo_ws).notices if n.agreement == AGREEMENT)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        shown = board(app)
        assert "CYBER-NOLOAN — Commune d'Aubagne — declared " in shown
        assert shown.split("CYBER-NOLOAN")[1].split("\n")[0].endswith(" — no loan yet")
        assert "CYBER-LOAN — Commune d'Aubagne — declared " in shown
        assert shown.split("CYBER-LOAN")[1].split("\n")[0].endswith(" — 1 loan")
        towns = str(app.screen.query_one("#towns", Static).render())
        assert f"Commune d'Aubagne\n  {ref} ●○○○○○○○ declared (step 1 of 8)" in towns
        assert "Notice: last day to stop the renewal" in shown
        deadline = format_date(notice.deadline, "en")
        assert f"{AGREEMENT} — Commune d'Aubagne — by {deadline} — " in shown
        assert "DL.2024-17" not in shown.split("Notice:")[1]  # expired: nothing to stop
        line = next(x for x in shown.splitlines() if x.startswith("Intervention"))
        assert line.endswith(" — due soon")

        # Time passes: the clock falls due; the screen shows it with no key pressed.
        move_due(demo_ws, clock.id, datetime.now(UTC) - timedelta(minutes=1))
        await until(pilot, lambda: "Intervention" in board(app) and " — OVERDUE" in board(app))
        assert isinstance(app.screen, dashboard.DashboardScreen)
