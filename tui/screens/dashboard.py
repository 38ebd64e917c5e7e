"""The dashboard: ready stock, loans per town, clocks overdue and due soon."""

from __future__ import annotations

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from crisis.i18n import t
from crisis.services import incidents
from tui.messages import DashboardLoaded
from tui.screens.base import CrisisScreen


class DashboardScreen(CrisisScreen):
    """What a responder looks at first."""

    BINDINGS = [Binding("f5", "refresh", "key.refresh")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="board")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("dashboard.title", self.lang)
        self.action_refresh()

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def load(self) -> None:
        """Gather the figures off the UI thread."""
        board = incidents.dashboard(self.ws)
        if not get_current_worker().is_cancelled:
            self.post_message(DashboardLoaded(board))

    def on_dashboard_loaded(self, message: DashboardLoaded) -> None:
        d, lang = message.dashboard, self.lang
        none = t("dashboard.none", lang)
        stock = ", ".join(
            f"{t(f'category.{k}', lang)} {n}" for k, n in sorted(d.ready_stock.items())
        )
        lines = [f"[b]{t('dashboard.stock', lang)}[/b]", stock or none, ""]
        lines.append(f"[b]{t('dashboard.loans', lang)}[/b]")
        lines += [
            f"{escape(town)} — {ref} ({t(f'loanstate.{state}', lang)})"
            for town, ref, state in d.active_loans
        ] or [none]
        lines += ["", f"[b]{t('dashboard.clocks', lang)}[/b]"]
        for c in d.clocks:
            style = {"overdue": "bold red", "due_soon": "yellow"}.get(c.status, "")
            status = t(f"clock.{c.status}", lang)
            due = c.due_at.astimezone().strftime("%d/%m %H:%M")
            text = f"{t(f'clockkind.{c.kind}', lang)} — {escape(c.subject)} — {due} — {status}"
            lines.append(f"[{style}]{text}[/]" if style else text)
        if not d.clocks:
            lines.append(none)
        self.query_one("#board", Static).update("\n".join(lines))
