"""Cancelling the laptops' wipe from the desk reaches the run.

The playbook run is replaced by a fake of the service function, patched in this test only:
it emits the events a real run would and waits until ``should_cancel`` says stop (the real
wipe against lab laptops is in test_return_desk_sanitisation.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import pytest
from textual.widgets import Button, DataTable, Static

from crisis.adapters.ansible_run import PlaybookEvent
from crisis.domain.assets import Category
from crisis.services import provisioning
from crisis.services.provisioning import RunView
from crisis.services.workspace import Workspace
from tests.tui.helpers import answer, settle
from tests.tui.test_return_desk_manual_records import back_in_quarantine
from tui.app import CrisisApp
from tui.widgets.host_progress import HostProgress


class WaitsForCancel:
    """Stands for sanitise_laptops: starts on every laptop, then waits to be cancelled."""

    def __init__(self) -> None:
        self.tags: tuple[str, ...] = ()

    def __call__(
        self,
        ws: Workspace,
        tags: Sequence[str],
        *,
        on_event: Callable[[PlaybookEvent], None] | None = None,
        should_cancel: Callable[[], bool] | None = None,
        check: bool = False,
    ) -> RunView:
        assert on_event is not None
        assert should_cancel is not None
        self.tags = tuple(tags)
        for tag in tags:
            on_event(PlaybookEvent("started", tag, "Wipe user data"))
        deadline = time.monotonic() + 20
        while not should_cancel():
            assert time.monotonic() < deadline, "never cancelled"
            time.sleep(0.01)  # polling the cancel flag, as the runner does
        return RunView(1, "laptop_sanitise.yml", "canceled", "", 0.1, False, ())


async def test_cancel_reaches_the_wipe(demo_ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    _, kinds = back_in_quarantine(demo_ws)
    laptops = kinds[Category.LAPTOP]
    fake = WaitsForCancel()
    monkeypatch.setattr(provisioning, "sanitise_laptops", fake)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 90)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        await pilot.click("#--content-tab-tab-quarantine")
        await settle(pilot)
        await pilot.click("#sanitise-laptops")
        await settle(pilot)
        await answer(pilot, *laptops, wait=False)  # wiping destroys data: asked first, No focused
        progress = app.screen.query_one(HostProgress)
        for _ in range(200):  # the run is under way: its first events are on screen
            await pilot.pause()
            if progress.status_of(laptops[-1]) == "started":
                break
        assert fake.tags == tuple(laptops)  # every laptop of the loan in quarantine
        cancel = app.screen.query_one("#cancel-run", Button)
        assert not cancel.disabled
        assert app.screen.query_one("#sanitise-laptops", Button).disabled
        assert app.screen.query_one("#reset-phones", Button).disabled
        await pilot.click("#cancel-run")
        await settle(pilot)
        summary = str(app.screen.query_one("#run-summary", Static).render())
        assert summary.startswith("Run finished: canceled")
        assert cancel.disabled
        assert not app.screen.query_one("#sanitise-laptops", Button).disabled
        table = app.screen.query_one("#devices", DataTable)
        assert all(str(table.get_row(tag)[2]) == "Quarantine" for tag in laptops)
