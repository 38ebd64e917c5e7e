"""The journal's tail is protected: every changing command seals its events with a signed
checkpoint, so deleting or rewriting the last event is caught by `journal verify`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection
from typer.testing import CliRunner

from crisis.cli import app
from crisis.domain.journal_chain import chain_hash, encode_event
from crisis.services import journal
from inventory.database import normalise_url

runner = CliRunner()

CSV = "tag,category,serial\nIMP-1,laptop,S-IMP-1\nIMP-2,phone,S-IMP-2\n"


def crisis(url: str, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    r = runner.invoke(app, ["--db", url, "--operator", "tester", *args], env=env)
    return r.exit_code, r.stdout + r.stderr


def verdict(url: str) -> tuple[int, dict[str, Any]]:
    code, out = crisis(url, "journal", "verify", "--json")
    return code, json.loads(out)


@contextmanager
def forger(url: str) -> Iterator[Connection]:
    """A connection that edits the journal with the append-only guards out of the way (as
    someone with write access to the database would), committed at the end."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.begin() as c:
            if c.dialect.name == "postgresql":
                c.execute(text("SET LOCAL session_replication_role = replica"))
                yield c
                return
            guards = c.execute(
                text(
                    "SELECT name, sql FROM sqlite_master "
                    "WHERE type = 'trigger' AND tbl_name LIKE 'journal_%'"
                )
            ).all()
            for name, _ in guards:
                c.execute(text(f"DROP TRIGGER {name}"))
            yield c
            for _, sql in guards:
                c.execute(text(sql))
    finally:
        engine.dispose()


def snapshot(url: str) -> dict[str, list[dict[str, Any]]]:
    """The journal's tables, to put them back after a forgery."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as c:
            return {
                t: [dict(r._mapping) for r in c.execute(text(f"SELECT * FROM {t}"))]
                for t in ("journal_event", "journal_head", "journal_checkpoint")
            }
    finally:
        engine.dispose()


def put_back(url: str, saved: dict[str, list[dict[str, Any]]]) -> None:
    with forger(url) as c:
        for table, rows in saved.items():
            c.execute(text(f"DELETE FROM {table}"))
            for row in rows:
                cols = ", ".join(row)
                c.execute(text(f"INSERT INTO {table} ({cols}) VALUES (:{', :'.join(row)})"), row)


def delete_last(c: Connection, n: int) -> None:
    c.execute(
        text(
            "UPDATE journal_head SET seq = :p, "
            "hash = (SELECT prev_hash FROM journal_event WHERE seq = :p + 1)"
        ),
        {"p": n - 1},
    )
    c.execute(text("DELETE FROM journal_event WHERE seq = :n"), {"n": n})


def rewrite_last(c: Connection, n: int) -> None:
    """Change the last event's content and re-chain it and the head, as a careful forger."""
    row = c.execute(
        text(
            "SELECT at, operator, action, entity_type, entity_id, before, prev_hash "
            "FROM journal_event WHERE seq = :n"
        ),
        {"n": n},
    ).one()
    after = '{"forged":true}'
    h = chain_hash(row.prev_hash, encode_event(n, *row[:6], after))
    c.execute(
        text("UPDATE journal_event SET after = :a, hash = :h WHERE seq = :n"),
        {"a": after, "h": h, "n": n},
    )
    c.execute(text("UPDATE journal_head SET hash = :h"), {"h": h})


COMMANDS: list[tuple[str, ...]] = [
    ("assets", "add", "T-1", "--category", "laptop", "--serial", "S-1"),
    ("assets", "import", "{csv}"),
    ("assets", "set-state", "T-1", "reserved", "--reason", "kit"),
    ("operators", "add", "tester", "--role", "admin"),
    ("assets", "set-state", "T-1", "in_stock", "--reason", "back"),
]


@pytest.mark.parametrize("drop_checkpoints", [False, True], ids=["keep-cp", "drop-cp"])
def test_after_each_changing_command_its_last_event_cannot_go_unnoticed(
    db_url: str, tmp_path: Path, drop_checkpoints: bool
) -> None:
    csv = tmp_path / "stock.csv"
    csv.write_text(CSV, "utf-8")
    env = {"CRISIS_OPERATOR_PASSPHRASE": "tester passphrase"}
    for command in COMMANDS:
        code, out = crisis(db_url, *(a.format(csv=csv) for a in command), env=env)
        assert code == 0, (command, out)
        code, v = verdict(db_url)
        assert code == 0, (command, v)
        assert v["ok"], (command, v)
        assert v["uncovered"] == 0, (command, v)  # every event is under a signed checkpoint
        n = v["events"]
        saved = snapshot(db_url)
        for forge in (delete_last, rewrite_last):
            with forger(db_url) as c:
                forge(c, n)
                if drop_checkpoints:  # ...and the checkpoints that would tell
                    c.execute(text("DELETE FROM journal_checkpoint WHERE size >= :n"), {"n": n})
            code, v = verdict(db_url)
            assert code == 2, (command, forge.__name__, v)
            assert not v["ok"], (command, forge.__name__, v)
            put_back(db_url, saved)
            assert verdict(db_url)[0] == 0, (command, forge.__name__)


def test_verify_counts_the_events_no_checkpoint_covers(db_url: str) -> None:
    from crisis.domain.asset_rows import AssetDraft
    from crisis.domain.assets import Category
    from crisis.services import assets
    from crisis.services.workspace import open_workspace

    assert crisis(db_url, "assets", "add", "A-1", "--category", "laptop")[0] == 0
    ws = open_workspace(db_url, "tester")  # in-process, without automatic checkpoints
    for i in range(3):
        assets.add_asset(ws, AssetDraft(tag=f"B-{i}", category=Category.LAPTOP))
    v = journal.verify_journal(ws)
    ws.db.dispose()
    assert v.ok
    assert v.events == 4
    assert v.uncovered == 3
    code, out = crisis(db_url, "journal", "verify")
    assert code == 0, out
    assert "3 événement(s) ne sont encore couverts" in out, out
    assert crisis(db_url, "assets", "add", "A-2", "--category", "laptop")[0] == 0
    assert verdict(db_url)[1]["uncovered"] == 0


def test_a_checkpoint_key_that_does_not_open_refuses_the_change(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRISIS_CHECKPOINT_PASSPHRASE", "checkpoint secret")
    assert crisis(db_url, "assets", "add", "A-1", "--category", "laptop")[0] == 0
    assert b"ENCRYPTED" in journal.default_key_path().read_bytes()
    monkeypatch.delenv("CRISIS_CHECKPOINT_PASSPHRASE")
    code, out = crisis(db_url, "assets", "add", "A-2", "--category", "laptop")
    assert code == 1, out
    assert "CRISIS_CHECKPOINT_PASSPHRASE" in out, out
    code, v = verdict(db_url)
    assert code == 0, v
    assert v["events"] == 1  # nothing half-written
    assert v["uncovered"] == 0
    assert "Traceback" not in out
