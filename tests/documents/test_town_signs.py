"""The town signs with key material it alone controls; the lender signs as itself only."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from typer.testing import CliRunner

from crisis.adapters.pades import validate_pdf
from crisis.cli import app
from crisis.domain.loans import Party
from crisis.errors import ValidationError
from crisis.services import documents, loans
from crisis.services.workspace import Workspace
from inventory.repo import journal as journal_repo
from tests.documents.certificates import (
    P12_PASSPHRASE,
    Issued,
    issued_by,
    self_signed,
    write_p12,
)
from tests.documents.conftest import PASSPHRASE

CRED = documents.PdfCredential(ca_passphrase="authority passphrase")
PYHANKO = Path(sys.executable).with_name("pyhanko")


@pytest.fixture
def lender_sealed(kit: tuple[Workspace, str]) -> tuple[Workspace, documents.DocumentView]:
    """A joint inventory the lender signed and sealed, waiting for the town."""
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    return ws, documents.seal_document(ws, doc.reference, Party.LENDER, CRED)


@pytest.fixture
def town_ca() -> Issued:
    """The town's own authority: made by the town, not by the lender's."""
    return self_signed("Commune d'Aubagne - AC interne", ca=True)


def _events(ws: Workspace, reference: str, action: str) -> list[dict[str, object]]:
    with ws.db.session() as s:
        return [
            json.loads(e.after or "{}")
            for e in journal_repo.events_for(s, "document", reference)
            if e.action == action
        ]


def test_the_town_cannot_sign_with_a_key_the_lender_makes(
    lender_sealed: tuple[Workspace, documents.DocumentView],
) -> None:
    ws, doc = lender_sealed
    with pytest.raises(ValidationError, match="key material it alone controls"):
        documents.sign_document(ws, doc.reference, Party.BORROWER, "Marie Dupont, maire")
    # The lender's authority issues no certificate in the town's name.
    with pytest.raises(ValidationError, match="no certificate in another party's name"):
        documents.seal_document(ws, doc.reference, Party.BORROWER, CRED)
    assert {s.party for s in documents.get_document(ws, doc.reference).signatures} == {"lender"}


def test_the_town_signs_with_its_own_pkcs12(
    lender_sealed: tuple[Workspace, documents.DocumentView], town_ca: Issued, tmp_path: Path
) -> None:
    ws, doc = lender_sealed
    mayor = issued_by(town_ca, "Marie Dupont")
    p12 = write_p12(tmp_path / "maire.p12", mayor, (town_ca,))
    cred = documents.PdfCredential(pkcs12=p12, pkcs12_passphrase=P12_PASSPHRASE)
    sealed = documents.seal_document(ws, doc.reference, Party.BORROWER, cred)
    town = next(s for s in sealed.signatures if s.party == "borrower")
    assert town.method == "pades"
    assert town.signer == "Marie Dupont"
    assert town.certificate_subject == "CN=Marie Dupont"
    assert town.certificate_issuer == "CN=Commune d'Aubagne - AC interne"
    assert town.certificate_sha256 == mayor.cert.fingerprint(hashes.SHA256()).hex()
    assert loans.get_loan(ws, sealed.loan).inventory_signed_by == ("lender", "borrower")
    journaled = _events(ws, doc.reference, "document.signed")[-1]
    assert journaled["method"] == "pades"
    assert journaled["certificate"] == {
        "subject": "CN=Marie Dupont",
        "issuer": "CN=Commune d'Aubagne - AC interne",
        "sha256": town.certificate_sha256,
    }
    assert sealed.signed_pdf is not None
    found = validate_pdf(sealed.signed_pdf, (documents.authority_certificate() or b"", town_ca.pem))
    assert [f.field for f in found] == ["Signature-preteur", "Signature-emprunteur"]
    assert all(f.ok for f in found)
    # The lender's authority never appears in the town's chain.
    assert "crisis-kit" not in found[1].issuer
    # An independent validator agrees: poppler's pdfsig sees both signatures, both valid.
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(sealed.signed_pdf)
    out = subprocess.run(
        ["pdfsig", "-nocert", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert out.count("Signature Validation: Signature is Valid.") == 2, out
    assert "Marie Dupont" in out


def _pyhanko_sign(src: Path, dst: Path, p12: Path, tmp_path: Path) -> None:
    """The town's own tool: pyHanko's command line and the town's PKCS#12."""
    passfile = tmp_path / "pass.txt"
    passfile.write_text(P12_PASSPHRASE)
    subprocess.run(
        [str(PYHANKO), "sign", "addsig", "--field", "Signature-emprunteur", "--use-pades",
         "pkcs12", "--passfile", str(passfile), str(src), str(dst), str(p12)],
        check=True, capture_output=True,
    )  # fmt: skip


def test_detached_round_trip_with_the_towns_own_tool(
    lender_sealed: tuple[Workspace, documents.DocumentView], town_ca: Issued, tmp_path: Path
) -> None:
    ws, doc = lender_sealed
    assert doc.signed_pdf is not None
    exported = tmp_path / "a-signer.pdf"
    exported.write_bytes(doc.signed_pdf)
    p12 = write_p12(tmp_path / "maire.p12", issued_by(town_ca, "Marie Dupont"), (town_ca,))
    back = tmp_path / "signe-par-la-commune.pdf"
    _pyhanko_sign(exported, back, p12, tmp_path)
    signed = documents.import_town_signed(ws, doc.reference, back.read_bytes(), (town_ca.pem,))
    town = next(s for s in signed.signatures if s.party == "borrower")
    assert (town.method, town.certificate_subject) == ("pades", "CN=Marie Dupont")
    assert signed.signed_pdf == back.read_bytes()
    assert signed.signed_pdf.startswith(doc.signed_pdf)
    assert _events(ws, doc.reference, "document.signed")[-1]["certificate"] == {
        "subject": "CN=Marie Dupont", "issuer": town.certificate_issuer,
        "sha256": town.certificate_sha256,
    }  # fmt: skip
    assert loans.get_loan(ws, signed.loan).inventory_signed_by == ("lender", "borrower")
    # pyHanko's own validator, run separately, agrees on both signatures.
    lender_ca = tmp_path / "lender-ca.pem"
    lender_ca.write_bytes(documents.authority_certificate() or b"")
    town_root = tmp_path / "town-ca.pem"
    town_root.write_bytes(town_ca.pem)
    r = subprocess.run(
        [str(PYHANKO), "sign", "validate", "--trust", str(lender_ca), "--trust", str(town_root),
         "--trust-replace", "--no-revocation-check", "--pretty-print", str(back)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr


def test_a_tampered_import_is_refused(
    lender_sealed: tuple[Workspace, documents.DocumentView], town_ca: Issued, tmp_path: Path
) -> None:
    ws, doc = lender_sealed
    assert doc.signed_pdf is not None
    # The town's tool is given a lender revision changed by one byte before it signs.
    data = bytearray(doc.signed_pdf)
    at = doc.signed_pdf.index(b"/Lang")  # in the lender's revision
    data[at + 1] = ord("X")
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    p12 = write_p12(tmp_path / "maire.p12", issued_by(town_ca, "Marie Dupont"), (town_ca,))
    back = tmp_path / "back.pdf"
    _pyhanko_sign(changed, back, p12, tmp_path)
    with pytest.raises(ValidationError, match="byte for byte"):
        documents.import_town_signed(ws, doc.reference, back.read_bytes())
    # The lender's revision untouched, but the town's signature made by another CA than trusted.
    good = tmp_path / "good.pdf"
    good.write_bytes(doc.signed_pdf)
    stranger = self_signed("Une autre AC", ca=True)
    p12 = write_p12(tmp_path / "other.p12", issued_by(stranger, "Quelqu'un"), (stranger,))
    _pyhanko_sign(good, back, p12, tmp_path)
    with pytest.raises(ValidationError, match="does not chain to a trusted root"):
        documents.import_town_signed(ws, doc.reference, back.read_bytes(), (town_ca.pem,))
    # A byte of the town's own update changed: its signature no longer holds.
    _pyhanko_sign(good, back, write_p12(tmp_path / "m.p12", issued_by(town_ca, "M"), (town_ca,)),
                  tmp_path)  # fmt: skip
    signed = bytearray(back.read_bytes())
    at = len(doc.signed_pdf) + signed[len(doc.signed_pdf) :].index(b"endobj") - 4
    signed[at] = (signed[at] + 1) % 256
    with pytest.raises(ValidationError):
        documents.import_town_signed(ws, doc.reference, bytes(signed))
    assert documents.get_document(ws, doc.reference).signed_pdf == doc.signed_pdf
    assert {s.party for s in documents.get_document(ws, doc.reference).signatures} == {"lender"}


def test_a_town_without_a_certificate_signs_by_hand(
    lender_sealed: tuple[Workspace, documents.DocumentView], tmp_path: Path
) -> None:
    ws, doc = lender_sealed
    scan = b"\x89PNG scan of the page signed by the mayor"
    signed = documents.sign_town_handwritten(
        ws, doc.reference, "Marie Dupont, maire", scan, "p1.png"
    )
    town = next(s for s in signed.signatures if s.party == "borrower")
    assert town.handwritten
    assert town.scan_sha256 == hashlib.sha256(scan).hexdigest()
    assert documents.signature_scan(ws, doc.reference) == ("p1.png", scan)
    assert loans.get_loan(ws, signed.loan).inventory_signed_by == ("lender", "borrower")
    assert _events(ws, doc.reference, "document.signed")[-1]["method"] == "handwritten"
    sigs = json.loads(documents.signatures_json(signed))
    assert sigs["signatures"][-1]["scan"]["sha256"] == town.scan_sha256
    # Every view says so plainly: the rendering, the CLI list, verify.
    assert "handwritten signature" in documents._shown_key(sigs["signatures"][-1], "en")
    assert "signature manuscrite" in documents._shown_key(sigs["signatures"][-1], "fr")
    with pytest.raises(ValidationError, match="already signed"):
        documents.sign_town_handwritten(ws, doc.reference, "Quelqu'un", scan, "p1.png")


def test_the_lender_signs_in_the_operators_name_or_under_a_recorded_delegation(
    kit: tuple[Workspace, str],
) -> None:
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    with pytest.raises(ValidationError, match="no delegation"):
        documents.sign_document(ws, doc.reference, Party.LENDER, "Le Président", PASSPHRASE)
    assert documents.get_document(ws, doc.reference).signatures == ()
    d = documents.record_delegation(ws, "Le Président", "tester", "arrêté 2026-114", "2026-03-02")
    assert documents.delegations_to(ws, "tester") == (d,)
    signed = documents.sign_document(ws, doc.reference, Party.LENDER, "Le Président", PASSPHRASE)
    assert signed.signatures[0].signer == "tester (p.o. Le Président)"
    ev = _events(ws, doc.reference, "document.signed")[-1]
    assert ev["delegation"] == {
        "delegator": "Le Président", "act": "arrêté 2026-114", "act_date": "2026-03-02",
        "journal_seq": d.journal_seq,
    }  # fmt: skip
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        documents.record_delegation(ws, "A", "tester", "arrêté 1", "02/03/2026")


def test_cli_signer_cannot_name_another_person(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {
        "CRISIS_OPERATOR_PASSPHRASE": "demo passphrase",
        "CRISIS_CA_PASSPHRASE": "the authority!",
    }
    db = tmp_path / "inv.sqlite3"

    def run(*args: str) -> tuple[int, str]:
        r = runner.invoke(app, ["--db", str(db), "--operator", "admin", *args], env=env)
        return r.exit_code, r.stdout + r.stderr

    for step in [
        ("demo", "--laptops", "8", "--phones", "8"),
        ("crisis", "declare", "13005", "CYBER-1", "--declarant", "Maire d'Aubagne"),
        ("loan", "open", "CYBER-1", "07-2024-06", "Kit continuité 5 postes"),
        ("loan", "assemble", "PRET-2026-0001"),
        ("documents", "inventory", "PRET-2026-0001"),
    ]:
        code, out = run(*step)
        assert code == 0, (step, out)
    ref = "PRET-2026-0001/inventory-1"
    code, out = run("documents", "sign", ref, "--party", "lender", "--signer", "M. le maire")
    assert code == 1
    assert "aucune délégation" in out  # French by default, the service's refusal included
    assert "Traceback" not in out
    code, out = run("documents", "sign", ref, "--party", "borrower", "--signer", "M. le maire")
    assert code == 1
    assert "des clés qu'elle seule contrôle" in out
    code, out = run("documents", "delegate", "M. le directeur", "--to", "admin",
                    "--act", "arrêté 12", "--date", "2026-01-05")  # fmt: skip
    assert code == 0, out
    code, out = run("documents", "sign", ref, "--signer", "M. le directeur")
    assert code == 0, out
    assert "admin (p.o. M. le directeur)" in out
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    code, out = run("documents", "sign-handwritten", ref, "--signer", "Marie Dupont", "--scan",
                    str(scan))  # fmt: skip
    assert code == 0, out
    assert "signature manuscrite" in out
    code, out = run("documents", "list")
    assert "signature manuscrite" in out, out
