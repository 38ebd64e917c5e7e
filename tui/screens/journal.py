"""The journal screen: newest events, and verification of the whole chain in a worker."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from crisis.i18n import t, worded
from crisis.l10n import format_datetime
from crisis.services import journal
from tui.messages import EventsLoaded, JournalVerified
from tui.safe_text import plain
from tui.screens.base import CrisisScreen

SHOWN = 500


class JournalScreen(CrisisScreen):
    """Browse the journal; verify it."""

    BINDINGS = [Binding("v", "verify", "key.verify"), Binding("f5", "refresh", "key.refresh")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(id="verdict")
            yield DataTable(id="events", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("journal.title", self.lang)
        cols = ("col.seq", "col.at", "col.operator", "col.action", "col.entity")
        self.query_one("#events", DataTable).add_columns(*(t(c, self.lang) for c in cols))
        self.action_refresh()

    def action_refresh(self) -> None:
        self.load_events()

    @work(thread=True, exclusive=True, group="journal-events", exit_on_error=False)
    def load_events(self) -> None:
        """Read the newest events off the UI thread."""
        events = journal.recent_events(self.ws, SHOWN)
        if not get_current_worker().is_cancelled:
            self.post_message(EventsLoaded(tuple(events)))

    def on_events_loaded(self, message: EventsLoaded) -> None:
        table = self.query_one("#events", DataTable)
        table.clear()
        for e in message.events:
            table.add_row(
                str(e.seq),
                format_datetime(e.at, self.lang, seconds=True),
                plain(e.operator),
                plain(worded("action.", e.action, self.lang)),
                plain(f"{e.entity_type} {e.entity_id}"),
                key=str(e.seq),
            )

    def action_verify(self) -> None:
        self.query_one("#verdict", Static).update(t("journal.verifying", self.lang))
        self.verify()

    @work(thread=True, exclusive=True, group="journal-verify", exit_on_error=False)
    def verify(self) -> None:
        """Walk the whole chain off the UI thread (a million events take seconds)."""
        self.post_message(JournalVerified(journal.verify_journal(self.ws)))

    def on_journal_verified(self, message: JournalVerified) -> None:
        v = message.verdict
        verdict = self.query_one("#verdict", Static)
        if v.ok:
            verdict.update(
                t(
                    "journal.intact",
                    self.lang,
                    events=v.events,
                    checkpoints=v.checkpoints,
                    head=v.head_hash[:16],
                )
                + "\n"
                + t("journal.uncovered", self.lang, count=v.uncovered)
            )
            verdict.set_classes("ok")
        else:
            verdict.update("\n".join([t("journal.broken", self.lang), *v.problems]))
            verdict.set_classes("broken")
