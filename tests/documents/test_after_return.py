"""Documents after the return: the report, sanitisation certificates, the data certificate."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisis.cli import app
from crisis.domain.assets import Condition
from crisis.domain.documents import AcceptanceTest, DocumentError, Reservations, euro_amount
from crisis.domain.loans import Party
from crisis.errors import ValidationError
from crisis.services import documents, loans
from crisis.services.workspace import Workspace
from inventory.repo import runs as runs_repo
from inventory.tables import SanitisationRecord
from tests.documents.conftest import PASSPHRASE
from tests.documents.gaps import reserve_gaps
from tests.documents.test_pdf import needs_poppler, text_of
from tests.documents.town import town_signs


def both_sign(ws: Workspace, reference: str) -> None:
    documents.sign_document(ws, reference, Party.LENDER, passphrase=PASSPHRASE)
    town_signs(ws, reference, "Marie Dupont, maire")


def record_sanitisation(ws: Workspace) -> None:
    """AMP-PC-0002 purged with nwipe on 20 November 2026, 10:30 Paris time."""
    with ws.db.session(write=True) as s:
        runs_repo.add_sanitisation(
            s,
            SanitisationRecord(
                asset_tag="AMP-PC-0002", method="Purge", technique="ATA Secure Erase",
                tool="nwipe", verification="passed",
                details={"tool_version": "0.34", "verification_details": {"sampling": "10%"}},
                evidence_sha256="ab" * 32, operator="Claire Martin",
                performed_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC), journal_seq=1,
            ),
        )  # fmt: skip


@pytest.fixture
def returned(kit: tuple[Workspace, str]) -> tuple[Workspace, str, str]:
    """A loan handed over through signed documents, then returned with one item missing."""
    ws, ref = kit
    sheet = documents.issue_acceptance(
        ws, ref, [AcceptanceTest("Messagerie", "OK", "OK", True, "robot")]
    )
    sheet = reserve_gaps(ws, sheet)
    both_sign(ws, sheet.reference)
    loans.accept(ws, ref)
    inventory = documents.issue_inventory(ws, ref)
    both_sign(ws, inventory.reference)
    loans.hand_over(ws, ref)
    items = loans.get_loan(ws, ref).items
    laptops = [t for t in items if t.startswith("AMP-PC")]
    for tag in items:
        if tag != laptops[0]:
            cond = Condition.DAMAGED if tag == laptops[1] else Condition.GOOD
            loans.scan_return(ws, ref, tag, cond)
    return ws, ref, inventory.sha256


@needs_poppler
def test_return_report_against_the_signed_inventory(
    returned: tuple[Workspace, str, str], tmp_path: Path
) -> None:
    ws, ref, inventory_sha = returned
    report = documents.issue_return(
        ws, ref,
        [documents.parse_mailbox("accueil@aubagne.example=returned:export PST remis au DSI")],
        reservations=Reservations(lender=("Écran fêlé sur AMP-PC-0002",)),
        repair_costs={"AMP-PC-0002": "180,5 €"},
    )  # fmt: skip
    data = report.data
    assert data["handover_sha256"] == inventory_sha
    assert [m["tag"] for m in data["missing"]] == ["AMP-PC-0001"]
    assert any(r["status"] == "damaged" for r in data["returned"])
    assert data["reservations"]["lender"] == ["Écran fêlé sur AMP-PC-0002"]
    both_sign(ws, report.reference)
    assert set(loans.get_loan(ws, ref).return_signed_by) == {"lender", "borrower"}
    text = text_of(documents.render_document(ws, report.reference), tmp_path)
    assert "PROCÈS-VERBAL DE RESTITUTION" in text
    assert "Matériel manquant Étiquette N° de série / IMEI Catégorie AMP-PC-0001" in text
    assert "180,50 €" in text
    assert "accueil@aubagne.example restituées à la commune export PST remis au DSI" in text


@needs_poppler
def test_sanitisation_certificate_carries_the_nist_fields(
    returned: tuple[Workspace, str, str], tmp_path: Path
) -> None:
    ws, ref, _ = returned
    with pytest.raises(Exception, match="no sanitisation record"):
        documents.issue_sanitisation(ws, ref, "AMP-PC-0002", "RSSI")
    record_sanitisation(ws)
    cert = documents.issue_sanitisation(ws, ref, "AMP-PC-0002", "Responsable SSI", "Marseille")
    device = cert.data["device"]
    assert device["method"] == "Purge"
    assert device["property_number"] == "AMP-PC-0002"
    assert device["serial"]
    assert device["verification_method"] == "sampling"
    text = text_of(documents.render_document(ws, cert.reference), tmp_path)
    expected = ("CERTIFICAT D'EFFACEMENT", "Purge", "ATA Secure Erase", "nwipe", "0.34",
                "Claire Martin", "Responsable SSI", "20 nov. 2026, 10:30", "Marseille")  # fmt: skip
    for words in expected:
        assert words in text, words


def test_data_certificate_names_only_the_loans_mailboxes(
    returned: tuple[Workspace, str, str],
) -> None:
    """Typed dispositions of mailboxes the loan never had are refused (the certificate's
    content is covered in tests/mail/test_data_certificate.py)."""
    ws, ref, _ = returned
    with pytest.raises(ValidationError, match="is not a mailbox of loan"):
        documents.issue_data_disposition(
            ws, ref, [documents.parse_mailbox("accueil@aubagne.example=destroyed:effacement")]
        )


def test_repair_costs_on_the_command_line(returned: tuple[Workspace, str, str]) -> None:
    ws, ref, _ = returned
    before = len(documents.list_documents(ws, ref))

    def issue(*costs: str) -> tuple[int, str]:
        args = ["--db", ws.db.url, "--operator", "tester", "documents", "return", ref]
        r = CliRunner().invoke(
            app,
            [*args, *(f"--repair-cost={c}" for c in costs)],
            env={"CRISIS_OPERATOR_PASSPHRASE": PASSPHRASE},
        )
        return r.exit_code, r.stdout + r.stderr

    code, out = issue("AMP-PC-0002=12O")
    assert code == 1
    assert "« AMP-PC-0002=12O »" in out  # French by default
    assert "n'est pas un montant en euros" in out
    code, out = issue("AMP-PC-0001=50")  # the missing laptop was not returned
    assert code == 1
    assert "« AMP-PC-0001 » n'est pas un élément restitué avec ce prêt" in out
    assert "AMP-PC-0002" in out  # the tags that can be given
    code, out = issue("AMP-PC-0002")
    assert code == 1
    assert "ÉTIQUETTE=MONTANT" in out  # French by default
    code, out = issue("AMP-PC-0002=10", "AMP-PC-0002=20")
    assert code == 1
    assert "AMP-PC-0002 : deux frais de réparation donnés" in out
    assert len(documents.list_documents(ws, ref)) == before  # nothing issued
    code, out = issue("AMP-PC-0002=1 234,5", "AMP-PC-0003=80")
    assert code == 0, out
    rows = {
        r["tag"]: r["repair_cost"] for r in documents.list_documents(ws, ref)[-1].data["returned"]
    }
    assert rows["AMP-PC-0002"] == "1234.50 EUR"
    assert rows["AMP-PC-0003"] == "80.00 EUR"
    assert rows["AMP-PC-0004"] == ""


def test_euro_amounts() -> None:
    assert euro_amount("180") == "180.00 EUR"
    assert euro_amount(" 12,3 EUR ") == "12.30 EUR"
    assert euro_amount("1\u202f500 €") == "1500.00 EUR"
    for bad in ("", "-5", "12.345", "douze", "12 USD", "1e3"):
        with pytest.raises(DocumentError, match="not an amount in euros"):
            euro_amount(bad)
