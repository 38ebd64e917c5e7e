"""Commands that take a town take its short name too; a typo or an ambiguous name is refused
with the close names, never a traceback."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from crisis.cli import app

runner = CliRunner()
ENV = {"CRISIS_OPERATOR_PASSPHRASE": "demo passphrase", "CRISIS_LANG": "en"}


def run(db: Path, *args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, ["--db", str(db), "--operator", "admin", *args], env=ENV)
    return r.exit_code, r.stdout, r.stderr


def test_declare_for_aubagne_by_its_short_name(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite3"
    assert run(db, "demo", "--laptops", "2", "--phones", "2")[0] == 0
    code, _, err = run(db, "crisis", "declare", "Aubagne", "CYBER-1", "--declarant", "Maire")
    assert code == 0, err
    code, _, err = run(db, "crisis", "declare", "Aubgane", "CYBER-2", "--declarant", "Maire")
    assert code == 1
    assert "no town 'Aubgane'; close names: Aubagne (13005)" in err
    assert "Traceback" not in err
    code, _, err = run(db, "crisis", "declare", "Commune", "CYBER-3", "--declarant", "Maire")
    assert code == 1
    assert "'Commune' matches several towns: Aubagne (13005), " in err
    code, _, err = run(db, "vault", "list", "--organisation", "la ciotat")
    assert code == 0, err
