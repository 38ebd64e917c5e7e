"""Signing in the wizard: a wrong passphrase signs nothing; auditors only read; the switch."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.widgets import Button, Input

from crisis.services import documents, loans
from crisis.services.demo_operators import DEMO_PASSPHRASE, seed_demo_operators
from crisis.services.workspace import Workspace
from tests.tui.helpers import settle
from tests.tui.lifecycle import handed_over
from tests.tui.test_activation_wizard import (
    enter,
    fill,
    focused_id,
    problem,
    shown,
    walk_to_acceptance_sheet,
)
from tui.app import CrisisApp


def first_loan() -> str:
    return f"PRET-{datetime.now(UTC).year}-0001"


async def test_a_wrong_passphrase_is_refused_and_nothing_is_signed(demo_ws: Workspace) -> None:
    seed_demo_operators(demo_ws)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await walk_to_acceptance_sheet(pilot, "CYBER-10")
        await fill(pilot, "not the passphrase")
        await enter(pilot)  # the lender signs
        assert "wrong passphrase" in problem(app)
        assert "not the passphrase" not in problem(app) + app.last_error
        field = app.screen.query_one("#acceptance-passphrase", Input)
        assert field.value == ""  # never kept in the field
        assert focused_id(app) == "acceptance-passphrase"  # type it again
        [doc] = documents.list_documents(demo_ws, first_loan())
        assert doc.signatures == ()
        assert loans.get_loan(demo_ws, first_loan()).acceptance_signed_by == ()
        assert shown(app, "#acceptance-signatures") == ""
        # The town cannot sign before the lender either.
        await pilot.click("#acceptance-sign-borrower")
        await settle(pilot)
        assert "the lender signs first" in problem(app)
        assert documents.get_document(demo_ws, doc.reference).signatures == ()
        # The right passphrase then signs.
        field.focus()
        await fill(pilot, DEMO_PASSPHRASE)
        await enter(pilot)
        assert problem(app) == ""
        assert "Signed by the lender: tester" in shown(app, "#acceptance-signatures")
    assert loans.get_loan(demo_ws, first_loan()).acceptance_signed_by == ("lender",)


async def test_an_auditor_sees_every_wizard_control_disabled(demo_ws: Workspace) -> None:
    seed_demo_operators(demo_ws)  # Nadia Blanc is an auditor
    handed_over(demo_ws)
    app = CrisisApp(demo_ws.url, "Nadia Blanc", lang="fr")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        assert app.read_only
        for selector in (
            "#town", "#declare", "#agreement", "#template", "#open", "#assemble", "#provision",
            "#test", "#add-test", "#passed", "#acceptance-place", "#acceptance-lender-reservation",
            "#issue-acceptance", "#acceptance-passphrase", "#acceptance-sign-lender",
            "#acceptance-sign-borrower", "#accept", "#inventory-borrower-reservation",
            "#issue-inventory", "#inventory-representative", "#inventory-sign-borrower",
            "#handover",
        ):  # fmt: skip
            assert app.screen.query_one(selector).disabled, selector
        assert not app.screen.query_one("#switch").disabled  # looking at the switch is reading


async def test_the_switch_button_opens_the_switch_screen(
    demo_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    show = CrisisApp.action_show

    def spy(app: CrisisApp, name: str) -> None:
        asked.append(name)
        if name != "switch":  # the switch screen is another part of the app
            show(app, name)

    monkeypatch.setattr(CrisisApp, "action_show", spy)
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        app.screen.query_one("#switch", Button).press()
        await settle(pilot)
    assert asked[-2:] == ["activation", "switch"]
