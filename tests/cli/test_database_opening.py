"""Opening the inventory: a read creates nothing, bad databases are clear errors, files are
private, and the demo database behaves like any other for its own operators."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from typer.testing import CliRunner

from crisis.cli import app
from crisis.config import demo_database_path

runner = CliRunner()

READ_ONLY = (
    ("journal", "verify"),
    ("journal", "tail"),
    ("assets", "list"),
    ("operators", "list"),
    ("dashboard",),
)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), env=env)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.stdout, r.stderr


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
def test_a_read_on_a_missing_sqlite_file_is_an_error_and_creates_nothing(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    db = tmp_path / "typo" / "x.sqlite3"
    code, out, err = run("--db", str(db), *command)
    assert code == 1
    assert "intact" not in out
    assert f"aucun inventaire à {db}" in err
    assert not db.parent.exists()


def test_a_read_on_an_empty_database_is_an_error_and_creates_no_table(db_url: str) -> None:
    code, out, err = run("--db", db_url, "journal", "verify")
    assert code == 1, out
    assert "aucun inventaire à" in err
    if "://" in db_url:
        engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
        try:
            assert inspect(engine).get_table_names() == []
        finally:
            engine.dispose()
    else:
        assert not Path(db_url).exists()


def test_a_change_creates_the_inventory_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "new" / "inventory.sqlite3"
    code, _, err = run("--db", str(db), "--operator", "tester", "assets", "add", "A-1",
                       "--category", "laptop")  # fmt: skip
    assert code == 0, err
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    for f in db.parent.iterdir():
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
    code, out, _ = run("--db", str(db), "journal", "verify")
    assert code == 0, out


def test_the_data_directory_is_made_owner_only() -> None:
    folder = demo_database_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    assert run("--operator", "t", "assets", "add", "A-1", "--category", "laptop")[0] == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "inventory.sqlite3").stat().st_mode) == 0o600


def test_an_older_world_readable_inventory_is_made_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "inventory.sqlite3"
    assert run("--db", str(db), "--operator", "t", "assets", "add", "A-1", "--category",
               "laptop")[0] == 0  # fmt: skip
    db.chmod(0o644)
    assert run("--db", str(db), "assets", "list")[0] == 0
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("not-a-db.txt", "file is not a database"),
        ("folder", "this is a folder, not a database file"),
        ("mysql://user@host/inventory", "unsupported database engine 'mysql'"),
        ("mongodb+srv://x", "unsupported database engine"),
        ("://", "not a database URL"),
    ],
)
def test_what_is_not_an_inventory_is_a_clear_error(
    tmp_path: Path, target: str, expected: str
) -> None:
    (tmp_path / "not-a-db.txt").write_text("hello\n" * 100)
    (tmp_path / "folder").mkdir()
    db = target if "://" in target else str(tmp_path / target)
    for args in (("assets", "list"), ("--operator", "t", "assets", "add", "A-1", "--category",
                                      "laptop")):  # fmt: skip
        code, _, err = run("--db", db, *args)
        assert code == 1
        assert expected in err, err
    assert (tmp_path / "not-a-db.txt").read_text() == "hello\n" * 100


def _demo(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    return run("--db", str(demo_database_path()), *args, env=env)


def test_an_operator_added_to_the_demo_with_their_own_passphrase_acts_there() -> None:
    assert run("demo", "--laptops", "5", "--phones", "5")[0] == 0
    own = {"CRISIS_NEW_OPERATOR_PASSPHRASE": "Zoé's very own passphrase"}
    code, _, err = _demo("--operator", "Claire Martin", "operators", "add", "Zoé", "--role",
                         "technician", env=own)  # fmt: skip
    assert code == 1  # the demo's roles still hold
    assert "seul un administrateur" in err
    code, _, err = _demo("--operator", "demo", "operators", "add", "Zoé", "--role", "technician",
                         env=own)  # fmt: skip
    assert code == 0, err
    add = ("--operator", "Zoé", "assets", "add", "Z-1", "--category", "laptop")
    code, _, err = _demo(*add, env={"CRISIS_OPERATOR_PASSPHRASE": "not hers at all"})
    assert code == 1
    assert "mauvaise phrase de passe" in err
    code, _, err = _demo(*add, env={"CRISIS_OPERATOR_PASSPHRASE": "Zoé's very own passphrase"})
    assert code == 0, err
    # The demo's own operators still need nothing.
    code, _, err = _demo("--operator", "Claire Martin", "assets", "add", "Z-2", "--category",
                         "laptop")  # fmt: skip
    assert code == 0, err


def test_demo_reset_with_a_database_url_rebuilds_the_demo_or_says_what_to_do(
    tmp_path: Path,
) -> None:
    demo = str(demo_database_path())
    assert run("demo", "--laptops", "5", "--phones", "5")[0] == 0
    assert _demo("--operator", "demo", "assets", "add", "GONE-1", "--category", "laptop")[0] == 0
    # The URL names the demo database itself: --reset rebuilds it.
    code, out, err = run("demo", "--reset", "--laptops", "5", "--phones", "5",
                         env={"CRISIS_DATABASE_URL": demo})  # fmt: skip
    assert code == 0, err
    assert "inventaire de démonstration prêt" in out
    assert _demo("assets", "show", "GONE-1")[0] == 1
    # Another database: never deleted, and the message says what to do.
    other = tmp_path / "real.sqlite3"
    assert run("--db", str(other), "--operator", "t", "assets", "add", "KEEP-1", "--category",
               "laptop")[0] == 0  # fmt: skip
    code, _, err = run("demo", "--reset", env={"CRISIS_DATABASE_URL": str(other)})
    assert code == 1
    assert "unset CRISIS_DATABASE_URL" in err
    assert run("--db", str(other), "assets", "show", "KEEP-1")[0] == 0
