"""Shared fixtures: a fresh inventory on SQLite and on PostgreSQL, the demo database."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from crisis.errors import ConfigurationError
from crisis.lab.postgres import PostgresLab, find_bindir
from crisis.services.demo import seed_demo
from crisis.services.workspace import Workspace, open_workspace
from tests.lab import need

_counter = itertools.count()

#: Lab subnets a test run may use above its base offset (tests use subnets 1 to 20).
_SUBNETS_PER_WORKER = 20


def pytest_configure(config: pytest.Config) -> None:
    """Parallel workers (pytest-xdist) each get lab subnets of their own: worker gwN shifts
    ``CRISIS_LAB_SUBNET_OFFSET`` by N × 20, so no two workers' lab hosts share an address."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if worker.startswith("gw"):
        base = int(os.environ.get("CRISIS_LAB_SUBNET_OFFSET", "0") or "0")
        shifted = base + int(worker[2:]) * _SUBNETS_PER_WORKER
        os.environ["CRISIS_LAB_SUBNET_OFFSET"] = str(shifted)


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the user's real data dir, database or language."""
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("CRISIS_DATABASE_URL", raising=False)
    monkeypatch.delenv("CRISIS_OPERATOR", raising=False)
    monkeypatch.delenv("CRISIS_LANG", raising=False)
    for name in (
        "CRISIS_VAULT_PASSPHRASE",
        "CRISIS_VAULT_NEW_PASSPHRASE",
        "CRISIS_VAULT_KEY_FILE",
        "CRISIS_HANDOVER_PASSPHRASE",
        "CRISIS_OPERATOR_PASSPHRASE",
        "CRISIS_CHECKPOINT_PASSPHRASE",
        "CRISIS_NEW_OPERATOR_PASSPHRASE",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresLab | str]:
    """One PostgreSQL server for the session, or why it cannot start here."""
    if find_bindir() is None:
        yield "PostgreSQL server is not installed (Debian package postgresql)"
        return
    base = Path(tempfile.mkdtemp(prefix="crisis-pg-"))
    lab = PostgresLab(base)
    try:
        lab.start()
    except (ConfigurationError, OSError, subprocess.CalledProcessError) as exc:
        shutil.rmtree(base, ignore_errors=True)
        yield f"PostgreSQL could not start: {exc}"
        return
    try:
        yield lab
    finally:
        lab.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "inventory.sqlite3")
    pg: PostgresLab | str = request.getfixturevalue("postgres")
    need(not isinstance(pg, str), str(pg))
    assert isinstance(pg, PostgresLab)
    return pg.create_database(f"test_{next(_counter)}")


@pytest.fixture
def ws(db_url: str) -> Iterator[Workspace]:
    """A workspace on a fresh database, acting as operator ``tester``."""
    w = open_workspace(db_url, "tester")
    yield w
    w.db.dispose()


@pytest.fixture
def sqlite_ws(tmp_path: Path) -> Iterator[Workspace]:
    """A workspace on a fresh SQLite file only (for tests that edit the file directly)."""
    w = open_workspace(str(tmp_path / "inventory.sqlite3"), "tester")
    yield w
    w.db.dispose()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo inventory built once per session; tests copy it before changing it."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    w = open_workspace(str(path), "demo")
    seed_demo(w, laptops=60, phones=40)
    w.db.dispose()
    return path


@pytest.fixture
def demo_ws(demo_db: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A private copy of the demo inventory."""
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_db, copy)
    w = open_workspace(str(copy), "tester")
    yield w
    w.db.dispose()
