"""The activation wizard driven from the keyboard, from the declaration to a signed handover."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, OptionList, Static

from crisis.domain.loans import LoanState
from crisis.services import documents, loans
from crisis.services.demo_operators import DEMO_PASSPHRASE, seed_demo_operators
from crisis.services.verification import verify_file
from crisis.services.workspace import Workspace
from tests.documents.gaps import reserve_gaps
from tests.tui.helpers import keys, settle
from tests.tui.lifecycle import AGREEMENT, TEMPLATE, TOWN
from tests.tui.test_french_everywhere import english_in
from tui.app import CrisisApp
from tui.screens.activation import ActivationScreen
from tui.widgets.loan_panel import LoanPanel
from tui.widgets.row_gaps import ConfirmStep


async def fill(pilot: Pilot[None], *values: str) -> None:
    """Type each value and Enter (Enter moves to the next field, then to the button)."""
    for value in values:
        await pilot.press(*keys(value), "enter")
        await pilot.pause()


async def enter(pilot: Pilot[None]) -> None:
    """Press Enter and wait for the work it started."""
    await pilot.press("enter")
    await settle(pilot)


async def confirm(pilot: Pilot[None], *named: str) -> None:
    """The question before accept or handover: it names `named`, No has the focus; answer Yes."""
    app = pilot.app
    assert isinstance(app.screen, ConfirmStep)
    question = str(app.screen.query_one("#confirm-body", Static).render())
    for text in named:
        assert text in question
    assert app.focused is not None
    assert app.focused.id == "no"
    app.screen.query_one("#yes", Button).press()
    await settle(pilot)


def focused_id(app: CrisisApp) -> str:
    assert app.focused is not None
    return app.focused.id or ""


def first_loan() -> str:
    return f"PRET-{datetime.now(UTC).year}-0001"


def problem(app: CrisisApp) -> str:
    return str(app.screen.query_one("#problem", Static).render())


def shown(app: CrisisApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def declare_and_open(pilot: Pilot[None], crisis: str, template: str = TEMPLATE) -> None:
    """F6, declare a crisis of the demo's Aubagne, pick its agreement and `template`, open."""
    app = pilot.app
    assert isinstance(app, CrisisApp)
    await pilot.press("f6")
    await settle(pilot)
    assert isinstance(app.screen, ActivationScreen)
    assert focused_id(app) == "town"
    await fill(pilot, TOWN, crisis, "Maire", "rançongiciel")
    assert focused_id(app) == "declare"
    await enter(pilot)
    assert focused_id(app) == "agreement"  # the agreement in force is highlighted
    await pilot.press("enter")
    assert focused_id(app) == "template"
    templates = app.screen.query_one("#template", OptionList)
    while templates.highlighted_option is None or templates.highlighted_option.id != template:
        await pilot.press("down")
    await pilot.press("enter")
    assert focused_id(app) == "open"
    chosen = shown(app, "#chosen")
    assert f" {AGREEMENT}, " in chosen
    assert chosen.endswith(f" {template}")
    await enter(pilot)
    assert problem(app) == ""


async def walk_to_acceptance_sheet(pilot: Pilot[None], crisis: str) -> None:
    """Open, assemble and provision a loan, enter one manual check, issue the sheet."""
    app = pilot.app
    assert isinstance(app, CrisisApp)
    await declare_and_open(pilot, crisis)
    for step in ("assemble", "provision"):
        assert focused_id(app) == step
        await enter(pilot)
        assert problem(app) == "", step
    assert focused_id(app) == "test"
    await fill(pilot, "Poste : ouverture de session", "session ouverte", "ouverte en 20 s")
    assert focused_id(app) == "tester"  # the pass/fail box is skipped: Enter would toggle it
    await pilot.press("enter")  # adds the row
    assert app.screen.query_one("#acceptance-rows", DataTable).row_count == 1
    assert focused_id(app) == "test"
    await pilot.press("enter")  # empty test: on to the sheet
    assert focused_id(app) == "acceptance-place"
    await pilot.press("enter", "enter", "enter")  # no place, no reservations
    assert focused_id(app) == "issue-acceptance"
    await enter(pilot)
    assert problem(app) == ""
    assert focused_id(app) == "acceptance-passphrase"


async def sign_both(pilot: Pilot[None], kind: str) -> None:
    """The lender signs with the demo passphrase, then the prefilled representative."""
    app = pilot.app
    assert isinstance(app, CrisisApp)
    assert focused_id(app) == f"{kind}-passphrase"
    await fill(pilot, DEMO_PASSPHRASE)
    assert focused_id(app) == f"{kind}-sign-lender"
    await enter(pilot)
    assert problem(app) == ""
    assert focused_id(app) == f"{kind}-representative"
    assert app.screen.query_one(f"#{kind}-representative", Input).value.endswith(", Maire")
    # The town signs by hand on the printed page; its scan is attached (the default way).
    scan = Path(tempfile.mkdtemp(prefix="scan-")) / "signature.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the page signed by hand")
    app.screen.query_one(f"#{kind}-town-file", Input).value = str(scan)
    await pilot.press("enter")
    assert focused_id(app) == f"{kind}-sign-borrower"
    await enter(pilot)
    assert problem(app) == ""


async def test_enter_walks_an_activation_to_a_signed_handover(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    seed_demo_operators(demo_ws)  # tester: admin, with a signing key opened by the passphrase
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 50)) as pilot:
        await walk_to_acceptance_sheet(pilot, "CYBER-7")
        await sign_both(pilot, "acceptance")
        assert focused_id(app) == "accept"
        # The provisioning's checks were not run here: asked, then refused, the rows named.
        await enter(pilot)
        await confirm(pilot, "ligne 1 : ")
        # Refused in French: the loan's guard and the sheet's row, in the app's language.
        assert "/acceptance-1 : ligne 1 : " in problem(app)
        assert "sans réserve de l'emprunteur" in problem(app)
        assert english_in(problem(app)) == []
        assert focused_id(app) == "accept"
        # The borrower reserves them: a revision, carried on in the wizard, signed again.
        revision = reserve_gaps(demo_ws, documents.list_documents(demo_ws)[-1])
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        resume = app.screen.query_one("#resume", OptionList)
        app.screen.set_focus(resume)
        resume.highlighted = 0
        await enter(pilot)
        assert revision.reference in shown(app, "#acceptance-document")
        await sign_both(pilot, "acceptance")
        assert focused_id(app) == "accept"
        await enter(pilot)
        await confirm(pilot, "Accepté avec réserves", "refait sur place après la remise")
        assert focused_id(app) == "inventory-place"
        await fill(pilot, "Mairie d'Aubagne")
        await fill(pilot, "Chargeur LT rayé", "")  # the lender's reservation, then move on
        await fill(pilot, "Écran du 3e poste à revoir", "")  # the town's
        assert focused_id(app) == "issue-inventory"
        await enter(pilot)
        assert app.screen.query_one("#inventory-items", DataTable).row_count == 16
        await sign_both(pilot, "inventory")
        once = shown(app, "#inventory-signatures")
        assert focused_id(app) == "handover"
        await enter(pilot)
        await confirm(pilot, "Accepté avec réserves")
        assert problem(app) == ""
        panel = str(app.screen.query_one(LoanPanel).render())
        assert f"{first_loan()} — remis" in panel
        assert "Fiche d'essai signée par : prêteur, emprunteur" in panel
        assert "Inventaire contradictoire signé par : prêteur, emprunteur" in panel
        assert "16 matériels" in panel  # 5 laptops, 5 phones, 1 switch, 5 chargers
    assert loans.get_loan(demo_ws, first_loan()).state is LoanState.HANDED_OVER
    first, acceptance, inventory = documents.list_documents(demo_ws, first_loan())
    assert "Poste : ouverture de session" in [r["test"] for r in acceptance.data["tests"]]
    assert acceptance.data["row_reservations"]  # the rows the borrower accepted
    for doc in (first, acceptance, inventory):
        lender, borrower = doc.signatures
        assert (lender.party, lender.signer) == ("lender", "tester")
        assert borrower.party == "borrower"
        assert borrower.signer.endswith(", Maire")
        path = tmp_path / f"{doc.kind.value}.json"
        path.write_bytes(doc.snapshot)
        verdict = verify_file(demo_ws, path)
        assert verdict.ok, verdict.problems
        assert verdict.signed_by == ("lender", "borrower")
    # The town's handwritten signature is shown as such, with its scan's hash.
    assert inventory.signatures[1].handwritten
    assert "signature manuscrite" in once
    assert inventory.signatures[1].scan_sha256[:16] in once.replace("\n", "")
    data = json.loads(inventory.snapshot)
    assert data["place"] == "Mairie d'Aubagne"
    assert data["reservations"] == {
        "lender": ["Chargeur LT rayé"],
        "borrower": ["Écran du 3e poste à revoir"],
    }


async def test_an_expired_agreement_is_shown_refused_before_opening(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        await fill(pilot, "13117", "CYBER-8", "Maire", "")  # Vitrolles: DL.2024-17 expired
        await enter(pilot)
        status = shown(app, "#agreement-status")
        assert "DL.2024-17 — refused: expired, its fixed term ended on 2025-12-31" in status
        assert "No agreement in force for crisis CYBER-8" in status
        agreements = app.screen.query_one("#agreement", OptionList)
        assert agreements.option_count == 1  # only the town's own agreement is offered
        assert agreements.get_option_at_index(0).disabled
        await pilot.press("enter")  # nothing can be chosen
        assert focused_id(app) == "agreement"
        await pilot.click("#open")
        await settle(pilot)
        assert problem(app) == "Choose an agreement in force and a kit template."
        await pilot.click("#assemble")
        await settle(pilot)
        assert problem(app) == "Open the loan first."
    assert loans.list_loans(demo_ws) == []


async def test_short_stock_is_shown_and_nothing_is_reserved(demo_ws: Workspace) -> None:
    for n in range(3):  # the demo has 37 ready phones: three 10-post kits leave 7
        loans.declare_crisis(demo_ws, TOWN, f"C-{n}", "Maire")
        ref = loans.open_loan(demo_ws, f"C-{n}", AGREEMENT, "Kit continuité 10 postes").reference
        loans.assemble(demo_ws, ref)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await declare_and_open(pilot, "CYBER-9", "Kit continuité 10 postes")
        assert focused_id(app) == "assemble"
        await enter(pilot)
        assert "not enough ready stock" in problem(app)
        assert "phone: 3 of 10 missing" in problem(app)
        assert app.last_error == problem(app)
        assert focused_id(app) == "assemble"
    assert (
        loans.get_loan(demo_ws, f"PRET-{datetime.now(UTC).year}-0004").state is LoanState.DECLARED
    )
