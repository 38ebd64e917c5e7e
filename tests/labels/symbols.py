"""Read printed symbols back the way a scanner would: rasterise (pdftoppm), decode (zbarimg)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from crisis.domain.label_sheets import SHEETS, LabelFormat

MM_PER_INCH = 25.4


def decode_region(
    pdf: Path, page: int, dpi: int, box: tuple[float, float, float, float]
) -> set[str]:
    """Every symbol zbarimg reads in the box (x, y, w, h in mm) of `page` (from 1), as
    "TYPE:data", rasterised in grey at `dpi` with the page at its real size."""
    x, y, w, h = (round(v * dpi / MM_PER_INCH) for v in box)
    out = pdf.with_name(f"{pdf.stem}-{page}-{dpi}-{x}-{y}")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page),
         "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h), "-singlefile",
         str(pdf), str(out)],
        check=True,
    )  # fmt: skip
    read = subprocess.run(
        ["zbarimg", "-q", f"{out}.pgm"], capture_output=True, text=True, check=False
    )
    return {line for line in read.stdout.splitlines() if line}


def decode_label(pdf: Path, fmt: LabelFormat, index: int, dpi: int) -> set[str]:
    """The symbols of the label at `index` (from 0, counting skipped positions)."""
    sheet = SHEETS[fmt]
    page, x, y = sheet.place(index)
    return decode_region(pdf, page + 1, dpi, (x, y, sheet.label_width, sheet.label_height))


def page_count(pdf: Path) -> int:
    """How many pages `pdf` has (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(ln.split()[-1] for ln in info.stdout.splitlines() if ln.startswith("Pages:")))
