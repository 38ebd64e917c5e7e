"""Per-host progress of a playbook run, one row per device, fed by Ansible's events (laptop
cleaning, sanitisation)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from crisis.i18n import t, worded

if TYPE_CHECKING:
    from crisis.adapters.ansible_run import PlaybookEvent
    from crisis.services.provisioning import RunView

COLUMNS = ("col.host", "col.status", "col.tasks", "col.task", "col.message")
#: Events after which Ansible runs nothing more on a host: it has finished (badly).
FINAL = ("failed", "unreachable")
STYLE = {"failed": "bold red", "unreachable": "bold red", "changed": "yellow", "ok": "green"}


class HostProgress(DataTable[str | Text]):
    """Each device's last event, its task count, then how the run ended on it.

    A device has finished when Ansible drops it (failed, unreachable) or when the run ends:
    Ansible sends no event when a device simply reaches the end of the play.
    """

    DEFAULT_CSS = "HostProgress { height: auto; max-height: 14; }"

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")
        self.lang = lang
        self.tasks: dict[str, int] = {}
        #: The devices whose run has finished.
        self.finished: set[str] = set()

    def on_mount(self) -> None:
        self.add_columns(*(t(c, self.lang) for c in COLUMNS))

    def start(self, hosts: tuple[str, ...]) -> None:
        """A run starts on these devices: each waits for its first event."""
        self.clear()
        for host in hosts:
            self.add_row(host, t("prov.waiting", self.lang), "0", "", "", key=host)
        self.tasks = dict.fromkeys(hosts, 0)
        self.finished = set()

    def event(self, e: PlaybookEvent) -> None:
        """One step on one device."""
        if e.host not in self.tasks:
            self.tasks[e.host] = 0
            self.add_row(e.host, "", "0", "", "", key=e.host)
        if e.kind != "started":
            self.tasks[e.host] += 1
        if e.kind in FINAL:
            self.finished.add(e.host)
        cols = list(self.columns)
        shown = worded("hoststatus.", e.kind, self.lang)
        self.update_cell(e.host, cols[1], Text(shown, style=STYLE.get(e.kind, "")))
        self.update_cell(e.host, cols[2], str(self.tasks[e.host]))
        self.update_cell(e.host, cols[3], e.task)
        self.update_cell(e.host, cols[4], e.message)

    def finish(self, run: RunView) -> None:
        """How the run ended on each device, as recorded."""
        cols = list(self.columns)
        for h in run.hosts:
            if h.host not in self.tasks:
                self.tasks[h.host] = 0
                self.add_row(h.host, "", "0", "", "", key=h.host)
            shown = worded("hoststatus.", h.status, self.lang)
            self.update_cell(h.host, cols[1], Text(shown, style=STYLE.get(h.status, "")))
            self.update_cell(h.host, cols[4], h.message)
            self.finished.add(h.host)

    def status_of(self, host: str) -> str:
        """The status shown for a device ("" when it is not in the run)."""
        if host not in self.tasks:
            return ""
        return str(self.get_row(host)[1])
