"""What every screen shares: failed workers reported to the app's one place for errors."""

from __future__ import annotations

from typing import Protocol

from textual.screen import Screen
from textual.worker import Worker, WorkerState


class ShowsErrors(Protocol):
    """The app side: one place that shows errors."""

    def show_error(self, error: BaseException) -> None: ...


class CrisisScreen(Screen[None]):
    """A screen whose failed workers end up in the app's error display."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker state messages do not bubble: forward failures to the app.
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            app: ShowsErrors = self.app  # type: ignore[assignment]
            app.show_error(event.worker.error)
