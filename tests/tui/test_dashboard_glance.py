"""The dashboard at a glance: a running clock is a bar of its time left, coloured as its
deadline nears; each kit template shows the kits the ready stock makes and what one more
lacks; the loans in progress are grouped by town with their stage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.content import Content
from textual.widgets import Static

from crisis.services import glance, incidents, loans
from crisis.services.incidents import Channel, Severity
from crisis.services.workspace import Workspace
from inventory.tables import SlaClock
from tests.tui.helpers import settle
from tests.tui.lifecycle import AGREEMENT, TEMPLATE, TOWN
from tui.app import CrisisApp


def shown(app: CrisisApp, selector: str) -> Content:
    rendered = app.screen.query_one(selector, Static).render()
    assert isinstance(rendered, Content)
    return rendered


def styles(text: Content, start: int, end: int) -> set[str]:
    """The styles of the spans within text[start:end]."""
    return {str(s.style) for s in text.spans if s.start >= start and s.end <= end}


def set_clock(ws: Workspace, clock_id: int, started: datetime, due: datetime) -> None:
    """Test set-up: the clock started and falls due at these instants."""
    with ws.db.session(write=True) as s:
        row = s.get(SlaClock, clock_id)
        assert row is not None
        row.started_at, row.due_at = started, due
        s.add(row)


async def test_clock_bars_kits_and_loans_per_town(demo_ws: Workspace) -> None:
    loans.declare_crisis(demo_ws, TOWN, "CYBER-A", "Maire")
    ref = loans.open_loan(demo_ws, "CYBER-A", AGREEMENT, TEMPLATE).reference
    loans.assemble(demo_ws, ref)
    made = [
        incidents.report_breakdown(
            demo_ws, "CYBER-A", declarant="DSI", channel=Channel.PHONE,
            severity=Severity.BLOCKING, description=text,
        ).clocks[0]
        for text in ("écran noir", "clavier mort")
    ]  # fmt: skip
    now = datetime.now(UTC)
    # One clock with most of its time left, one a quarter of an hour from its deadline.
    set_clock(demo_ws, made[0].id, now - timedelta(hours=1), now + timedelta(hours=9))
    set_clock(demo_ws, made[1].id, now - timedelta(hours=4), now + timedelta(minutes=15))
    kits = {k.template: k for k in glance.glance(demo_ws).kits}

    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        bars = shown(app, "#clock-bars")
        lines = bars.plain.splitlines()
        assert len(lines) == 2
        soon, later = lines  # the most urgent first
        assert "0 h 1" in soon
        assert " left — Intervention — " in soon
        assert soon.startswith("█")
        assert soon.count("█") <= 1
        assert later.count("█") == 18  # 9 h of 10 h left: 18 of 20 cells
        assert "due " in later
        assert later.endswith("(Paris time)")
        assert "dark_orange" in styles(bars, 0, len(soon))  # due soon
        assert "green" in styles(bars, len(soon), len(bars.plain))  # most of its time left

        kit_text = shown(app, "#kits").plain
        mine = kits[TEMPLATE]
        assert f"{TEMPLATE}: {mine.kits} kit(s) can be assembled now" in kit_text
        for other in kits.values():
            assert f"{other.template}: {other.kits} kit(s) can be assembled now" in kit_text
        assert "short for one kit more: " in kit_text

        towns = shown(app, "#towns").plain.splitlines()
        assert towns[0] == "Commune d'Aubagne"
        assert towns[1].strip() == f"{ref} ●●○○○○○○ reserved (step 2 of 8)"

        # Time passes: the urgent clock falls due; its bar turns red and empty.
        set_clock(demo_ws, made[1].id, now - timedelta(hours=4), now - timedelta(minutes=5))
        await pilot.press("f5")
        await settle(pilot)
        bars = shown(app, "#clock-bars")
        overdue = bars.plain.splitlines()[0]
        assert "overdue by 0 h 0" in overdue
        assert "█" not in overdue
        assert "red" in styles(bars, 0, len(overdue))
