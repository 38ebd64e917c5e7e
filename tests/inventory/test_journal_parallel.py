"""The chain's halves walked at once (a long journal) give what one walk gives."""

from __future__ import annotations

from typing import Any

import pytest

from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import AssetState, Category
from crisis.services import assets, journal, journal_walk
from crisis.services.workspace import Workspace
from tests.inventory.test_journal_tamper import tamper


def seeded(ws: Workspace) -> None:
    for i in range(8):
        assets.add_asset(ws, AssetDraft(tag=f"T{i}", category=Category.LAPTOP))
    for i in range(4):
        assets.change_state(ws, f"T{i}", AssetState.RESERVED)


def in_process_walks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The ranges this process walks itself (the other half goes to another process)."""
    calls: list[tuple[int, int]] = []
    walk = journal_walk.walk_here

    def counted(db: Any, seqs: tuple[int, int], *args: Any) -> Any:
        calls.append(seqs)
        return walk(db, seqs, *args)

    monkeypatch.setattr(journal_walk, "walk_here", counted)
    return calls


def test_an_intact_journal_is_walked_in_two_halves(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(ws)
    journal.issue_checkpoint(ws)
    assets.add_asset(ws, AssetDraft(tag="T9", category=Category.PHONE))  # after the checkpoint
    alone = journal.verify_journal(ws)
    calls = in_process_walks(monkeypatch)
    both = journal.verify_journal(ws, parallel_from=1)
    assert both.ok, both.problems
    assert both.events == alone.events == 13
    assert both.head_hash == alone.head_hash
    # One half walked here, up to the middle; the other by the other process.
    assert len(calls) == 1
    assert calls[0][1] == both.events // 2


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE journal_event SET operator = 'mallory' WHERE seq = 2",  # first half
        "UPDATE journal_event SET operator = 'mallory' WHERE seq = 10",  # second half
        "DELETE FROM journal_event WHERE seq = 6",  # the first half's last event
        "DELETE FROM journal_event WHERE seq = 7",  # the second half's first event
        "UPDATE journal_event SET seq = 99 WHERE seq = 12",  # reordered at the end
    ],
)
def test_a_tampered_journal_is_named_as_one_walk_names_it(
    sqlite_ws: Workspace, change: str
) -> None:
    seeded(sqlite_ws)
    sqlite_ws.db.dispose()
    tamper(sqlite_ws.db.url.removeprefix("sqlite:///"), change)
    alone = journal.verify_journal(sqlite_ws)
    both = journal.verify_journal(sqlite_ws, parallel_from=1)
    assert not alone.ok
    assert alone.first_break is not None
    assert (both.first_break, both.problems, both.events) == (
        alone.first_break,
        alone.problems,
        alone.events,
    )
