"""Steps that cannot be undone ask first, naming what will happen, with No focused: the close
of a loan, the wipe of its laptops, the reset of its phones, and the handover even when the
test sheet has no gap to name. No leaves everything as it was."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Button, OptionList, Static

from crisis.domain.assets import Category
from crisis.domain.loans import LoanState, Party
from crisis.services import documents, loans, provisioning
from crisis.services.demo_operators import DEMO_PASSPHRASE, seed_demo_operators
from crisis.services.workspace import Workspace
from tests.documents.town import town_signs
from tests.tui.helpers import answer, settle
from tests.tui.lifecycle import AGREEMENT, TEMPLATE, TOWN
from tests.tui.test_return_desk_manual_records import back_in_quarantine
from tui.app import CrisisApp
from tui.screens.restitution import RestitutionScreen
from tui.widgets.row_gaps import ConfirmStep


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


def inventory_signed(ws: Workspace) -> str:
    """A loan accepted (no test sheet to name gaps from), its joint inventory signed by both."""
    loans.declare_crisis(ws, TOWN, "CYBER-H", "Maire")
    ref = loans.open_loan(ws, "CYBER-H", AGREEMENT, TEMPLATE).reference
    loans.assemble(ws, ref)
    loans.start_provisioning(ws, ref)
    for party in Party:
        loans.record_signature(ws, ref, "acceptance", party)
    loans.accept(ws, ref)
    seed_demo_operators(ws)
    inventory = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, inventory.reference, Party.LENDER, passphrase=DEMO_PASSPHRASE)
    town_signs(ws, inventory.reference, "Marie Dupont, maire")
    return ref


async def test_handover_asks_even_with_no_gap_to_name(demo_ws: Workspace) -> None:
    ref = inventory_signed(demo_ws)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        resume = app.screen.query_one("#resume", OptionList)
        app.screen.set_focus(resume)
        resume.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is not None
        assert app.focused.id == "handover"  # carried on where it stopped
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmStep)
        question = str(app.screen.query_one("#confirm-body", Static).render())
        assert f"Hand the kit of loan {ref} over to the town?" in question
        assert "can no longer be cancelled" in question
        assert app.focused is not None
        assert app.focused.id == "no"
        await pilot.press("enter")  # Enter on No: nothing happens
        await settle(pilot)
        assert loans.get_loan(demo_ws, ref).state is LoanState.ACCEPTED
        app.screen.query_one("#handover", Button).press()
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert loans.get_loan(demo_ws, ref).state is LoanState.HANDED_OVER


async def test_no_screen_opens_with_a_changing_button_focused(demo_ws: Workspace) -> None:
    from tui.app import PALETTE
    from tui.screens.base import CHANGES

    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for name, key in (("inventory", "F2"), *PALETTE):
            await pilot.press(key.lower())
            await settle(pilot)
            focused = app.focused
            assert not (isinstance(focused, Button) and CHANGES in focused.classes), name
