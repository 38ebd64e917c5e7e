"""The town's signing row: which of its own ways (scan, PKCS#12, signed PDF), the file, the
PKCS#12 passphrase; and how a recorded signature reads. No rule here: the service decides."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select

from crisis.i18n import t
from tui.safe_text import escape
from tui.screens.base import CHANGES

if TYPE_CHECKING:
    from crisis.services.documents import SignatureView, TownSignature

#: The town's ways, in the order offered (the service's names).
WAYS = ("handwritten", "pkcs12", "signed_pdf")


def town_row(prefix: str, lang: str) -> ComposeResult:
    """The way, the file and the passphrase fields: ``#{prefix}town-way`` and so on."""
    # The way on a row of its own: its longest label (46 columns in French) stays whole at
    # any width, where it was cut at 40 columns next to the fields.
    with Horizontal(classes="town-way"):
        yield Select(
            [(t(f"town.way.{w}", lang), w) for w in WAYS],
            value=WAYS[0],
            allow_blank=False,
            id=f"{prefix}town-way",
            classes=CHANGES,
        )
    with Horizontal():
        yield Input(placeholder=t("town.file", lang), id=f"{prefix}town-file", classes=CHANGES)
        yield Input(
            placeholder=t("town.passphrase", lang),
            password=True,
            id=f"{prefix}town-passphrase",
            classes=CHANGES,
        )


def take_town_signature(root: object, prefix: str, signer: str) -> TownSignature:
    """What the fields say (the passphrase removed from its field at once)."""
    from textual.dom import DOMNode

    from crisis.services.documents import TownSignature

    assert isinstance(root, DOMNode)
    way = root.query_one(f"#{prefix}town-way", Select).value
    path = root.query_one(f"#{prefix}town-file", Input).value.strip()
    field = root.query_one(f"#{prefix}town-passphrase", Input)
    passphrase, field.value = field.value, ""
    return TownSignature(str(way), Path(path).expanduser(), passphrase, signer)


def town_line(s: SignatureView, lang: str) -> str:
    """How the town's recorded signature reads on screen (handwritten said plainly)."""
    if s.handwritten:
        return t("town.signed.handwritten", lang, signer=escape(s.signer), sha256=s.scan_sha256)
    return t(
        "town.signed.pades", lang, signer=escape(s.signer), subject=escape(s.certificate_subject),
        issuer=escape(s.certificate_issuer), sha256=s.certificate_sha256,
    )  # fmt: skip
