"""Both parties sign a joint document: the lender with the operator's passphrase, then the town
with key material it alone controls (its PKCS#12, the PDF it signed, or by hand with a scan)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from crisis.domain.loans import Party
from crisis.i18n import t
from tui.safe_text import escape
from tui.screens.base import CHANGES
from tui.widgets.town_signing import take_town_signature, town_line, town_row

if TYPE_CHECKING:
    from crisis.services.documents import DocumentView, TownSignature


def fingerprint(public_key: str) -> str:
    """A public key (hex) in groups of four, easy to read out and compare."""
    key = public_key.lower()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def first_representative(data: dict[str, object]) -> str:
    """ "Name, position" of the borrower's first representative in a document's snapshot."""
    borrower = data.get("borrower")
    people = borrower.get("representatives") if isinstance(borrower, dict) else None
    if not isinstance(people, list) or not people or not isinstance(people[0], dict):
        return ""
    name, position = str(people[0].get("name", "")), str(people[0].get("position", ""))
    return f"{name}, {position}" if position else name


class SigningPanel(Widget):
    """The signatures of one document: buttons ``#{prefix}-sign-lender`` and
    ``#{prefix}-sign-borrower`` (the screen runs the signing), and who signed with which key."""

    DEFAULT_CSS = """
    SigningPanel { height: auto; }
    SigningPanel Horizontal { height: auto; }
    SigningPanel Input { width: 1fr; margin: 0 1; }
    SigningPanel Select { width: 1fr; margin: 0 1; }
    SigningPanel Button { width: 32; margin: 0 1; }
    SigningPanel Static { padding: 0 1; }
    """

    def __init__(self, prefix: str, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.prefix = prefix
        self.lang = lang

    def compose(self) -> ComposeResult:
        p, lang = self.prefix, self.lang
        yield Static(t("wizard.not_issued", lang), id=f"{p}-document")
        with Horizontal():
            yield Input(
                placeholder=t("wizard.passphrase", lang),
                password=True,
                id=f"{p}-passphrase",
                classes=CHANGES,
            )
            yield Button(t("wizard.sign_lender", lang), id=f"{p}-sign-lender", classes=CHANGES)
        with Horizontal():
            yield Input(
                placeholder=t("wizard.representative", lang),
                id=f"{p}-representative",
                classes=CHANGES,
            )
            yield Button(t("wizard.sign_borrower", lang), id=f"{p}-sign-borrower", classes=CHANGES)
        yield from town_row(f"{p}-", lang)
        yield Static(id=f"{p}-signatures")

    def take_town_signature(self) -> TownSignature:
        """How the town signs, as the fields say (its passphrase removed at once)."""
        return take_town_signature(self, f"{self.prefix}-", self.representative)

    def take_passphrase(self) -> str:
        """The passphrase typed, removed from the field at once."""
        field = self.query_one(f"#{self.prefix}-passphrase", Input)
        passphrase, field.value = field.value, ""
        return passphrase

    @property
    def representative(self) -> str:
        """Who signs for the town, as typed."""
        return self.query_one(f"#{self.prefix}-representative", Input).value.strip()

    def show(self, doc: DocumentView) -> None:
        """The document signed here, and who signed it with which public key."""
        lang = self.lang
        self.query_one(f"#{self.prefix}-document", Static).update(
            t("wizard.document", lang, reference=escape(doc.reference), sha256=doc.sha256[:16])
        )
        lines = [
            t(
                "wizard.signed_lender",
                lang,
                signer=escape(s.signer),
                public_key=fingerprint(s.public_key),
            )
            if s.party == Party.LENDER.value
            else town_line(s, lang)
            for s in doc.signatures
        ]
        self.query_one(f"#{self.prefix}-signatures", Static).update("\n".join(lines))
        field = self.query_one(f"#{self.prefix}-representative", Input)
        if not field.value and Party.BORROWER.value not in {s.party for s in doc.signatures}:
            field.value = first_representative(doc.data)

    def reset(self) -> None:
        """No document yet (a new loan)."""
        self.query_one(f"#{self.prefix}-document", Static).update(t("wizard.not_issued", self.lang))
        self.query_one(f"#{self.prefix}-signatures", Static).update("")
        for name in ("passphrase", "representative", "town-file", "town-passphrase"):
            self.query_one(f"#{self.prefix}-{name}", Input).value = ""
