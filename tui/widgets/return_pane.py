"""What the return desk's panes share: the workspace, the language, and failed workers
reported where the screen shows its problems."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from crisis.services.workspace import Workspace
    from tui.screens.base import ShowsErrors


class DeskPane(Vertical):
    """A pane of the return desk that runs its own workers for one loan at a time."""

    DEFAULT_CSS = """
    DeskPane { height: auto; }
    DeskPane .row { height: auto; }
    DeskPane Input { width: 1fr; }
    """

    def __init__(self, ws: Workspace, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ws = ws
        self.lang = lang
        self.loan: str | None = None

    @property
    def read_only(self) -> bool:
        """The operator is an auditor: controls stay disabled."""
        host: ShowsErrors = self.app  # type: ignore[assignment]
        return host.read_only

    def problem(self, text: str) -> None:
        """Show (or clear, with "") a problem where the screen shows them."""
        from tui.screens.base import CrisisScreen

        if isinstance(self.screen, CrisisScreen):
            self.screen.show_problem(text)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker state messages do not bubble: hand failures to the screen's one place.
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            from tui.screens.base import CrisisScreen

            if isinstance(self.screen, CrisisScreen):
                self.screen.on_worker_state_changed(event)
