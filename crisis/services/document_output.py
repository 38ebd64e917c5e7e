"""A document's PDF as the town gets it, written to a file or sent to a printer: the signed
PDF once sealed (French), else a fresh rendering in the language asked for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crisis.adapters import printer
from crisis.services import documents
from crisis.services.output_files import write_output

if TYPE_CHECKING:
    from crisis.services.workspace import Workspace


def document_pdf(ws: Workspace, reference: str, lang: str = "fr") -> bytes:
    """The PDF of `reference`: the sealed one when it has one and `lang` is French.

    Raises:
        NotFoundError: unknown document.
    """
    doc = documents.get_document(ws, reference)
    if doc.signed_pdf and lang == "fr":
        return doc.signed_pdf
    return documents.render_document(ws, reference, lang)


def export_pdf(
    ws: Workspace, reference: str, out: Path, lang: str = "fr", *, force: bool = False
) -> int:
    """Write the PDF of `reference` to `out` (never over a file unless `force`); its size.

    Raises:
        NotFoundError: unknown document.
        ValidationError: `out` cannot or may not be written (see ``output_files``).
    """
    data = document_pdf(ws, reference, lang)
    write_output(out, data, force=force)
    return len(data)


@dataclass(frozen=True, slots=True)
class PrintJob:
    """What the spooler said of a document sent to print."""

    reference: str
    size: int
    answer: str


def printing_available() -> bool:
    """True when this computer has a print system (``lp``)."""
    return printer.spooler() is not None


def print_document(
    ws: Workspace, reference: str, lang: str = "fr", destination: str = ""
) -> PrintJob:
    """Send the PDF of `reference` to the default printer (or `destination`).

    Raises:
        NotFoundError: unknown document.
        ConfigurationError: no print system on this computer.
        PeerError: the spooler refused the job.
    """
    data = document_pdf(ws, reference, lang)
    return PrintJob(reference, len(data), printer.send_pdf(data, reference, destination))
