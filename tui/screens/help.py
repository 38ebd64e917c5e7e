"""The help screen: keys and what each screen does."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from crisis.i18n import t
from tui.bindings import translate_bindings


class HelpScreen(ModalScreen[None]):
    """Keys and workflows, in the app's language."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", "key.close")]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            # The text scrolls inside the box; the way out stays in sight at any size.
            with VerticalScroll(id="help-body"):
                yield Static(f"[b]{t('help.title', self.lang)}[/b]\n\n{t('help.body', self.lang)}")
                yield Static(f"\n{t('help.workflows', self.lang)}\n")
            close = t("help.close_key", self.lang, close=t("help.close", self.lang))
            yield Static(Text(close, style="dim"), id="help-close")
