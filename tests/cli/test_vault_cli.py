"""The vault's commands: typed passphrases, key files, and clear errors that change nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from crisis.cli import app

runner = CliRunner()
PW = "correct horse battery staple"


def crisis(
    db: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    r = runner.invoke(app, ["--db", str(db), "--operator", "tester", *args], input=stdin, env=env)
    return r.exit_code, r.stdout, r.stderr


def head(db: Path) -> tuple[int, str]:
    with sqlite3.connect(db) as c:
        row = c.execute("SELECT seq, hash FROM journal_head").fetchone()
    return int(row[0]), str(row[1])


def test_typed_passphrases_and_clear_errors(tmp_path: Path) -> None:
    db = tmp_path / "v.sqlite3"
    code, out, err = crisis(db, "vault", "init", stdin=f"{PW}\n{PW}\n")
    assert code == 0, err
    assert "clé du coffre " in out
    code, out, err = crisis(
        db, "vault", "set", "switch", "SW1", "enable", "--kind", "switch", "--stdin",
        stdin="s3cret-enable-value\n", env={"CRISIS_VAULT_PASSPHRASE": PW},
    )  # fmt: skip
    assert (code, out.strip()) == (0, "secret switch:SW1/enable enregistré (version 1)"), err
    before = head(db)
    code, _, err = crisis(db, "vault", "reveal", "switch", "SW1", "enable", stdin="wrong one!!!\n")
    assert code == 1
    assert err.endswith(
        "erreur : mauvaise phrase de passe : elle n'ouvre pas ce coffre ; rien n'a été modifié\n"
    )
    code, _, err = crisis(db, "--vault-key-file", str(tmp_path / "gone.key"), "vault", "unlock")
    assert code == 1
    assert "erreur : ce coffre s'ouvre avec une phrase de passe, pas avec un fichier de clé" in err
    code, _, err = crisis(
        db, "vault", "set", "switch", "SW1", "enable", "--kind", "switch", "--stdin",
        stdin="another-secret-value\n", env={"CRISIS_VAULT_PASSPHRASE": PW},
    )  # fmt: skip
    assert (code, err.strip()) == (
        1,
        "erreur : le secret switch:SW1/enable existe déjà ; faites-le tourner plutôt",
    )
    assert head(db) == before
    code, out, _ = crisis(db, "vault", "reveal", "switch", "SW1", "enable", stdin=f"{PW}\n")
    assert (code, out.strip()) == (0, "s3cret-enable-value")
    code, out, _ = crisis(db, "vault", "status", "--json")
    assert '"secrets": 1' in out


def test_a_key_file_vault_for_unattended_runs(tmp_path: Path) -> None:
    db, key = tmp_path / "k.sqlite3", tmp_path / "keys" / "vault.key"
    code, _, err = crisis(db, "vault", "init", "--new-key-file", str(key))
    assert code == 0, err
    env = {"CRISIS_VAULT_KEY_FILE": str(key)}
    code, _, err = crisis(
        db, "vault", "generate", "asset", "PC1", "local-admin", "--kind", "local_admin", env=env
    )
    assert code == 0, err
    code, out, _ = crisis(db, "vault", "unlock", env=env)
    assert (code, "1 secret ouvert" in out) == (0, True)
    key.unlink()
    code, _, err = crisis(db, "vault", "unlock", env=env)
    assert (code, err.strip()) == (1, f"erreur : fichier de clé du coffre introuvable : {key}")


def test_open_package_errors_are_clear(tmp_path: Path) -> None:
    r = runner.invoke(
        app,
        ["vault", "open-package", str(tmp_path / "p.crisis-package"), "--private-key-file",
         str(tmp_path / "none.key")],
    )  # fmt: skip
    assert (r.exit_code, r.stderr.strip()) == (
        1,
        f"erreur : impossible de lire {tmp_path / 'p.crisis-package'}",
    )
    (tmp_path / "p.crisis-package").write_text("{}")
    r = runner.invoke(
        app,
        ["vault", "open-package", str(tmp_path / "p.crisis-package")],
        env={"CRISIS_HANDOVER_PASSPHRASE": "whatever it is"},
    )
    assert (r.exit_code, r.stderr.strip()) == (
        1,
        "erreur : ce n'est pas un paquet de remise crisis-kit, ou il est endommagé",
    )
