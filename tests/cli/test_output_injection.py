"""Stored text never drives the terminal nor forges a line: escape sequences and newlines
are written out on every output (CLI and TUI); names and free text are validated and
bounded where they are stored."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisis.cli import app
from crisis.domain.assets import AssetState
from crisis.domain.roles import Role
from crisis.errors import ValidationError
from crisis.services import assets, incidents, loans, operators
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace, open_workspace

runner = CliRunner()
#: Clears the screen, sets the window title, rings, reorders text, and forges a line.
EVIL = "ok\x1b[2J\x1b]0;pwned\x07\u202eevil\n#999 01/01/2026 admin: assets.forged"


def plant(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo inventory with hostile text, as an older release or another
    writer left it in the database."""
    db = tmp_path / "demo.sqlite3"
    shutil.copy(demo_db, db)
    con = sqlite3.connect(db)
    con.execute("UPDATE asset SET location = ?, notes = ? WHERE tag = 'AMP-PC-0001'", (EVIL, EVIL))
    con.commit()
    con.close()
    ws = open_workspace(str(db), "tester")
    with ws.db.session(write=True) as s:
        record(s, EVIL, [Change("assets.noted", "asset", EVIL, None, {"text": EVIL})])
    ws.db.dispose()
    return db


@pytest.fixture
def planted(demo_db: Path, tmp_path: Path) -> Path:
    return plant(demo_db, tmp_path)


def clean(out: str) -> None:
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "\u202e" not in out
    assert "\n#999" not in out


@pytest.mark.parametrize(
    "args",
    [
        ("assets", "list", "AMP-PC-0001"),
        ("assets", "show", "AMP-PC-0001"),
        ("assets", "list", "AMP-PC-0001", "--json"),
        ("assets", "show", "AMP-PC-0001", "--json"),
        ("journal", "tail", "-n", "3"),
    ],
    ids=" ".join,
)
def test_stored_control_characters_are_written_out(planted: Path, args: tuple[str, ...]) -> None:
    r = runner.invoke(app, ["--db", str(planted), *args])
    assert r.exit_code == 0, r.output
    clean(r.stdout)
    assert "\\x1b[2J" in r.stdout or "\\u001b[2J" in r.stdout
    if "--json" in args:
        json.loads(r.stdout)  # still valid JSON


def test_journal_tail_prints_one_line_per_event(planted: Path) -> None:
    r = runner.invoke(app, ["--db", str(planted), "journal", "tail", "-n", "3"])
    lines = r.stdout.splitlines()
    assert len(lines) == 3
    assert all(line.startswith("#") for line in lines)
    assert "ok\\x1b[2J\\x1b]0;pwned\\x07\\u202eevil\\n#999" in lines[-1]


def test_the_assets_list_keeps_one_row_per_asset(planted: Path) -> None:
    r = runner.invoke(app, ["--db", str(planted), "assets", "list", "AMP-PC-0001"])
    assert r.stdout.splitlines()[1].startswith("AMP-PC-0001")
    assert r.stdout.splitlines()[2].startswith("1 affichés")


@pytest.mark.parametrize(
    "name",
    ["Claire\nMartin", "\x1b[31mred", "x" * 5000, "tab\there", "rlo\u202eevil", "zero\u200bwidth"],
    ids=["newline", "escape", "5000-chars", "tab", "bidi", "zero-width"],
)
def test_an_operator_name_is_one_printable_bounded_line(ws: Workspace, name: str) -> None:
    operators.add_operator(ws, "tester", Role.ADMIN, "a passphrase long enough")
    with pytest.raises(ValidationError, match="field 'name'"):
        operators.add_operator(ws, name, Role.TECHNICIAN, "a passphrase long enough")
    assert [o.name for o in operators.list_operators(ws)] == ["tester"]


def test_an_acting_operator_name_is_checked_too(tmp_path: Path) -> None:
    r = runner.invoke(app, ["--db", str(tmp_path / "i.sqlite3"), "--operator", "evil\n#1 x",
                            "assets", "add", "A-1", "--category", "laptop"])  # fmt: skip
    assert r.exit_code == 1
    assert "champ « operator »" in r.stderr  # French by default
    assert not (tmp_path / "i.sqlite3").exists()


def test_free_text_is_bounded_where_it_is_stored(demo_ws: Workspace) -> None:
    demo_ws.operator = "demo"
    with pytest.raises(ValidationError, match="field 'reason': 501 characters, 500 at most"):
        assets.change_state(demo_ws, "AMP-PC-0001", AssetState.QUARANTINE, "r" * 501)
    with pytest.raises(ValidationError, match="field 'reason': holds the control character"):
        assets.change_state(demo_ws, "AMP-PC-0001", AssetState.QUARANTINE, "a\x1b[2J")
    with pytest.raises(ValidationError, match="field 'declarant': 101 characters"):
        loans.declare_crisis(demo_ws, "13005", "CYBER-X", "d" * 101)
    ref = loans.declare_crisis(demo_ws, "13005", "CYBER-X", "Maire", "multi\nline is fine")
    with pytest.raises(ValidationError, match="field 'text': 10001 characters, 10000 at most"):
        incidents.log_entry(demo_ws, ref, "t" * 10_001)
    assert incidents.log_entry(demo_ws, ref, "réseau isolé\nà 10 h") > 0
