"""Operators prove who they are: changing commands open the operator's key with its passphrase."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisis import cli
from crisis.cli import app
from crisis.config import demo_database_path

runner = CliRunner()
ADMIN_PW = "the admin's own passphrase"
AUDITOR_PW = "the auditor's own passphrase"


def crisis(db: Path, operator: str, *args: str, **env: str) -> tuple[int, str, str]:
    r = runner.invoke(app, ["--db", str(db), "--operator", operator, *args], env=env)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def inventory(tmp_path: Path) -> Path:
    """An inventory with one asset, an admin and an auditor, each with their own passphrase."""
    db = tmp_path / "inventory.sqlite3"
    code, _, err = crisis(
        db, "admin", "operators", "add", "admin", "--role", "admin",
        CRISIS_OPERATOR_PASSPHRASE=ADMIN_PW,
    )  # fmt: skip
    assert code == 0, err  # the first admin needs no one's authority
    code, _, err = crisis(
        db, "admin", "operators", "add", "audra", "--role", "auditor",
        CRISIS_OPERATOR_PASSPHRASE=ADMIN_PW, CRISIS_NEW_OPERATOR_PASSPHRASE=AUDITOR_PW,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = crisis(
        db, "admin", "assets", "add", "PC-1", "--category", "laptop",
        CRISIS_OPERATOR_PASSPHRASE=ADMIN_PW,
    )  # fmt: skip
    assert code == 0, err
    return db


def state(db: Path) -> tuple[object, ...]:
    with sqlite3.connect(db) as c:
        return (
            c.execute("SELECT seq, hash FROM journal_head").fetchone(),
            c.execute("SELECT group_concat(tag || state) FROM asset").fetchone(),
            c.execute("SELECT count(*) FROM operator").fetchone(),
        )


def test_a_wrong_passphrase_is_refused_and_changes_nothing(inventory: Path) -> None:
    before = state(inventory)
    code, _, err = crisis(
        inventory, "admin", "assets", "set-state", "PC-1", "reserved",
        CRISIS_OPERATOR_PASSPHRASE="not the admin's passphrase",
    )  # fmt: skip
    assert code == 1
    assert "mauvaise phrase de passe pour l'opérateur « admin »" in err
    assert "rien n'a été modifié" in err
    assert state(inventory) == before


def test_without_a_passphrase_a_changing_command_is_refused(inventory: Path) -> None:
    before = state(inventory)
    code, _, err = crisis(inventory, "admin", "assets", "set-state", "PC-1", "reserved")
    assert code == 1
    assert "doit prouver son identité" in err
    assert "CRISIS_OPERATOR_PASSPHRASE" in err
    assert state(inventory) == before


def test_an_auditor_cannot_act_as_the_admin_with_their_own_passphrase(inventory: Path) -> None:
    before = state(inventory)
    code, _, err = crisis(
        inventory, "admin", "assets", "set-state", "PC-1", "reserved",
        CRISIS_OPERATOR_PASSPHRASE=AUDITOR_PW,
    )  # fmt: skip
    assert code == 1
    assert "mauvaise phrase de passe pour l'opérateur « admin »" in err
    code, _, err = crisis(
        inventory, "admin", "operators", "add", "mallory", "--role", "admin",
        CRISIS_OPERATOR_PASSPHRASE=AUDITOR_PW, CRISIS_NEW_OPERATOR_PASSPHRASE="mallory's own one",
    )  # fmt: skip
    assert code == 1
    assert "mauvaise phrase de passe" in err
    assert state(inventory) == before
    code, _, err = crisis(
        inventory, "admin", "assets", "set-state", "PC-1", "reserved",
        CRISIS_OPERATOR_PASSPHRASE=ADMIN_PW,
    )  # fmt: skip
    assert code == 0, err
    assert state(inventory) != before


def test_read_only_commands_need_no_passphrase(inventory: Path) -> None:
    for args in (("assets", "list"), ("assets", "show", "PC-1"), ("journal", "verify")):
        for operator in ("admin", "audra"):
            code, _, err = crisis(inventory, operator, *args)
            assert code == 0, (args, operator, err)


def test_the_demo_database_uses_the_demo_passphrase_without_asking(tmp_path: Path) -> None:
    r = runner.invoke(app, ["demo", "--laptops", "5", "--phones", "5"])
    assert r.exit_code == 0, r.stderr
    demo = demo_database_path()
    code, _, err = crisis(demo, "demo", "assets", "set-state", "AMP-PC-0001", "reserved")
    assert code == 0, err


def test_the_tui_is_opened_only_once_the_operator_proved_who_they_are(
    inventory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, str]] = []
    monkeypatch.setattr(cli, "ui_opener", lambda url, op: opened.append((url, op)))
    code, _, err = crisis(inventory, "admin", "tui", CRISIS_OPERATOR_PASSPHRASE=AUDITOR_PW)
    assert code == 1
    assert "mauvaise phrase de passe pour l'opérateur « admin »" in err
    assert not opened
    code, _, err = crisis(inventory, "audra", "tui")  # read-only: nothing to prove
    assert code == 0, err
    code, _, err = crisis(inventory, "admin", "tui", CRISIS_OPERATOR_PASSPHRASE=ADMIN_PW)
    assert code == 0, err
    assert opened == [(str(inventory), "audra"), (str(inventory), "admin")]
