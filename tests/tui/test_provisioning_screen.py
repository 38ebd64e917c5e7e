"""Laptop cleaning: live per-host progress, cancel, re-run of the failed hosts.

Ansible is replaced by a fake of the service function, patched in the test only: it emits
the events a real run would and honours ``should_cancel``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, ProgressBar, Static

from crisis.adapters.ansible_run import PlaybookEvent
from crisis.services import provisioning
from crisis.services.provisioning import HostOutcome, RunView
from crisis.services.workspace import Workspace
from tests.tui.helpers import keys, settle
from tui.app import CrisisApp
from tui.screens.provisioning import ProvisioningScreen

HOSTS = ("AMP-PC-0001", "AMP-PC-0002", "AMP-PC-0003")


class FakeRun:
    """Stands for rotate_and_clean: host 2 fails the first time, then succeeds."""

    def __init__(self, *, wait_for_cancel: bool = False, fail_first: bool = False) -> None:
        self.fail_first = fail_first
        self.calls: list[tuple[tuple[str, ...], tuple[str, ...] | None]] = []
        self.wait_for_cancel = wait_for_cancel
        self.started = threading.Event()

    def __call__(
        self,
        ws: Workspace,
        tags: Sequence[str],
        *,
        on_event: Callable[[PlaybookEvent], None] | None = None,
        should_cancel: Callable[[], bool] | None = None,
        check: bool = False,
        limit: Sequence[str] | None = None,
    ) -> RunView:
        assert on_event is not None
        assert should_cancel is not None
        self.calls.append((tuple(tags), tuple(limit) if limit is not None else None))
        hosts = tuple(limit) if limit is not None else tuple(tags)
        first = len(self.calls) == 1
        for h in hosts:
            on_event(PlaybookEvent("started", h, "Gathering Facts"))
        if self.fail_first:
            on_event(PlaybookEvent("unreachable", HOSTS[0], "Gathering Facts", "no route"))
        self.started.set()
        if self.wait_for_cancel:
            deadline = time.monotonic() + 20
            while not should_cancel():
                assert time.monotonic() < deadline, "never cancelled"
                time.sleep(0.01)
            return RunView(1, "laptop_clean.yml", "canceled", "", 0.1, False, ())
        outcomes = []
        for h in hosts:
            for task in ("Gathering Facts", "Remove crisis leftovers", "Set local admin"):
                failing = first and h == HOSTS[1] and task == "Set local admin"
                on_event(
                    PlaybookEvent("failed" if failing else "ok", h, task, "boom" if failing else "")
                )
            ok = not (first and h == HOSTS[1])
            outcomes.append(HostOutcome(h, "ok" if ok else "failed", "" if ok else "boom"))
        status = "successful" if all(o.status == "ok" for o in outcomes) else "failed"
        return RunView(len(self.calls), "laptop_clean.yml", status, "", 0.2, False, tuple(outcomes))


def cells(app: CrisisApp) -> dict[str, list[str]]:
    table = app.screen.query_one("#hosts", DataTable)
    out = {}
    for i in range(table.row_count):
        row = [str(c) for c in table.get_row_at(i)]
        out[row[0]] = row
    return out


async def start(pilot: Pilot[None]) -> None:
    await pilot.press("f9")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ProvisioningScreen)
    await pilot.click("#tags")
    await pilot.press(*keys(" ".join(HOSTS)))
    await pilot.click("#run")


async def test_live_progress_then_rerun_of_the_failed_host(
    demo_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeRun()
    monkeypatch.setattr(provisioning, "rotate_and_clean", fake)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await start(pilot)
        await settle(pilot)
        rows = cells(app)
        assert rows[HOSTS[0]][1:3] == ["ok", "3"]
        assert rows[HOSTS[1]][1] == "failed"
        assert rows[HOSTS[1]][4] == "boom"
        summary = str(app.screen.query_one("#summary", Static).render())
        assert summary == f"Run finished: failed — failed: {HOSTS[1]}"
        bar = app.screen.query_one("#progress", ProgressBar)
        assert (bar.total, bar.progress) == (3, 3)
        rerun = app.screen.query_one("#rerun", Button)
        assert not rerun.disabled
        await pilot.click("#rerun")
        await settle(pilot)
        assert fake.calls[1] == (HOSTS, (HOSTS[1],))  # only the failed host, same tags
        assert list(cells(app)) == [HOSTS[1]]
        assert cells(app)[HOSTS[1]][1] == "ok"
        assert rerun.disabled  # nothing left to re-run


async def test_cancel_reaches_the_run(demo_ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeRun(wait_for_cancel=True)
    monkeypatch.setattr(provisioning, "rotate_and_clean", fake)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await start(pilot)
        for _ in range(200):  # the run is under way: its first events are on screen
            await pilot.pause()
            if cells(app).get(HOSTS[0], ["", ""])[1] == "started":
                break
        cancel = app.screen.query_one("#cancel", Button)
        assert not cancel.disabled
        assert app.screen.query_one("#run", Button).disabled
        await pilot.click("#cancel")
        await settle(pilot)
        assert "Run finished: canceled" in str(app.screen.query_one("#summary", Static).render())
        assert cancel.disabled
        assert not app.screen.query_one("#run", Button).disabled


async def test_a_locked_vault_is_reported(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f9")
        await settle(pilot)
        await pilot.click("#passphrase")
        await pilot.press(*keys("wrong"))
        await pilot.click("#unlock")
        await settle(pilot)
        assert "vault" in app.last_error.lower()
        assert app.last_error in str(app.screen.query_one("#problem", Static).render())


async def test_the_bar_counts_each_host_as_it_finishes(
    demo_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeRun(wait_for_cancel=True, fail_first=True)
    monkeypatch.setattr(provisioning, "rotate_and_clean", fake)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await start(pilot)
        bar = app.screen.query_one("#progress", ProgressBar)
        for _ in range(200):  # the unreachable host has finished; the others still run
            await pilot.pause()
            if cells(app).get(HOSTS[0], ["", ""])[1] == "unreachable":
                break
        assert (bar.total, bar.progress) == (3, 1)
        await pilot.click("#cancel")
        await settle(pilot)
        assert bar.progress == 1  # canceled: the others never finished
