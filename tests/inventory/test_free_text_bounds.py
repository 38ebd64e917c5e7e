"""Free text added this round is bounded and printable like every other field (issue 19.4):
agreement contacts, insurance proofs, notice letters, claims and the town's signer."""

from __future__ import annotations

from datetime import date

import pytest

from crisis.errors import ValidationError
from crisis.services import agreements, documents
from crisis.services.agreement_contacts import ContactRole, set_contact
from crisis.services.demo import seed_demo
from crisis.services.workspace import Workspace

LONG = "x" * 5_000


@pytest.fixture
def demo(ws: Workspace) -> Workspace:
    seed_demo(ws, laptops=4, phones=2)
    return ws


def test_an_agreement_contact_is_one_printable_bounded_line(demo: Workspace) -> None:
    with pytest.raises(ValidationError, match="name"):
        set_contact(demo, "07-2024-06", ContactRole.DPO, "Inès\x1b[2J Roux", "dpo@aubagne.fr")
    with pytest.raises(ValidationError, match="name"):
        set_contact(demo, "07-2024-06", ContactRole.DPO, LONG, "dpo@aubagne.fr")


def test_a_notice_letter_reference_is_bounded(demo: Workspace) -> None:
    with pytest.raises(ValidationError, match="letter"):
        agreements.record_notice(demo, "07-2024-08", date(2026, 9, 15), letter_reference=LONG)


def test_the_towns_handwritten_signer_is_bounded(demo: Workspace) -> None:
    with pytest.raises(ValidationError, match="signer"):
        documents.sign_town_handwritten(
            demo, "PRET-2026-0001/inventory-1", "Maire\nforgé", b"%PDF", "scan.pdf"
        )
