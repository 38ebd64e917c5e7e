"""The printed sheet a phone's holder receives: the phone, the isolated mailbox, and each
standard mail configuration as a QR code (fpdf2 + segno). No password is ever on it: the
holder types the one handed over separately when the phone asks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF

from crisis.adapters.pdf_qr import draw_qr


@dataclass(frozen=True, slots=True)
class SheetCode:
    """One QR code of the sheet: its caption and the bytes it carries."""

    caption: str
    data: bytes


def _latin(text: str) -> str:
    # The core fonts are Latin-1: French is, typographic dashes and quotes are mapped.
    table = str.maketrans({"—": "-", "–": "-", "’": "'", "«": '"', "»": '"', "\u202f": " "})
    return text.translate(table).encode("latin-1", "replace").decode("latin-1")


def holder_sheet(
    title: str, lines: Sequence[tuple[str, str]], codes: Sequence[SheetCode], footer: str
) -> bytes:
    """A4 sheet: a title, label/value lines, then each QR code (one per page half) with its
    caption, and a footer."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 14)
    pdf.multi_cell(0, 7, _latin(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for label, value in lines:
        pdf.set_font("helvetica", "B", 10)
        pdf.cell(55, 6, _latin(label))
        pdf.set_font("helvetica", size=10)
        pdf.multi_cell(0, 6, _latin(value), new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 4
    size = 88.0
    for i, code in enumerate(codes):
        x = 15 + (i % 2) * (size + 7)
        if i and i % 2 == 0:
            pdf.add_page()
            y = 20
        pdf.set_xy(x, y)
        pdf.set_font("helvetica", "B", 9)
        pdf.multi_cell(size, 5, _latin(code.caption), new_x="LMARGIN", new_y="NEXT")
        draw_qr(pdf, code.data, x, y + 12, size, error="l")
    pdf.set_xy(15, 270)
    pdf.set_font("helvetica", size=8)
    pdf.multi_cell(0, 4, _latin(footer))
    return bytes(pdf.output())
