"""The journal in the database: append-only, chained, verified, checkpointed (both backends)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import AssetState, Category
from crisis.services import assets, journal
from crisis.services.workspace import Workspace


def add(ws: Workspace, n: int) -> None:
    for i in range(n):
        assets.add_asset(ws, AssetDraft(tag=f"T{i:03d}", category=Category.LAPTOP, serial=f"S{i}"))


def test_every_change_is_journaled_with_operator_before_and_after(ws: Workspace) -> None:
    add(ws, 1)
    d = assets.change_state(ws, "T000", AssetState.RESERVED, "kit Aubagne")
    actions = [(e.action, e.operator) for e in d.history]
    assert actions == [("asset.created", "tester"), ("asset.state_changed", "tester")]
    last = d.history[-1]
    assert last.before == {"state": "in_stock"}
    assert last.after == {"state": "reserved", "reason": "kit Aubagne"}
    assert last.at.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE journal_event SET operator = 'mallory' WHERE seq = 1",
        "DELETE FROM journal_event WHERE seq = 2",
        "UPDATE journal_checkpoint SET size = 0",
        "DELETE FROM journal_checkpoint",
    ],
)
def test_journal_tables_refuse_update_and_delete(ws: Workspace, sql: str) -> None:
    add(ws, 2)
    journal.issue_checkpoint(ws)
    with ws.db.engine.begin() as conn, pytest.raises(DBAPIError, match="append-only"):
        conn.execute(text(sql))
    assert journal.verify_journal(ws).ok


def test_failed_action_leaves_no_event_and_no_change(ws: Workspace) -> None:
    add(ws, 1)
    before = journal.verify_journal(ws)
    with pytest.raises(Exception, match="cannot go from in_stock to on_loan"):
        assets.change_state(ws, "T000", AssetState.ON_LOAN)
    after = journal.verify_journal(ws)
    assert (after.events, after.head_hash) == (before.events, before.head_hash)
    assert assets.get_asset(ws, "T000").state is AssetState.IN_STOCK


def test_verify_checks_signed_checkpoints(ws: Workspace) -> None:
    add(ws, 3)
    cp = journal.issue_checkpoint(ws)
    add_more = AssetDraft(tag="LATE", category=Category.PHONE)
    assets.add_asset(ws, add_more)
    v = journal.verify_journal(ws, trusted_keys={cp.public_key})
    assert v.ok, v.problems
    assert (v.events, v.checkpoints) == (4, 1)
    untrusted = journal.verify_journal(ws, trusted_keys={"00" * 32})
    assert not untrusted.ok
    assert "untrusted key" in untrusted.problems[0]


def test_operator_is_required_for_changes(ws: Workspace) -> None:
    ws.operator = ""
    with pytest.raises(Exception, match="no operator named"):
        add(ws, 1)
