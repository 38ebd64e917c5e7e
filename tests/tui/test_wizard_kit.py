"""The wizard's kit steps without the lab: a substitution on the loan pane, and the loan's
laptops handed to the cleaning screen."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Static

from crisis.domain.assets import AssetState, Category
from crisis.services import assets, journal, loans
from crisis.services.workspace import Workspace
from tests.tui.helpers import keys, settle
from tests.tui.test_activation_wizard import (
    declare_and_open,
    enter,
    first_loan,
    focused_id,
    problem,
)
from tui.app import CrisisApp
from tui.screens.activation import ActivationScreen
from tui.screens.provisioning import ProvisioningScreen
from tui.widgets.loan_panel import LoanPanel


def in_stock(ws: Workspace, category: Category) -> str:
    """A ready asset of `category` left in stock."""
    page = assets.list_assets(ws, category=category, state=AssetState.IN_STOCK, limit=1)
    return page.rows[0].tag


def of_loan(ws: Workspace, category: Category) -> list[str]:
    items = loans.get_loan(ws, first_loan()).items
    return sorted(t for t in items if assets.get_asset(ws, t).category is category)


async def type_in(pilot: Pilot[None], selector: str, value: str) -> None:
    pilot.app.screen.query_one(selector, Input).value = ""
    await pilot.click(selector)
    await pilot.press(*keys(value))


async def assembled(pilot: Pilot[None], crisis: str) -> None:
    """F6, declare, open and assemble a loan of the demo's Aubagne."""
    await declare_and_open(pilot, crisis)
    assert focused_id(pilot.app) == "assemble"  # type: ignore[arg-type]
    await enter(pilot)
    assert problem(pilot.app) == ""  # type: ignore[arg-type]


async def test_an_item_is_substituted_from_the_loan_pane(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 60)) as pilot:
        await assembled(pilot, "CYBER-SUB")
        old = of_loan(demo_ws, Category.LAPTOP)[0]
        new = in_stock(demo_ws, Category.LAPTOP)
        phone = in_stock(demo_ws, Category.PHONE)
        await pilot.click("#--content-tab-step-loan")
        await settle(pilot)

        # A phone cannot stand in for a laptop: refused where errors go, nothing changed.
        await type_in(pilot, "#sub-old", old)
        await type_in(pilot, "#sub-new", phone)
        await pilot.click("#substitute")
        await settle(pilot)
        assert f"{phone} is a phone; {old} is a laptop" in problem(app)
        assert app.last_error == problem(app)
        assert old in loans.get_loan(demo_ws, first_loan()).items

        await type_in(pilot, "#sub-new", new)
        await type_in(pilot, "#sub-reason", "screen cracked")
        await pilot.click("#substitute")
        await settle(pilot)
        assert problem(app) == ""
        assert str(app.screen.query_one("#sub-done", Static).render()) == (
            f"{old} replaced by {new}."
        )
        assert app.screen.query_one("#sub-old", Input).value == ""
        panel = str(app.screen.query_one(LoanPanel).render())
        assert new in panel
        assert old not in panel
    items = loans.get_loan(demo_ws, first_loan()).items
    assert new in items
    assert old not in items
    # Never straight back to ready stock, even when only reserved: quarantine, with the reason.
    assert assets.get_asset(demo_ws, old).state is AssetState.QUARANTINE
    assert assets.get_asset(demo_ws, new).state is AssetState.RESERVED
    event = journal.recent_events(demo_ws, 1)[0]
    assert event.action == "loan.substituted"
    assert event.after == {"tag": new, "reason": "screen cracked", "old_to": "quarantine"}


async def test_a_substitution_needs_a_loan(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        await pilot.click("#--content-tab-step-loan")
        await settle(pilot)
        await pilot.click("#substitute")
        await settle(pilot)
        assert problem(app) == "Open the loan first."


async def test_the_loans_laptops_go_to_the_cleaning_screen(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 60)) as pilot:
        await assembled(pilot, "CYBER-CLEAN")
        assert isinstance(app.screen, ActivationScreen)
        await pilot.click("#clean-laptops")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProvisioningScreen)
        laptops = of_loan(demo_ws, Category.LAPTOP)
        assert len(laptops) == 5
        assert screen.query_one("#tags", Input).value.split() == laptops
