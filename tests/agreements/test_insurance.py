"""Insurance proofs (seed 000 art. 4.1): kept with their SHA-256, gating loans (both backends)."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from crisis.domain.paris_time import paris_date
from crisis.errors import NotFoundError, ValidationError
from crisis.services import agreements, evidence_files, incidents, insurance, journal, loans
from crisis.services.demo import seed_demo
from crisis.services.insurance import Cover, InsuranceRule
from crisis.services.workspace import Workspace

AGREEMENT = "07-2024-06"
TEMPLATE = "Kit continuité 5 postes"
BOTH = (Cover.CIVIL_LIABILITY, Cover.PROPERTY_DAMAGE)


@pytest.fixture
def town(ws: Workspace) -> Workspace:
    seed_demo(ws, laptops=6, phones=6)
    loans.declare_crisis(ws, "Commune d'Aubagne", "CYBER-1", "Maire d'Aubagne")
    return ws


def _certificate(tmp_path: Path, text: str = "attestation RC 2026") -> Path:
    path = tmp_path / "attestation.pdf"
    path.write_bytes(text.encode())
    return path


def _add(ws: Workspace, tmp_path: Path, until: date, covers: tuple[Cover, ...] = BOTH) -> int:
    today = paris_date(datetime.now(UTC))
    return insurance.add_proof(
        ws, AGREEMENT, file=_certificate(tmp_path), insurer="SMACL Assurances",
        policy_number="RC-2026-0042", covers=covers, valid_from=today - timedelta(days=100),
        valid_until=until,
    ).id  # fmt: skip


def test_a_proof_is_kept_with_its_sha256_and_journaled(town: Workspace, tmp_path: Path) -> None:
    _add(town, tmp_path, date(2030, 12, 31))
    (proof,) = agreements.show(town, AGREEMENT).proofs
    digest = hashlib.sha256(b"attestation RC 2026").hexdigest()
    assert (proof.file_name, proof.file_sha256, proof.file_intact) == (
        "attestation.pdf",
        digest,
        True,
    )
    assert (evidence_files.evidence_dir() / digest).read_bytes() == b"attestation RC 2026"
    last = journal.recent_events(town, 1)[0]
    assert (last.action, last.entity_id) == ("agreement.insurance_proof_added", AGREEMENT)
    assert last.after["file_sha256"] == digest
    # An altered copy shows as such.
    (evidence_files.evidence_dir() / digest).write_bytes(b"forged")
    assert not agreements.show(town, AGREEMENT).proofs[0].file_intact


def test_bad_proofs_are_refused_and_nothing_is_written(town: Workspace, tmp_path: Path) -> None:
    before = journal.recent_events(town, 1)[0].seq
    with pytest.raises(ValidationError, match="before it starts"):
        _add(town, tmp_path, date(2000, 1, 1))
    with pytest.raises(ValidationError, match="cannot read"):
        insurance.add_proof(
            town, AGREEMENT, file=tmp_path / "none.pdf", insurer="X", policy_number="1",
            covers=BOTH, valid_from=date(2026, 1, 1), valid_until=date(2026, 12, 31),
        )  # fmt: skip
    with pytest.raises(NotFoundError):
        insurance.add_proof(
            town, "NOPE", file=_certificate(tmp_path), insurer="X", policy_number="1",
            covers=BOTH, valid_from=date(2026, 1, 1), valid_until=date(2026, 12, 31),
        )  # fmt: skip
    assert journal.recent_events(town, 1)[0].seq == before
    assert agreements.show(town, AGREEMENT).proofs == ()


def test_a_refusing_agreement_opens_no_loan_without_a_valid_proof(
    town: Workspace, tmp_path: Path
) -> None:
    insurance.set_rule(town, AGREEMENT, InsuranceRule.REFUSE)
    # A proof for civil liability only does not cover damage to property.
    _add(town, tmp_path, date(2030, 12, 31), covers=(Cover.CIVIL_LIABILITY,))
    with pytest.raises(ValidationError, match="property_damage"):
        loans.open_loan(town, "CYBER-1", AGREEMENT, TEMPLATE)
    assert loans.list_loans(town) == []
    _add(town, tmp_path, date(2030, 12, 31), covers=(Cover.PROPERTY_DAMAGE,))
    assert loans.open_loan(town, "CYBER-1", AGREEMENT, TEMPLATE).reference


def test_an_expired_proof_is_no_proof(town: Workspace, tmp_path: Path) -> None:
    insurance.set_rule(town, AGREEMENT, InsuranceRule.REFUSE)
    _add(town, tmp_path, paris_date(datetime.now(UTC)) - timedelta(days=1))
    with pytest.raises(ValidationError, match="no insurance proof valid"):
        loans.open_loan(town, "CYBER-1", AGREEMENT, TEMPLATE)


def test_a_warning_agreement_opens_the_loan_and_journals_the_warning(town: Workspace) -> None:
    assert agreements.show(town, AGREEMENT).insurance_rule is InsuranceRule.WARN
    ref = loans.open_loan(town, "CYBER-1", AGREEMENT, TEMPLATE).reference
    last = journal.recent_events(town, 1)[0]
    assert (last.action, last.entity_id) == ("loan.insurance_missing", ref)
    assert last.after["missing_covers"] == ["civil_liability", "property_damage"]


def test_the_dashboard_shows_proofs_ending_within_30_days(town: Workspace, tmp_path: Path) -> None:
    today = paris_date(datetime.now(UTC))
    _add(town, tmp_path, today + timedelta(days=40))
    assert incidents.dashboard(town).insurance_expiring == ()
    _add(town, tmp_path, today + timedelta(days=20))
    (soon,) = incidents.dashboard(town).insurance_expiring
    assert (soon.agreement, soon.valid_until) == (AGREEMENT, today + timedelta(days=20))
