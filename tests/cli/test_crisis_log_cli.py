"""The crisis log (main courante) read back: in order, in Paris time, in French by default."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisis.cli import app
from crisis.domain.paris_time import PARIS
from crisis.l10n import format_datetime
from crisis.services.demo_operators import DEMO_PASSPHRASE

runner = CliRunner()


def crisis(db: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    # The demo's admin proves who it is with the demo operators' passphrase.
    env = {"CRISIS_OPERATOR_PASSPHRASE": DEMO_PASSPHRASE, **(env or {})}
    r = runner.invoke(app, ["--db", str(db), "--operator", "admin", *args], env=env)
    return r.exit_code, r.stdout, r.stderr


def test_the_crisis_log_is_read_back_in_order_in_paris_time(tmp_path: Path) -> None:
    db = tmp_path / "log.sqlite3"
    assert crisis(db, "demo", "--laptops", "2", "--phones", "2")[0] == 0
    assert crisis(db, "crisis", "declare", "13005", "CYBER-9", "--declarant", "Maire")[0] == 0
    assert crisis(db, "crisis", "log-show", "CYBER-9")[1].strip() == (
        "La main courante de CYBER-9 est vide."
    )
    lines = ["10:42 réseau communal isolé", "11:05 kit demandé à la métropole"]
    for line in lines:
        assert crisis(db, "crisis", "log", "CYBER-9", line)[0] == 0

    code, out, err = crisis(db, "crisis", "log-show", "CYBER-9", "--json")
    assert code == 0, err
    entries = json.loads(out)
    assert [e["text"] for e in entries] == lines
    assert [e["operator"] for e in entries] == ["admin", "admin"]
    assert entries[0]["journal_seq"] < entries[1]["journal_seq"]
    at = datetime.fromisoformat(entries[0]["at"])
    assert at.utcoffset() is not None
    paris = datetime.fromisoformat(entries[0]["at_paris"])
    assert paris == at
    assert paris.utcoffset() == at.astimezone(PARIS).utcoffset() != at.utcoffset()

    code, out, _ = crisis(db, "crisis", "log-show", "CYBER-9")
    assert code == 0
    head, first, second = out.splitlines()[:3]
    assert head.split()[:3] == ["DATE", "(Paris)", "OPÉRATEUR"]
    assert format_datetime(at, "fr", seconds=True, zone=False) in first
    assert first.rstrip().endswith(lines[0])
    assert second.rstrip().endswith(lines[1])
    out = crisis(db, "crisis", "log-show", "CYBER-9", env={"CRISIS_LANG": "en"})[1]
    assert out.startswith("TIME (Paris)")


@pytest.mark.parametrize("args", [("NOPE",), ("NOPE", "--json")])
def test_an_unknown_crisis_is_named(tmp_path: Path, args: tuple[str, ...]) -> None:
    db = tmp_path / "log.sqlite3"
    assert crisis(db, "demo", "--laptops", "2", "--phones", "2")[0] == 0
    code, out, err = crisis(db, "crisis", "log-show", *args)
    assert code == 1
    assert out == ""
    assert "aucune crise de référence « NOPE »" in err


def test_lifecycle_reports_are_french_by_default_english_on_request(tmp_path: Path) -> None:
    db = tmp_path / "reports.sqlite3"
    assert crisis(db, "demo", "--laptops", "2", "--phones", "2")[0] == 0
    assert crisis(db, "crisis", "declare", "13005", "CYBER-3", "--declarant", "Maire")[1] == (
        "crise CYBER-3 déclarée\n"
    )
    code, out, err = crisis(
        db, "incident", "breakdown", "CYBER-3", "--declarant", "DSI", "--description", "panne"
    )
    assert code == 0, err
    assert out.splitlines()[0].endswith(" enregistré")
    header, row = crisis(db, "clocks")[1].splitlines()[:2]
    assert header.split() == ["N°", "ÉTAT", "DÉLAI", "ÉCHÉANCE", "OBJET"]
    assert "en cours" in row
    assert "Intervention" in row
    header, row = crisis(db, "clocks", env={"CRISIS_LANG": "en"})[1].splitlines()[:2]
    assert header.split() == ["ID", "STATUS", "KIND", "DUE", "SUBJECT"]
    assert "running" in row
    board = crisis(db, "dashboard")[1]
    assert board.startswith("stock prêt : ")
    assert "crise CYBER-3 (Commune d'Aubagne), déclarée le " in board  # no loan yet
    assert " : 0 prêt\n" in board
    assert "convention 07-2024-06 (Commune d'Aubagne) : préavis à donner au plus tard le " in board
    data = json.loads(crisis(db, "dashboard", "--json")[1])
    assert [(c["crisis"], c["loans"]) for c in data["crises"]] == [("CYBER-3", 0)]
    assert "07-2024-06" in [n["agreement"] for n in data["notices"]]
    assert crisis(db, "dashboard", env={"CRISIS_LANG": "en"})[1].startswith("ready stock: ")
    out = crisis(db, "loan", "open", "CYBER-3", "07-2024-06", "Kit continuité 5 postes")[1]
    assert "[declared] crise CYBER-3, convention 07-2024-06" in out
    assert "  matériels : 0  recette signée par : —" in out
