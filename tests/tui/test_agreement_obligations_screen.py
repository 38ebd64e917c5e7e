"""The dashboard's agreement part: a proof ending soon, a loan to bring back before an
agreement ended by notice, and the DPO the 72 h breach clock names."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from textual.widgets import Static

from crisis.domain.paris_time import paris_date
from crisis.services import agreements, incidents, insurance, loans
from crisis.services.agreement_contacts import ContactRole, set_contact
from crisis.services.incidents import Channel
from crisis.services.insurance import Cover
from crisis.services.workspace import Workspace
from tests.tui.helpers import settle
from tests.tui.lifecycle import AGREEMENT, TEMPLATE, TOWN
from tui.app import CrisisApp


async def test_the_dashboard_shows_the_agreements_obligations(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    loans.declare_crisis(demo_ws, TOWN, "CYBER-OBL", "Maire")
    ref = loans.open_loan(demo_ws, "CYBER-OBL", AGREEMENT, TEMPLATE).reference
    proof = tmp_path / "attestation.pdf"
    proof.write_bytes(b"attestation")
    until = paris_date(datetime.now(UTC)) + timedelta(days=12)
    insurance.add_proof(
        demo_ws, AGREEMENT, file=proof, insurer="SMACL", policy_number="RC-9",
        covers=(Cover.CIVIL_LIABILITY,), valid_from=date(2026, 1, 1), valid_until=until,
    )  # fmt: skip
    agreements.record_notice(demo_ws, AGREEMENT, date(2026, 9, 15))
    set_contact(demo_ws, AGREEMENT, ContactRole.DPO, "Inès Roux", "dpo@aubagne.fr")
    incidents.report_loss(
        demo_ws, "CYBER-OBL", theft=True, declarant="Accueil", channel=Channel.PHONE,
        description="Volé", asset_tags=["AMP-PC-0060"], personal_data=True,
    )  # fmt: skip
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(200, 80)) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        shown = str(app.screen.query_one("#board", Static).render())
    assert "Agreements' obligations" in shown
    assert f"Insurance proof {AGREEMENT}: SMACL no. RC-9, expires {until:%d/%m/%Y}" in shown
    assert f"To return before agreement {AGREEMENT} ends (31/12/2026): loan {ref}" in shown
    line = next(x for x in shown.splitlines() if x.startswith("Data breach (72 h)"))
    assert line.endswith("notify the DPO: Inès Roux <dpo@aubagne.fr>")
