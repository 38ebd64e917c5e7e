"""Stored text on the TUI's screens: control characters written out, markup shown as typed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from tests.cli.test_output_injection import clean, plant
from tests.tui.helpers import settle
from tui.app import CrisisApp


async def test_the_tui_writes_control_characters_out(demo_db: Path, tmp_path: Path) -> None:
    tui = CrisisApp(str(plant(demo_db, tmp_path)), "tester", lang="en")
    async with tui.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        table = tui.screen.query_one("#assets", DataTable)
        row = [str(c) for c in table.get_row("AMP-PC-0001")]
        assert row[-1].startswith("ok\\x1b[2J")
        for cell in row:
            clean(cell)
