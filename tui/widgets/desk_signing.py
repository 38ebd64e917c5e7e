"""Both parties sign a joint document at the desk: the lender with the operator's own key
(passphrase typed, never kept), then the town with key material it alone controls."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from crisis.domain.loans import Party
from crisis.i18n import t
from tui.safe_text import escape
from tui.screens.base import CHANGES
from tui.widgets.return_messages import DocumentSigned
from tui.widgets.return_pane import DeskPane
from tui.widgets.signing import fingerprint
from tui.widgets.town_signing import take_town_signature, town_line, town_row

if TYPE_CHECKING:
    from crisis.services.documents import DocumentView, TownSignature
    from crisis.services.workspace import Workspace


class DeskSigning(DeskPane):
    """The two signatures of one document, in order; each shows the public key recorded."""

    DEFAULT_CSS = """
    DeskSigning { height: auto; }
    DeskSigning Horizontal { height: auto; }
    DeskSigning Input { width: 1fr; }
    DeskSigning #signatures { height: auto; padding: 0 1; }
    """

    def __init__(self, ws: Workspace, lang: str, *, id: str | None = None) -> None:
        super().__init__(ws, lang, id=id)
        self.document: DocumentView | None = None

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Horizontal():
            yield Input(
                placeholder=t("desk.passphrase", lang),
                password=True,
                id="passphrase",
                classes=CHANGES,
            )
            yield Button(t("sign.lender", lang), id="sign-lender", classes=CHANGES)
        with Horizontal():
            yield Input(
                placeholder=t("desk.representative", lang), id="representative", classes=CHANGES
            )
            yield Button(t("sign.borrower", lang), id="sign-borrower", classes=CHANGES)
        yield from town_row("", lang)
        yield Static(t("desk.unsigned", lang), id="signatures")

    def show(self, document: DocumentView | None) -> None:
        """The document to sign (None: nothing issued yet) and its signatures so far."""
        self.document = document
        lines = [
            t(
                "desk.signature",
                self.lang,
                party=t(f"party.{s.party}", self.lang),
                signer=escape(s.signer),
                fingerprint=fingerprint(s.public_key),
            )
            if s.method == "ed25519"
            else town_line(s, self.lang)
            for s in (document.signatures if document else ())
        ]
        self.query_one("#signatures", Static).update(
            "\n".join(lines) or t("desk.unsigned", self.lang)
        )

    @on(Button.Pressed, "#sign-lender")
    def _lender(self) -> None:
        field = self.query_one("#passphrase", Input)
        passphrase, field.value = field.value, ""
        if self.document is not None:
            self.sign(self.document.reference, Party.LENDER, "", passphrase)
        else:
            self.problem(t("desk.no_report", self.lang))

    @on(Button.Pressed, "#sign-borrower")
    def _borrower(self) -> None:
        name = self.query_one("#representative", Input).value
        town = take_town_signature(self, "", name)
        if self.document is not None:
            self.sign(self.document.reference, Party.BORROWER, name, "", town)
        else:
            self.problem(t("desk.no_report", self.lang))

    @work(thread=True, exclusive=True, group="desk-sign", exit_on_error=False)
    def sign(
        self,
        reference: str,
        party: Party,
        signer: str,
        passphrase: str,
        town: TownSignature | None = None,
    ) -> None:
        """Sign off the UI thread (opening the key takes a deliberate while); the town signs
        the way it chose."""
        from crisis.services import documents

        if town is not None:
            signed = documents.sign_for_town(self.ws, reference, town)
        else:
            signed = documents.sign_document(
                self.ws, reference, party, signer=signer, passphrase=passphrase
            )
        self.post_message(DocumentSigned(signed))

    def on_document_signed(self, message: DocumentSigned) -> None:
        self.problem("")
        self.show(message.document)
