"""``verify``: a document's PDF or snapshot, and what a changed byte does to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisis.domain.loans import Party
from crisis.services import documents
from crisis.services.verification import verify_file
from crisis.services.workspace import Workspace
from tests.documents.conftest import PASSPHRASE
from tests.documents.town import town_credential

CRED = documents.PdfCredential(ca_passphrase="authority passphrase")


@pytest.fixture
def sealed(kit: tuple[Workspace, str]) -> tuple[Workspace, documents.DocumentView]:
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    documents.seal_document(ws, doc.reference, Party.LENDER, CRED)
    return ws, documents.seal_document(ws, doc.reference, Party.BORROWER, town_credential())


def test_a_signed_pdf_and_its_snapshot_verify(
    sealed: tuple[Workspace, documents.DocumentView], tmp_path: Path
) -> None:
    ws, doc = sealed
    assert doc.signed_pdf is not None
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(doc.signed_pdf)
    v = verify_file(ws, pdf)
    assert v.ok, v.problems
    assert v.signed_by == ("lender", "borrower")
    assert v.pdf_signatures == ("Signature-preteur", "Signature-emprunteur")
    snap = tmp_path / "snapshot.json"
    snap.write_bytes(doc.snapshot)
    assert verify_file(ws, snap).ok


def test_a_changed_byte_of_the_snapshot_is_reported(
    sealed: tuple[Workspace, documents.DocumentView], tmp_path: Path
) -> None:
    ws, doc = sealed
    snap = tmp_path / "snapshot.json"
    snap.write_bytes(doc.snapshot.replace(b'"condition":"good"', b'"condition":"worn"', 1))
    v = verify_file(ws, snap)
    assert not v.ok
    assert "was changed" in v.problems[0]
    snap.write_bytes(doc.snapshot + b" ")
    assert not verify_file(ws, snap).ok


def test_any_changed_byte_of_the_pdf_is_reported(
    sealed: tuple[Workspace, documents.DocumentView], tmp_path: Path
) -> None:
    ws, doc = sealed
    assert doc.signed_pdf is not None
    pdf = tmp_path / "doc.pdf"
    size = len(doc.signed_pdf)
    for at in sorted({0, 7, size - 1, *range(11, size, size // 40)}):
        data = bytearray(doc.signed_pdf)
        data[at] = (data[at] + 1) % 256
        pdf.write_bytes(bytes(data))
        assert not verify_file(ws, pdf).ok, f"byte {at} of {size} changed unnoticed"


@pytest.mark.parametrize("name", [b"/FlateDecode", b"/EmbeddedFiles", b"/Names"])
def test_a_mangled_pdf_structure_is_reported_not_raised(
    sealed: tuple[Workspace, documents.DocumentView], tmp_path: Path, name: bytes
) -> None:
    ws, doc = sealed
    assert doc.signed_pdf is not None
    assert name in doc.signed_pdf
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(doc.signed_pdf.replace(name, name[:-2] + b"fX"))
    v = verify_file(ws, pdf)
    assert not v.ok
    assert v.problems


def test_an_unsealed_pdf_is_not_enough(kit: tuple[Workspace, str], tmp_path: Path) -> None:
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(documents.render_document(ws, doc.reference))
    v = verify_file(ws, pdf)
    assert any("embedded signature" in p for p in v.problems)
    assert any("no signature by the lender" in p for p in v.problems)
