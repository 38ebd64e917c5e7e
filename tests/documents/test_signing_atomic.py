"""Signing a joint document is one transaction: the signature, its journal events (the
borrower's one-time key included) and the loan's record of it, or nothing at all."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crisis.domain.loans import Party
from crisis.errors import NotFoundError, ValidationError
from crisis.services import documents, journal, loans
from crisis.services.workspace import Workspace
from inventory.tables import Document, DocumentSignature
from tests.documents.conftest import PASSPHRASE
from tests.documents.town import town_signs
from tests.races import run_together


def _orphan_inventory(ws: Workspace, lender_signed: bool) -> str:
    """An inventory stored for a loan that does not exist: the loan cannot record a signature
    (set-up only: the services never issue one)."""
    with ws.db.session(write=True) as s:
        row = Document(
            reference="PRET-NONE/inventory-1",
            kind="inventory",
            loan_reference="PRET-NONE",
            snapshot="{}",
            sha256="0" * 64,
            journal_size=0,
            journal_head="",
            created_at=datetime.now(UTC),
        )
        s.add(row)
        s.flush()
        assert row.id is not None
        if lender_signed:
            s.add(
                DocumentSignature(
                    document_id=row.id,
                    party="lender",
                    signer="tester",
                    public_key="",
                    signature="",
                    journal_seq=0,
                    signed_at=datetime.now(UTC),
                )
            )
        return row.reference


def _signatures(ws: Workspace) -> int:
    with ws.db.session() as s:
        return int(s.execute(select(func.count()).select_from(DocumentSignature)).scalar_one())


def test_a_signature_the_loan_cannot_record_leaves_nothing(kit: tuple[Workspace, str]) -> None:
    ws, _ = kit
    reference = _orphan_inventory(ws, lender_signed=False)
    events, count = journal.verify_journal(ws).events, _signatures(ws)
    with pytest.raises(NotFoundError, match="PRET-NONE"):
        documents.sign_document(ws, reference, Party.LENDER, passphrase=PASSPHRASE)
    assert (journal.verify_journal(ws).events, _signatures(ws)) == (events, count)


def test_the_towns_signature_is_journaled_only_with_the_signature(
    kit: tuple[Workspace, str],
) -> None:
    ws, _ = kit
    reference = _orphan_inventory(ws, lender_signed=True)
    events, count = journal.verify_journal(ws).events, _signatures(ws)
    with pytest.raises(NotFoundError, match="PRET-NONE"):
        town_signs(ws, reference, "Marie Dupont, maire")
    assert (journal.verify_journal(ws).events, _signatures(ws)) == (events, count)


SIGNER_SETUP = """
from crisis.domain.loans import Party
from crisis.errors import ValidationError
from crisis.services import documents
from crisis.services.workspace import open_workspace
from tests.documents.town import town_signs
ws = open_workspace(sys.argv[1], "tester")
"""
SIGNER = """
try:
    town_signs(ws, sys.argv[2], "Marie Dupont, maire")
    print("SIGNED")
except ValidationError as exc:
    print("REFUSED", exc)
"""


def test_two_representatives_signing_at_once_sign_once(
    kit: tuple[Workspace, str], tmp_path: Path
) -> None:
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    argv = [ws.db.url, doc.reference]
    outs = sorted(run_together(SIGNER_SETUP, SIGNER, [argv] * 3, tmp_path))
    refused = f"REFUSED {doc.reference} is already signed by the borrower"
    assert outs == [refused, refused, "SIGNED"], outs
    signed = documents.get_document(ws, doc.reference)
    assert [s.party for s in signed.signatures] == ["lender", "borrower"]
    town = [
        e
        for e in journal.recent_events(ws, 50)
        if e.action == "document.signed" and e.after.get("party") == "borrower"
    ]
    assert len(town) == 1
    assert loans.get_loan(ws, ref).inventory_signed_by == ("lender", "borrower")
    assert journal.verify_journal(ws).ok
    with pytest.raises(ValidationError, match="already signed by the borrower"):
        town_signs(ws, doc.reference, "Marie Dupont, maire")
