"""The return desk's close offers to declare what the town kept; its hold form seals a
returned device for investigators."""

from __future__ import annotations

from textual.widgets import Input, Static

from crisis.domain.assets import AssetState, Category, Condition
from crisis.domain.loans import LoanState, Party
from crisis.services import assets, holds, loans
from crisis.services.workspace import Workspace
from tests.inventory.test_loans import _sanitisation_records
from tests.tui.helpers import keys, settle
from tests.tui.lifecycle import handed_over
from tests.tui.test_return_desk_manual_records import back_in_quarantine
from tui.app import CrisisApp
from tui.widgets.close_prompt import ClosePrompt


async def test_the_close_asks_to_declare_the_items_not_returned(demo_ws: Workspace) -> None:
    ref = handed_over(demo_ws).reference
    items = sorted(loans.get_loan(demo_ws, ref).items)
    phone = next(t for t in items if t.startswith("AMP-TEL"))
    back = [t for t in items if t != phone]
    loans.return_items(demo_ws, ref, [(t, Condition.GOOD, "") for t in back])
    for party in Party:
        loans.record_signature(demo_ws, ref, "return", party)
    loans.finish_return(demo_ws, ref)
    _sanitisation_records(demo_ws, back, "passed")
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 90)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        await pilot.click("#--content-tab-tab-quarantine")
        await settle(pilot)
        await pilot.click("#close")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, ClosePrompt)
        assert f"neither returned nor declared lost or stolen: {phone}" in str(
            prompt.query_one("#missing", Static).render()
        )
        await pilot.press("escape")  # Cancel: nothing declared, the loan stays open
        await settle(pilot)
        assert assets.get_asset(demo_ws, phone).state is AssetState.ON_LOAN
        assert loans.get_loan(demo_ws, ref).state is LoanState.SANITISING

        await pilot.click("#close")
        await settle(pilot)
        assert isinstance(app.screen, ClosePrompt)
        app.screen.query_one("#declarant", Input).value = "DGS d'Aubagne"
        app.screen.query_one("#resolution", Input).value = "plainte déposée"
        await pilot.click("#stolen")
        await settle(pilot)
    assert assets.get_asset(demo_ws, phone).state is AssetState.STOLEN
    assert loans.get_loan(demo_ws, ref).state is LoanState.CLOSED


async def test_a_returned_device_is_put_on_hold_from_the_desk(demo_ws: Workspace) -> None:
    ref, kinds = back_in_quarantine(demo_ws)
    laptop = kinds[Category.LAPTOP][0]
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 90)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        await pilot.click("#--content-tab-tab-report")
        await settle(pilot)
        await pilot.click("#hold-tag")
        await pilot.press(*keys(laptop))
        await pilot.click("#hold-seal")
        await pilot.press(*keys("GN-7"))
        app.screen.query_one("#hold-taken-by", Input).value = "OPJ Martin"
        await pilot.click("#put-hold")
        await settle(pilot)
        assert f"{laptop} on hold under seal GN-7, taken by OPJ Martin" in str(
            app.screen.query_one("#hold-status", Static).render()
        )
        # Twice is refused, with the reason where the desk shows problems.
        app.screen.query_one("#hold-tag", Input).value = laptop
        app.screen.query_one("#hold-seal", Input).value = "GN-8"
        app.screen.query_one("#hold-taken-by", Input).value = "OPJ Martin"
        await pilot.click("#put-hold")
        await settle(pilot)
        assert "on forensic hold already" in str(app.screen.query_one("#problem", Static).render())
    [held] = holds.holds_of(demo_ws, laptop)
    assert (held.seal_number, held.loan, held.active) == ("GN-7", ref, True)
