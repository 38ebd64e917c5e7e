"""``crisis verify FILE`` on the town's station: nothing but the file (and --trust certificates)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisis.cli import app
from crisis.domain.loans import Party
from crisis.services import documents
from crisis.services.workspace import Workspace
from tests.documents.certificates import P12_PASSPHRASE, issued_by, self_signed, write_p12
from tests.documents.conftest import PASSPHRASE

CRED = documents.PdfCredential(ca_passphrase="authority passphrase")
runner = CliRunner()


@pytest.fixture
def town_copy(kit: tuple[Workspace, str], tmp_path: Path) -> tuple[bytes, bytes, Path]:
    """(the lender-sealed PDF, the PDF both parties sealed, the lender's authority PEM)."""
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    lender = documents.seal_document(ws, doc.reference, Party.LENDER, CRED).signed_pdf
    root = self_signed("Commune d'Aubagne, autorité", ca=True)
    p12 = write_p12(tmp_path / "town.p12", issued_by(root, "Marie Dupont"), (root,))
    both = documents.seal_document(
        ws, doc.reference, Party.BORROWER,
        documents.PdfCredential(pkcs12=p12, pkcs12_passphrase=P12_PASSPHRASE),
    ).signed_pdf  # fmt: skip
    assert lender is not None
    assert both is not None
    authority = tmp_path / "lender-ca.pem"
    authority.write_bytes(documents.authority_certificate() or b"")
    (tmp_path / "town-ca.pem").write_bytes(root.pem)
    return lender, both, authority


def _verify(town_dir: Path, *args: str) -> tuple[int, str]:
    env = {"CRISIS_DATA_DIR": str(town_dir), "CRISIS_DATABASE_URL": None, "CRISIS_LANG": "en"}
    r = runner.invoke(app, ["verify", *args], env=env)
    return r.exit_code, r.stdout + r.stderr


def test_the_town_verifies_its_copy_with_nothing_but_the_file(
    town_copy: tuple[bytes, bytes, Path], tmp_path: Path
) -> None:
    _, both, authority = town_copy
    town = tmp_path / "town-station"
    town.mkdir()
    pdf = tmp_path / "copy.pdf"
    pdf.write_bytes(both)
    code, out = _verify(town, str(pdf), "--trust", str(authority), "--trust",
                        str(tmp_path / "town-ca.pem"))  # fmt: skip
    assert code == 0, out
    assert "Traceback" not in out
    assert "signed by the lender and the borrower" in out
    assert "not checked" in out  # says what it could not check: the journal
    assert "journal" in out
    assert list(town.iterdir()) == []  # no database, no folder, nothing created
    # Without --trust, the signatures are intact but their signers not established: said so.
    code, out = _verify(town, str(pdf))
    assert "not trusted" in out or "not established" in out, out
    assert list(town.iterdir()) == []


def test_a_pdf_cut_back_to_the_lenders_revision_is_signed_by_the_lender_only(
    town_copy: tuple[bytes, bytes, Path], tmp_path: Path
) -> None:
    lender, both, authority = town_copy
    assert both.startswith(lender)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(both[: len(lender)])
    town = tmp_path / "town-station"
    town.mkdir()
    code, out = _verify(town, str(cut), "--trust", str(authority))
    assert code == 2, out
    assert "signed by the lender only" in out.lower()
    assert list(town.iterdir()) == []


def test_a_changed_byte_is_reported_offline(
    town_copy: tuple[bytes, bytes, Path], tmp_path: Path
) -> None:
    _, both, authority = town_copy
    data = bytearray(both)
    at = both.index(b"/EmbeddedFiles")
    data[at + 1] = ord("X")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    town = tmp_path / "town-station"
    town.mkdir()
    code, out = _verify(town, str(bad), "--trust", str(authority))
    assert code == 2, out
    assert "NOT INTACT" in out
    assert "Traceback" not in out
    assert list(town.iterdir()) == []
