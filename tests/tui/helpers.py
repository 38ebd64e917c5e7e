"""What the Pilot tests share: waiting until the app is idle, typing, reading widgets."""

from __future__ import annotations

from textual.pilot import Pilot


async def settle(pilot: Pilot[None]) -> None:
    """Wait until no worker runs and every message they posted was handled.

    A worker's message may start another worker (the workspace opens, then the screen
    loads), so wait again until nothing is left running; bounded by Pilot's own timeouts.
    """
    app = pilot.app
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if all(w.is_finished for w in app.workers):
            return
    raise AssertionError("workers still running after 50 rounds")


def keys(text: str) -> list[str]:
    """Key names that type `text`."""
    names = {"-": "minus", " ": "space", ".": "full_stop"}
    return [names.get(ch, ch) for ch in text]
