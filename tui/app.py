"""The Textual application: screens over the crisis services."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from crisis.i18n import default_language, t
from crisis.services.workspace import Workspace, open_workspace
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import HelpScreen
from tui.screens.inventory import InventoryScreen
from tui.screens.journal import JournalScreen

SCREENS: dict[str, type[InventoryScreen] | type[JournalScreen] | type[DashboardScreen]] = {
    "dashboard": DashboardScreen,
    "inventory": InventoryScreen,
    "journal": JournalScreen,
}


class CrisisApp(App[None]):
    """Crisis kit's terminal UI."""

    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("f2", "show('inventory')", "Inventory"),
        Binding("f3", "show('journal')", "Journal"),
        Binding("f4", "show('dashboard')", "Dashboard"),
    ]

    def __init__(self, url: str, operator: str = "", *, lang: str | None = None) -> None:
        super().__init__()
        self.ws: Workspace = open_workspace(url, operator)
        self.lang = lang or default_language()
        self.last_error = ""
        self._installed: set[str] = set()

    def on_mount(self) -> None:
        self.title = t("app.title", self.lang)
        self.sub_title = self.ws.operator
        self.action_show("inventory")

    def action_show(self, name: str) -> None:
        """Show a screen (inventory, journal) in the current language."""
        mode = f"{name}-{self.lang}"
        if mode not in self._installed:
            screen = SCREENS[name]
            self.add_mode(mode, lambda: screen(self.ws, self.lang))
            self._installed.add(mode)
        self.switch_mode(mode)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.lang))

    def action_toggle_language(self) -> None:
        """Switch French/English; screens are built anew in the other language."""
        name = (self.current_mode or "inventory").split("-")[0]
        self.lang = "en" if self.lang == "fr" else "fr"
        self.title = t("app.title", self.lang)
        self.action_show(name)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Inventory / Inventaire", "F2", lambda: self.action_show("inventory"))
        yield SystemCommand("Journal", "F3", lambda: self.action_show("journal"))
        yield SystemCommand(
            "Dashboard / Tableau de bord", "F4", lambda: self.action_show("dashboard")
        )
        yield SystemCommand("Language / Langue", "Français ↔ English", self.action_toggle_language)
        yield SystemCommand("Help / Aide", "F1", self.action_help)

    def show_error(self, error: BaseException) -> None:
        """The one place where failures of background work are shown."""
        self.last_error = str(error)
        self.notify(
            t("error.worker", self.lang, error=self.last_error), severity="error", timeout=10
        )
