"""A change made in the TUI is sealed by a signed checkpoint, like a CLI command's."""

from __future__ import annotations

import sqlite3

from textual.widgets import Static

from crisis.services import journal
from crisis.services.workspace import Workspace
from tests.inventory.test_journal_tamper import DROP
from tests.tui.helpers import settle
from tests.tui.lifecycle import handed_over
from tests.tui.test_incidents_and_auditor import type_into
from tui.app import CrisisApp


async def test_a_tui_action_leaves_no_event_outside_a_checkpoint(demo_ws: Workspace) -> None:
    handed_over(demo_ws)  # in-process, without automatic checkpoints
    assert journal.verify_journal(demo_ws).uncovered > 0
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f8")
        await settle(pilot)
        await type_into(pilot, "crisis", "CYBER-1")
        await type_into(pilot, "declarant", "DGS Aubagne")
        await type_into(pilot, "description", "ecran casse")
        await pilot.click("#report")
        await settle(pilot)
        assert "enregistré" in str(app.screen.query_one("#reported", Static).render())
    v = journal.verify_journal(demo_ws)
    assert v.ok, v.problems
    assert v.uncovered == 0
    demo_ws.db.dispose()
    # The TUI's last event is removed with the head rolled back: the checkpoint tells.
    with sqlite3.connect(demo_ws.db.url.removeprefix("sqlite:///")) as c:
        for stmt in DROP:
            c.execute(stmt)
        n = c.execute("SELECT seq FROM journal_head").fetchone()[0]
        c.execute(
            "UPDATE journal_head SET seq = ?, hash = (SELECT prev_hash FROM journal_event "
            "WHERE seq = ?)",
            (n - 1, n),
        )
        c.execute("DELETE FROM journal_event WHERE seq = ?", (n,))
    v = journal.verify_journal(demo_ws)
    assert not v.ok
    assert any("truncated" in p for p in v.problems), v.problems
