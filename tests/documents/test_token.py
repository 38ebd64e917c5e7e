"""The town signs with the key on its smart card or token (PKCS#11): SoftHSM2 stands in for it.

The token is initialised in a folder of its own (SOFTHSM2_CONF), the mayor's key and
certificate (issued by the town's own authority) imported into it; the key never leaves it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from sqlmodel import select
from typer.testing import CliRunner

from crisis.adapters.pades import validate_pdf
from crisis.cli import app
from crisis.domain.loans import Party
from crisis.errors import ConfigurationError, PermissionDeniedError
from crisis.services import documents, loans
from crisis.services.workspace import Workspace
from inventory.tables import JournalEvent
from tests.documents.certificates import Issued, issued_by
from tests.documents.conftest import PASSPHRASE
from tests.documents.town import town_ca
from tests.lab import need, need_programs

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN = "Mairie d'Aubagne"
KEY = "maire"
PIN = "731946"
LENDER = documents.PdfCredential(ca_passphrase="authority passphrase")
PYHANKO = Path(sys.executable).with_name("pyhanko")


@pytest.fixture(scope="module")
def token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Issued]:
    """The town's token, initialised once for the module (a PKCS#11 module reads its
    configuration once per process): the mayor's key and certificate, the town's root."""
    need_programs("softhsm2-util")
    need(Path(MODULE).exists(), f"SoftHSM2's PKCS#11 module {MODULE} (Debian package softhsm2)")
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    with pytest.MonkeyPatch.context() as m:
        m.setenv("SOFTHSM2_CONF", str(conf))
        util = ["softhsm2-util", "--token", TOKEN, "--pin", PIN]
        subprocess.run(
            ["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--so-pin", "24681357",
             "--pin", PIN], check=True, capture_output=True,
        )  # fmt: skip
        mayor = issued_by(town_ca(), "Marie Dupont")
        key_file = folder / "key.pem"
        key_file.write_bytes(
            mayor.key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        subprocess.run(
            [*util, "--import", str(key_file), "--label", KEY, "--id", "01"],
            check=True, capture_output=True,
        )  # fmt: skip
        key_file.unlink()  # from now on the key is on the token only
        with pkcs11.lib(MODULE).get_token(token_label=TOKEN).open(rw=True, user_pin=PIN) as s:
            for label, ident, cert in ((KEY, b"\x01", mayor.cert), ("ac", b"\x02", town_ca().cert)):
                s.create_object({
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: label,
                    Attribute.ID: ident,
                    Attribute.SUBJECT: cert.subject.public_bytes(),
                    Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
                })  # fmt: skip
        yield mayor


def _lender_sealed(ws: Workspace, loan: str) -> str:
    doc = documents.issue_inventory(ws, loan)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    documents.seal_document(ws, doc.reference, Party.LENDER, LENDER)
    return doc.reference


def _on_token(pin: str = PIN) -> documents.PdfCredential:
    return documents.PdfCredential(pkcs11_module=MODULE, token_label=TOKEN, key_label=KEY, pin=pin)


def test_the_town_signs_with_the_key_on_its_token(
    kit: tuple[Workspace, str], token: Issued, tmp_path: Path
) -> None:
    ws, loan = kit
    ref = _lender_sealed(ws, loan)
    sealed = documents.seal_document(ws, ref, Party.BORROWER, _on_token())
    town = next(s for s in sealed.signatures if s.party == "borrower")
    assert (town.method, town.signer) == ("pades", "Marie Dupont")
    assert town.certificate_issuer == "CN=Commune d'Aubagne - AC interne"
    assert town.certificate_sha256 == token.cert.fingerprint(hashes.SHA256()).hex()
    assert loans.get_loan(ws, sealed.loan).inventory_signed_by == ("lender", "borrower")
    pdf = sealed.signed_pdf
    assert pdf is not None
    roots = (documents.authority_certificate() or b"", town_ca().pem)
    found = validate_pdf(pdf, roots)
    assert [f.field for f in found] == ["Signature-preteur", "Signature-emprunteur"]
    assert all(f.ok for f in found)
    # The town's root, read from the token, is kept for the audit bundle.
    assert town_ca().pem in documents.trusted_roots()
    # Independent validators: poppler's pdfsig and pyHanko's command line.
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdfsig", "-nocert", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert out.count("Signature Validation: Signature is Valid.") == 2, out
    assert "Marie Dupont" in out
    (tmp_path / "lender.pem").write_bytes(roots[0])
    (tmp_path / "town.pem").write_bytes(roots[1])
    r = subprocess.run(
        [str(PYHANKO), "sign", "validate", "--trust", str(tmp_path / "lender.pem"),
         "--trust", str(tmp_path / "town.pem"), "--trust-replace", "--no-revocation-check",
         str(path)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    # The PIN is nowhere: not in the journal, not in the credential's representation.
    with ws.db.session() as s:
        journaled = " ".join((e.after or "") for e in s.scalars(select(JournalEvent)).all())
    assert PIN not in journaled
    assert PIN not in repr(_on_token())


def test_a_wrong_pin_or_key_signs_nothing(kit: tuple[Workspace, str], token: Issued) -> None:
    ws, loan = kit
    ref = _lender_sealed(ws, loan)
    before = documents.get_document(ws, ref).signed_pdf
    with pytest.raises(PermissionDeniedError, match="PIN refused") as refused:
        documents.seal_document(ws, ref, Party.BORROWER, _on_token("000000"))
    assert "000000" not in str(refused.value)
    with pytest.raises(ConfigurationError, match="PKCS#11 token"):
        documents.seal_document(
            ws, ref, Party.BORROWER,
            documents.PdfCredential(pkcs11_module=MODULE, token_label=TOKEN, key_label="nobody",
                                    pin=PIN),
        )  # fmt: skip
    with pytest.raises(ConfigurationError, match="module not found"):
        documents.seal_document(
            ws, ref, Party.BORROWER, documents.PdfCredential(pkcs11_module="/nowhere/p11.so")
        )
    after = documents.get_document(ws, ref)
    assert after.signed_pdf == before
    assert {s.party for s in after.signatures} == {"lender"}


def test_cli_seal_with_a_token_takes_the_pin_from_the_environment(
    token: Issued, tmp_path: Path
) -> None:
    db = tmp_path / "inv.sqlite3"
    env = {
        "CRISIS_OPERATOR_PASSPHRASE": "demo passphrase",
        "CRISIS_CA_PASSPHRASE": "the authority!",
        "CRISIS_PKCS11_PIN": PIN,
    }
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str]:
        r = runner.invoke(app, ["--db", str(db), "--operator", "admin", *args], env=env)
        return r.exit_code, r.stdout + r.stderr

    ref = "PRET-2026-0001/inventory-1"
    for step in [
        ("demo", "--laptops", "8", "--phones", "8"),
        ("crisis", "declare", "13005", "CYBER-1", "--declarant", "Maire d'Aubagne"),
        ("loan", "open", "CYBER-1", "07-2024-06", "Kit continuité 5 postes"),
        ("loan", "assemble", "PRET-2026-0001"),
        ("documents", "inventory", "PRET-2026-0001"),
        ("documents", "sign", ref),
        ("documents", "seal", ref, "--party", "lender"),
        ("documents", "seal", ref, "--party", "borrower", "--pkcs11-module", MODULE,
         "--token", TOKEN, "--key", KEY),
    ]:  # fmt: skip
        code, out = run(*step)
        assert code == 0, (step, out)
        assert PIN not in out
    code, out = run("documents", "list")
    assert "prêteur,emprunteur" in out, out  # French by default
    raw = db.read_bytes()
    assert PIN.encode() not in raw
    assert json.dumps(PIN).encode() not in raw
