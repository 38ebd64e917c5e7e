"""Editing an asset (Ctrl+E on the inventory): its management address and attributes, checked
and journaled by the service behind ``crisis assets set TAG key=value …``."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer, Header, Input, Static

from crisis.domain.asset_settings import parse_assignments
from crisis.errors import ValidationError
from crisis.i18n import t
from crisis.services import assets
from tui.safe_text import escape
from tui.screens.base import CHANGES, CrisisScreen

if TYPE_CHECKING:
    from crisis.services.assets import FieldChange
    from crisis.services.views import AssetDetail
    from crisis.services.workspace import Workspace


@dataclass
class AssetRead(Message):
    """The asset as stored now, with the changes just made (none after a plain look)."""

    detail: AssetDetail
    changes: tuple[FieldChange, ...] | None = None


def _shown(value: Any, lang: str) -> str:
    return t("newcomer.assets.set.none", lang) if value is None else str(value)


class AssetEditScreen(CrisisScreen):
    """One asset's management address and attributes; Esc goes back to the inventory."""

    BINDINGS = [Binding("escape", "back", "key.back")]

    DEFAULT_CSS = """
    AssetEditScreen .row { height: auto; }
    AssetEditScreen Input { width: 1fr; margin: 0 1; }
    AssetEditScreen Static { padding: 0 1; }
    """

    def __init__(self, ws: Workspace, lang: str, tag: str) -> None:
        super().__init__(ws, lang)
        self.tag = tag
        self.mgmt: str | None = None

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with VerticalScroll(id="asset-edit"):
            yield Static(id="asset-now")
            yield Static(t("asset_edit.help", lang), id="asset-help")
            with Horizontal(classes="row"):
                yield Input(placeholder=t("asset_edit.mgmt", lang), id="mgmt", classes=CHANGES)
            with Horizontal(classes="row"):
                yield Input(
                    placeholder=t("asset_edit.assignments", lang), id="assignments", classes=CHANGES
                )
                yield Button(
                    t("asset_edit.save", lang), id="save", variant="primary", classes=CHANGES
                )
            yield Static(id="problem")
            yield Static(id="asset-changes")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("asset_edit.title", self.lang, tag=self.tag)
        self.show_problem("")
        self.query_one("#assignments", Input).focus()  # a field, never the button that saves
        self.read()

    def action_back(self) -> None:
        self.dismiss()

    @work(thread=True, exclusive=True, group="asset-edit-read", exit_on_error=False)
    def read(self) -> None:
        self.post_message(AssetRead(assets.get_asset(self.ws, self.tag)))

    def on_asset_read(self, message: AssetRead) -> None:
        d, lang = message.detail, self.lang
        self.mgmt = d.mgmt_address
        lines = [f"[b]{escape(d.tag)}[/b] — {t(f'category.{d.category.value}', lang)}"]
        lines.append(f"mgmt_address = {escape(_shown(d.mgmt_address, lang))}")
        lines.append(f"mac_addresses = {escape(';'.join(d.mac_addresses) or _shown(None, lang))}")
        for key, value in sorted(d.attributes.items()):
            if key in ("facts", "ssh_host_keys"):  # written by the tool itself
                lines.append(f"[dim]{key} = {t('asset_edit.by_tool', lang)}[/dim]")
            else:
                lines.append(f"{escape(key)} = {escape(str(value))}")
        self.query_one("#asset-now", Static).update("\n".join(lines))
        mgmt = self.query_one("#mgmt", Input)
        mgmt.value = d.mgmt_address or ""
        if message.changes is None:
            return
        self.show_problem("")
        self.query_one("#assignments", Input).value = ""  # a form is cleared once it succeeded
        said = [
            t(
                "newcomer.assets.set.changed",
                lang,
                tag=self.tag,
                field=c.field,
                before=_shown(c.before, lang),
                after=_shown(c.after, lang),
            )
            for c in message.changes
        ] or [t("newcomer.assets.set.unchanged", lang, tag=self.tag)]
        self.query_one("#asset-changes", Static).update(escape("\n".join(said)))

    @on(Button.Pressed, "#save")
    @on(Input.Submitted, "#assignments")
    @on(Input.Submitted, "#mgmt")
    def _save(self) -> None:
        text = self.query_one("#assignments", Input).value
        mgmt = self.query_one("#mgmt", Input).value.strip()
        try:
            items = shlex.split(text)
        except ValueError as exc:  # an unclosed quote
            self.host.show_error(ValidationError(str(exc), where="assignments"))
            self.show_problem(t("asset_edit.quote", self.lang, reason=str(exc)))
            return
        if mgmt != (self.mgmt or "") and not any(i.startswith("mgmt_address=") for i in items):
            items.append(f"mgmt_address={mgmt}")
        self.save(tuple(items))

    @work(thread=True, exclusive=True, group="asset-edit-save", exit_on_error=False)
    def save(self, items: tuple[str, ...]) -> None:
        """Check and record every value, or none (the service's own checks and errors)."""
        changes = assets.set_fields(self.ws, self.tag, parse_assignments(items))
        self.post_message(AssetRead(assets.get_asset(self.ws, self.tag), changes))

    def show_problem(self, text: str) -> None:
        # Every refusal says what to do next: correct the value, Esc to leave it as it was.
        super().show_problem(f"{text}\n{t('asset_edit.next', self.lang)}" if text else "")
