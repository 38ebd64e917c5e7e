"""The acceptance sheet's manual checks and each party's reservations, as typed in the wizard."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Checkbox, DataTable

from crisis.services import documents
from crisis.services.workspace import Workspace
from tests.tui.helpers import settle
from tests.tui.test_activation_wizard import declare_and_open, enter, fill, focused_id, problem
from tui.app import CrisisApp


def first_loan() -> str:
    return f"PRET-{datetime.now(UTC).year}-0001"


async def test_checks_and_reservations_go_into_the_sheet_as_typed(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await declare_and_open(pilot, "CYBER-11")
        await enter(pilot)  # assemble
        await enter(pilot)  # provision
        rows = app.screen.query_one("#acceptance-rows", DataTable)
        # An incomplete check is refused, naming what is missing; nothing is added.
        await fill(pilot, "Switch: VLAN 20 isolated", "", "")
        await pilot.press("enter")  # on the tester (prefilled): add
        await settle(pilot)
        assert problem(app) == "Incomplete test: Expected result, Observed result missing."
        assert rows.row_count == 0
        # A failed check: the pass/fail box is reached with Tab and toggled with space.
        for name, value in (("expected", "no route to VLAN 10"), ("observed", "ping answered")):
            app.screen.query_one(f"#{name}").focus()
            await fill(pilot, value)
        await pilot.press("shift+tab")
        assert focused_id(app) == "passed"
        await pilot.press("space")
        assert not app.screen.query_one("#passed", Checkbox).value
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert problem(app) == ""
        assert rows.row_count == 1
        assert [str(c) for c in rows.get_row_at(0)][3] == "FAIL"
        assert app.screen.query_one("#passed", Checkbox).value  # back to "passed" for the next
        assert focused_id(app) == "test"
        await pilot.press("enter")  # empty test: on to the place
        await fill(pilot, "Centre technique municipal")
        await fill(pilot, "Retest VLAN 20 before handover", "")
        await fill(pilot, "Switch configured by the lender only", "Serial of PC 3 unreadable", "")
        assert focused_id(app) == "issue-acceptance"
        await enter(pilot)
        assert problem(app) == ""
    [sheet] = documents.list_documents(demo_ws, first_loan())
    data = sheet.data
    assert data["place"] == "Centre technique municipal"
    assert data["reservations"] == {
        "lender": ["Retest VLAN 20 before handover"],
        "borrower": ["Switch configured by the lender only", "Serial of PC 3 unreadable"],
    }
    [check] = [r for r in data["tests"] if r["test"] == "Switch: VLAN 20 isolated"]
    assert check["passed"] is False
    assert check["observed"] == "ping answered"
    assert check["tester"] == "tester"
    assert data["summary"]["failed"] >= 1
