"""A ciphertext rewritten as text is reported as a corrupted secret, not a database crash."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisis.cli import app

runner = CliRunner()
ENV = {"CRISIS_VAULT_PASSPHRASE": "correct horse battery staple"}


def crisis(db: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    r = runner.invoke(app, ["--db", str(db), "--operator", "tester", *args], input=stdin, env=ENV)
    return r.exit_code, r.stdout, r.stderr


@pytest.mark.parametrize(
    "rewrite",
    [
        "CAST(X'FF' || ciphertext AS TEXT)",  # not UTF-8: SQLite cannot hand it back as text
        "CAST(hex(ciphertext) AS TEXT)",  # valid text, not bytes
    ],
)
def test_reveal_and_list_say_the_secret_is_corrupted(tmp_path: Path, rewrite: str) -> None:
    db = tmp_path / "v.sqlite3"
    assert crisis(db, "vault", "init")[0] == 0
    code, _, err = crisis(
        db, "vault", "set", "switch", "SW1", "enable", "--kind", "switch", "--stdin",
        stdin="s3cret-enable-value\n",
    )  # fmt: skip
    assert code == 0, err
    with sqlite3.connect(db) as c:
        c.execute(f"UPDATE secret SET ciphertext = {rewrite}")
        journal = c.execute("SELECT seq, hash FROM journal_head").fetchone()
    code, out, err = crisis(db, "vault", "reveal", "switch", "SW1", "enable")
    assert code == 1, (out, err)
    assert err.startswith("erreur : le secret switch:SW1/enable est corrompu"), err
    assert "Traceback" not in err
    assert "sqlite3" not in err
    assert "s3cret" not in out + err
    code, out, err = crisis(db, "vault", "list")
    assert code == 0, err
    assert "SW1" in out
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT seq, hash FROM journal_head").fetchone() == journal
