"""The Textual application: screens over the crisis services."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from crisis.i18n import default_language, t
from crisis.services.workspace import Workspace, open_workspace
from tui.screens.inventory import InventoryScreen


class CrisisApp(App[None]):
    """Crisis kit's terminal UI."""

    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, url: str, operator: str = "", *, lang: str | None = None) -> None:
        super().__init__()
        self.ws: Workspace = open_workspace(url, operator)
        self.lang = lang or default_language()
        self.last_error = ""

    def on_mount(self) -> None:
        self.title = t("app.title", self.lang)
        self.sub_title = self.ws.operator
        self.push_screen(InventoryScreen(self.ws, self.lang))

    def show_error(self, error: BaseException) -> None:
        """The one place where failures of background work are shown."""
        self.last_error = str(error)
        self.notify(
            t("error.worker", self.lang, error=self.last_error), severity="error", timeout=10
        )
