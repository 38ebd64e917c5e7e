"""A signed document's PDF prints each signer's whole Ed25519 public key."""

from __future__ import annotations

from pathlib import Path

from crisis.domain.loans import Party
from crisis.services import documents, operators
from crisis.services.workspace import Workspace
from tests.documents.conftest import PASSPHRASE
from tests.documents.test_pdf import needs_poppler, text_of


@needs_poppler
def test_the_lender_s_whole_public_key_is_printed(
    kit: tuple[Workspace, str], tmp_path: Path
) -> None:
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref, place="Aubagne")
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    key = operators.get_operator(ws, "tester").public_key
    assert len(key) == 64
    text = text_of(documents.render_document(ws, doc.reference), tmp_path)
    assert f"Ed25519 {key[:32]} {key[32:]}" in text
