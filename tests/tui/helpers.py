"""What the Pilot tests share: waiting until the app is idle, typing, reading widgets."""

from __future__ import annotations

import contextlib

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed


async def settle(pilot: Pilot[None]) -> None:
    """Wait until no worker runs and every message they posted was handled.

    A worker's message may start another worker (the workspace opens, then the screen
    loads), and a worker may finish between two looks, its message still queued: so wait
    until two rounds in a row find the shown screen mounted, every worker finished, no
    message waiting anywhere and no table still to size; bounded by Pilot's own timeouts.
    A worker cancelled by a newer one of its exclusive group (a declaration whose message
    starts the loading of the choices) has finished too, and so has a failed one (its error
    goes to the app's one place for errors, which the tests read).
    """
    app = pilot.app
    quiet = 0
    for _ in range(100):
        for worker in list(app.workers):
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()
        await pilot.pause()
        quiet = quiet + 1 if _is_quiet(app) else 0
        if quiet == 2:
            return
    raise AssertionError("workers still running after 100 rounds")


def _is_quiet(app: App[None]) -> bool:
    pumps = [app, *app.screen.walk_children(with_self=True)]
    return (
        getattr(app, "opened", True)
        and app.screen.is_mounted
        and all(w.is_finished for w in app.workers)
        and all(p._message_queue.empty() for p in pumps)  # Textual has no public way
        # A DataTable sizes its columns for new rows when idle: wait for that too.
        and not any(getattr(p, "_require_update_dimensions", False) for p in pumps)
    )


def keys(text: str) -> list[str]:
    """Key names that type `text`."""
    names = {"-": "minus", " ": "space", ".": "full_stop"}
    return [names.get(ch, ch) for ch in text]


async def answer(pilot: Pilot[None], *named: str, yes: bool = True, wait: bool = True) -> str:
    """The question before an irreversible step: it names each of `named`, No has the focus;
    answer it (Yes by default) and, with `wait`, settle. Returns its text."""
    from textual.widgets import Static

    from tui.widgets.confirm_action import ConfirmAction

    screen = pilot.app.screen
    assert isinstance(screen, ConfirmAction), screen
    text = "\n".join(
        str(screen.query_one(s, Static).render()) for s in ("#confirm-title", "#confirm-body")
    )
    for word in named:
        assert word in text, (word, text)
    assert pilot.app.focused is not None
    assert pilot.app.focused.id == "no"
    await pilot.click("#yes" if yes else "#no")
    if wait:
        await settle(pilot)
    return text
