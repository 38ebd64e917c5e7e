"""A forger re-chains the journal and signs a fresh checkpoint: the pinned keys still tell."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisis.cli import app
from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import AssetState, Category
from crisis.errors import ConfigurationError, ValidationError
from crisis.services import assets, journal
from crisis.services.workspace import Workspace, open_workspace
from tests.inventory.test_journal_tamper import forge_operator

runner = CliRunner()


def crisis(url: str, *args: str) -> tuple[int, str]:
    r = runner.invoke(app, ["--db", url, "--operator", "tester", *args])
    return r.exit_code, r.stdout + r.stderr


def seeded(ws: Workspace) -> str:
    for i in range(5):
        assets.add_asset(ws, AssetDraft(tag=f"T{i}", category=Category.LAPTOP))
    assets.change_state(ws, "T1", AssetState.RESERVED)
    return ws.db.url.removeprefix("sqlite:///")


def rechain(path: str) -> list[str]:
    """Drop the guards, change event 2, re-chain every event and the head, delete the
    checkpoints. Returns the guards' SQL, to put them back afterwards."""
    with sqlite3.connect(path) as c:
        guards = c.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'trigger' AND tbl_name LIKE 'journal_%'"
        ).fetchall()
        for name, _ in guards:
            c.execute(f"DROP TRIGGER {name}")
        forge_operator(c)
        c.execute("DELETE FROM journal_checkpoint")
    return [sql for _, sql in guards]


def restore_guards(path: str, guards: list[str]) -> None:
    with sqlite3.connect(path) as c:
        for sql in guards:
            c.execute(sql)


def test_a_rechained_journal_with_a_forger_checkpoint_is_not_intact(
    sqlite_ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = seeded(sqlite_ws)
    url = sqlite_ws.db.url
    code, out = crisis(url, "journal", "checkpoint")
    assert code == 0, out
    station_key = journal.pinned_keys()
    assert len(station_key) == 1  # the station's first key is pinned outside the database
    assert crisis(url, "journal", "verify")[0] == 0
    sqlite_ws.db.dispose()

    # The forger works from another data dir (another machine, or a copy of the file).
    station_dir = journal.pinned_keys_path().parent.parent
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "forger"))
    guards = rechain(path)
    code, out = crisis(url, "journal", "checkpoint")
    assert code == 0, out  # their own key, pinned in their own data dir
    restore_guards(path, guards)
    assert crisis(url, "journal", "verify")[0] == 0  # it fools the forger's own station...

    monkeypatch.setenv("CRISIS_DATA_DIR", str(station_dir))
    code, out = crisis(url, "journal", "verify")
    assert code == 2, out  # ...not the station that pinned its key
    assert "JOURNAL NON INTÈGRE" in out
    assert "signé par une clé non fiable" in out  # French by default
    monkeypatch.setenv("CRISIS_LANG", "en")
    code, out = crisis(url, "journal", "verify")
    assert "JOURNAL NOT INTACT" in out
    assert "signed by an untrusted key" in out
    monkeypatch.delenv("CRISIS_LANG")
    assert str(journal.pinned_keys_path()) in out
    # The key given on the command line wins over the pinned ones.
    assert crisis(url, "journal", "verify", "--trusted-key", next(iter(station_key)))[0] == 2


def test_a_new_checkpoint_key_is_never_trusted_silently(
    sqlite_ws: Workspace, tmp_path: Path
) -> None:
    seeded(sqlite_ws)
    first = journal.issue_checkpoint(sqlite_ws)
    other = tmp_path / "other.pem"
    with pytest.raises(ConfigurationError, match="is not pinned on this station") as err:
        journal.issue_checkpoint(sqlite_ws, other)
    assert journal.pinned_keys() == {first.public_key}
    assert journal.verify_journal(sqlite_ws).checkpoints == 1  # nothing was stored
    new_key = str(err.value).split("crisis journal trust ")[1]
    code, out = crisis(sqlite_ws.db.url, "journal", "trust", new_key)
    assert code == 0, out
    second = journal.issue_checkpoint(sqlite_ws, other)
    assert journal.pinned_keys() == {first.public_key, second.public_key}
    assert journal.verify_journal(sqlite_ws).ok
    with pytest.raises(ValidationError, match="not an Ed25519 public key"):
        journal.trust_key(sqlite_ws, "abcd")
    code, out = (
        runner.invoke(
            app, ["--db", sqlite_ws.db.url, "--operator", "tester", "journal", "trust", "zz"]
        ).exit_code,
        "",
    )
    assert code == 1


def test_the_checkpoint_key_is_owner_only_and_encrypted_with_a_passphrase(
    sqlite_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(sqlite_ws)
    monkeypatch.setenv("CRISIS_CHECKPOINT_PASSPHRASE", "a long checkpoint passphrase")
    code, out = crisis(sqlite_ws.db.url, "journal", "checkpoint")
    assert code == 0, out
    key_file = journal.default_key_path()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_file.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    monkeypatch.delenv("CRISIS_CHECKPOINT_PASSPHRASE")
    code, out = crisis(sqlite_ws.db.url, "journal", "checkpoint")
    assert code == 1
    assert "wrong or missing passphrase" in out
    key_file.chmod(0o644)
    with pytest.raises(ConfigurationError, match="readable by other users"):
        journal.issue_checkpoint(sqlite_ws, passphrase="a long checkpoint passphrase")
    assert journal.verify_journal(sqlite_ws).checkpoints == 1


def test_checkpoints_deleted_from_the_database_are_still_witnessed_by_the_station(
    sqlite_ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = seeded(sqlite_ws)
    cp = journal.issue_checkpoint(sqlite_ws)
    elsewhere = open_workspace(str(tmp_path / "other.sqlite3"), "tester")
    other = journal.issue_checkpoint(elsewhere)
    elsewhere.db.dispose()
    assert journal.verify_journal(sqlite_ws).ok  # the other database's checkpoint is not ours
    sqlite_ws.db.dispose()
    restore_guards(path, rechain(path))  # no fresh checkpoint at all: none to distrust
    v = journal.verify_journal(sqlite_ws)
    assert not v.ok
    assert v.checkpoints == 0
    assert v.problems == (
        f"checkpoint of {cp.signed_at} (size {cp.size}): signed at this station (witness "
        f"{journal.witness_path()}), it is gone from the database",
        f"checkpoint of {cp.signed_at} (size {cp.size}): event {cp.size} no longer has the "
        "signed hash; events up to it were rewritten",
    )
    assert other.size == 0
    witness = journal.witness_path().read_text()
    assert "sqlite" in witness
    assert cp.signature in witness
