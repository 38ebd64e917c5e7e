"""Before a loan closes: declare the items the town did not bring back, close its incidents
with a reason. The service decides; this only asks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from crisis.i18n import t

if TYPE_CHECKING:
    from crisis.services.loans import CloseCheck


@dataclass(frozen=True, slots=True)
class CloseChoice:
    """What the person chose: declare the missing items (lost, or stolen) and by whom, and
    the reason the loan's incidents and clocks are closed with."""

    theft: bool | None  # None: nothing declared
    declarant: str
    resolution: str


class ClosePrompt(ModalScreen[CloseChoice | None]):
    """Names the items not returned and the incidents still open; Cancel has the focus."""

    DEFAULT_CSS = """
    ClosePrompt { align: center middle; }
    ClosePrompt > #prompt {
        width: 90%; height: auto; border: thick $warning; background: $surface; padding: 1 2;
    }
    ClosePrompt Static { height: auto; margin-bottom: 1; }
    ClosePrompt #answers { height: auto; align-horizontal: right; }
    ClosePrompt Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "desk.close.cancel")]

    def __init__(self, check: CloseCheck, lang: str) -> None:
        super().__init__()
        self.check = check
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        missing = ", ".join(self.check.unaccounted)
        with Vertical(id="prompt"):
            yield Static(f"[b]{t('desk.close.title', lang)}[/b]")
            if self.check.unaccounted:
                yield Static(escape(t("desk.close.missing", lang, tags=missing)), id="missing")
                yield Input(placeholder=t("desk.close.declarant", lang), id="declarant")
            if self.check.open_incidents or self.check.unaccounted:
                opened = ", ".join(self.check.open_incidents)
                yield Static(escape(t("desk.close.incidents", lang, incidents=opened or "—")))
                yield Input(placeholder=t("desk.close.resolution", lang), id="resolution")
            with Horizontal(id="answers"):
                yield Button(t("desk.close.cancel", lang), id="cancel", variant="primary")
                if self.check.unaccounted:
                    yield Button(t("desk.close.lost", lang), id="lost", variant="warning")
                    yield Button(t("desk.close.stolen", lang), id="stolen", variant="error")
                else:
                    yield Button(t("desk.close.confirm", lang), id="resolve", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def _value(self, selector: str) -> str:
        found = self.query(selector)
        return found.first(Input).value.strip() if found else ""

    @on(Button.Pressed, "#lost")
    def _lost(self) -> None:
        self.dismiss(CloseChoice(False, self._value("#declarant"), self._value("#resolution")))

    @on(Button.Pressed, "#stolen")
    def _stolen(self) -> None:
        self.dismiss(CloseChoice(True, self._value("#declarant"), self._value("#resolution")))

    @on(Button.Pressed, "#resolve")
    def _resolve(self) -> None:
        self.dismiss(CloseChoice(None, "", self._value("#resolution")))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
