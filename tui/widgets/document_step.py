"""One joint document in the wizard: where it is signed, each party's reservations, the button
that issues it (``#issue-{kind}``) and both parties' signatures."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Button, Input

from crisis.domain.documents import Reservations
from crisis.i18n import t
from tui.screens.base import CHANGES
from tui.widgets.reservations import ReservationsForm
from tui.widgets.signing import SigningPanel


class DocumentStep(Widget):
    """Place, reservations, issue, signatures of the document `kind` (acceptance, inventory)."""

    DEFAULT_CSS = """
    DocumentStep { height: auto; }
    DocumentStep > Input, DocumentStep > Button { margin: 0 1; }
    """

    def __init__(self, kind: str, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        self.lang = lang

    def compose(self) -> ComposeResult:
        kind, lang = self.kind, self.lang
        yield Input(placeholder=t("wizard.place", lang), id=f"{kind}-place", classes=CHANGES)
        yield ReservationsForm(kind, lang, id=f"{kind}-reservations")
        yield Button(
            t(f"wizard.issue.{kind}", lang), id=f"issue-{kind}", variant="primary", classes=CHANGES
        )
        yield SigningPanel(kind, lang, id=f"{kind}-signing")

    @property
    def place(self) -> str:
        """Where the document is signed (empty: the town)."""
        return self.query_one(f"#{self.kind}-place", Input).value.strip()

    @property
    def reservations(self) -> Reservations:
        """Each party's reservations, kept apart."""
        return self.query_one(ReservationsForm).reservations

    @property
    def signing(self) -> SigningPanel:
        """Where both parties sign."""
        return self.query_one(SigningPanel)

    def reset(self) -> None:
        """Empty again (a new loan)."""
        self.query_one(f"#{self.kind}-place", Input).value = ""
        self.query_one(ReservationsForm).reset()
        self.signing.reset()
