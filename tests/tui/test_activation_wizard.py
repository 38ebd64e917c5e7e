"""The activation wizard driven from the keyboard, from the declaration to the handover."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.pilot import Pilot
from textual.widgets import Static

from crisis.domain.loans import LoanState
from crisis.services import loans
from crisis.services.workspace import Workspace
from tests.tui.helpers import keys, settle
from tests.tui.lifecycle import AGREEMENT, TEMPLATE, TOWN
from tui.app import CrisisApp
from tui.screens.activation import ActivationScreen
from tui.widgets.loan_panel import LoanPanel


async def fill(pilot: Pilot[None], *values: str) -> None:
    """Type each value and Enter (Enter moves to the next field, then to the button)."""
    for value in values:
        await pilot.press(*keys(value), "enter")
        await pilot.pause()


def focused_id(app: CrisisApp) -> str:
    assert app.focused is not None
    return app.focused.id or ""


def first_loan() -> str:
    return f"PRET-{datetime.now(UTC).year}-0001"


def problem(app: CrisisApp) -> str:
    return str(app.screen.query_one("#problem", Static).render())


async def test_enter_walks_an_activation_to_the_handover(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, ActivationScreen)
        assert focused_id(app) == "town"
        await fill(pilot, TOWN, "CYBER-7", "Maire", "rançongiciel")
        assert focused_id(app) == "declare"
        await pilot.press("enter")
        await settle(pilot)
        assert "Crise CYBER-7 déclarée." in str(app.screen.query_one(LoanPanel).render())
        assert focused_id(app) == "agreement"
        await fill(pilot, AGREEMENT, TEMPLATE)
        assert focused_id(app) == "open"
        steps = [
            "open", "assemble", "provision", "acceptance-lender", "acceptance-borrower",
            "accept", "inventory-lender", "inventory-borrower", "handover",
        ]  # fmt: skip
        for step in steps:
            assert focused_id(app) == step
            await pilot.press("enter")
            await settle(pilot)
            assert problem(app) == "", step
        panel = str(app.screen.query_one(LoanPanel).render())
        assert f"{first_loan()} — remis" in panel
        assert "Inventaire contradictoire signé par : prêteur, emprunteur" in panel
        assert "16 matériels" in panel  # 5 laptops, 5 phones, 1 switch, 5 chargers
    assert loans.get_loan(demo_ws, first_loan()).state is LoanState.HANDED_OVER


async def test_an_expired_agreement_is_refused_clearly(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        await fill(pilot, "13117", "CYBER-8", "Maire", "")
        await pilot.press("enter")
        await settle(pilot)
        await fill(pilot, "DL.2024-17", TEMPLATE)
        await pilot.press("enter")
        await settle(pilot)
        assert "2025-12-31" in problem(app)
        assert "DL.2024-17" in problem(app)
        assert focused_id(app) == "open"  # nothing moved on
        await pilot.click("#assemble")
        await settle(pilot)
        assert problem(app) == "Open the loan first."


async def test_short_stock_is_shown_and_nothing_is_reserved(demo_ws: Workspace) -> None:
    for n in range(3):  # the demo has 37 ready phones: three 10-post kits leave 7
        loans.declare_crisis(demo_ws, TOWN, f"C-{n}", "Maire")
        ref = loans.open_loan(demo_ws, f"C-{n}", AGREEMENT, "Kit continuité 10 postes").reference
        loans.assemble(demo_ws, ref)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        await fill(pilot, TOWN, "CYBER-9", "Maire", "")
        await pilot.press("enter")
        await settle(pilot)
        await fill(pilot, AGREEMENT, "Kit continuité 10 postes")
        await pilot.press("enter")  # open
        await settle(pilot)
        await pilot.press("enter")  # assemble
        await settle(pilot)
        assert "not enough ready stock" in problem(app)
        assert "phone: 3 of 10 missing" in problem(app)
        assert app.last_error == problem(app)
        assert focused_id(app) == "assemble"
    assert (
        loans.get_loan(demo_ws, f"PRET-{datetime.now(UTC).year}-0004").state is LoanState.DECLARED
    )
