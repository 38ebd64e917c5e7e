"""Carrying on an activation in progress: after a restart, or from another station."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, TabbedContent

from crisis.domain.documents import AcceptanceTest
from crisis.domain.loans import LoanState, Party
from crisis.services import documents, loans
from crisis.services.demo_operators import DEMO_PASSPHRASE, seed_demo_operators
from crisis.services.workspace import Workspace
from tests.documents.gaps import reserve_gaps
from tests.tui.helpers import settle
from tests.tui.lifecycle import AGREEMENT, TEMPLATE, TOWN
from tests.tui.test_activation_wizard import confirm, enter, focused_id, problem, shown
from tui.app import CrisisApp

CHECK = AcceptanceTest("Écran", "allumé", "allumé", passed=True, tester="Marie Dupont")


def sheet_signed_by_the_lender(ws: Workspace, crisis: str) -> str:
    """A loan in provisioning whose acceptance sheet only the lender signed (the checks the
    provisioning records were not run here: the borrower reserved them on a revision)."""
    loans.declare_crisis(ws, TOWN, crisis, "Maire")
    ref = loans.open_loan(ws, crisis, AGREEMENT, TEMPLATE).reference
    loans.assemble(ws, ref)
    loans.start_provisioning(ws, ref)
    sheet = reserve_gaps(ws, documents.issue_acceptance(ws, ref, [CHECK]))
    documents.sign_document(ws, sheet.reference, Party.LENDER, passphrase=DEMO_PASSPHRASE)
    return ref


async def test_a_loan_in_progress_is_carried_on_where_it_stopped(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    seed_demo_operators(demo_ws)
    ref = sheet_signed_by_the_lender(demo_ws, "CYBER-20")
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        resume = app.screen.query_one("#resume", OptionList)
        assert resume.display
        assert resume.option_count == 1
        option = resume.get_option_at_index(0)
        assert option.id == ref
        assert str(option.prompt).endswith(" — provisioning")
        app.screen.set_focus(resume)
        resume.highlighted = 0
        await enter(pilot)
        assert problem(app) == ""
        assert app.screen.query_one("#wizard", TabbedContent).active == "step-acceptance"
        assert "Signed by the lender: tester" in shown(app, "#acceptance-signatures")
        assert focused_id(app) == "acceptance-representative"  # the town signs next
        scan = tmp_path / "scan.pdf"
        scan.write_bytes(b"%PDF-1.4 scan of the page signed by hand")
        app.screen.query_one("#acceptance-town-file", Input).value = str(scan)
        await pilot.press("enter")
        await enter(pilot)  # the town's representative signs
        assert problem(app) == ""
        assert focused_id(app) == "accept"
        await enter(pilot)
        await confirm(pilot, "accepté avec réserves", "refait sur place après la remise")
        assert problem(app) == ""
        assert focused_id(app) == "inventory-place"
    assert loans.get_loan(demo_ws, ref).state is LoanState.ACCEPTED


async def test_nothing_to_carry_on_shows_no_list(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        assert not app.screen.query_one("#resume", OptionList).display
        assert not app.screen.query_one("#resume-hint").display
