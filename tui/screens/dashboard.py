"""The dashboard: running clocks as bars, kits the ready stock makes, loans per town with their
stage (tui.widgets.glance_board); open crises, clocks, notice deadlines, obligations in text;
refreshed every minute so a clock turns overdue by itself."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from crisis.i18n import t, tn
from crisis.l10n import format_date, format_datetime, format_time
from crisis.services import glance, incidents
from tui.messages import DashboardLoaded
from tui.safe_text import escape
from tui.screens.base import CrisisScreen
from tui.widgets.agreement_lines import notify_suffix, obligation_lines
from tui.widgets.glance_board import GlanceBoard, GlanceLoaded

if TYPE_CHECKING:
    from crisis.services.incidents import Dashboard

#: Seconds between two automatic refreshes.
REFRESH_EVERY = 60.0
STYLE = {"overdue": "bold red", "due_soon": "yellow"}


def local(moment: datetime, lang: str) -> str:
    """An instant as shown on screen: Paris time, with its zone."""
    return format_datetime(moment, lang)


def styled(text: str, status: str) -> str:
    style = STYLE.get(status, "")
    return f"[{style}]{text}[/]" if style else text


def board_lines(d: Dashboard, lang: str) -> list[str]:
    """The dashboard's text, section by section (markup)."""
    none = t("dashboard.none", lang)
    stock = ", ".join(f"{t(f'category.{k}', lang)} {n}" for k, n in sorted(d.ready_stock.items()))
    lines = [f"[b]{t('dashboard.stock', lang)}[/b]", stock or none, ""]
    b = d.last_backup
    lines += [
        t("backup.last", lang, at=local(b.at, lang), operator=escape(b.operator),
          file=escape(b.file))
        if b else styled(t("backup.never", lang), "due_soon"),
        "",
    ]  # fmt: skip
    lines.append(f"[b]{t('dashboard.crises', lang)}[/b]")
    lines += [
        t(
            "dashboard.crisis_line",
            lang,
            crisis=escape(c.reference),
            town=escape(c.town),
            at=local(c.declared_at, lang),
            loans=tn("dashboard.loan_count", c.loans, lang, count=c.loans)
            if c.loans
            else t("dashboard.no_loan", lang),
        )
        for c in d.crises
    ] or [none]
    lines += ["", f"[b]{t('dashboard.clocks', lang)}[/b]"]
    for c in d.clocks:
        status = t(f"clock.{c.status}", lang)
        due = local(c.due_at, lang)
        text = (
            f"{t(f'clockkind.{c.kind}', lang)} — {escape(c.subject)} — {due} — {status}"
        ) + notify_suffix(c, lang)
        lines.append(styled(text, c.status))
    if not d.clocks:
        lines.append(none)
    lines += ["", f"[b]{t('dashboard.notices', lang)}[/b]"]
    lines += [
        styled(
            t(
                "dashboard.notice_line",
                lang,
                agreement=escape(n.agreement),
                town=escape(n.town),
                deadline=format_date(n.deadline, lang),
                status=t(f"clock.{n.status}", lang),
            ),
            n.status,
        )
        for n in d.notices
    ] or [none]
    return lines + obligation_lines(d, lang)


class DashboardScreen(CrisisScreen):
    """What a responder looks at first."""

    BINDINGS = [Binding("f5", "refresh", "key.refresh")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dashboard"):
            yield GlanceBoard(self.lang, id="glance")
            yield Static(id="board")
        yield Static(id="updated", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("dashboard.title", self.lang)
        self.action_refresh()
        # Clocks move on with time alone: "due soon" turns "overdue" without a key pressed.
        self.set_interval(REFRESH_EVERY, self.action_refresh)

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def load(self) -> None:
        """Gather the figures off the UI thread."""
        board = incidents.dashboard(self.ws)
        seen = glance.glance(self.ws)
        if not get_current_worker().is_cancelled:
            self.post_message(GlanceLoaded(seen))
            self.post_message(DashboardLoaded(board))

    def on_glance_loaded(self, message: GlanceLoaded) -> None:
        self.query_one(GlanceBoard).show(message.glance)

    def on_dashboard_loaded(self, message: DashboardLoaded) -> None:
        self.query_one("#board", Static).update(
            "\n".join(board_lines(message.dashboard, self.lang))
        )
        self.query_one("#updated", Static).update(
            t("dashboard.updated", self.lang, at=format_time(datetime.now(UTC), self.lang))
        )
