"""Steps that cannot be undone ask first, naming what will happen, with No focused: the close
of a loan, the wipe of its laptops, the reset of its phones. No leaves everything as it was."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Static

from crisis.domain.assets import Category
from crisis.domain.loans import LoanState
from crisis.services import loans, provisioning
from crisis.services.workspace import Workspace
from tests.tui.helpers import answer, settle
from tests.tui.test_return_desk_manual_records import back_in_quarantine
from tui.app import CrisisApp
from tui.screens.restitution import RestitutionScreen


async def test_close_wipe_and_reset_ask_first(
    demo_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref, kinds = back_in_quarantine(demo_ws)
    runs: list[tuple[str, tuple[str, ...]]] = []

    def not_run(name: str) -> Any:
        def call(ws: Workspace, tags: tuple[str, ...], **_: Any) -> None:
            runs.append((name, tuple(tags)))
            raise RuntimeError("test: the run itself is not what is checked here")

        return call

    monkeypatch.setattr(provisioning, "sanitise_laptops", not_run("wipe"))
    monkeypatch.setattr(provisioning, "reset_phones", not_run("reset"))
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 90)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        await pilot.click("#--content-tab-tab-quarantine")
        await settle(pilot)

        await pilot.click("#sanitise-laptops")
        await settle(pilot)
        laptops = kinds[Category.LAPTOP]
        text = await answer(pilot, f"Wipe the laptops of loan {ref} ({len(laptops)})?",
                            *laptops, "destroyed", yes=False)  # fmt: skip
        assert "NIST SP 800-88" in text
        await pilot.click("#reset-phones")
        await settle(pilot)
        await answer(pilot, *kinds[Category.PHONE], "factory settings", yes=False)
        assert runs == []  # No: nothing started
        assert isinstance(app.screen, RestitutionScreen)

        await pilot.click("#close")
        await settle(pilot)
        await answer(pilot, f"Close loan {ref}?", "can no longer be changed", yes=False)
        assert loans.get_loan(demo_ws, ref).state is LoanState.SANITISING
        # Yes: the close is tried; its guard refuses (nothing sanitised yet) and says why.
        await pilot.click("#close")
        await settle(pilot)
        await answer(pilot, f"Close loan {ref}?")
        problem = str(app.screen.query_one("#problem", Static).render())
        assert "no sanitisation record" in problem

        await pilot.click("#sanitise-laptops")
        await settle(pilot)
        await answer(pilot, *laptops)
        assert runs == [("wipe", tuple(laptops))]
