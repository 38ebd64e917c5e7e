"""One line above the footer with every screen's key (F2…F10), the shown screen marked: the
footer keeps its room for the screen's own keys, and no screen key is cut at 80 columns
(at 80 the line wraps to two)."""

from __future__ import annotations

from textual.widgets import Static

from crisis.i18n import t


class NavBar(Static):
    """F2 Inventory F3 Journal … F10 Switch; the current screen in reverse."""

    DEFAULT_CSS = """
    NavBar {
        dock: bottom;
        margin-bottom: 1;  /* above the footer, docked at the same edge */
        height: auto;
        width: 100%;
        background: $panel;
        color: $text-muted;
    }
    """

    def __init__(self, lang: str, current: str) -> None:
        super().__init__(id="nav-bar")
        self.lang = lang
        self.current = current

    def on_mount(self) -> None:
        from tui.app import PALETTE  # the app imports the screens: not at import time

        items = []
        for name, key in PALETTE:
            label = t(f"nav.{name}", self.lang)
            style = "reverse" if name == self.current else ""
            text = f"[b $accent]{key}[/] {label}"
            items.append(f"[{style}]{text}[/]" if style else text)
        self.update(" " + " ".join(items))
