"""Deterministic PDFs of asset labels and kit packing lists (fpdf2, segno QR, Code 128 bars).

Every symbol is drawn as vector rectangles (one per run of dark modules), so it stays sharp
at any printer resolution; the quiet zones the standards ask for are left blank around it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from barcode.codex import Code128  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from crisis.adapters.pdf_qr import draw_qr, runs
from crisis.adapters.pdf_render import add_fonts
from crisis.domain.label_sheets import SHEETS, AssetLabel, LabelFormat
from crisis.i18n import t

_PAD = 1.5  # mm inside a label's edge
_QR_QUIET = 2  # modules of blank around a QR code (readers cope with less than ISO's 4)
_BAR_QUIET = 10  # modules of blank each side of a Code 128 symbol (ISO/IEC 15417)
_MAX_BAR_MODULE = 0.4  # mm: wider bars only waste the label
#: The mask every label's QR code uses (see `pdf_qr.qr_code`).
LABEL_QR_MASK = 2


def draw_code128(pdf: FPDF, data: str, x: float, y: float, width: float, height: float) -> None:
    """A Code 128 symbol of `data` centred in (x, y, width, height), quiet zones included."""
    bars = Code128(data).build()[0]
    module = min(_MAX_BAR_MODULE, width / (len(bars) + 2 * _BAR_QUIET))
    x0 = x + (width - len(bars) * module) / 2
    pdf.set_fill_color(0)
    for start, length in runs(bars):
        pdf.rect(x0 + start * module, y, length * module, height, style="F")


class _Pdf(FPDF):
    def __init__(self, width: float, height: float, created: datetime, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format=(width, height))
        self.set_auto_page_break(auto=False)
        self.set_margins(0, 0, 0)
        add_fonts(self)
        self.set_creation_date(created)
        self.set_producer("crisis-kit")
        self.set_creator("crisis-kit")
        self.set_title(str(title))


def _label(
    pdf: FPDF,
    item: AssetLabel,
    x: float,
    y: float,
    w: float,
    h: float,
    owner_lines: Callable[[str, float], list[str]],
) -> None:
    """One label in the box (x, y, w, h): QR and words on top, the Code 128 below."""
    top = min(16.0, (h - 2 * _PAD) * 0.48)
    draw_qr(pdf, item.tag, x + _PAD, y + _PAD, top, quiet=_QR_QUIET, mask=LABEL_QR_MASK)
    tx = x + _PAD + top + 1
    tw = w - (tx - x) - _PAD
    pdf.set_xy(tx, y + _PAD + 1)
    pdf.set_font("sans", "B", 10)
    pdf.cell(tw, 4.5, str(item.tag), new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("sans", "", 6.5)
    pdf.cell(tw, 3, str(item.model), new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("sans", "", 6)
    for line in owner_lines(item.owner, tw):
        pdf.cell(tw, 2.6, line, new_x=XPos.LEFT, new_y=YPos.NEXT)
    bar_y = y + _PAD + top + 0.5
    draw_code128(pdf, item.tag, x + _PAD, bar_y, w - 2 * _PAD, y + h - _PAD - bar_y)


def render_labels(
    items: Sequence[AssetLabel],
    fmt: LabelFormat,
    *,
    start: int = 1,
    created: datetime,
    lang: str = "fr",
) -> bytes:
    """Labels for `items` on stock `fmt`, the first at position `start` (1 = top left).

    The same arguments always give the same bytes: `created` is the PDF's creation date and
    its identifier is derived from the content.
    """
    sheet = SHEETS[fmt]
    pdf = _Pdf(sheet.page_width, sheet.page_height, created, t("labels.title", lang))
    pdf.set_text_color(0)

    @cache
    def owner_lines(owner: str, width: float) -> list[str]:
        # A sheet's labels mostly share one owner: its mention is laid out once.
        text = str(t("labels.owner", lang, owner=owner))
        lines = pdf.multi_cell(width, 2.6, text, dry_run=True, output="LINES")
        assert isinstance(lines, list)
        return [str(line) for line in lines[:3]]

    page = -1
    for index, item in enumerate(items, start=start - 1):
        on, x, y = sheet.place(index)
        while page < on:
            pdf.add_page()
            page += 1
        _label(pdf, item, x, y, sheet.label_width, sheet.label_height, owner_lines)
    if page < 0:
        pdf.add_page()
    return bytes(pdf.output())


@dataclass(frozen=True, slots=True)
class PackingList:
    """What a kit's packing list shows."""

    loan: str
    crisis: str
    borrower: str
    lender: str
    template: str
    boxes: int
    items: tuple[tuple[AssetLabel, str], ...]  # each label and its category's name


def render_packing_list(packing: PackingList, *, created: datetime, lang: str = "fr") -> bytes:
    """An A4 packing list (bordereau de colisage): the kit's QR (its payload is the loan
    reference), the box count, and every item with its Code 128; deterministic like labels."""
    pdf = _Pdf(210, 297, created, f"{t('labels.packing.title', lang)} - {packing.loan}")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("sans", "B", 15)
    pdf.cell(140, 8, str(t("labels.packing.title", lang)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("sans", "", 10)
    for key, value in (
        ("labels.packing.loan", packing.loan),
        ("labels.packing.crisis", packing.crisis),
        ("labels.packing.borrower", packing.borrower),
        ("labels.packing.kit", packing.template),
        ("labels.packing.boxes", str(packing.boxes)),
        ("labels.packing.items", str(len(packing.items))),
    ):
        pdf.cell(140, 5.5, str(t(key, lang, value=value)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("sans", "", 8)
    for key in ("labels.owner", "labels.packing.scan_hint"):
        text = str(t(key, lang, owner=packing.lender))
        pdf.multi_cell(140, 4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    draw_qr(pdf, packing.loan, 160, 12, 36, quiet=_QR_QUIET, mask=LABEL_QR_MASK)
    pdf.set_y(max(pdf.get_y(), 50) + 4)
    row = 16.0
    for item, category in packing.items:
        if pdf.get_y() + row > 297 - 15:
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_draw_color(160)
        pdf.line(15, y, 195, y)
        pdf.set_xy(15, y + 2)
        pdf.set_font("sans", "B", 10)
        pdf.cell(45, 5, str(item.tag), new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font("sans", "", 8)
        pdf.cell(45, 4, str(category), new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_xy(60, y + 2)
        pdf.cell(48, 5, str(item.model))
        pdf.set_xy(186, y + 2)
        pdf.cell(8, 5, "[  ]")
        draw_code128(pdf, item.tag, 110, y + 1.5, 74, row - 3)
        pdf.set_y(y + row)
    return bytes(pdf.output())
