"""The town's side in tests: a handwritten signature with its scan, or the town's own PKCS#12."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from crisis.services import documents
from crisis.services.workspace import Workspace
from tests.documents.certificates import (
    P12_PASSPHRASE,
    Issued,
    issued_by,
    self_signed,
    write_p12,
)

SCAN = b"%PDF-1.4 scan of the page the town's representative signed by hand"


def town_signs(
    ws: Workspace, reference: str, signer: str = "Marie Dupont, maire"
) -> documents.DocumentView:
    """The town's representative signs the printed document by hand; its scan is attached."""
    return documents.sign_town_handwritten(ws, reference, signer, SCAN, "signature.pdf")


@cache
def town_ca() -> Issued:
    """The town's own authority (made by the town, never by the lender's)."""
    return self_signed("Commune d'Aubagne - AC interne", ca=True)


def town_credential(signer: str = "Marie Dupont") -> documents.PdfCredential:
    """The town's own PKCS#12 (a certificate its authority issued to `signer`)."""
    folder = Path(tempfile.mkdtemp(prefix="town-p12-"))
    p12 = write_p12(folder / "town.p12", issued_by(town_ca(), signer), (town_ca(),))
    return documents.PdfCredential(pkcs12=p12, pkcs12_passphrase=P12_PASSPHRASE)
