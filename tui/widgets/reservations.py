"""Each party's reservations on a joint document, entered and kept separately."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Static

from crisis.domain.documents import Reservations
from crisis.domain.loans import Party
from crisis.i18n import t
from tui.safe_text import escape
from tui.screens.base import CHANGES


class ReservationsForm(Widget):
    """One field per party: Enter on a filled field adds a reservation to that party's list,
    Enter on an empty one moves on (the screen's Enter walk)."""

    DEFAULT_CSS = """
    ReservationsForm { height: auto; }
    ReservationsForm Horizontal { height: auto; }
    ReservationsForm Vertical { width: 1fr; height: auto; }
    ReservationsForm Input { margin: 0 1; }
    ReservationsForm Static { padding: 0 2; color: $text-muted; }
    """

    def __init__(self, prefix: str, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.prefix = prefix
        self.lang = lang
        self._given: dict[Party, list[str]] = {p: [] for p in Party}

    def compose(self) -> ComposeResult:
        with Horizontal():
            for party in Party:
                with Vertical():
                    yield Input(
                        placeholder=t(f"wizard.reservation.{party.value}", self.lang),
                        id=self._field(party),
                        classes=f"{CHANGES} reservation",
                    )
                    yield Static(id=f"{self._field(party)}s")

    def _field(self, party: Party) -> str:
        return f"{self.prefix}-{party.value}-reservation"

    @property
    def reservations(self) -> Reservations:
        """What each party entered, in order."""
        return Reservations(
            lender=tuple(self._given[Party.LENDER]), borrower=tuple(self._given[Party.BORROWER])
        )

    @on(Input.Submitted, ".reservation")
    def _add(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return  # let the screen move on
        event.stop()
        party = next(p for p in Party if event.input.id == self._field(p))
        self._given[party].append(text)
        event.input.value = ""
        self.query_one(f"#{self._field(party)}s", Static).update(
            "\n".join(f"• {escape(r)}" for r in self._given[party])
        )

    def reset(self) -> None:
        """Forget every reservation (a new loan)."""
        for party in Party:
            self._given[party].clear()
            self.query_one(f"#{self._field(party)}", Input).value = ""
            self.query_one(f"#{self._field(party)}s", Static).update("")
