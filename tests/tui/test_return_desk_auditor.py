"""An auditor at the return desk reads everything and changes nothing."""

from __future__ import annotations

from textual.widgets import Button, Static

from crisis.domain.assets import Condition
from crisis.services import documents, loans
from crisis.services.demo_operators import seed_demo_operators
from crisis.services.workspace import Workspace
from tests.tui.helpers import settle
from tests.tui.lifecycle import handed_over
from tui.app import CrisisApp
from tui.widgets.return_report import ReturnReportPane
from tui.widgets.sanitisation_pane import SanitisationPane

CONTROLS = {
    "tab-scan": ("#scan",),
    "tab-report": (
        "#place",
        "#repair-costs",
        "#reservations-lender",
        "#reservations-borrower",
        "#issue-report",
        "#passphrase",
        "#sign-lender",
        "#representative",
        "#sign-borrower",
        "#finish",
    ),
    "tab-quarantine": (
        "#sanitise-laptops",
        "#reset-phones",
        "#manual-tags",
        "#manual-method",
        "#manual-result",
        "#record-manual",
        "#validated-by",
        "#issue-certificates",
        "#disposition",
        "#dispose",
        "#data-certificate",
        "#close",
    ),
}


async def test_an_auditor_sees_the_desk_with_every_control_disabled(demo_ws: Workspace) -> None:
    seed_demo_operators(demo_ws)  # Nadia Blanc is an auditor
    loan = handed_over(demo_ws)
    for tag in loan.items:
        loans.scan_return(demo_ws, loan.reference, tag, Condition.GOOD)
    issued = documents.issue_return(demo_ws, loan.reference)
    app = CrisisApp(demo_ws.url, "Nadia Blanc", lang="en")
    async with app.run_test(size=(160, 70)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        assert app.read_only
        for pane, selectors in CONTROLS.items():
            await pilot.click(f"#--content-tab-{pane}")
            await settle(pilot)
            for selector in selectors:
                assert app.screen.query_one(selector).disabled, selector
        # Reading still works: the quarantine of the loan is listed.
        table = app.screen.query_one("#devices")
        assert table.row_count == len(loan.items)  # type: ignore[attr-defined]
        assert app.screen.query_one(SanitisationPane).read_only
        # The report issued earlier is shown, with its state and signatures.
        shown = str(app.screen.query_one("#report-doc", Static).render())
        assert f"Return report {issued.reference}" in shown
        assert f"Returned ({len(loan.items)})" in shown
        assert "Not signed yet." in str(app.screen.query_one("#signatures", Static).render())
        assert "returning" in str(app.screen.query_one("#loan-state", Static).render())


async def test_a_change_that_gets_through_is_refused_and_shown(demo_ws: Workspace) -> None:
    """Even if a control were enabled, the service refuses and the refusal is shown."""
    seed_demo_operators(demo_ws)
    loan = handed_over(demo_ws)
    app = CrisisApp(demo_ws.url, "Nadia Blanc", lang="en")
    async with app.run_test(size=(160, 70)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        await pilot.click("#--content-tab-tab-report")
        await settle(pilot)
        button = app.screen.query_one("#issue-report", Button)
        button.disabled = False
        button.press()
        await settle(pilot)
        assert app.screen.query_one(ReturnReportPane).loan == loan.reference
        problem = str(app.screen.query_one("#problem", Static).render())
        assert "auditors are read-only" in problem
        assert problem == app.last_error
    # Only the joint inventory signed before handover: no return report was issued.
    assert [d.kind.value for d in documents.list_documents(demo_ws, loan.reference)] == [
        "inventory"
    ]
