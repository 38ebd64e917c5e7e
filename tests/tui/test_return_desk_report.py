"""The return report at the desk: issued against the handover, signed by both with real keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from crisis.domain.assets import Condition
from crisis.domain.loans import LoanState
from crisis.errors import ValidationError
from crisis.services import documents, loans
from crisis.services.demo_operators import DEMO_PASSPHRASE, seed_demo_operators
from crisis.services.verification import verify_file
from crisis.services.workspace import Workspace
from tests.tui.helpers import keys, settle
from tests.tui.lifecycle import handed_over
from tui.app import CrisisApp
from tui.widgets.return_report import parse_repair_costs
from tui.widgets.signing import fingerprint

SIZE = (160, 70)


def text(app: CrisisApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def type_into(pilot: Pilot[None], selector: str, value: str) -> None:
    await pilot.click(selector)
    await pilot.press(*keys(value))


async def open_report(pilot: Pilot[None]) -> None:
    await pilot.press("f7")
    await settle(pilot)
    await pilot.click("#--content-tab-tab-report")
    await pilot.pause()


async def test_report_issued_then_signed_by_both_with_real_keys(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    seed_demo_operators(demo_ws)  # "tester" is an admin with a signing key
    loan = handed_over(demo_ws)
    items = sorted(loan.items)
    damaged, missing = items[0], items[-1]
    loans.scan_return(demo_ws, loan.reference, damaged, Condition.DAMAGED)
    for tag in items[1:-1]:
        loans.scan_return(demo_ws, loan.reference, tag, Condition.GOOD)
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_report(pilot)
        # Finishing before the report is signed by both is refused, visibly.
        await pilot.click("#finish")
        await settle(pilot)
        assert "return report" in text(app, "#problem")
        assert text(app, "#problem") == app.last_error

        await type_into(pilot, "#place", "Aubagne")
        await type_into(pilot, "#repair-costs", f"{damaged}=180 EUR")
        await type_into(pilot, "#reservations-lender", "Cracked screen")
        await type_into(pilot, "#reservations-borrower", "Charger kept by the school")
        await pilot.click("#issue-report")
        await settle(pilot)
        shown = text(app, "#report-doc")
        issued = documents.list_documents(demo_ws, loan.reference)[-1]
        assert f"Return report {issued.reference}" in shown
        assert f"Missing (1) {missing}" in shown
        assert f"Damaged (1) {damaged}" in shown
        assert "Unexpected (0)" in shown
        data = issued.data
        assert data["reservations"] == {
            "lender": ["Cracked screen"],
            "borrower": ["Charger kept by the school"],
        }
        assert data["place"] == "Aubagne"
        assert (
            next(r for r in data["returned"] if r["tag"] == damaged)["repair_cost"] == "180.00 EUR"
        )

        # A wrong passphrase: a clear error, nothing recorded, the field emptied.
        await type_into(pilot, "#passphrase", "not the passphrase")
        await pilot.click("#sign-lender")
        await settle(pilot)
        assert "passphrase" in text(app, "#problem").lower()
        assert documents.get_document(demo_ws, issued.reference).signatures == ()
        assert app.screen.query_one("#passphrase").value == ""  # type: ignore[attr-defined]

        # The town before the lender is refused too.
        await type_into(pilot, "#representative", "Marie Dupont, maire")
        await pilot.click("#sign-borrower")
        await settle(pilot)
        assert "lender signs first" in text(app, "#problem")

        await type_into(pilot, "#passphrase", DEMO_PASSPHRASE)
        await pilot.click("#sign-lender")
        await settle(pilot)
        scan = tmp_path / "scan.pdf"
        scan.write_bytes(b"%PDF-1.4 scan of the page signed by hand")
        await type_into(pilot, "#town-file", str(scan))
        await pilot.click("#sign-borrower")
        await settle(pilot)
        signed = documents.get_document(demo_ws, issued.reference)
        assert [(s.party, s.signer) for s in signed.signatures] == [
            ("lender", "tester"),
            ("borrower", "Marie Dupont, maire"),
        ]
        shown = text(app, "#signatures")
        assert fingerprint(signed.signatures[0].public_key) in shown
        assert "Marie Dupont, maire" in shown
        assert "handwritten signature" in shown  # said plainly
        assert signed.signatures[1].scan_sha256 in shown

        await pilot.click("#finish")
        await settle(pilot)
        assert "sanitising" in text(app, "#loan-state")
    assert loans.get_loan(demo_ws, loan.reference).state is LoanState.SANITISING
    # Both signatures check out against the journal, with nothing but the inventory.
    snapshot = tmp_path / "return.json"
    snapshot.write_bytes(signed.snapshot)
    verdict = verify_file(demo_ws, snapshot)
    assert verdict.ok, verdict.problems
    assert set(verdict.signed_by) >= {"lender", "borrower"}
    assert (
        DEMO_PASSPHRASE.encode() not in Path(demo_ws.db.url.removeprefix("sqlite:///")).read_bytes()
    )


def test_repair_costs_are_read_tag_by_tag() -> None:
    assert parse_repair_costs(" AMP-PC-0002 = 180 EUR ; AMP-TEL-0001=45 EUR;") == {
        "AMP-PC-0002": "180.00 EUR",
        "AMP-TEL-0001": "45.00 EUR",
    }
    assert parse_repair_costs("  ") == {}
    for bad in ("AMP-PC-0002", "=180 EUR", "AMP-PC-0002= ", "AMP-PC-0002=beaucoup"):
        with pytest.raises(ValidationError, match=re.escape(repr(bad.strip()))):
            parse_repair_costs(f"AMP-TEL-0001=45 EUR; {bad}")
    with pytest.raises(ValidationError, match="AMP-TEL-0001: two repair costs"):
        parse_repair_costs("AMP-TEL-0001=45; AMP-TEL-0001=50")
