"""The append-only guards count only while they still work: disabled or changed ones are named."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import Category
from crisis.services import assets, journal
from crisis.services.workspace import Workspace

#: (dialect, statements that neutralise guards while keeping their names, guards named).
NEUTRALISED = [
    (
        "sqlite",
        [
            "DROP TRIGGER journal_event_no_update",
            "CREATE TRIGGER journal_event_no_update BEFORE UPDATE ON journal_event WHEN 0 "
            "BEGIN SELECT RAISE(ABORT, 'journal_event is append-only'); END",
        ],
        "journal_event_no_update",
    ),
    (
        "sqlite",
        [
            "DROP TRIGGER journal_checkpoint_no_delete",
            "CREATE TRIGGER journal_checkpoint_no_delete BEFORE DELETE ON journal_checkpoint "
            "BEGIN SELECT 1; END",
        ],
        "journal_checkpoint_no_delete",
    ),
    (
        "postgresql",
        ["ALTER TABLE journal_event DISABLE TRIGGER journal_event_no_change"],
        "journal_event_no_change",
    ),
    (
        "postgresql",
        ["ALTER TABLE journal_checkpoint ENABLE REPLICA TRIGGER journal_checkpoint_no_truncate"],
        "journal_checkpoint_no_truncate",
    ),
    (
        "postgresql",
        [
            "CREATE OR REPLACE FUNCTION journal_event_append_only() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$"
        ],
        "journal_event_no_change, journal_event_no_truncate",
    ),
]


@pytest.mark.parametrize(("dialect", "sql", "named"), NEUTRALISED)
def test_a_neutralised_guard_is_reported(
    ws: Workspace, dialect: str, sql: list[str], named: str
) -> None:
    if ws.db.engine.dialect.name != dialect:
        pytest.skip(f"a {dialect} guard")
    assets.add_asset(ws, AssetDraft(tag="T1", category=Category.LAPTOP))
    assert journal.verify_journal(ws).ok
    with ws.db.engine.begin() as conn:
        for stmt in sql:
            conn.execute(text(stmt))
    v = journal.verify_journal(ws)
    assert v.problems == (f"append-only triggers were removed, disabled or altered: {named}",)
