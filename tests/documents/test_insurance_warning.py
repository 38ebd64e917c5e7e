"""A loan opened without a valid insurance proof (the agreement allows it with a warning):
the joint inventory carries the warning as a code and the page words it in its language
(issue 14 point 3). Both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from crisis.domain.paris_time import paris_date
from crisis.services import documents, insurance, loans
from crisis.services.insurance import Cover
from crisis.services.workspace import Workspace
from tests.documents.test_pdf import needs_poppler, text_of


@needs_poppler
def test_the_joint_inventory_shows_the_missing_insurance(
    kit: tuple[Workspace, str], tmp_path: Path
) -> None:
    ws, ref = kit  # the demo agreement has no proof and opens loans with a warning
    doc = documents.issue_inventory(ws, ref)
    (warning,) = doc.data["warnings"]
    today = paris_date(datetime.now(UTC))
    assert warning["code"] == "insurance_missing"
    assert warning["on"] == today.isoformat()
    assert warning["covers"] == ["civil_liability", "property_damage"]
    french = text_of(documents.render_document(ws, doc.reference), tmp_path)
    assert "AVERTISSEMENTS" in french.upper()
    assert (
        "aucune attestation d'assurance valide pour : responsabilité civile, dommages aux "
        "biens. Prêt ouvert avec avertissement" in french
    )
    english = text_of(documents.render_document(ws, doc.reference, "en"), tmp_path)
    assert "no valid insurance proof for: civil liability, damage to property" in english


def test_a_loan_opened_with_a_valid_proof_has_no_warning(
    kit: tuple[Workspace, str], tmp_path: Path
) -> None:
    ws, _ = kit
    proof = tmp_path / "attestation.pdf"
    proof.write_bytes(b"attestation RC")
    today = paris_date(datetime.now(UTC))
    insurance.add_proof(
        ws, "07-2024-06", file=proof, insurer="SMACL", policy_number="RC-1",
        covers=(Cover.CIVIL_LIABILITY, Cover.PROPERTY_DAMAGE),
        valid_from=today - timedelta(days=1), valid_until=date(today.year + 1, 12, 31),
    )  # fmt: skip
    loans.declare_crisis(ws, "13005", "CYBER-ASSURE", "Maire d'Aubagne")
    ref = loans.open_loan(ws, "CYBER-ASSURE", "07-2024-06", "Kit continuité 5 postes").reference
    loans.assemble(ws, ref)
    doc = documents.issue_inventory(ws, ref)
    assert "warnings" not in doc.data
