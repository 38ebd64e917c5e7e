"""Upgrades lose nothing: an inventory made by each earlier release (tests/fixtures/releases,
one fixture per release, built with that release's own code) opens with this one, migrates on
SQLite and PostgreSQL, and still verifies; a migration killed half-way changes nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect
from typer.testing import CliRunner

from crisis.adapters import pg_tools
from crisis.cli import app
from crisis.domain.secret_values import SecretRef
from crisis.lab.postgres import PostgresLab
from crisis.services import documents, journal, vault, vault_secrets
from crisis.services.demo_operators import DEMO_PASSPHRASE
from crisis.services.verification import verify_stored_documents
from crisis.services.workspace import VaultCredential, Workspace, open_workspace
from inventory.database import Database
from inventory.migrate import MIGRATIONS_DIR, current_revision
from inventory.migrations import SCHEMA_HEAD
from tests.lab import need

ROOT = Path(__file__).resolve().parents[2]
RELEASES = ROOT / "tests" / "fixtures" / "releases"
FIXTURES = sorted(RELEASES.glob("*/release-*.tar.gz"))
runner = CliRunner()


def test_every_release_keeps_its_fixture_and_the_script_that_made_it() -> None:
    assert FIXTURES, "no release fixture under tests/fixtures/releases"
    for fixture in FIXTURES:
        assert (fixture.parent / "make_fixture.py").is_file(), fixture


def opened(
    fixture: Path, backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> tuple[str, dict[str, Any]]:
    """The fixture unpacked with its data directory in use; (database URL, what it holds)."""
    folder = tmp_path / "release"
    with tarfile.open(fixture) as tar:
        tar.extractall(folder, filter="data")
    os.environ["CRISIS_DATA_DIR"] = str(folder / "data")  # restored by the autouse fixture
    expected: dict[str, Any] = json.loads((folder / "expected.json").read_text("utf-8"))
    if backend == "sqlite":
        return str(folder / "inventory.sqlite3"), expected
    pg = request.getfixturevalue("postgres")
    need(not isinstance(pg, str), str(pg))
    assert isinstance(pg, PostgresLab)
    need((folder / "inventory.pgdump").exists(), f"{fixture.name} has no PostgreSQL dump")
    url = pg.create_database(f"release_{fixture.parent.name.replace('.', '_')}_{tmp_path.name}")
    pg_tools.restore(folder / "inventory.pgdump", url)
    return url, expected


def revision(url: str) -> str | None:
    db = Database(url, migrate=False)
    try:
        return current_revision(db.engine)
    finally:
        db.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.parent.name)
def test_an_inventory_of_an_earlier_release_migrates_and_still_verifies(
    fixture: Path, backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url, expected = opened(fixture, backend, tmp_path, request)
    made = expected[backend]
    assert revision(url) == expected["schema"]
    ws = open_workspace(url, "demo")  # opening migrates with Alembic
    assert current_revision(ws.db.engine) == SCHEMA_HEAD
    check_release(ws, expected, made)

    # This release works on: a change is journaled and sealed with the release's own key.
    env = {
        "CRISIS_OPERATOR_PASSPHRASE": DEMO_PASSPHRASE,
        "CRISIS_CHECKPOINT_PASSPHRASE": expected["checkpoint_passphrase"],
    }
    r = runner.invoke(
        app, ["--db", url, "--operator", "demo", "assets", "add", "NEW-1", "--category", "laptop"],
        env=env,
    )  # fmt: skip
    assert r.exit_code == 0, r.stdout + r.stderr
    v = journal.verify_journal(ws)
    assert v.ok, v.problems
    assert v.events == made["events"] + len(made["secrets"]) + 1  # reveals are journaled
    assert v.uncovered == 0
    ws.db.dispose()


def check_release(ws: Workspace, expected: dict[str, Any], made: dict[str, Any]) -> None:
    """Journal, checkpoints, documents (hashes and signatures) and vault, as the release
    left them."""
    v = journal.verify_journal(ws)
    assert v.ok, v.problems
    assert (v.events, v.head_hash) == (made["events"], made["head_hash"])
    assert v.checkpoints == made["checkpoints"]
    assert v.uncovered == 0
    assert journal.pinned_keys() == {made["checkpoint_key"]}
    docs = verify_stored_documents(ws)
    assert docs.problems == ()
    assert docs.documents == len(made["documents"])
    for reference, sha256 in made["documents"].items():
        doc = documents.get_document(ws, reference)
        assert doc.sha256 == sha256
        assert {s.party for s in doc.signatures} == {"lender", "borrower"}
        assert doc.signed_pdf is not None
    ws.vault_credential = VaultCredential(passphrase=expected["vault_passphrase"])
    status = vault.unlock(ws)
    assert status.secrets == len(made["secrets"])
    for path, value in made["secrets"].items():
        owner_type, rest = path.split("/", 1)
        owner_id, name = rest.rsplit("/", 1)
        assert vault_secrets.reveal(ws, SecretRef(owner_type, owner_id, name), "test") == value


#: A migration after the real ones: it changes the schema, then dies (SIGKILL, no cleanup)
#: or fails, half-way through the upgrade.
DYING = '''"""A migration that dies half-way (tests only)."""

import os
import signal

import sqlalchemy as sa
from alembic import op

revision = "9999_dies"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    with op.batch_alter_table("asset") as batch:
        batch.add_column(sa.Column("half_done", sa.Text, nullable=True))
    op.execute("UPDATE asset SET half_done = 'x'")
    if {kill}:
        os.kill(os.getpid(), signal.SIGKILL)
    raise RuntimeError("the migration fails half-way")


def downgrade() -> None:
    raise NotImplementedError
'''

CHILD = """
import sys
from pathlib import Path
from inventory.database import Database
from inventory.migrate import upgrade_to_head

db = Database(sys.argv[1], migrate=False)
upgrade_to_head(db.engine, Path(sys.argv[2]))
print("finished", flush=True)
"""


@pytest.mark.parametrize("how", ["killed", "failed"])
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_upgrade_killed_half_way_leaves_the_old_database_usable(
    backend: str, how: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url, expected = opened(FIXTURES[-1], backend, tmp_path, request)
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9999_dies.py").write_text(
        DYING.format(head=SCHEMA_HEAD, kill=how == "killed"), "utf-8"
    )
    r = subprocess.run(
        [sys.executable, "-c", CHILD, url, str(migrations)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if how == "killed":
        assert r.returncode == -signal.SIGKILL, r.stdout + r.stderr
    else:
        assert r.returncode == 1, r.stdout + r.stderr
        assert "fails half-way" in r.stderr
    assert "finished" not in r.stdout

    # Every migration of the upgrade, the real ones included, was undone together.
    assert revision(url) == expected["schema"]
    db = Database(url, migrate=False)
    with db.engine.connect() as c:
        names = inspect(c).get_table_names()
        columns = {col["name"] for col in inspect(c).get_columns("asset")}
    db.dispose()
    assert "half_done" not in names
    assert "half_done" not in columns
    # ...and the database still opens, migrates and verifies as the release left it.
    ws = open_workspace(url, "demo")
    assert current_revision(ws.db.engine) == SCHEMA_HEAD
    check_release(ws, expected, expected[backend])
    ws.db.dispose()
