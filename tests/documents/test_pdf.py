"""The rendered PDF: deterministic bytes, and what a person reads on it (pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from crisis.domain.documents import Reservations
from crisis.domain.loans import Party
from crisis.errors import PermissionDeniedError
from crisis.services import documents
from crisis.services.verification import verify_file
from crisis.services.workspace import Workspace
from tests.documents.certificates import P12_PASSPHRASE, self_signed, write_p12
from tests.documents.conftest import PASSPHRASE
from tests.documents.town import town_ca, town_credential, town_signs

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext missing (Debian package poppler-utils)"
)


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def test_same_snapshot_same_bytes(kit: tuple[Workspace, str]) -> None:
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    first = documents.render_document(ws, doc.reference)
    assert first.startswith(b"%PDF-")
    assert documents.render_document(ws, doc.reference) == first
    assert documents.render_document(ws, doc.reference, "en") != first


@needs_poppler
def test_a_person_reads_the_inventory_in_french(kit: tuple[Workspace, str], tmp_path: Path) -> None:
    ws, ref = kit
    doc = documents.issue_inventory(
        ws, ref, place="Aubagne", reservations=Reservations(borrower=("Écran rayé AMP-PC-0003",))
    )
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    town_signs(ws, doc.reference, "Marie Dupont, maire")
    text = text_of(documents.render_document(ws, doc.reference), tmp_path)
    assert "INVENTAIRE CONTRADICTOIRE" in text
    assert "Commune d'Aubagne (Code INSEE 13005)" in text
    assert "CYBER-2026-001" in text
    assert "07-2024-06" in text
    for item in doc.data["items"]:
        assert item["tag"] in text
    assert "Réserves de l'emprunteur - Écran rayé AMP-PC-0003" in text
    assert "Réserves du prêteur Néant" in text
    assert doc.sha256 in text
    assert (
        f"Point du journal : {doc.journal_size} événements, empreinte de tête {doc.journal_head}"
        in text
    )
    assert "Signé électroniquement par tester" in text
    assert "Signature manuscrite de Marie Dupont, maire" in text
    assert "l'unique propriétaire du matériel" in text


@needs_poppler
def test_english_on_request(kit: tuple[Workspace, str], tmp_path: Path) -> None:
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    text = text_of(documents.render_document(ws, doc.reference, "en"), tmp_path)
    assert "JOINT INVENTORY" in text
    assert "(not signed)" in text
    assert doc.sha256 in text


def test_pades_signatures_by_both_parties_validate(kit: tuple[Workspace, str]) -> None:
    from crisis.adapters.pades import validate_pdf

    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    cred = documents.PdfCredential(ca_passphrase="authority passphrase")
    with pytest.raises(Exception, match="lender signs the PDF first"):
        documents.seal_document(ws, doc.reference, Party.BORROWER, town_credential())
    documents.seal_document(ws, doc.reference, Party.LENDER, cred)
    sealed = documents.seal_document(ws, doc.reference, Party.BORROWER, town_credential())
    assert sealed.signed_pdf is not None
    root = documents.authority_certificate()
    assert root is not None
    found = validate_pdf(sealed.signed_pdf, (root, town_ca().pem))
    assert [f.field for f in found] == ["Signature-preteur", "Signature-emprunteur"]
    assert [f.signer for f in found] == ["tester", "Marie Dupont"]
    assert all(f.ok for f in found)
    assert found[-1].covers_whole_document
    tampered = bytearray(sealed.signed_pdf)
    at = tampered.find(b"/Lang")  # in the first revision
    tampered[at + 3] ^= 1
    assert not any(f.ok for f in validate_pdf(bytes(tampered), (root,)))
    again = documents.issue_inventory(ws, ref).reference
    documents.sign_document(ws, again, Party.LENDER, passphrase=PASSPHRASE)
    town_signs(ws, again, "Marie Dupont, maire")
    with pytest.raises(PermissionDeniedError, match="wrong passphrase"):
        documents.seal_document(
            ws, again, Party.LENDER, documents.PdfCredential(ca_passphrase="not the one at all")
        )


def test_a_party_may_sign_the_pdf_with_an_imported_pkcs12(
    kit: tuple[Workspace, str], tmp_path: Path
) -> None:
    from crisis.adapters.pades import validate_pdf

    signer = self_signed("Directeur DIN (RGS)")
    p12 = write_p12(tmp_path / "lender.p12", signer)
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    with pytest.raises(PermissionDeniedError):
        documents.seal_document(
            ws,
            doc.reference,
            Party.LENDER,
            documents.PdfCredential(pkcs12=p12, pkcs12_passphrase="no"),
        )
    documents.seal_document(
        ws, doc.reference, Party.LENDER,
        documents.PdfCredential(pkcs12=p12, pkcs12_passphrase=P12_PASSPHRASE),
    )  # fmt: skip
    sealed = documents.seal_document(ws, doc.reference, Party.BORROWER, town_credential())
    assert sealed.signed_pdf is not None
    found = validate_pdf(sealed.signed_pdf, (town_ca().pem, signer.pem))
    assert [(f.signer, f.ok) for f in found] == [
        ("Directeur DIN (RGS)", True),
        ("Marie Dupont", True),
    ]
    pdf = tmp_path / "sealed.pdf"
    pdf.write_bytes(sealed.signed_pdf)
    assert verify_file(ws, pdf).ok  # the chain's root was kept when it sealed
    shutil.rmtree(documents.authority_dir() / "trusted")  # a station that never sealed with it
    untrusted = verify_file(ws, pdf)
    assert any("certificate not trusted" in p for p in untrusted.problems)
    assert verify_file(ws, pdf, (signer.pem, town_ca().pem)).ok
