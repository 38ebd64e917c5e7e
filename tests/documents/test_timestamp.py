"""An RFC 3161 document timestamp (PAdES B-LTA) when a time-stamping authority is set up: the
lab's own (``openssl ts`` behind an HTTP handler on loopback, with its own test CA)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crisis.adapters.pades import validate_pdf, validate_timestamps
from crisis.domain.loans import Party
from crisis.errors import ConfigurationError, PeerError
from crisis.lab import free_port
from crisis.lab.laptops import loopback_address
from crisis.lab.tsa import LabTsa, running_tsa
from crisis.services import audit, documents, journal
from crisis.services.verification import verify_offline
from crisis.services.workspace import Workspace
from inventory.repo import journal as journal_repo
from tests.documents.conftest import PASSPHRASE
from tests.documents.town import town_ca, town_credential
from tests.lab import need_programs

LENDER = documents.PdfCredential(ca_passphrase="authority passphrase")
PYHANKO = Path(sys.executable).with_name("pyhanko")
#: This module's lab subnet (see tests/conftest.py: tests take subnets 1 to 20).
SUBNET = 13


@pytest.fixture(scope="module")
def tsa() -> Iterator[LabTsa]:
    """The lab's time-stamping authority, for this module."""
    need_programs("openssl")
    with running_tsa(loopback_address(1, SUBNET)) as running:
        yield running


@pytest.fixture
def with_tsa(tsa: LabTsa, monkeypatch: pytest.MonkeyPatch) -> LabTsa:
    monkeypatch.setenv("CRISIS_TSA_URL", tsa.url)
    monkeypatch.setenv("CRISIS_TSA_CA", tsa.ca_file)
    return tsa


def _lender_signed(ws: Workspace, loan: str) -> str:
    doc = documents.issue_inventory(ws, loan)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    return doc.reference


def _pdf_signed_events(ws: Workspace, reference: str) -> list[dict[str, object]]:
    with ws.db.session() as s:
        return [
            json.loads(e.after or "{}")
            for e in journal_repo.events_for(s, "document", reference)
            if e.action == "document.pdf_signed"
        ]


def test_each_seal_adds_a_document_timestamp_both_validators_accept(
    kit: tuple[Workspace, str], with_tsa: LabTsa, tmp_path: Path
) -> None:
    ws, loan = kit
    ref = _lender_signed(ws, loan)
    documents.seal_document(ws, ref, Party.LENDER, LENDER)
    sealed = documents.seal_document(ws, ref, Party.BORROWER, town_credential())
    pdf = sealed.signed_pdf
    assert pdf is not None
    tsa_root = Path(with_tsa.ca_file).read_bytes()
    stamps = validate_timestamps(pdf, (tsa_root,))
    assert [s.field for s in stamps] == ["Horodatage-preteur", "Horodatage-emprunteur"]
    assert all(s.ok for s in stamps), stamps
    assert "crisis-kit lab TSA" in stamps[0].authority
    assert stamps[0].at <= stamps[1].at
    # The two signatures are still the lender's then the town's, intact, the town's last.
    roots = (documents.authority_certificate() or b"", town_ca().pem)
    found = validate_pdf(pdf, roots)
    assert [f.field for f in found] == ["Signature-preteur", "Signature-emprunteur"]
    assert all(f.ok for f in found)
    assert found[-1].covers_whole_document
    # Untrusted authority: the token is sound, but not trusted.
    assert not any(s.trusted for s in validate_timestamps(pdf, roots))
    # The journal says which authority stamped it; its root is kept for the audit bundle.
    events = _pdf_signed_events(ws, ref)
    assert [e["timestamp"]["field"] for e in events] == [  # type: ignore[index]
        "Horodatage-preteur", "Horodatage-emprunteur"
    ]  # fmt: skip
    assert tsa_root in documents.trusted_roots()
    # Independent validators: poppler's pdfsig and pyHanko's command line.
    path = tmp_path / "sealed.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdfsig", "-nocert", str(path)], capture_output=True, text=True, check=True
    ).stdout
    # pdfsig (poppler 22) sees the two timestamps made by the authority beside the two
    # signatures, which stay valid; it does not check RFC 3161 tokens itself: openssl does.
    assert out.count("Signature Validation: Signature is Valid.") == 2, out
    assert out.count("Signer Certificate Common Name: crisis-kit lab TSA") == 2, out
    for field, ranges in _signed_ranges(out).items():
        if field.startswith("Horodatage-"):
            _openssl_verifies_token(pdf, ranges, Path(with_tsa.ca_file), tmp_path)
    for name, pem in (("lender", roots[0]), ("town", roots[1]), ("tsa", tsa_root)):
        (tmp_path / f"{name}.pem").write_bytes(pem)
    trust = [a for n in ("lender", "town", "tsa") for a in ("--trust", str(tmp_path / f"{n}.pem"))]
    # pyHanko's AdES validation takes the document timestamps as proof of existence.
    for trusted, fine in ((trust, True), (trust[:4], False)):
        r = subprocess.run(
            [str(PYHANKO), "sign", "adesverify", *trusted, "--trust-replace",
             "--no-revocation-check", "--pretty-print", str(path)],
            capture_output=True, text=True,
        )  # fmt: skip
        assert r.returncode == 0, r.stdout + r.stderr
        assert r.stdout.count("The signature is judged VALID.") == 2, r.stdout
        failed = "Document timestamp chain failed to validate" in r.stderr
        assert failed is not fine, r.stderr
    # The town checks its copy with nothing but the file: the timestamps are named.
    verdict = verify_offline(path, (*roots, tsa_root), "en")
    assert verdict.ok, verdict
    assert sum("document timestamp" in line for line in verdict.checked) == 2, verdict.checked


def _signed_ranges(pdfsig: str) -> dict[str, tuple[int, int, int, int]]:
    """Each field's two signed byte ranges (start, end, start, end), as pdfsig reports them."""
    out = {}
    for block in pdfsig.split("Signature #")[1:]:
        field = re.search(r"Signature Field Name: (\S+)", block)
        found = re.search(r"Signed Ranges: \[(\d+) - (\d+)\], \[(\d+) - (\d+)\]", block)
        assert field, block
        assert found, block
        a, b, c, d = (int(x) for x in found.groups())
        out[field.group(1)] = (a, b, c, d)
    return out


def _openssl_verifies_token(
    pdf: bytes, ranges: tuple[int, int, int, int], ca: Path, tmp_path: Path
) -> None:
    """`openssl ts -verify`: the token between the signed ranges is the authority's, over
    exactly the bytes of those ranges."""
    a, b, c, d = ranges
    hexed = pdf[b + 1 : c - 1]  # between "<" and ">"
    token = bytes.fromhex(hexed.decode("ascii"))
    assert token[0] == 0x30  # a DER SEQUENCE...
    assert token[1] & 0x80  # ... with a long length
    n = token[1] & 0x7F
    token = token[: 2 + n + int.from_bytes(token[2 : 2 + n], "big")]  # its padding cut off
    (tmp_path / "token.p7s").write_bytes(token)
    (tmp_path / "signed.bin").write_bytes(pdf[a:b] + pdf[c:d])
    done = subprocess.run(
        ["openssl", "ts", "-verify", "-token_in", "-in", str(tmp_path / "token.p7s"),
         "-data", str(tmp_path / "signed.bin"), "-CAfile", str(ca)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Verification: OK" in done.stdout


def test_without_an_authority_there_is_no_timestamp(
    kit: tuple[Workspace, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CRISIS_TSA_URL", raising=False)
    ws, loan = kit
    ref = _lender_signed(ws, loan)
    documents.seal_document(ws, ref, Party.LENDER, LENDER)
    pdf = documents.seal_document(ws, ref, Party.BORROWER, town_credential()).signed_pdf
    assert pdf is not None
    assert validate_timestamps(pdf, ()) == []
    assert all("timestamp" not in e for e in _pdf_signed_events(ws, ref))
    roots = (documents.authority_certificate() or b"", town_ca().pem)
    assert all(f.ok for f in validate_pdf(pdf, roots))


def test_an_unreachable_authority_is_a_clear_error_and_nothing_is_written(
    kit: tuple[Workspace, str], tsa: LabTsa, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, loan = kit
    ref = _lender_signed(ws, loan)
    address = loopback_address(2, SUBNET)  # nothing listens there
    monkeypatch.setenv("CRISIS_TSA_URL", f"http://{address}:{free_port(address)}/tsa")
    monkeypatch.setenv("CRISIS_TSA_CA", tsa.ca_file)
    with pytest.raises(PeerError, match="does not answer"):
        documents.seal_document(ws, ref, Party.LENDER, LENDER)
    assert documents.get_document(ws, ref).signed_pdf is None
    assert _pdf_signed_events(ws, ref) == []
    assert not (documents.authority_dir() / documents.CRL_NAME).exists()
    # The lender sealed without a timestamp; the town's seal fails the same way, cleanly.
    monkeypatch.delenv("CRISIS_TSA_URL")
    lender_pdf = documents.seal_document(ws, ref, Party.LENDER, LENDER).signed_pdf
    monkeypatch.setenv("CRISIS_TSA_URL", f"http://{address}:{free_port(address)}/tsa")
    with pytest.raises(PeerError, match="does not answer"):
        documents.seal_document(ws, ref, Party.BORROWER, town_credential())
    after = documents.get_document(ws, ref)
    assert after.signed_pdf == lender_pdf
    assert {s.party for s in after.signatures} == {"lender"}
    assert len(_pdf_signed_events(ws, ref)) == 1


def test_an_authority_without_its_root_or_another_root_is_refused(
    kit: tuple[Workspace, str], tsa: LabTsa, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, loan = kit
    ref = _lender_signed(ws, loan)
    monkeypatch.setenv("CRISIS_TSA_URL", tsa.url)
    monkeypatch.delenv("CRISIS_TSA_CA", raising=False)
    with pytest.raises(ConfigurationError, match="CRISIS_TSA_CA"):
        documents.seal_document(ws, ref, Party.LENDER, LENDER)
    other = Path(town_credential().pkcs12 or "").with_name("other-root.pem")
    other.write_bytes(town_ca().pem)  # a root the authority's certificate does not chain to
    monkeypatch.setenv("CRISIS_TSA_CA", str(other))
    with pytest.raises(PeerError, match="no valid, trusted token"):
        documents.seal_document(ws, ref, Party.LENDER, LENDER)
    assert documents.get_document(ws, ref).signed_pdf is None


def test_an_audit_bundle_carries_the_authoritys_root_and_checks_the_timestamps(
    kit: tuple[Workspace, str], with_tsa: LabTsa, tmp_path: Path
) -> None:
    ws, loan = kit
    ref = _lender_signed(ws, loan)
    documents.seal_document(ws, ref, Party.LENDER, LENDER)
    documents.seal_document(ws, ref, Party.BORROWER, town_credential())
    journal.issue_checkpoint(ws)
    out = tmp_path / "bundle"
    audit.export_bundle(ws, out)
    ws.db.dispose()
    assert audit.verify_bundle(out).ok, audit.verify_bundle(out).problems
    # Without the authority's root, the timestamps are named as not verifying.
    manifest = json.loads((out / audit.MANIFEST).read_bytes())
    root = Path(with_tsa.ca_file).read_bytes()
    [name] = [n for n in manifest["trust_roots"] if (out / n).read_bytes() == root]
    (out / name).write_bytes(town_ca().pem)
    problems = audit.verify_bundle(out).problems
    assert any("document timestamp Horodatage-preteur does not verify" in p for p in problems)


def test_the_hand_lab_starts_the_authority_and_prints_its_url(tmp_path: Path) -> None:
    from crisis.lab.__main__ import _summary
    from crisis.lab.session import TSA_INDEX, LabSettings, running_lab
    from tests.lab import alive

    need_programs("openssl")
    settings = tmp_path / "lab.json"
    with running_lab(laptops=0, mail=False, switch=False, settings_file=settings) as lab:
        stamping = LabSettings.from_json(settings.read_text()).tsa
        assert stamping is not None
        host = stamping.url.split("//")[1].split(":")[0]
        assert host.startswith(f"127.0.{lab.settings.subnet}.")
        assert host.endswith(f".{TSA_INDEX + 9}")
        shown = _summary(lab.settings, settings)
        assert f"CRISIS_TSA_URL={stamping.url} CRISIS_TSA_CA={stamping.ca_file}" in shown
        pids = _listening_pids(host)
        assert pids
    assert not alive(pids), "the authority outlived the lab"


def _listening_pids(host: str) -> set[int]:
    """The pids of the `crisis.lab.tsa` processes serving on `host`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"crisis.lab.tsa" in cmd and host.encode() in cmd:
                found.add(int(entry.name))
    return found
