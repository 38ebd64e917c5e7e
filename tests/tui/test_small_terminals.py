"""At 80×24 and 100×30: every screen shows F2…F10 (none cut off), the switch diff keeps its
lines in sight, and the help fits with its way out visible."""

from __future__ import annotations

import pytest

from crisis.services.workspace import Workspace
from tests.tui.helpers import settle
from tui.app import PALETTE, CrisisApp
from tui.widgets.switch_diff import SwitchDiffView

SIZES = [(80, 24), (100, 30)]
DIFF = (
    "interface GigabitEthernet1/0/1\n switchport access vlan 300\n no shutdown\n"
    "interface GigabitEthernet1/0/2\n switchport access vlan 300\nvlan 300\n name CRISE"
)


def seen(app: CrisisApp) -> str:
    """The characters on the terminal, line by line (what a person sees)."""
    strips = app.screen._compositor.render_strips()  # Textual has no public text dump
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


@pytest.mark.parametrize("size", SIZES)
async def test_every_screen_shows_every_screen_key(
    demo_ws: Workspace, size: tuple[int, int]
) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for _, key in (("inventory", "F2"), *PALETTE):
            await pilot.press(key.lower())
            await settle(pilot)
            text = seen(app)
            for other in ("F2", "F3", "F4", "F6", "F7", "F8 Incidents", "F9", "F10"):
                assert f"{other} " in text, (key, other, text)


@pytest.mark.parametrize("size", SIZES)
async def test_the_switch_diff_keeps_its_lines_in_sight(
    demo_ws: Workspace, size: tuple[int, int]
) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press("f10")
        await settle(pilot)
        app.screen.query_one(SwitchDiffView).show_diff(DIFF)  # as a diff shows it
        await settle(pilot)
        text = seen(app)
        for line in ("interface GigabitEthernet1/0/1", "+ switchport access vlan 300",
                     "- shutdown", "interface GigabitEthernet1/0/2", "+ name CRISE"):  # fmt: skip
            assert line in text, (line, text)


@pytest.mark.parametrize("size", SIZES)
async def test_help_fits_with_its_way_out_in_sight(
    demo_ws: Workspace, size: tuple[int, int]
) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        box = app.screen.query_one("#help").region
        assert box.right <= size[0]
        assert box.bottom <= size[1]
        text = seen(app)
        assert "Esc — Close" in text
        assert "Help" in text
        await pilot.press("escape")
        await settle(pilot)
        assert "Esc — Close" not in seen(app)
