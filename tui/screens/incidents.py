"""Incidents: report a breakdown, a loss or a theft, and watch the agreement's clocks."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, DataTable, Footer, Header, Input, Select, Static
from textual.worker import get_current_worker

from crisis.i18n import t
from crisis.l10n import format_datetime
from crisis.services import incidents
from crisis.services.incidents import Channel, IncidentView, Severity
from tui.messages import ClocksLoaded, ClockStopped, IncidentReported
from tui.safe_text import plain
from tui.screens.base import CHANGES, CrisisScreen

KINDS = ("breakdown", "loss", "theft")
COLUMNS = ("col.clock", "col.crisis", "col.kind", "col.subject", "col.due", "col.status")
#: One reporting service call, run in a worker.
Report = Callable[[], IncidentView]
STATUS_STYLE = {"overdue": "bold red", "due_soon": "yellow", "missed": "red", "met": "green"}


class IncidentsScreen(CrisisScreen):
    """Report incidents; see and stop their clocks."""

    BINDINGS = [Binding("f5", "refresh", "key.refresh")]

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Vertical(id="incidents"):
            with Horizontal(classes="row"):
                yield Select[str](
                    [(t(f"incident.{k}", lang), k) for k in KINDS],
                    value="breakdown",
                    allow_blank=False,
                    id="kind",
                    classes=CHANGES,
                )
                yield Select[str](
                    [(t(f"channel.{c.value}", lang), c.value) for c in Channel],
                    value=Channel.PHONE.value,
                    allow_blank=False,
                    id="channel",
                    classes=CHANGES,
                )
                yield Select[str](
                    [(t(f"severity.{s.value}", lang), s.value) for s in Severity],
                    value=Severity.MAJOR.value,
                    allow_blank=False,
                    id="severity",
                    classes=CHANGES,
                )
            for name in ("crisis", "declarant", "description", "assets"):
                yield Input(placeholder=t(f"incident.{name}", lang), id=name, classes=CHANGES)
            with Horizontal(classes="row"):
                yield Checkbox(t("incident.personal", lang), id="personal", classes=CHANGES)
                yield Button(
                    t("incident.report", lang), id="report", variant="primary", classes=CHANGES
                )
                yield Button(t("incident.stop", lang), id="stop", classes=CHANGES)
            yield Static(id="problem")
            yield Static(id="reported")
            yield DataTable(id="clocks", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("incidents.title", self.lang)
        self.show_problem("")
        self.query_one("#clocks", DataTable).add_columns(*(t(c, self.lang) for c in COLUMNS))
        self.action_refresh()

    def action_refresh(self) -> None:
        self.load_clocks()

    @work(thread=True, exclusive=True, group="incident-clocks", exit_on_error=False)
    def load_clocks(self) -> None:
        """Every clock, the most urgent first, stopped ones last."""
        board = incidents.clock_board(self.ws, include_stopped=True)
        if not get_current_worker().is_cancelled:
            self.post_message(ClocksLoaded(tuple(board)))

    def on_clocks_loaded(self, message: ClocksLoaded) -> None:
        table = self.query_one("#clocks", DataTable)
        table.clear()
        for c in message.clocks:
            status = t(f"clock.{c.status}", self.lang)
            table.add_row(
                str(c.id),
                plain(c.crisis),
                t(f"clockkind.{c.kind}", self.lang),
                plain(c.subject),
                format_datetime(c.due_at, self.lang),
                Text(status, style=STATUS_STYLE.get(c.status, "")),
                key=str(c.id),
            )

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    @on(Button.Pressed, "#report")
    def _report(self) -> None:
        kind = str(self.query_one("#kind", Select).value)
        channel = Channel(str(self.query_one("#channel", Select).value))
        severity = Severity(str(self.query_one("#severity", Select).value))
        tags = tuple(x for x in self._value("assets").replace(",", " ").split() if x)
        personal = self.query_one("#personal", Checkbox).value
        crisis, declarant, text = (self._value(n) for n in ("crisis", "declarant", "description"))
        ws = self.ws
        if kind == "breakdown":
            self.report(
                lambda: incidents.report_breakdown(
                    ws, crisis, declarant=declarant, channel=channel, severity=severity,
                    description=text, asset_tags=tags,
                )
            )  # fmt: skip
        else:
            self.report(
                lambda: incidents.report_loss(
                    ws, crisis, theft=kind == "theft", declarant=declarant, channel=channel,
                    description=text, asset_tags=tags, personal_data=personal,
                )
            )  # fmt: skip

    @work(thread=True, exclusive=True, group="incident-report", exit_on_error=False)
    def report(self, call: Report) -> None:
        """Record the incident off the UI thread."""
        self.post_message(IncidentReported(call()))

    def on_incident_reported(self, message: IncidentReported) -> None:
        self.show_problem("")
        for name in ("crisis", "declarant", "description", "assets"):  # recorded: cleared
            self.query_one(f"#{name}", Input).value = ""
        self.query_one("#personal", Checkbox).value = False
        i = message.incident
        clocks = ", ".join(t(f"clockkind.{c.kind}", self.lang) for c in i.clocks)
        self.query_one("#reported", Static).update(
            t("incident.reported", self.lang, id=i.id, kind=t(f"incident.{i.kind}", self.lang))
            + f" — {clocks}"
        )
        self.action_refresh()

    @on(Button.Pressed, "#stop")
    def _stop(self) -> None:
        table = self.query_one("#clocks", DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is not None:
            self.stop(int(key))

    @work(thread=True, exclusive=True, group="incident-stop", exit_on_error=False)
    def stop(self, clock_id: int) -> None:
        """Stop a clock off the UI thread."""
        self.post_message(ClockStopped(incidents.stop_clock(self.ws, clock_id)))

    def on_clock_stopped(self, message: ClockStopped) -> None:
        self.show_problem("")
        self.action_refresh()
