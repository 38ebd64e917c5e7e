"""The auditor's bundle: exported, verified offline, and every kind of tampering named."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from typer.testing import CliRunner

from crisis.adapters.signing import SigningKey
from crisis.cli import app
from crisis.domain.loans import Party
from crisis.errors import ValidationError
from crisis.services import audit, documents, journal
from crisis.services.verification import verify_file
from crisis.services.workspace import Workspace
from tests.documents.certificates import P12_PASSPHRASE, issued_by, self_signed, write_p12
from tests.documents.conftest import PASSPHRASE
from tests.documents.town import town_ca, town_credential, town_signs

CRED = documents.PdfCredential(ca_passphrase="authority passphrase")


@pytest.fixture
def bundle(kit: tuple[Workspace, str], tmp_path: Path) -> Path:
    ws, ref = kit
    for n in range(2):
        doc = documents.issue_inventory(ws, ref)
        documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
        if n == 0:
            documents.seal_document(ws, doc.reference, Party.LENDER, CRED)
            documents.seal_document(ws, doc.reference, Party.BORROWER, town_credential())
        else:
            town_signs(ws, doc.reference, f"Représentant {n}")
    journal.issue_checkpoint(ws)  # the station's key: it also signs the bundle's manifest
    out = tmp_path / "bundle"
    summary = audit.export_bundle(ws, out)
    assert summary.documents == 2
    ws.db.dispose()
    return out


def rehash(bundle: Path, signer: SigningKey | None = None) -> None:
    """What a careful forger does after changing a file: fix the manifest too (and sign it
    with the forger's own key, when given: the station's is not theirs)."""
    m = json.loads((bundle / audit.MANIFEST).read_bytes())
    for name in m["files"]:
        p = bundle / name
        if p.exists():
            m["files"][name] = hashlib.sha256(p.read_bytes()).hexdigest()
    (bundle / audit.MANIFEST).write_text(json.dumps(m))
    if signer is not None:
        signature = signer.sign((bundle / audit.MANIFEST).read_bytes())
        (bundle / audit.MANIFEST_SIGNATURE).write_text(
            json.dumps({"public_key": signer.public_hex, "signature": signature})
        )


def first_doc(bundle: Path) -> Path:
    return sorted((bundle / "documents").iterdir())[0]


def test_an_intact_bundle_verifies_offline(bundle: Path, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere"
    shutil.move(bundle, moved)  # nothing but the bundle: no database, no data dir
    v = audit.verify_bundle(moved)
    assert v.ok, v.problems
    assert v.documents == 2
    assert v.events > 0


def test_a_changed_snapshot_is_named_even_with_a_fixed_manifest(bundle: Path) -> None:
    snap = first_doc(bundle) / "snapshot.json"
    snap.write_bytes(snap.read_bytes().replace(b'"good"', b'"worn"', 1))
    v = audit.verify_bundle(bundle)
    assert f"changed: documents/{first_doc(bundle).name}/snapshot.json" in v.problems
    rehash(bundle)
    v = audit.verify_bundle(bundle)
    assert not v.ok
    assert any("the snapshot was changed" in p for p in v.problems)
    assert any("does not carry the bundle's snapshot" in p for p in v.problems)


def test_a_removed_document_is_named_even_with_a_fixed_manifest(bundle: Path) -> None:
    folder = first_doc(bundle)
    shutil.rmtree(folder)
    v = audit.verify_bundle(bundle)
    assert f"removed: documents/{folder.name}/snapshot.json" in v.problems
    m = json.loads((bundle / audit.MANIFEST).read_bytes())
    m["files"] = {
        k: h for k, h in m["files"].items() if not k.startswith(f"documents/{folder.name}")
    }
    (bundle / audit.MANIFEST).write_text(json.dumps(m))
    v = audit.verify_bundle(bundle)
    assert any(p.startswith("removed: document PRET-") for p in v.problems), v.problems


def test_an_added_file_is_named(bundle: Path) -> None:
    (bundle / "documents" / "extra.txt").write_text("hello")
    assert "added: documents/extra.txt" in audit.verify_bundle(bundle).problems


def test_a_rewritten_journal_event_is_named(bundle: Path) -> None:
    path = bundle / audit.EVENTS
    lines = path.read_text().splitlines()
    lines[2] = lines[2].replace("tester", "mallory", 1)
    path.write_text("\n".join(lines) + "\n")
    rehash(bundle)
    v = audit.verify_bundle(bundle)
    assert any(p.startswith("journal: event 3 altered") for p in v.problems), v.problems


def test_a_checkpoint_signed_by_a_key_the_station_did_not_pin_is_named(bundle: Path) -> None:
    from crisis.domain.journal_chain import checkpoint_message

    station = set(json.loads((bundle / audit.CHECKPOINT_KEYS).read_bytes()))
    assert len(station) == 1  # the key that signed the checkpoint, pinned at the station
    path = bundle / audit.CHECKPOINTS
    cps = json.loads(path.read_bytes())
    forger = SigningKey.generate()
    for c in cps:  # the same heads, re-signed by the forger's key
        c["public_key"] = forger.public_hex
        c["signature"] = forger.sign(checkpoint_message(c["size"], c["head_hash"], c["signed_at"]))
    path.write_text(json.dumps(cps))
    rehash(bundle, forger)
    problems = audit.verify_bundle(bundle).problems
    assert len(problems) == 2, problems
    assert "signed by a key that is not pinned" in problems[0]  # the manifest's signature
    assert "signed by an untrusted key" in problems[1]
    assert audit.verify_bundle(bundle, {forger.public_hex}).ok  # the auditor's own list wins
    keys = bundle / audit.CHECKPOINT_KEYS
    keys.write_text(json.dumps([forger.public_hex]))  # the bundle's copy, forged too
    rehash(bundle, forger)
    assert audit.verify_bundle(bundle).ok  # only the auditor's own copy of the key tells
    assert "signed by an untrusted key" in " ".join(audit.verify_bundle(bundle, station).problems)


def test_an_export_that_fails_half_way_leaves_nothing(
    kit: tuple[Workspace, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    town_signs(ws, doc.reference, "Représentant")
    written: list[Path] = []
    real = Path.write_bytes

    def disk_full_at_the_third_file(self: Path, data: bytes) -> int:
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        written.append(self)
        return real(self, data)

    journal.issue_checkpoint(ws)
    out = tmp_path / "bundle"
    # (a context, not undo(): undo() would also drop the isolated data directory)
    with monkeypatch.context() as m:
        m.setattr(Path, "write_bytes", disk_full_at_the_third_file)
        with pytest.raises(ValidationError, match="No space left on device"):
            audit.export_bundle(ws, out)
    assert len(written) == 2
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if "bundle" in p.name]  # nor a temporary folder
    out.mkdir()  # an empty folder may be the target
    assert audit.export_bundle(ws, out).documents == 1
    assert audit.verify_bundle(out).problems == ()
    r = CliRunner().invoke(
        app, ["--db", ws.db.url, "--operator", "tester", "audit", "export", str(out)]
    )
    assert r.exit_code == 1
    assert f"{out} existe et n'est pas vide : choisissez un nouveau dossier" in r.stderr


def test_a_changed_pdf_byte_is_named(bundle: Path) -> None:
    pdf = first_doc(bundle) / audit.PDF_NAME
    data = bytearray(pdf.read_bytes())
    data[len(data) // 3] ^= 0x01
    pdf.write_bytes(bytes(data))
    rehash(bundle)
    v = audit.verify_bundle(bundle)
    assert not v.ok
    about_docs = [p for p in v.problems if audit.MANIFEST_SIGNATURE not in p]  # fixed manifest
    assert all(first_doc(bundle).name.replace("__", "/") in p for p in about_docs), v.problems


def test_a_changed_byte_of_an_unsealed_pdf_is_named(bundle: Path) -> None:
    folder = sorted((bundle / "documents").iterdir())[1]  # signed with Ed25519, PDF unsealed
    pdf = folder / audit.PDF_NAME
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    rehash(bundle)
    v = audit.verify_bundle(bundle)
    assert any("not the rendering of its snapshot" in p or "cannot be read" in p
               for p in v.problems), v.problems  # fmt: skip


def test_big_bundles_are_checked_on_every_core_with_the_same_findings(
    bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit, "_PARALLEL_FROM", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert audit.verify_bundle(bundle).ok
    snap = first_doc(bundle) / "snapshot.json"
    snap.write_bytes(snap.read_bytes().replace(b'"good"', b'"worn"', 1))
    rehash(bundle)
    assert any("the snapshot was changed" in p for p in audit.verify_bundle(bundle).problems)
    french = audit.verify_bundle(bundle, lang="fr").problems  # the workers report in French
    assert any(p.endswith(": l'instantané a été modifié") for p in french), french
    assert any("le PDF ne porte pas l'instantané du lot" in p for p in french), french


def sealed_with_pkcs12(ws: Workspace, ref: str, p12: Path) -> str:
    """An inventory both parties signed, its PDF sealed by the lender with `p12`."""
    doc = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    own = documents.PdfCredential(pkcs12=p12, pkcs12_passphrase=P12_PASSPHRASE)
    documents.seal_document(ws, doc.reference, Party.LENDER, own)
    documents.seal_document(ws, doc.reference, Party.BORROWER, town_credential())
    return doc.reference


def test_the_root_of_a_pkcs12_chain_is_kept_at_sealing_and_travels_in_the_bundle(
    kit: tuple[Workspace, str], tmp_path: Path
) -> None:
    ws, ref = kit
    authority = self_signed("AC de la Métropole", ca=True)
    p12 = write_p12(tmp_path / "lender.p12", issued_by(authority, "Directeur DIN"), (authority,))
    reference = sealed_with_pkcs12(ws, ref, p12)
    fingerprint = authority.cert.fingerprint(hashes.SHA256()).hex()
    sealed = [e for e in journal.recent_events(ws, 10) if e.action == "document.pdf_signed"]
    assert sealed[-1].after["trust_root_sha256"] == fingerprint  # the lender's, sealed first
    journal.issue_checkpoint(ws)
    out = tmp_path / "bundle"
    audit.export_bundle(ws, out)
    ws.db.dispose()
    bundle = tmp_path / "elsewhere"
    shutil.move(out, bundle)  # nothing but the bundle
    name = f"keys/trust/{fingerprint}.pem"
    town = f"keys/trust/{town_ca().cert.fingerprint(hashes.SHA256()).hex()}.pem"
    # The lender's root and the town's own (kept when the town sealed with its PKCS#12).
    assert json.loads((bundle / audit.MANIFEST).read_bytes())["trust_roots"] == sorted([name, town])
    assert audit.verify_bundle(bundle).ok, audit.verify_bundle(bundle).problems
    pdf = tmp_path / "sealed.pdf"
    pdf.write_bytes(documents.get_document(ws, reference).signed_pdf or b"")
    assert verify_file(ws, pdf).ok, verify_file(ws, pdf).problems  # the kept root is trusted

    # Another authority's certificate in its place, the manifest fixed up: every check names it.
    forged = bundle.parent / "forged"
    shutil.copytree(bundle, forged)
    (forged / name).write_bytes(self_signed("AC de la Métropole", ca=True).pem)
    v = audit.verify_bundle(forged)
    assert f"changed: {name}" in v.problems
    rehash(forged)
    problems = audit.verify_bundle(forged).problems
    assert f"{name}: holds the certificate" in " ".join(problems)
    assert any(
        p.startswith(f"{reference}: the root of the certificate it was sealed with")
        for p in problems
    ), problems
    assert f"{reference}: PDF signature Signature-preteur (Directeur DIN) does not verify" in (
        problems
    )

    # Removed from the bundle and from the manifest: the journal still asks for it.
    (bundle / name).unlink()
    manifest = json.loads((bundle / audit.MANIFEST).read_bytes())
    manifest["trust_roots"] = []
    del manifest["files"][name]
    (bundle / audit.MANIFEST).write_text(json.dumps(manifest))
    problems = audit.verify_bundle(bundle).problems
    assert any("is not among the bundle's trust roots" in p for p in problems), problems


def test_a_root_outside_the_pkcs12_is_given_at_export(
    kit: tuple[Workspace, str], tmp_path: Path
) -> None:
    ws, ref = kit
    authority = self_signed("AC externe (RGS)", ca=True)
    p12 = write_p12(tmp_path / "lender.p12", issued_by(authority, "Directeur DIN"))
    reference = sealed_with_pkcs12(ws, ref, p12)
    without = tmp_path / "without"
    audit.export_bundle(ws, without)
    assert f"{reference}: PDF signature Signature-preteur (Directeur DIN) does not verify" in (
        audit.verify_bundle(without).problems
    )
    not_pem = tmp_path / "not-a-cert.pem"
    not_pem.write_text("bonjour")
    root = tmp_path / "ac-externe.pem"
    root.write_bytes(authority.pem)
    runner = CliRunner()
    base = ["--db", ws.db.url, "--operator", "tester", "audit", "export"]
    r = runner.invoke(app, [*base, str(tmp_path / "b1"), "--trust-root", str(not_pem)])
    assert r.exit_code == 1
    assert f"racine de confiance : {not_pem} : not a PEM X.509 certificate" in r.stderr
    assert not (tmp_path / "b1").exists()  # nothing half-written
    journal.issue_checkpoint(ws)
    r = runner.invoke(app, [*base, str(tmp_path / "b2"), "--trust-root", str(root)])
    assert r.exit_code == 0, r.stdout + r.stderr
    ws.db.dispose()
    r = runner.invoke(app, ["audit", "verify", str(tmp_path / "b2")])
    assert r.exit_code == 0, r.stdout
    assert "lot intact" in r.stdout
