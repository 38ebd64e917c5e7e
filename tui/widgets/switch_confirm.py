"""Asking before a switch is changed: the question, what would change, and No focused."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from crisis.i18n import t
from tui.widgets.confirm_action import ConfirmAction
from tui.widgets.switch_diff import SwitchDiffView


class ConfirmSwitchChange(ConfirmAction):
    """Yes or No, with the diff to apply; No has the focus, so Enter (or Escape) never changes
    a switch by accident."""

    DEFAULT_CSS = """
    ConfirmSwitchChange > #confirm-action { height: 80%; }
    ConfirmSwitchChange #confirm-diff { height: 1fr; }
    """

    def __init__(self, question: str, diff: str | None, lang: str) -> None:
        super().__init__("", question, lang, yes=t("switch.yes", lang), no=t("switch.no", lang))
        self.diff = diff

    def details(self) -> ComposeResult:
        with VerticalScroll(id="confirm-diff"):
            yield SwitchDiffView(self.lang, id="confirm-lines")

    def on_mount(self) -> None:
        if self.diff is not None:
            self.query_one(SwitchDiffView).show_diff(self.diff)
        # Textual runs ConfirmAction.on_mount too (it focuses No).
