"""A signed snapshot holds codes and values, not words: the same signed document is printed
in English for an auditor, and what it carries still verifies."""

from __future__ import annotations

from pathlib import Path

from crisis.adapters.pades import pdf_attachments
from crisis.domain.acceptance_results import row_words
from crisis.domain.documents import AcceptanceTest
from crisis.i18n import doc_value
from crisis.services import documents
from crisis.services.verification import verify_file
from crisis.services.workspace import Workspace
from tests.documents.test_after_return import both_sign, record_sanitisation, returned
from tests.documents.test_pdf import needs_poppler, text_of

__all__ = ["returned"]  # the fixture, shared with the return tests


@needs_poppler
def test_a_signed_certificate_reprinted_in_english_still_verifies(
    returned: tuple[Workspace, str, str], tmp_path: Path
) -> None:
    ws, ref, _ = returned
    record_sanitisation(ws)
    cert = documents.issue_sanitisation(ws, ref, "AMP-PC-0002", "Responsable SSI", "Marseille")
    both_sign(ws, cert.reference)
    device = cert.data["device"]
    # Codes in the snapshot; each language words them.
    assert (device["media_type"], device["destination"]) == ("internal_ssd", "restock")
    for code in ("internal_ssd", "restock"):
        assert doc_value(code, "fr") not in cert.snapshot.decode()

    english = documents.render_document(ws, cert.reference, "en")
    text = text_of(english, tmp_path)
    expected = (
        "CERTIFICATE OF MEDIA SANITISATION",
        "internal SSD (laptop)",
        "back to stock after reinstallation",
        "Nov 20, 2026, 10:30 AM (Paris time)",
    )
    for words in expected:
        assert words in text, words
    for french in ("Support traité", "SSD interne", "retour en stock", "heure de Paris"):
        assert french not in text, french
    french_text = text_of(documents.render_document(ws, cert.reference, "fr"), tmp_path)
    assert "SSD interne (poste portable)" in french_text

    carried = pdf_attachments(english)[documents.SNAPSHOT_NAME]
    assert carried == documents.get_document(ws, cert.reference).snapshot
    snap = tmp_path / "snapshot.json"
    snap.write_bytes(carried)
    verdict = verify_file(ws, snap)
    assert verdict.ok, verdict.problems
    assert verdict.signed_by == ("lender", "borrower")


@needs_poppler
def test_a_signed_acceptance_sheet_holds_codes_and_reprints_in_english(
    kit: tuple[Workspace, str], tmp_path: Path
) -> None:
    ws, ref = kit
    manual = AcceptanceTest("Écran et clavier", "fonctionnels", "fonctionnels", True, "M. Dupont")
    sheet = documents.issue_acceptance(ws, ref, [manual])
    both_sign(ws, sheet.reference)
    snapshot = sheet.snapshot.decode()
    automated = [r for r in sheet.data["tests"] if r["automated"]]
    assert automated
    # The automated rows hold codes (the laptops' rows were not run here): no words.
    for row in automated:
        assert row["test"].startswith("acceptance.auto.")
        for lang in ("fr", "en"):
            words = row_words(row, lang)
            assert words.test not in snapshot
            assert words.observed not in snapshot

    english = documents.render_document(ws, sheet.reference, "en")
    text = text_of(english, tmp_path)
    for words in ("Laptop compliance", "not run: no record", "Écran et clavier"):
        assert words in text, words  # the typed row stays as the parties wrote it
    for french in ("Conformité du poste", "non effectué"):
        assert french not in text, french
    french_text = text_of(documents.render_document(ws, sheet.reference, "fr"), tmp_path)
    assert "Conformité du poste" in french_text

    carried = pdf_attachments(english)[documents.SNAPSHOT_NAME]
    assert carried == documents.get_document(ws, sheet.reference).snapshot
    snap = tmp_path / "acceptance.json"
    snap.write_bytes(carried)
    verdict = verify_file(ws, snap)
    assert verdict.ok, verdict.problems
    assert verdict.signed_by == ("lender", "borrower")
