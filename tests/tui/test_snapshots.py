"""Snapshot tests: what a responder sees, compared with the SVG screenshots in __snapshots__.

The demo inventory is seeded at a fixed time and shown in Paris time, so the screens do
not depend on the day or the machine the tests run on. Only screens without running clocks.
After an intended change of the look: ``pytest --snapshot-update tests/tui/test_snapshots.py``.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from crisis.services import journaling
from crisis.services.demo import seed_demo
from crisis.services.workspace import Workspace, open_workspace
from tests.tui.helpers import settle
from tui.app import CrisisApp
from tui.screens.help import HelpScreen

SnapCompare = Callable[..., bool]
SIZE = (120, 34)
SEEDED_AT = datetime(2026, 3, 9, 8, 30, tzinfo=UTC)


async def steady(pilot: Pilot[None]) -> None:
    """Settle, and stop the blinking cursors (the screenshot would catch either phase)."""
    await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


@pytest.fixture
def demo_ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    """A small demo inventory whose journal was written at `SEEDED_AT`, shown in Paris time."""
    monkeypatch.setattr(journaling, "utc_stamp", lambda now=None: SEEDED_AT.isoformat())
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    ws = open_workspace(str(tmp_path / "demo.sqlite3"), "tester")
    seed_demo(ws, laptops=60, phones=40)
    yield ws
    ws.db.dispose()
    monkeypatch.undo()
    time.tzset()


def filtered(text: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Type `text` in the filter once the inventory is shown, then go to the table."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("slash", *text.replace(" ", ""), "enter")
        await steady(pilot)

    return run_before


def test_inventory_filtered_in_french(snap_compare: SnapCompare, demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    assert snap_compare(app, terminal_size=SIZE, run_before=filtered("galaxy"))


def test_inventory_filtered_in_english(snap_compare: SnapCompare, demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    assert snap_compare(app, terminal_size=SIZE, run_before=filtered("phone"))


class HelpOnly(App[None]):
    """The help screen alone: what is behind a modal screen is painted when it opens, so the
    inventory behind it would make the picture depend on timing."""

    def on_mount(self) -> None:
        self.push_screen(HelpScreen("fr"))


def test_help_in_french(snap_compare: SnapCompare) -> None:
    assert snap_compare(HelpOnly(), terminal_size=SIZE)
