"""Labels from the TUI (inventory, a loan in the wizard), and read back at the return desk."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from crisis.domain.label_sheets import LabelFormat
from crisis.domain.loans import LoanState
from crisis.services import labels, loans
from crisis.services.demo_operators import seed_demo_operators
from crisis.services.workspace import Workspace
from tests.labels.symbols import decode_label, decode_region
from tests.tui.helpers import keys, settle
from tests.tui.lifecycle import handed_over
from tests.tui.test_activation_wizard import enter
from tests.tui.test_wizard_resume import sheet_signed_by_the_lender
from tui.app import CrisisApp
from tui.screens.restitution import RestitutionScreen


def toasts(app: CrisisApp) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_inventory_prints_the_filtered_assets(
    demo_ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*keys("sw-00"), "ctrl+l")
        await settle(pilot)
        path = tmp_path / "etiquettes.pdf"
        assert f"9 étiquette(s) écrite(s) dans {path}" in toasts(app)
    for i in range(9):
        tag = f"AMP-SW-00{i + 1}"
        assert decode_label(path, LabelFormat.L7160, i, 300) == {
            f"QR-Code:{tag}",
            f"CODE-128:{tag}",
        }


async def test_a_loan_in_the_wizard_prints_its_kit(
    demo_ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    seed_demo_operators(demo_ws)
    ref = sheet_signed_by_the_lender(demo_ws, "CYBER-21")
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        resume = app.screen.query_one("#resume", OptionList)
        app.screen.set_focus(resume)
        resume.highlighted = 0
        await enter(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        said = toasts(app)
    kit, packing = tmp_path / f"labels-{ref}.pdf", tmp_path / f"packing-list-{ref}.pdf"
    items = loans.get_loan(demo_ws, ref).items
    assert f"{len(items)} label(s) written to {kit}" in said
    assert f"packing list of {ref} written to {packing}" in said
    assert decode_region(packing, 1, 203, (150, 5, 55, 50)) == {f"QR-Code:{ref}"}
    assert decode_label(kit, LabelFormat.L7160, 0, 203) == {
        f"QR-Code:{sorted(items)[0]}",
        f"CODE-128:{sorted(items)[0]}",
    }


async def test_the_desk_finds_a_decoded_label_and_shows_the_kit_code(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    loan = handed_over(demo_ws)
    pdf = labels.asset_labels(demo_ws, labels.Selection(loan=loan.reference), LabelFormat.L7163)
    path = labels.save_pdf(tmp_path / "kit.pdf", pdf.data)
    read = decode_label(path, LabelFormat.L7163, 1, 300)
    tag = next(r.split(":", 1)[1] for r in read if r.startswith("QR-Code:"))
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RestitutionScreen)
        await pilot.press(*keys(loan.reference.lower()), "enter")
        await settle(pilot)
        last = str(screen.query_one("#last", Static).render())
        assert f"QR code du kit du prêt {loan.reference} (pas un article)" in last
        await pilot.press(*keys(tag), "enter")
        await settle(pilot)
        assert screen.scans_done == screen.scans_sent == 2
    report = loans.return_report(demo_ws, loan.reference)
    assert [r.item.tag for r in report.returned] == [tag]
    assert not report.unexpected


async def test_a_kit_code_scanned_turns_the_desk_to_its_loan(demo_ws: Workspace) -> None:
    first = handed_over(demo_ws, "CYBER-1")
    second = handed_over(demo_ws, "CYBER-2")
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RestitutionScreen)
        assert screen.loan is None  # two loans to take back: none is picked for the user
        await pilot.press(*keys(second.reference), "enter")
        await settle(pilot)
        assert screen.loan == second.reference
        last = str(screen.query_one("#last", Static).render())
        assert f"kit QR code of loan {second.reference} (not an item)" in last
        await pilot.press(*keys(first.reference), "enter")
        await settle(pilot)
        assert screen.loan == first.reference
    for loan in (first, second):  # nothing was recorded as an item
        assert not loans.return_report(demo_ws, loan.reference).unexpected
        assert loans.get_loan(demo_ws, loan.reference).state is LoanState.HANDED_OVER
