"""What a lawyer reads on the page and in the signatures: the borrower's address, /Reason in
the document's language, certificate names whole, no page holding only the hash block."""

from __future__ import annotations

import subprocess
from io import BytesIO
from pathlib import Path

from sqlmodel import col, select

from crisis.adapters.pades import LocalAuthority, _short
from crisis.adapters.pdf_render import render_pdf
from crisis.domain.loans import Party
from crisis.services import documents
from crisis.services.workspace import Workspace
from inventory.tables import Organisation
from tests.documents.conftest import PASSPHRASE
from tests.documents.test_pdf import needs_poppler, text_of

LONG = "Métropole Aix-Marseille-Provence — Direction des Infrastructures Numériques"


@needs_poppler
def test_the_borrowers_address_and_a_french_reason(
    kit: tuple[Workspace, str], tmp_path: Path
) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    ws, ref = kit
    with ws.db.session(write=True) as s:
        town = s.scalars(select(Organisation).where(col(Organisation.insee_code) == "13005")).one()
        town.address = "Hôtel de ville, 13400 Aubagne"
    doc = documents.issue_inventory(ws, ref)
    assert "13400 Aubagne" in text_of(documents.render_document(ws, doc.reference), tmp_path)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    sealed = documents.seal_document(
        ws, doc.reference, Party.LENDER, documents.PdfCredential(ca_passphrase="a passphrase 12")
    )
    [signature] = PdfFileReader(BytesIO(sealed.signed_pdf or b"")).embedded_signatures
    assert signature.sig_object["/Reason"] == f"Inventaire contradictoire {doc.reference}"


def test_certificate_names_are_neither_cut_in_a_word_nor_padded(tmp_path: Path) -> None:
    assert _short("Commune d'Aubagne") == "Commune d'Aubagne"
    assert _short(LONG) == "Métropole Aix-Marseille-Provence"
    assert _short("x" * 10 + " " + "y" * 60) == "x" * 10
    authority = LocalAuthority.open_or_create(tmp_path, "a passphrase 12", LONG)
    names = {a.rfc4514_attribute_name: a.value for a in authority.certificate.subject}
    assert names == {
        "CN": "Autorité locale crisis-kit Métropole Aix-Marseille-Provence",
        "O": "Métropole Aix-Marseille-Provence",
    }


@needs_poppler
def test_no_page_holds_only_the_hash_block(tmp_path: Path) -> None:
    party = {"name": "Commune d'Aubagne", "address": "", "insee_code": "13005",
             "representatives": []}  # fmt: skip
    for n in range(20, 60, 3):  # item counts that end the table all over the last page
        items = [
            {"tag": f"AMP-PC-{i:04d}", "category": "laptop", "make": "Dell",
             "model": "Latitude 5440", "serial": f"S{i:09d}", "imei": "", "sim": "",
             "number": "", "accessories": ["chargeur"], "condition": "good", "owner": "M"}
            for i in range(n)
        ]  # fmt: skip
        snapshot = {"reference": "R/inventory-1", "kind": "inventory", "place": "Aubagne",
                    "at": "2026-12-07T10:00:00+00:00", "lender": party, "borrower": party,
                    "items": items}  # fmt: skip
        path = tmp_path / "doc.pdf"
        path.write_bytes(render_pdf(snapshot, "ab" * 32, (3, "cd" * 32)))
        out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        pages = out.stdout.decode("utf-8").split("\f")
        last = next(p for p in reversed(pages) if p.strip())
        assert "Intégrité" in last
        assert "Pour le prêteur" in last, f"{n} items: the hash block is alone on its page"
