"""Labels and packing lists printed, rasterised at printer resolutions and read back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from crisis.domain.assets import Category
from crisis.domain.label_sheets import SHEETS, LabelFormat
from crisis.errors import NotFoundError, ValidationError
from crisis.services import labels
from crisis.services.workspace import Workspace
from tests.labels.symbols import decode_label, decode_region, page_count
from tests.tui.lifecycle import handed_over

TAGS = ("AMP-PC-0001", "AMP-PC-0010", "AMP-TEL-0002", "AMP-SW-001", "AMP-PC-0002")


@pytest.mark.parametrize("dpi", [300, 203])
@pytest.mark.parametrize("fmt", list(LabelFormat))
def test_each_label_decodes_to_its_tag(
    demo_ws: Workspace, tmp_path: Path, fmt: LabelFormat, dpi: int
) -> None:
    start = 1 if fmt is LabelFormat.TAPE62 else SHEETS[fmt].per_page - 2  # a half-used sheet
    pdf = labels.asset_labels(demo_ws, labels.Selection(tags=TAGS), fmt, start=start)
    assert pdf.count == len(TAGS)
    path = labels.save_pdf(tmp_path / "labels.pdf", pdf.data)
    ordered = ["AMP-PC-0001", "AMP-PC-0002", "AMP-PC-0010", "AMP-SW-001", "AMP-TEL-0002"]
    for i, tag in enumerate(ordered):
        read = decode_label(path, fmt, start - 1 + i, dpi)
        assert read == {f"QR-Code:{tag}", f"CODE-128:{tag}"}, (fmt, dpi, i)
    if start > 1:  # the positions already used stay blank
        assert decode_label(path, fmt, 0, dpi) == set()


def test_same_input_same_bytes_and_french_by_default(demo_ws: Workspace, tmp_path: Path) -> None:
    choice = labels.Selection(category=Category.PHONE)
    first = labels.asset_labels(demo_ws, choice, LabelFormat.L7163)
    assert first.data == labels.asset_labels(demo_ws, choice, LabelFormat.L7163).data
    english = labels.asset_labels(demo_ws, choice, LabelFormat.L7163, lang="en")
    assert "Propriété de Métropole Aix-Marseille-Provence" in text_of(first.data, tmp_path)
    assert "Property of Métropole Aix-Marseille-Provence" in text_of(english.data, tmp_path)


def text_of(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def test_bad_selections_are_refused_by_name(demo_ws: Workspace) -> None:
    with pytest.raises(NotFoundError, match="AMP-PC-9999"):
        labels.asset_labels(demo_ws, labels.Selection(tags=("AMP-PC-0001", "AMP-PC-9999")))
    with pytest.raises(ValidationError, match="one way"):
        labels.asset_labels(demo_ws, labels.Selection())
    with pytest.raises(ValidationError, match="one way"):
        labels.asset_labels(demo_ws, labels.Selection(tags=TAGS, text="lenovo"))
    with pytest.raises(ValidationError, match=r"--start.*1 to 14"):
        labels.asset_labels(demo_ws, labels.Selection(tags=TAGS), LabelFormat.L7163, start=15)


@pytest.mark.parametrize("dpi", [300, 203])
def test_packing_list_reads_back_the_loan_and_every_item(
    demo_ws: Workspace, tmp_path: Path, dpi: int
) -> None:
    loan = handed_over(demo_ws)
    pdf = labels.packing_list(demo_ws, loan.reference, boxes=3)
    assert pdf.count == len(loan.items)
    path = labels.save_pdf(tmp_path / "bordereau.pdf", pdf.data)
    assert decode_region(path, 1, dpi, (150, 5, 55, 50)) == {f"QR-Code:{loan.reference}"}
    pages = page_count(path)
    assert pages > 1  # the kit runs over a page: every item must still be there
    read = decode_region(path, 1, dpi, (100, 40, 100, 250))
    for page in range(2, pages + 1):
        read |= decode_region(path, page, dpi, (100, 0, 100, 297))
    assert read == {f"CODE-128:{tag}" for tag in loan.items}
    assert "Nombre de colis : 3" in text_of(pdf.data, tmp_path)
    assert pdf.data == labels.packing_list(demo_ws, loan.reference, boxes=3).data
    kit = labels.asset_labels(demo_ws, labels.Selection(loan=loan.reference), LabelFormat.L7163)
    assert kit.count == len(loan.items)
