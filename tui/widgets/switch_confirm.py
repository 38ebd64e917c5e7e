"""Asking before a switch is changed: the question, what would change, and No focused."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from crisis.i18n import t
from tui.widgets.switch_diff import SwitchDiffView


class ConfirmSwitchChange(ModalScreen[bool]):
    """Yes or No; No has the focus, so Enter (or Escape) never changes a switch by accident."""

    DEFAULT_CSS = """
    ConfirmSwitchChange {
        align: center middle;
    }
    ConfirmSwitchChange > #confirm {
        width: 90%;
        height: 80%;
        border: thick $warning;
        background: $surface;
        padding: 1 2;
    }
    ConfirmSwitchChange #question {
        height: auto;
        margin-bottom: 1;
    }
    ConfirmSwitchChange #confirm-diff {
        height: 1fr;
    }
    ConfirmSwitchChange #answers {
        height: auto;
        align-horizontal: right;
    }
    ConfirmSwitchChange Button {
        margin-left: 2;
    }
    """
    BINDINGS = [Binding("escape", "decline", "switch.no")]

    def __init__(self, question: str, diff: str | None, lang: str) -> None:
        super().__init__()
        self.question = question
        self.diff = diff
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(self.question, id="question")
            with VerticalScroll(id="confirm-diff"):
                yield SwitchDiffView(self.lang, id="confirm-lines")
            with Horizontal(id="answers"):
                yield Button(t("switch.no", self.lang), id="no", variant="primary")
                yield Button(t("switch.yes", self.lang), id="yes", variant="error")

    def on_mount(self) -> None:
        if self.diff is not None:
            self.query_one(SwitchDiffView).show_diff(self.diff)
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_decline(self) -> None:
        self.dismiss(False)
