"""The chain walked over the bytes the database encodes, and the other process of a
parallel walk stopped when this one fails (issue 18, point 7)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from typing import Any

import pytest

from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import Category
from crisis.domain.journal_chain import encode_event
from crisis.services import assets, journal, journal_walk
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace
from inventory.journal_rows import EVENT_COLUMNS, iter_encoded, iter_rows
from tests.inventory.test_journal_parallel import seeded


def test_the_database_encodes_each_event_as_the_chain_hashes_it(ws: Workspace) -> None:
    seeded(ws)
    assets.add_asset(ws, AssetDraft(tag="É-ÇA-€", category=Category.PHONE, notes="l'été\t«»"))
    with ws.db.engine.connect() as conn:
        dbapi = conn.connection.dbapi_connection
        postgres = conn.dialect.name == "postgresql"
        stored = list(iter_rows(dbapi, postgres))
        encoded = list(iter_encoded(dbapi, postgres))
    assert len(stored) == len(encoded) > 10
    for row, (seq, data, prev, hash_) in zip(stored, encoded, strict=True):
        assert bytes(data) == encode_event(*row[:8])
        assert (seq, prev, hash_) == (row[0], row[8], row[9])


def test_a_nul_smuggled_into_a_field_is_a_break(sqlite_ws: Workspace) -> None:
    seeded(sqlite_ws)
    path = sqlite_ws.db.engine.url.database
    assert path is not None
    with sqlite3.connect(path) as c:
        c.execute("DROP TRIGGER journal_event_no_update")
        # Moving a separator from one field to the next keeps the joined bytes: only the
        # count of separators tells the two apart.
        at, op = c.execute("SELECT at, operator FROM journal_event WHERE seq = 3").fetchone()
        c.execute(
            "UPDATE journal_event SET at = ?, operator = ? WHERE seq = 3",
            (f"{at}\x00{op[:1]}", op[1:]),
        )
    verdict = journal.verify_journal(sqlite_ws)
    assert verdict.first_break is not None
    assert verdict.first_break.seq == 3


@pytest.mark.parametrize("column", ["prev_hash", "after", "hash"])
def test_a_changed_column_is_named_as_the_full_walk_names_it(
    sqlite_ws: Workspace, column: str
) -> None:
    seeded(sqlite_ws)
    assert column in EVENT_COLUMNS
    path = sqlite_ws.db.engine.url.database
    assert path is not None
    with sqlite3.connect(path) as c:
        c.execute("DROP TRIGGER journal_event_no_update")
        c.execute(f'UPDATE journal_event SET "{column}" = 42 WHERE seq = 5')  # not even text
    verdict = journal.verify_journal(sqlite_ws)
    assert not verdict.ok
    assert verdict.first_break is not None
    assert verdict.first_break.seq in (4, 5)


def test_the_other_walk_is_stopped_when_this_one_raises(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(ws)
    started: list[subprocess.Popen[bytes]] = []
    popen = subprocess.Popen

    def long_walk(args: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        # A stand-in for a walk of millions of events: still running when this one fails.
        p = popen([sys.executable, "-c", "import time; time.sleep(600)"], **kwargs)
        started.append(p)
        return p

    def failing_walk(*args: Any) -> Any:
        raise OSError("the database went away")

    monkeypatch.setattr(journal_walk._cores, "__code__", (lambda: 2).__code__)
    monkeypatch.setattr(journal_walk.subprocess, "Popen", long_walk)
    monkeypatch.setattr(journal_walk, "walk_here", failing_walk)
    with pytest.raises(OSError, match="went away"):
        journal.verify_journal(ws, parallel_from=1)
    assert len(started) == 1
    # Stopped and reaped by the walk itself (no zombie, no orphan left running).
    assert started[0].returncode is not None


def test_a_field_holding_the_unit_separator_is_still_intact(ws: Workspace) -> None:
    seeded(ws)
    with ws.db.session(write=True) as s:
        record(s, "tester", [Change("note.added", "note", "a\x1fb", None, {"x": "\x1f"})])
    assets.add_asset(ws, AssetDraft(tag="T99", category=Category.PHONE))
    verdict = journal.verify_journal(ws)
    assert verdict.ok, verdict.problems
    assert verdict.events == 14
