"""The Textual application: screens over the crisis services."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Static
from textual.worker import Worker, WorkerState

from crisis.errors import PermissionDeniedError, describe
from crisis.i18n import default_language, ids, t
from tui.bindings import translate_bindings
from tui.messages import RoleChecked, WorkspaceOpened
from tui.screens.help import HelpScreen
from tui.unsaved import UnsavedInputs, quit_or_ask

if TYPE_CHECKING:
    from crisis.services.workspace import Workspace
    from tui.screens.base import CrisisScreen

#: Screens by name: (module, class). They are imported when the workspace opens, off the UI
#: thread: the services pull in SQLAlchemy, which the first frame must not wait for.
SCREENS: dict[str, tuple[str, str]] = {
    "activation": ("tui.screens.activation", "ActivationScreen"),
    "dashboard": ("tui.screens.dashboard", "DashboardScreen"),
    "incidents": ("tui.screens.incidents", "IncidentsScreen"),
    "inventory": ("tui.screens.inventory", "InventoryScreen"),
    "journal": ("tui.screens.journal", "JournalScreen"),
    "provisioning": ("tui.screens.provisioning", "ProvisioningScreen"),
    "restitution": ("tui.screens.restitution", "RestitutionScreen"),
    "switch": ("tui.screens.switch", "SwitchScreen"),
    "setup": ("tui.screens.setup", "SetupScreen"),
    "documents": ("tui.screens.documents", "DocumentsScreen"),
}
#: Screens of the command palette, with their keys; labelled by ``palette.<name>``.
PALETTE = (
    ("inventory", "F2"),
    ("journal", "F3"),
    ("dashboard", "F4"),
    ("activation", "F6"),
    ("restitution", "F7"),
    ("incidents", "F8"),
    ("provisioning", "F9"),
    ("switch", "F10"),
    ("setup", "F11"),
    ("documents", "F12"),
)


class OpeningScreen(Screen[None]):
    """The first frame: painted before the inventory is opened."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("app.opening", self.lang), id="opening")
        yield Footer()


class CrisisApp(App[None]):
    """Crisis kit's terminal UI."""

    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", priority=True),
        # Textual adds its Ctrl+P binding to the instance, which relabelling the keys for the
        # language (tui.bindings) would drop: declared here, it stays.
        Binding("ctrl+p", "command_palette", "newcomer.key.palette", show=False, priority=True),
        Binding("f1", "help", "key.help"),
        # Shown on every screen's navigation line (tui.widgets.nav_bar), not in the footer.
        Binding("f2", "show('inventory')", "key.inventory", show=False),
        Binding("f3", "show('journal')", "key.journal", show=False),
        Binding("f4", "show('dashboard')", "key.dashboard", show=False),
        Binding("f6", "show('activation')", "key.activation", show=False),
        Binding("f7", "show('restitution')", "key.return", show=False),
        Binding("f8", "show('incidents')", "key.incidents", show=False),
        Binding("f9", "show('provisioning')", "key.cleaning", show=False),
        Binding("f10", "show('switch')", "key.switch", show=False),
        Binding("f11", "show('setup')", "key.setup", show=False),
        Binding("f12", "show('documents')", "key.documents", show=False),
    ]

    #: The opened inventory and operator (set once the workspace is open).
    ws: Workspace

    def __init__(self, url: str, operator: str = "", *, lang: str | None = None) -> None:
        super().__init__()
        self.url = url
        self.operator = operator
        self.lang = lang or default_language()
        self.last_error = ""
        #: True for auditors: screens disable what changes the inventory.
        self.read_only = False
        self._installed: set[str] = set()
        self._wanted = "inventory"
        self._opened = False
        #: Fields holding typed input not recorded yet (Ctrl+Q asks before losing it).
        self.unsaved = UnsavedInputs()

    @property
    def opened(self) -> bool:
        """The workspace is open and screens can be shown."""
        return self._opened

    def on_mount(self) -> None:
        self.title = t("app.title", self.lang)
        self.sub_title = self.operator
        translate_bindings(self, self.lang)
        self.push_screen(OpeningScreen(self.lang))
        # After the first frame: the imports would otherwise hold the GIL while it paints.
        self.call_after_refresh(self.open_workspace)

    @work(thread=True, exclusive=True, group="app-open", exit_on_error=False)
    def open_workspace(self) -> None:
        """Import the services and the first screen, open the workspace (off the UI thread)."""
        from crisis.services.workspace import open_workspace

        ws = open_workspace(self.url, self.operator, checkpoints=True)
        importlib.import_module(SCREENS[self._wanted][0])
        self.post_message(WorkspaceOpened(ws))

    def on_workspace_opened(self, message: WorkspaceOpened) -> None:
        self.ws = message.workspace
        self._opened = True
        self.action_show(self._wanted)
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
        apply = getattr(self.screen, "apply_read_only", None)
        if apply is not None:
            apply()

    def _show_operator(self) -> None:
        ro = f" — {t('app.read_only', self.lang).upper()}" if self.read_only else ""
        self.sub_title = f"{self.operator}{ro}"

    def action_show(self, name: str) -> None:
        """Show a screen (inventory, journal...) in the current language."""
        if not self._opened:  # a key pressed during the opening: shown once open
            self._wanted = name
            return
        mode = f"{name}-{self.lang}"
        if mode not in self._installed:
            module, cls = SCREENS[name]
            screen: type[CrisisScreen] = getattr(importlib.import_module(module), cls)
            self.add_mode(mode, lambda: screen(self.ws, self.lang))
            self._installed.add(mode)
        self.switch_mode(mode)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.unsaved.note(event.input)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.unsaved.submitted(event.button)

    async def action_quit(self) -> None:
        quit_or_ask(self, self.unsaved, self.lang)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.lang))

    def action_toggle_language(self) -> None:
        """Switch French/English; screens are built anew in the other language."""
        name = (self.current_mode or "inventory").split("-")[0]
        self.lang = "en" if self.lang == "fr" else "fr"
        self.title = t("app.title", self.lang)
        translate_bindings(self, self.lang)
        self.refresh_bindings()
        self._show_operator()
        self.action_show(name)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        lang = self.lang
        known = ids(lang)
        for command in super().get_system_commands(screen):
            # Textual's own commands (Theme, Quit, Keys...), worded in the app's language.
            slug = command.title.lower()
            variant = ".hide" if command.help.startswith("Hide") else ""
            title, help_ = f"palette.textual.{slug}", f"palette.textual.{slug}{variant}.help"
            if title in known and help_ in known:
                command = command._replace(title=t(title, lang), help=t(help_, lang))
            yield command
        for name, key in PALETTE:
            label = t(f"palette.{name}", lang)
            yield SystemCommand(label, key, lambda name=name: self.action_show(name))
        yield SystemCommand(
            t("palette.language", lang),
            t("palette.language.help", lang),
            self.action_toggle_language,
        )
        yield SystemCommand(t("palette.help", lang), "F1", self.action_help)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # The app's own workers (role check) report failures like the screens' do.
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.show_error(event.worker.error)

    def show_error(self, error: BaseException) -> None:
        """The one place where failures of background work are shown."""
        self.last_error = describe(error, self.lang)
        self.notify(
            t("error.worker", self.lang, error=self.last_error), severity="error", timeout=10
        )
