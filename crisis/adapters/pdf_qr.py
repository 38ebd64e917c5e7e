"""Symbols drawn as vector rectangles in an fpdf2 page: QR codes (segno computes the matrix)
and the run-length helper the barcodes share. The one QR drawer of every document."""

from __future__ import annotations

from collections.abc import Sequence

import segno
from fpdf import FPDF


def runs(bits: Sequence[int] | str) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in one row of a symbol."""
    out: list[tuple[int, int]] = []
    start = -1
    for i, bit in enumerate(bits):
        dark = bit == "1" if isinstance(bit, str) else bool(bit)
        if dark and start < 0:
            start = i
        elif not dark and start >= 0:
            out.append((start, i - start))
            start = -1
    if start >= 0:
        out.append((start, len(bits) - start))
    return out


def qr_code(data: str | bytes, error: str = "m", mask: int | None = None) -> segno.QRCode:
    """The QR code of `data` (no Micro QR). A fixed `mask` spares segno scoring all eight,
    most of its time; a short payload reads as well with any of them."""
    return segno.make(data, error=error, micro=False, mask=mask)


def draw_qr(
    pdf: FPDF,
    data: str | bytes,
    x: float,
    y: float,
    size: float,
    error: str = "m",
    *,
    quiet: int = 0,
    mask: int | None = None,
) -> None:
    """Draw `data` as a QR code in the square (`x`, `y`, `size` mm), `quiet` blank modules
    round it included, black on the page."""
    matrix = qr_code(data, error, mask).matrix
    cell = size / (len(matrix) + 2 * quiet)
    x0, y0 = x + quiet * cell, y + quiet * cell
    pdf.set_fill_color(0)
    for start, length, top, rows in _blocks(matrix):
        pdf.rect(x0 + start * cell, y0 + top * cell, length * cell, rows * cell, style="F")
    pdf.set_fill_color(255)


def _blocks(matrix: Sequence[Sequence[int]]) -> list[tuple[int, int, int, int]]:
    """(column, width, row, height) rectangles covering the dark modules: a run repeated
    in the rows below is one taller rectangle (fewer drawing operations per symbol)."""
    out: list[tuple[int, int, int, int]] = []
    open_runs: dict[tuple[int, int], int] = {}  # run -> the row it started on
    for r, row in enumerate(matrix):
        row_runs = set(runs(row))
        for run in [run for run in open_runs if run not in row_runs]:
            out.append((*run, open_runs[run], r - open_runs.pop(run)))
        for run in row_runs:
            open_runs.setdefault(run, r)
    out.extend((*run, top, len(matrix) - top) for run, top in open_runs.items())
    return sorted(out)
