"""Issuing documents: canonical snapshots stored as hashed, journaled, signed by both."""

from __future__ import annotations

import json

import pytest

from crisis.domain.documents import AcceptanceTest, canonical_bytes, snapshot_hash
from crisis.domain.loans import Party
from crisis.services import documents, journal, loans
from crisis.services.workspace import Workspace
from tests.documents.conftest import PASSPHRASE
from tests.documents.gaps import reserve_gaps
from tests.documents.town import town_signs


def test_joint_inventory_snapshot_lists_every_item(kit: tuple[Workspace, str]) -> None:
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref, place="Aubagne")
    data = doc.data
    assert snapshot_hash(doc.snapshot) == doc.sha256
    assert canonical_bytes(data) == doc.snapshot
    assert data["kind"] == "inventory"
    assert data["loan"] == ref
    assert {i["tag"] for i in data["items"]} == set(loans.get_loan(ws, ref).items)
    assert data["borrower"]["insee_code"] == "13005"
    assert data["reservations"] == {"lender": [], "borrower": []}
    assert doc.journal_size == journal.verify_journal(ws).events
    assert journal.verify_journal(ws).ok


def test_both_signatures_feed_the_loan_guards(kit: tuple[Workspace, str]) -> None:
    ws, ref = kit
    sheet = documents.issue_acceptance(
        ws, ref, [AcceptanceTest("Écran", "allumé", "allumé", True, "Marie Dupont")]
    )
    sheet = reserve_gaps(ws, sheet)
    with pytest.raises(Exception, match="lender signs first"):
        town_signs(ws, sheet.reference, "Marie Dupont, maire")
    documents.sign_document(ws, sheet.reference, Party.LENDER, passphrase=PASSPHRASE)
    signed = town_signs(ws, sheet.reference, "Marie Dupont, maire")
    assert [s.party for s in signed.signatures] == ["lender", "borrower"]
    assert set(loans.get_loan(ws, ref).acceptance_signed_by) == {"lender", "borrower"}
    loans.accept(ws, ref)
    inv = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, inv.reference, Party.LENDER, passphrase=PASSPHRASE)
    town_signs(ws, inv.reference, "Marie Dupont, maire")
    assert loans.hand_over(ws, ref).state.value == "handed_over"
    assert json.loads(inv.snapshot)["kind"] == "inventory"
