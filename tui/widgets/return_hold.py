"""Forensic hold at the return desk: a returned device handed to investigators under seal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input, Static

from crisis.i18n import t
from crisis.services import holds
from tui.screens.base import CHANGES
from tui.widgets.return_pane import DeskPane

if TYPE_CHECKING:
    from crisis.services.holds import HoldView


@dataclass
class HoldPlaced(Message):
    """A device was put on hold; the hold as recorded."""

    hold: HoldView


class HoldForm(DeskPane):
    """Tag, seal number, investigator: the service refuses what a hold cannot be."""

    DEFAULT_CSS = """
    HoldForm #hold-status { height: auto; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Horizontal(classes="row"):
            yield Input(placeholder=t("desk.hold.tag", lang), id="hold-tag", classes=CHANGES)
            yield Input(placeholder=t("desk.hold.seal", lang), id="hold-seal", classes=CHANGES)
            yield Input(
                placeholder=t("desk.hold.taken_by", lang), id="hold-taken-by", classes=CHANGES
            )
            yield Button(
                t("desk.hold.put", lang), id="put-hold", variant="warning", classes=CHANGES
            )
        yield Static(id="hold-status")

    @on(Button.Pressed, "#put-hold")
    def _put(self) -> None:
        self.put(
            self.query_one("#hold-tag", Input).value,
            self.query_one("#hold-seal", Input).value,
            self.query_one("#hold-taken-by", Input).value,
        )

    @work(thread=True, exclusive=True, group="desk-hold", exit_on_error=False)
    def put(self, tag: str, seal: str, taken_by: str) -> None:
        """Record the hold, off the UI thread (journaled by the service)."""
        self.post_message(
            HoldPlaced(holds.put_on_hold(self.ws, tag, seal_number=seal, taken_by=taken_by))
        )

    def on_hold_placed(self, message: HoldPlaced) -> None:
        h = message.hold
        self.problem("")
        for selector in ("#hold-tag", "#hold-seal", "#hold-taken-by"):
            self.query_one(selector, Input).value = ""
        self.query_one("#hold-status", Static).update(
            escape(t("desk.hold.placed", self.lang, tag=h.tag, seal=h.seal_number, holder=h.holder))
        )
