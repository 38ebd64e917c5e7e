"""Signatures still verify in 15 years: validation data in the PDF (PAdES B-LT), each signature
judged at the time the journal's signed checkpoint proves it existed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crisis.adapters.pades import pdf_validation_data
from crisis.domain.loans import Party
from crisis.services import audit, documents, journal
from crisis.services.workspace import Workspace
from tests.documents.conftest import PASSPHRASE
from tests.documents.test_audit import bundle, first_doc, rehash
from tests.documents.town import town_credential

__all__ = ["bundle"]  # the fixture, shared with the audit tests

LENDER = documents.PdfCredential(ca_passphrase="authority passphrase")
CRISIS = Path(sys.executable).with_name("crisis")
needs_faketime = pytest.mark.skipif(
    shutil.which("faketime") is None, reason="faketime missing (Debian package faketime)"
)


def audit_verify_in(years: int, folder: Path) -> subprocess.CompletedProcess[str]:
    """`crisis audit verify` run with the system clock moved `years` ahead (libfaketime)."""
    env = {**os.environ, "CRISIS_LANG": "en"}
    return subprocess.run(
        ["faketime", "-f", f"+{years}y", str(CRISIS), "audit", "verify", str(folder)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip


def test_sealed_pdfs_carry_their_validation_data(bundle: Path) -> None:
    pdf = (first_doc(bundle) / "document.pdf").read_bytes()
    dss = pdf_validation_data(pdf)
    assert len(dss.certificates) >= 3  # the lender's leaf and authority, the town's leaf
    assert dss.crls, "the local authority's CRL is not in the document security store"


@needs_faketime
def test_an_untouched_bundle_verifies_15_years_ahead(bundle: Path) -> None:
    out = audit_verify_in(15, bundle)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "intact" in out.stdout


@needs_faketime
def test_a_tampered_bundle_still_fails_15_years_ahead(bundle: Path) -> None:
    pdf = first_doc(bundle) / "document.pdf"
    data = bytearray(pdf.read_bytes())
    at = data.index(b"/Contents", len(data) // 3) - 40  # a byte the lender's signature covers
    data[at] ^= 0x01
    pdf.write_bytes(bytes(data))
    rehash(bundle)
    out = audit_verify_in(15, bundle)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "PDF" in out.stdout


def test_a_bundle_without_checkpoint_says_so_loudly(bundle: Path) -> None:
    (bundle / "journal" / "checkpoints.json").write_text("[]")
    rehash(bundle)
    out = subprocess.run(
        [str(CRISIS), "audit", "verify", str(bundle)], capture_output=True, text=True,
        env={**os.environ, "CRISIS_LANG": "en"}, timeout=300,
    )  # fmt: skip
    assert out.returncode != 0
    assert "NO signed journal checkpoint" in out.stdout
    assert json.loads((bundle / "journal" / "checkpoints.json").read_text()) == []


def test_the_renderer_is_recorded_and_the_page_re_rendered(bundle: Path) -> None:
    manifest = json.loads((bundle / audit.MANIFEST).read_bytes())
    assert manifest["renderer"]["fpdf2"]
    assert "sha256" in manifest["renderer"]["DejaVuSans.ttf"]
    assert audit.verify_bundle(bundle).ok


def test_a_signed_page_that_is_not_the_snapshots_rendering_is_named(
    kit: tuple[Workspace, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    # The page sealed is another one (here: the English page, same attached files).
    french = documents.render_document
    with monkeypatch.context() as m:  # (undo() would also undo the isolated data dir)
        m.setattr(documents, "render_document", lambda w, r, lang="fr": french(w, r, "en"))
        documents.seal_document(ws, doc.reference, Party.LENDER, LENDER)
    documents.seal_document(ws, doc.reference, Party.BORROWER, town_credential())
    journal.issue_checkpoint(ws)
    audit.export_bundle(ws, tmp_path / "bundle")
    problems = audit.verify_bundle(tmp_path / "bundle").problems
    assert problems == (
        f"{doc.reference}: the PDF's first revision (the page signed) is not the rendering of "
        "the snapshot: the page shows something else than what was signed",
    )
