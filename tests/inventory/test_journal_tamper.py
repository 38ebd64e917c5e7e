"""Someone with write access drops the guards and edits the journal: verify still finds it."""

from __future__ import annotations

import sqlite3

from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import AssetState, Category
from crisis.domain.journal_chain import GENESIS_HASH, chain_hash, encode_event
from crisis.services import assets, journal
from crisis.services.workspace import Workspace

DROP = [
    "DROP TRIGGER journal_event_no_update",
    "DROP TRIGGER journal_event_no_delete",
    "DROP TRIGGER journal_checkpoint_no_update",
    "DROP TRIGGER journal_checkpoint_no_delete",
]


def seeded(ws: Workspace) -> str:
    for i in range(6):
        assets.add_asset(ws, AssetDraft(tag=f"T{i}", category=Category.LAPTOP))
    assets.change_state(ws, "T1", AssetState.RESERVED)
    ws.db.dispose()
    return ws.db.url.removeprefix("sqlite:///")


def tamper(path: str, *sql: str) -> None:
    with sqlite3.connect(path) as c:
        for stmt in (*DROP, *sql):
            c.execute(stmt)


def forge_operator(c: sqlite3.Connection, seq: int = 2) -> None:
    """Make "mallory" the author of event `seq` and re-chain every event and the head, as a
    careful forger would (the guards must be gone)."""
    rows = c.execute(
        "SELECT seq, at, operator, action, entity_type, entity_id, before, after "
        "FROM journal_event ORDER BY seq"
    ).fetchall()
    prev = GENESIS_HASH
    for n, at, op, action, et, eid, before, after in rows:
        op = "mallory" if n == seq else op
        h = chain_hash(prev, encode_event(n, at, op, action, et, eid, before, after))
        c.execute(
            "UPDATE journal_event SET operator=?, prev_hash=?, hash=? WHERE seq=?",
            (op, prev, h, n),
        )
        prev = h
    c.execute("UPDATE journal_head SET hash = ?", (prev,))


def test_untouched_journal_verifies(sqlite_ws: Workspace) -> None:
    seeded(sqlite_ws)
    assert journal.verify_journal(sqlite_ws).ok


def test_altered_event_is_named_and_dropped_triggers_reported(sqlite_ws: Workspace) -> None:
    path = seeded(sqlite_ws)
    tamper(path, "UPDATE journal_event SET operator = 'mallory' WHERE seq = 3")
    v = journal.verify_journal(sqlite_ws)
    assert not v.ok
    assert v.first_break is not None
    assert (v.first_break.seq, v.first_break.kind) == (3, "altered")
    assert any("triggers were removed" in p for p in v.problems)


def test_removed_event_is_named(sqlite_ws: Workspace) -> None:
    path = seeded(sqlite_ws)
    tamper(path, "DELETE FROM journal_event WHERE seq = 4")
    v = journal.verify_journal(sqlite_ws)
    assert v.first_break is not None
    assert (v.first_break.seq, v.first_break.kind) == (4, "removed")


def test_removed_tail_is_caught_by_the_head_and_by_checkpoints(sqlite_ws: Workspace) -> None:
    path = seeded(sqlite_ws)
    journal.issue_checkpoint(sqlite_ws)
    sqlite_ws.db.dispose()
    # The last event and the head row are rolled back together: only the checkpoint knows.
    tamper(
        path,
        "DELETE FROM journal_event WHERE seq = 7",
        "UPDATE journal_head SET seq = 6, hash = (SELECT hash FROM journal_event WHERE seq = 6)",
    )
    v = journal.verify_journal(sqlite_ws)
    assert not v.ok
    assert any("only 6 remain (truncated)" in p for p in v.problems)


def test_rewritten_history_is_caught_by_the_signed_checkpoint(sqlite_ws: Workspace) -> None:
    path = seeded(sqlite_ws)
    journal.issue_checkpoint(sqlite_ws)
    sqlite_ws.db.dispose()
    with sqlite3.connect(path) as c:
        for stmt in DROP:
            c.execute(stmt)
        forge_operator(c)
    v = journal.verify_journal(sqlite_ws)
    assert not v.ok
    assert v.first_break is None  # the chain itself is consistent again...
    assert any("no longer has the signed hash" in p for p in v.problems)  # ...the checkpoint is not
