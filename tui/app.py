"""The Textual application: screens over the crisis services."""

from __future__ import annotations

from collections.abc import Iterable

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from crisis.errors import PermissionDeniedError
from crisis.i18n import default_language, t
from crisis.services.workspace import Workspace, open_workspace
from tui.messages import RoleChecked
from tui.screens.activation import ActivationScreen
from tui.screens.base import CrisisScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import HelpScreen
from tui.screens.incidents import IncidentsScreen
from tui.screens.inventory import InventoryScreen
from tui.screens.journal import JournalScreen
from tui.screens.restitution import RestitutionScreen

SCREENS: dict[str, type[CrisisScreen]] = {
    "activation": ActivationScreen,
    "dashboard": DashboardScreen,
    "incidents": IncidentsScreen,
    "inventory": InventoryScreen,
    "journal": JournalScreen,
    "restitution": RestitutionScreen,
}
#: Screens of the command palette: (name, English / French label, key).
PALETTE = (
    ("inventory", "Inventory / Inventaire", "F2"),
    ("journal", "Journal", "F3"),
    ("dashboard", "Dashboard / Tableau de bord", "F4"),
    ("activation", "Activation wizard / Activation", "F6"),
    ("restitution", "Return desk / Restitution", "F7"),
    ("incidents", "Incidents and clocks / Incidents et délais", "F8"),
)


class CrisisApp(App[None]):
    """Crisis kit's terminal UI."""

    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("f2", "show('inventory')", "Inventory"),
        Binding("f3", "show('journal')", "Journal"),
        Binding("f4", "show('dashboard')", "Dashboard"),
        Binding("f6", "show('activation')", "Activation"),
        Binding("f7", "show('restitution')", "Return"),
        Binding("f8", "show('incidents')", "Incidents"),
    ]

    def __init__(self, url: str, operator: str = "", *, lang: str | None = None) -> None:
        super().__init__()
        self.ws: Workspace = open_workspace(url, operator)
        self.lang = lang or default_language()
        self.last_error = ""
        #: True for auditors: screens disable what changes the inventory.
        self.read_only = False
        self._installed: set[str] = set()

    def on_mount(self) -> None:
        self.title = t("app.title", self.lang)
        self.sub_title = self.ws.operator
        self.action_show("inventory")
        self.check_role()

    @work(thread=True, exclusive=True, group="app-role", exit_on_error=False)
    def check_role(self) -> None:
        """Ask the workspace whether the operator may change anything (off the UI thread)."""
        try:
            role = self.ws.operator_role()
        except PermissionDeniedError:
            self.post_message(RoleChecked(read_only=True))
            raise
        self.post_message(RoleChecked(read_only=role is not None and not role.may_change))

    def on_role_checked(self, message: RoleChecked) -> None:
        self.read_only = message.read_only
        self._show_operator()
        if isinstance(self.screen, CrisisScreen):
            self.screen.apply_read_only()

    def _show_operator(self) -> None:
        ro = f" — {t('app.read_only', self.lang).upper()}" if self.read_only else ""
        self.sub_title = f"{self.ws.operator}{ro}"

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
        self._show_operator()
        self.action_show(name)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for name, label, key in PALETTE:
            yield SystemCommand(label, key, lambda name=name: self.action_show(name))
        yield SystemCommand("Language / Langue", "Français ↔ English", self.action_toggle_language)
        yield SystemCommand("Help / Aide", "F1", self.action_help)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # The app's own workers (role check) report failures like the screens' do.
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.show_error(event.worker.error)

    def show_error(self, error: BaseException) -> None:
        """The one place where failures of background work are shown."""
        self.last_error = str(error)
        self.notify(
            t("error.worker", self.lang, error=self.last_error), severity="error", timeout=10
        )
