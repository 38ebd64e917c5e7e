"""Any name prints (an embedded Unicode font, subset) and amounts read the reader's way."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from crisis.domain.documents import Reservations
from crisis.domain.loans import Party
from crisis.l10n import format_money as money
from crisis.l10n import format_number as number
from crisis.services import documents
from crisis.services.workspace import Workspace
from tests.documents.conftest import PASSPHRASE
from tests.documents.test_pdf import needs_poppler, text_of
from tests.documents.town import town_signs

NAMES = ("Łukasz Šimić", "Nguyễn Văn Anh", "Zoë Œuvray — 3 €")


@needs_poppler
def test_names_outside_latin_1_print_as_written(kit: tuple[Workspace, str], tmp_path: Path) -> None:
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref, reservations=Reservations(borrower=NAMES[1:]))
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    town_signs(ws, doc.reference, NAMES[0])
    pdf = documents.render_document(ws, doc.reference)
    text = text_of(pdf, tmp_path)
    for name in NAMES:
        assert name in text
    assert "?" not in text.replace("?ukasz", "")  # nothing replaced by a question mark


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts missing (poppler-utils)")
def test_every_font_is_embedded_and_subset(kit: tuple[Workspace, str], tmp_path: Path) -> None:
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    path = tmp_path / "doc.pdf"
    path.write_bytes(documents.render_document(ws, doc.reference))
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in out.stdout.splitlines()[2:]]
    assert rows, out.stdout
    for row in rows:
        name, emb, sub = row[0], row[-5], row[-4]
        assert "+DejaVu" in name, row  # a subset tag, then the family
        assert (emb, sub) == ("yes", "yes"), row


def test_amounts_and_counts_read_the_readers_way() -> None:
    assert money("1234.50 EUR", "fr").replace("\u202f", " ").replace("\xa0", " ") == "1 234,50 €"
    assert money("1234.50 EUR", "en") == "€1,234.50"
    assert money("", "fr") == ""
    assert number(1000, "fr").replace("\u202f", " ").replace("\xa0", " ") == "1 000"
