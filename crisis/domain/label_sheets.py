"""Label stock geometry: A4 sheets of labels and a continuous label-printer tape, in mm."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from crisis.domain.tags import normalise_tag


class LabelFormat(StrEnum):
    """The label stocks we print on."""

    L7160 = "l7160"  # A4, 21 labels 63.5 x 38.1 mm (3 x 7)
    L7163 = "l7163"  # A4, 14 labels 99.1 x 38.1 mm (2 x 7)
    TAPE62 = "tape62"  # 62 mm continuous tape, one label per page


@dataclass(frozen=True, slots=True)
class LabelSheet:
    """Where each label of a stock lies on its page (all lengths in millimetres)."""

    page_width: float
    page_height: float
    label_width: float
    label_height: float
    columns: int
    rows: int
    left: float
    top: float
    pitch_x: float
    pitch_y: float

    @property
    def per_page(self) -> int:
        """How many labels one page holds."""
        return self.columns * self.rows

    def place(self, index: int) -> tuple[int, float, float]:
        """Page number (from 0) and top-left corner of the label at `index` (row by row)."""
        page, slot = divmod(index, self.per_page)
        row, column = divmod(slot, self.columns)
        return page, self.left + column * self.pitch_x, self.top + row * self.pitch_y


SHEETS: dict[LabelFormat, LabelSheet] = {
    LabelFormat.L7160: LabelSheet(210, 297, 63.5, 38.1, 3, 7, 7.2, 15.15, 66.04, 38.1),
    LabelFormat.L7163: LabelSheet(210, 297, 99.1, 38.1, 2, 7, 4.65, 15.15, 101.6, 38.1),
    LabelFormat.TAPE62: LabelSheet(62, 32, 62, 32, 1, 1, 0, 0, 62, 32),
}


@dataclass(frozen=True, slots=True)
class AssetLabel:
    """What one label says: the tag (text, Code 128, QR), the model and who owns it."""

    tag: str
    model: str
    owner: str


def check_start(fmt: LabelFormat, start: int) -> None:
    """A sheet's first free position (1 = top left, row by row) must exist on the sheet.

    Raises:
        ValueError: naming the positions the stock has.
    """
    last = SHEETS[fmt].per_page
    if not 1 <= start <= last:
        raise ValueError(f"start position {start} is not on a {fmt.value} sheet (1 to {last})")


def is_kit_code(loan: str, code: str) -> bool:
    """True when `code`, read at the return desk, is the kit's own QR code (its payload is
    the loan reference) rather than an item's tag."""
    return normalise_tag(code) == normalise_tag(loan)
