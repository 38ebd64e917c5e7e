"""`-o FILE`: never over an existing file without --force, never through a link, a folder or
a missing folder is a clear error, nothing half-written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisis.cli import app

runner = CliRunner()


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_db, copy)
    return copy


def export(db: Path, out: Path, *extra: str) -> tuple[int, str]:
    r = runner.invoke(app, ["--db", str(db), "assets", "export", "-o", str(out), *extra])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.stderr


def test_an_existing_file_needs_force(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "stock.csv"
    out.write_text("mine\n")
    code, err = export(db, out)
    assert code == 1
    assert "existe déjà : passez --force pour le remplacer" in err
    assert out.read_text() == "mine\n"
    code, err = export(db, out, "--force")
    assert code == 0, err
    assert out.read_text().startswith("tag,serial,category")


def test_a_link_is_replaced_never_followed(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "victim.txt"
    target.write_text("keep me\n")
    link = tmp_path / "stock.csv"
    link.symlink_to(target)
    code, _ = export(db, link)
    assert code == 1
    code, err = export(db, link, "--force")
    assert code == 0, err
    assert target.read_text() == "keep me\n"
    assert not link.is_symlink()
    assert link.read_text().startswith("tag,serial,category")


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("", "c'est un dossier"),
        ("missing/stock.csv", "le dossier"),
        ("x" * 300, "File name too long"),
    ],
    ids=["folder", "missing-folder", "name-too-long"],
)
def test_where_no_file_can_be_written_is_a_clear_error(
    db: Path, tmp_path: Path, where: str, expected: str
) -> None:
    out = tmp_path / where if where else tmp_path
    for args in (("assets", "export", "-o", str(out)),
                 ("documents", "snapshot", "NOPE/inventory-1", "-o", str(out)),
                 ("documents", "pdf", "NOPE/inventory-1", "-o", str(out))):  # fmt: skip
        r = runner.invoke(app, ["--db", str(db), *args])
        assert r.exit_code == 1, args
        assert r.exception is None or isinstance(r.exception, SystemExit)
        assert expected in r.stderr or "aucun document" in r.stderr, (args, r.stderr)
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("demo.sqlite3")] == []
