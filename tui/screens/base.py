"""What every screen shares: failed workers reported to the app's one place for errors,
and the read-only mode of auditors."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol
from weakref import WeakSet

from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Select, Static
from textual.worker import Worker, WorkerState

from crisis.errors import describe
from tui.bindings import translate_bindings
from tui.widgets.nav_bar import NavBar

if TYPE_CHECKING:
    from crisis.services.loans import LoanView
    from crisis.services.workspace import Workspace

#: CSS class of the widgets that change the inventory (disabled for auditors).
CHANGES = "changes"
#: A terminal this many rows high or fewer gets compact fields and buttons.
SHORT = 30

#: One lifecycle service call, run in a worker; it returns the loan as it now stands.
LoanAction = Callable[[], "LoanView"]


class ShowsErrors(Protocol):
    """The app side: one place that shows errors, and whether the operator is read-only."""

    read_only: bool

    def show_error(self, error: BaseException) -> None: ...


class CrisisScreen(Screen[None]):
    """A screen whose failed workers end up in the app's error display.

    A screen may hold a ``Static`` with id ``problem``: the last failure is also written
    there, next to the form that caused it.
    """

    def __init__(self, ws: Workspace, lang: str) -> None:
        super().__init__()
        self.ws = ws
        self.lang = lang
        #: Failed workers already reported (see :meth:`on_worker_state_changed`).
        self._reported: WeakSet[Worker[object]] = WeakSet()
        translate_bindings(self, lang)

    @property
    def host(self) -> ShowsErrors:
        """The app, seen through what screens need of it."""
        app: ShowsErrors = self.app  # type: ignore[assignment]
        return app

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker state messages do not bubble: forward failures to the app. Textual calls
        # this handler for the class and each base that defines it, and subclasses (and
        # panes forwarding their workers' events) call it again: report each failure once.
        worker = event.worker
        if event.state is WorkerState.ERROR and worker.error is not None:
            if worker in self._reported:
                return
            self._reported.add(worker)
            self.show_problem(describe(worker.error, self.lang))
            self.host.show_error(worker.error)

    def show_problem(self, text: str) -> None:
        """Write a failure next to the form, when the screen has a place for it."""
        for problem in self.query("#problem").results(Static):
            problem.update(text)
            problem.display = bool(text)

    def on_screen_resume(self) -> None:
        self.apply_read_only()

    def on_resize(self, event: events.Resize) -> None:
        # 30 rows or fewer (80×24, 100×30): fields and buttons without borders, one row each,
        # so the lists, diffs and tables below them keep room.
        short = event.size.height <= SHORT
        for widget in self.query("Input, Button, Select").results():
            if isinstance(widget, Input | Button | Select) and not getattr(
                widget, "KEEPS_BORDER", False
            ):
                widget.compact = short

    def on_mount(self) -> None:
        # Every screen's key on a line of its own above the footer (F2…F10 never cut off).
        mode = self.app.current_mode or ""
        nav = NavBar(self.lang, mode.rsplit("-", 1)[0])
        footers = self.query(Footer)
        if footers:
            self.mount(nav, before=footers.first())
        else:
            self.mount(nav)

    def apply_read_only(self) -> None:
        """Disable every widget that changes the inventory when the operator is an auditor."""
        # Only ever disables: a control a screen keeps disabled for its own reasons (nothing
        # to re-run yet) must not be enabled here; the role only goes from unknown to known.
        if self.host.read_only:
            for widget in self.query(f".{CHANGES}").results(Widget):
                widget.disabled = True
