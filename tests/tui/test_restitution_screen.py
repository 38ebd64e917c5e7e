"""The return desk driven like a barcode scanner: tags typed fast, each followed by Enter."""

from __future__ import annotations

import threading

import pytest
from textual.pilot import Pilot
from textual.widgets import Select, Static

from crisis.domain.assets import Condition
from crisis.domain.loans import LoanState
from crisis.domain.restitution import ReturnReport
from crisis.services import loans
from crisis.services.workspace import Workspace
from tests.tui.helpers import keys, settle
from tests.tui.lifecycle import handed_over
from tui.app import CrisisApp
from tui.screens.restitution import RestitutionScreen
from tui.widgets.return_lists import ReturnLists


async def scan(pilot: Pilot[None], tag: str) -> None:
    """What a scanner does: type the tag, press Enter (no waiting in between)."""
    await pilot.press(*keys(tag), "enter")


def pane(app: CrisisApp, name: str) -> str:
    return str(app.screen.query_one(f"#pane-{name}", Static).render())


async def test_scans_update_the_live_lists_and_the_return_finishes(demo_ws: Workspace) -> None:
    loan = handed_over(demo_ws)
    items = sorted(loan.items)
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RestitutionScreen)
        # The only returnable loan is picked; the scan field has the focus.
        assert screen.query_one("#loan", Select).value == loan.reference
        assert app.focused is not None
        assert app.focused.id == "scan"
        assert f"Manquants ({len(items)})" in pane(app, "missing")

        # Burst of scans with no pause: none is lost, each is recorded in order.
        for tag in items[:-2]:
            await scan(pilot, tag)
        await pilot.press("ctrl+t")  # next item is damaged
        assert app.focused.id == "scan"
        await scan(pilot, items[-2])
        await scan(pilot, "AMP-PC-9999")  # no such asset: refused at once
        await settle(pilot)
        assert screen.scans_done == screen.scans_sent == len(items)
        assert f"Restitués ({len(items) - 1})" in pane(app, "returned")
        assert pane(app, "missing") == f"Manquants (1)\n{items[-1]}"
        assert pane(app, "unexpected") == "Inattendus (0)"
        assert f"{items[-2]} (Endommagé)" in pane(app, "damaged")
        assert "étiquette inconnue AMP-PC-9999" in str(
            screen.query_one("#problem", Static).render()
        )
        assert f"Dernier scan : {items[-2]} (Endommagé)" in str(
            screen.query_one("#last", Static).render()
        )
        assert loans.get_loan(demo_ws, loan.reference).state is LoanState.RETURNING

        # The report, its signatures and the end of the return are in the Report pane:
        # tests/tui/test_return_desk_report.py.
        assert "Substitués (0)" in pane(app, "substituted")


async def test_a_scan_without_a_returnable_loan_is_refused(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        await pilot.click("#scan")
        await scan(pilot, "AMP-PC-0001")
        await settle(pilot)
        assert "Pick the loan first." in str(app.screen.query_one("#problem", Static).render())
        assert app.screen.query_one(ReturnLists).tags["returned"] == ()


async def test_scans_faster_than_the_database_queue_up_in_order(
    demo_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the first scan is still being recorded, the scanner goes on: none is lost."""
    loan = handed_over(demo_ws)
    items = sorted(loan.items)
    gate = threading.Event()
    recorded: list[str] = []
    real = loans.scan_return

    def slow_scan(
        ws: Workspace, ln: str, tag: str, condition: Condition, **confirm: bool
    ) -> ReturnReport:
        assert gate.wait(20), "the test never opened the gate"
        recorded.append(tag)
        return real(ws, ln, tag, condition, **confirm)

    monkeypatch.setattr(loans, "scan_return", slow_scan)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RestitutionScreen)
        for tag in items:  # all typed while the first one is held up
            await scan(pilot, tag)
        assert screen.scans_sent == len(items)
        assert screen.scans_done == 0
        gate.set()
        await settle(pilot)
        assert recorded == items
        assert screen.scans_done == len(items)
        assert pane(app, "returned").startswith(f"Returned ({len(items)})")
        assert pane(app, "missing") == "Missing (0)"
