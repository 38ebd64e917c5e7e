"""Asking before a step that cannot be undone (close a loan, wipe laptops, reset phones,
accept or hand over a kit, change a switch, quit with unsaved input): what will happen, in
words; No has the focus, Escape is No. The one question dialog of the TUI: a step that shows
more than words (the switch's diff) adds it through `details`."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from crisis.i18n import t
from tui.bindings import translate_bindings


class ConfirmAction(ModalScreen[bool]):
    """A title, what will happen, and No (focused) or Yes."""

    DEFAULT_CSS = """
    ConfirmAction { align: center middle; }
    ConfirmAction > #confirm-action {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    ConfirmAction #confirm-title { text-style: bold; height: auto; }
    ConfirmAction #confirm-body { height: auto; margin: 1 0; }
    ConfirmAction #confirm-answers { height: auto; align-horizontal: right; }
    ConfirmAction Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "decline", "confirm.no")]

    def __init__(
        self,
        title: str,
        body: str,
        lang: str,
        *,
        yes: str = "",
        no: str = "",
        yes_variant: Literal["error", "warning"] = "error",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.lang = lang
        self.yes = yes or t("confirm.yes", lang)
        self.no = no or t("confirm.no", lang)
        self.yes_variant: Literal["error", "warning"] = yes_variant
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-action"):
            if self.title_text:
                yield Static(self.title_text, id="confirm-title")
            yield Static(self.body, id="confirm-body")
            yield from self.details()
            with Horizontal(id="confirm-answers"):
                yield Button(self.no, id="no", variant="primary")
                yield Button(self.yes, id="yes", variant=self.yes_variant)

    def details(self) -> ComposeResult:
        """What the question shows besides its words (nothing here)."""
        yield from ()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_decline(self) -> None:
        self.dismiss(False)
