"""A lost laptop loses nothing: an encrypted backup, checked before it replaces anything."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from crisis.cli import app
from crisis.domain.loans import Party
from crisis.lab.postgres import PostgresLab
from crisis.services import documents, journal
from crisis.services.incidents import dashboard
from crisis.services.verification import verify_stored_documents
from crisis.services.workspace import Workspace, open_workspace
from inventory.database import normalise_url
from tests.documents.conftest import PASSPHRASE
from tests.documents.town import town_credential
from tui.screens.dashboard import board_lines

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
BACKUP_PASSPHRASE = "backup passphrase 42"
ENV = {"CRISIS_BACKUP_PASSPHRASE": BACKUP_PASSPHRASE, "CRISIS_OPERATOR_PASSPHRASE": PASSPHRASE}
CRED = documents.PdfCredential(ca_passphrase="authority passphrase")


def crisis(url: str, *args: str, **env: str) -> tuple[int, str]:
    r = runner.invoke(app, ["--db", url, "--operator", "tester", *args], env={**ENV, **env})
    return r.exit_code, r.stdout + r.stderr


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def station(kit: tuple[Workspace, str]) -> tuple[Workspace, str]:
    """A loan whose joint inventory is signed by both parties (Ed25519 and PAdES), every
    event under a checkpoint. Returns (workspace, document reference)."""
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    documents.seal_document(ws, doc.reference, Party.LENDER, CRED)
    documents.seal_document(ws, doc.reference, Party.BORROWER, town_credential())
    journal.issue_checkpoint(ws)
    ws.db.dispose()
    return ws, doc.reference


def other_database(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A second, empty database on the same backend: the new laptop's."""
    if "://" not in db_url:
        return str(tmp_path / "new-laptop.sqlite3")
    pg = request.getfixturevalue("postgres")
    assert isinstance(pg, PostgresLab)
    return pg.create_database(f"newlaptop_{os.getpid()}_{len(str(tmp_path))}")


def test_a_lost_laptop_is_restored_on_a_new_one_and_still_verifies(
    station: tuple[Workspace, str],
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    _ws, reference = station
    file = tmp_path / "usb" / "station.crisis-backup"
    file.parent.mkdir()
    code, out = crisis(db_url, "dashboard")
    assert "aucune sauvegarde enregistrée" in out, out
    code, out = crisis(db_url, "backup", str(file))
    assert code == 0, out
    assert file.stat().st_mode & 0o077 == 0
    assert b"AMP-PC" not in file.read_bytes()  # encrypted: nothing readable in it
    code, out = crisis(db_url, "dashboard", "--json")
    last = json.loads(out)["last_backup"]
    assert last["file"] == file.name
    assert last["sha256"] == sha(file)
    code, out = crisis(db_url, "dashboard")
    assert "dernière sauvegarde : " in out, out
    assert file.name in out, out
    d = dashboard(open_workspace(db_url, "tester"))
    assert any(file.name in line for line in board_lines(d, "en"))

    # The laptop is lost: a new data directory, a new, empty database.
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "new-laptop"))
    new = other_database(db_url, request, tmp_path)
    code, out = crisis(new, "restore", str(file), CRISIS_BACKUP_PASSPHRASE="not the passphrase")
    assert code == 1, out
    assert "wrong passphrase" in out, out
    code, out = crisis(new, "restore", str(file))
    assert code == 0, out
    assert "1 documents" in out, out
    code, out = crisis(new, "journal", "verify", "--json")
    assert code == 0, out
    v = json.loads(out)
    assert v["ok"]
    assert v["uncovered"] == 0
    restored = open_workspace(new, "tester")
    assert documents.get_document(restored, reference).signed_pdf is not None
    docs = verify_stored_documents(restored)
    assert docs.documents == 1
    assert docs.problems == ()
    # The station works on: the restored checkpoint key is this station's key.
    code, out = crisis(new, "assets", "add", "NEW-1", "--category", "laptop")
    assert code == 0, out
    assert crisis(new, "journal", "verify")[0] == 0
    restored.db.dispose()


def test_a_backup_that_does_not_check_out_replaces_nothing(
    station: tuple[Workspace, str], db_url: str, tmp_path: Path
) -> None:
    _ws, reference = station
    file = tmp_path / "b.crisis-backup"
    # The document's snapshot is altered in the database before the backup is made.
    engine = create_engine(normalise_url(db_url))
    with engine.begin() as c:
        c.execute(
            text("UPDATE document SET snapshot = snapshot || ' ' WHERE reference = :r"),
            {"r": reference},
        )
    engine.dispose()
    assert crisis(db_url, "backup", str(file))[0] == 0
    code, out = crisis(db_url, "restore", str(file), "--check")
    assert code == 2, out
    assert reference in out, out
    before = crisis(db_url, "journal", "verify", "--json")[1]
    assert crisis(db_url, "assets", "add", "NEW-1", "--category", "laptop")[0] == 0
    code, out = crisis(db_url, "restore", str(file))
    assert code == 1, out
    assert "rien n'a été remplacé" in out, out  # French by default
    after = json.loads(crisis(db_url, "journal", "verify", "--json")[1])
    assert after["events"] == json.loads(before)["events"] + 1  # the change is still there

    # A byte changed in the file: it does not open, and nothing is replaced.
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 1
    file.write_bytes(bytes(data))
    code, out = crisis(db_url, "restore", str(file))
    assert code == 1, out
    assert "altered" in out, out
    assert json.loads(crisis(db_url, "journal", "verify", "--json")[1]) == after


def test_restore_puts_the_backup_back_in_place(
    station: tuple[Workspace, str], db_url: str, tmp_path: Path
) -> None:
    file = tmp_path / "b.crisis-backup"
    assert crisis(db_url, "backup", str(file))[0] == 0
    before = json.loads(crisis(db_url, "journal", "verify", "--json")[1])
    assert crisis(db_url, "assets", "add", "NEW-1", "--category", "laptop")[0] == 0
    code, out = crisis(db_url, "restore", str(file))
    assert code == 0, out
    after = json.loads(crisis(db_url, "journal", "verify", "--json")[1])
    assert after["ok"]
    assert after["events"] == before["events"]  # back to the backup's journal
    code, out = crisis(db_url, "assets", "show", "NEW-1")
    assert code == 1, out  # added after the backup: gone


#: The child makes a backup and kills itself, with no chance to clean up, once part of the
#: new file was written and flushed to disk.
CHILD = """
import os, signal, sys
from pathlib import Path
from crisis.adapters import backup_crypto
from crisis.services import backup
from crisis.services.workspace import open_workspace

url, target = sys.argv[1], Path(sys.argv[2])
write = backup_crypto.EncryptingWriter.write
written = 0

def killing_write(self, data):
    global written
    n = write(self, data)
    written += n
    if written > 100_000:
        self._out.flush()
        os.kill(os.getpid(), signal.SIGKILL)
    return n

backup_crypto.EncryptingWriter.write = killing_write
ws = open_workspace(url, "tester", checkpoints=True)
backup.make_backup(ws, target, os.environ["CRISIS_BACKUP_PASSPHRASE"])
print("finished", flush=True)
"""


def test_kill_9_during_a_backup_leaves_the_previous_backup_intact(
    station: tuple[Workspace, str], db_url: str, tmp_path: Path
) -> None:
    file = tmp_path / "b.crisis-backup"
    assert crisis(db_url, "backup", str(file))[0] == 0
    previous = sha(file)
    r = subprocess.run(
        [sys.executable, "-c", CHILD, db_url, str(file)],
        cwd=ROOT,
        env={**os.environ, **ENV, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert r.returncode == -signal.SIGKILL, r.stdout + r.stderr
    partial = list(tmp_path.glob(f".{file.name}.partial-*"))
    assert len(partial) == 1  # killed while writing the new copy...
    assert partial[0].stat().st_size > 100_000
    assert sha(file) == previous  # ...the previous backup is untouched
    code, out = crisis(db_url, "restore", str(file), "--check")
    assert code == 0, out
