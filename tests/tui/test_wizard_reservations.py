"""The borrower's reservations on the acceptance sheet's gaps, recorded from the wizard, and
the question naming the failing (or reserved) rows before the kit is accepted."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, SelectionList

from crisis.domain.acceptance_results import worded_test
from crisis.domain.documents import AcceptanceTest
from crisis.domain.loans import LoanState
from crisis.services import documents, loans
from crisis.services.demo_operators import seed_demo_operators
from crisis.services.documents import DocumentView
from crisis.services.workspace import Workspace
from tests.tui.helpers import settle
from tests.tui.lifecycle import AGREEMENT, TEMPLATE, TOWN
from tests.tui.test_activation_wizard import enter, focused_id, problem, shown
from tui.app import CrisisApp
from tui.widgets.row_gaps import ConfirmStep, RowGaps

CHECK = AcceptanceTest("Écran", "allumé", "éteint", passed=False, tester="Marie Dupont")
BY, REASON = "Jeanne Martin, DGS", "les boîtes seront vérifiées sur place"


def sheet_with_gaps(ws: Workspace, crisis: str) -> tuple[str, DocumentView]:
    """A loan in provisioning whose sheet has failed (and not run) rows, none reserved."""
    loans.declare_crisis(ws, TOWN, crisis, "Maire")
    ref = loans.open_loan(ws, crisis, AGREEMENT, TEMPLATE).reference
    loans.assemble(ws, ref)
    loans.start_provisioning(ws, ref)
    return ref, documents.issue_acceptance(ws, ref, [CHECK])


def failed_rows(sheet: DocumentView, lang: str = "fr") -> list[tuple[int, str]]:
    """(number, test) of each row that did not pass, as printed."""
    # An automated row's test is a code in the snapshot, worded on screen in the app's French.
    return [
        (n, worded_test(r["test"], lang))
        for n, r in enumerate(sheet.data["tests"], 1)
        if not r["passed"]
    ]


async def resume(pilot: Pilot[None]) -> None:
    """F6 and carry on the one loan in progress."""
    await pilot.press("f6")
    await settle(pilot)
    options = pilot.app.screen.query_one("#resume", OptionList)
    pilot.app.screen.set_focus(options)
    options.highlighted = 0
    await enter(pilot)


async def record(pilot: Pilot[None], by: str, reason: str) -> None:
    """Tick every gap, name who accepts them and why, record."""
    screen = pilot.app.screen
    screen.query_one("#gaps-rows", SelectionList).select_all()
    screen.query_one("#gaps-by", Input).value = by
    screen.query_one("#gaps-reason", Input).value = reason
    screen.set_focus(screen.query_one("#record-reservations", Button))
    await enter(pilot)


async def test_the_borrower_reserves_the_gaps_from_the_wizard(demo_ws: Workspace) -> None:
    seed_demo_operators(demo_ws)
    ref, sheet = sheet_with_gaps(demo_ws, "CYBER-31")
    failed = failed_rows(sheet, "en")
    assert failed  # the manual check failed, the provisioning's checks were not run here
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await resume(pilot)
        assert problem(app) == ""
        gaps = app.screen.query_one(RowGaps)
        assert gaps.display
        listed = app.screen.query_one("#gaps-rows", SelectionList)
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert [p.split(":")[0] for p in prompts] == [f"row {n}" for n, _ in failed]
        assert all(test in p for p, (_, test) in zip(prompts, failed, strict=True))
        # No reason given: the service refuses, nothing is recorded.
        await record(pilot, BY, "")
        assert "why" in problem(app)
        assert len(documents.list_documents(demo_ws, ref)) == 1
        await record(pilot, BY, REASON)
        assert problem(app) == ""
        revision = documents.list_documents(demo_ws, ref)[-1]
        assert revision.reference == f"{sheet.reference[:-1]}2"
        assert revision.reference in shown(app, "#acceptance-document")
        assert not gaps.display  # every gap now carries a reservation
        assert focused_id(app) == "acceptance-passphrase"  # the revision is signed next
    reserved = revision.data["row_reservations"]
    assert [r["row"] for r in reserved] == [n for n, _ in failed]
    assert {(r["by"], r["reason"]) for r in reserved} == {(BY, REASON)}


async def test_accept_asks_first_and_names_the_failing_then_reserved_rows(
    demo_ws: Workspace,
) -> None:
    seed_demo_operators(demo_ws)
    ref, sheet = sheet_with_gaps(demo_ws, "CYBER-32")
    failed = failed_rows(sheet)
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 50)) as pilot:
        await resume(pilot)
        app.screen.set_focus(app.screen.query_one("#accept", Button))
        await enter(pilot)
        assert isinstance(app.screen, ConfirmStep)
        question = str(app.screen.query_one("#confirm-body").render())
        for n, test in failed:
            assert f"ligne {n} : {test}" in question
        assert "réserves" not in question
        assert focused_id(app) == "no"  # Enter never accepts by accident
        await enter(pilot)
        assert not isinstance(app.screen, ConfirmStep)
        assert loans.get_loan(demo_ws, ref).state is LoanState.PROVISIONING
        await record(pilot, BY, REASON)
        app.screen.set_focus(app.screen.query_one("#accept", Button))
        await enter(pilot)
        assert isinstance(app.screen, ConfirmStep)
        question = str(app.screen.query_one("#confirm-body").render())
        assert "accepté avec réserves" in question.lower()
        assert "en échec" not in question
        for n, test in failed:
            assert f"ligne {n} : {test}" in question
        assert REASON in question
        app.screen.query_one("#yes", Button).press()
        await settle(pilot)
        # Yes hands the step to the service, which wants the revision signed first.
        assert problem(app) != ""
    assert loans.get_loan(demo_ws, ref).state is LoanState.PROVISIONING
