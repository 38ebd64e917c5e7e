"""`crisis dashboard --json` prints the figures the TUI's dashboard draws: clock bars, kits
per template, loans per town with their stage (stable keys, times ISO 8601 UTC)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from crisis.cli import app

runner = CliRunner()
ENV = {"CRISIS_OPERATOR_PASSPHRASE": "demo passphrase"}


def ok(db: Path, *args: str) -> str:
    r = runner.invoke(app, ["--db", str(db), "--operator", "admin", *args], env=ENV)
    assert r.exit_code == 0, (args, r.stdout, r.stderr)
    return r.stdout


def test_dashboard_json_has_the_glance_figures(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    ok(db, "demo", "--laptops", "7", "--phones", "12")
    ok(db, "crisis", "declare", "13005", "CYBER-7", "--declarant", "Maire")
    ref = ok(db, "loan", "open", "CYBER-7", "07-2024-06", "Kit continuité 5 postes").split()[0]
    ok(db, "incident", "breakdown", "CYBER-7", "--declarant", "DSI", "--channel", "phone",
       "--severity", "blocking", "--description", "écran noir")  # fmt: skip
    data = json.loads(ok(db, "dashboard", "--json"))
    assert data["at"].endswith("+00:00")
    (bar,) = data["clock_bars"]
    assert set(bar) == {"id", "crisis", "kind", "subject", "status", "started_at", "due_at",
                        "left", "seconds_left"}  # fmt: skip
    assert bar["crisis"] == "CYBER-7"
    assert bar["due_at"].endswith("+00:00")
    assert bar["started_at"].endswith("+00:00")
    assert 0.99 <= bar["left"] <= 1.0
    kit = next(k for k in data["kits"] if k["template"] == "Kit continuité 5 postes")
    assert kit["kits"] == 1
    assert {"category": "laptop", "model": None, "per_kit": 5, "missing": 3} in kit["short"]
    assert data["towns"] == [
        {"town": "Commune d'Aubagne",
         "loans": [{"loan": ref, "state": "declared", "step": 1, "steps": 8}]}
    ]  # fmt: skip

    text = ok(db, "dashboard")
    assert "Kit continuité 5 postes : 1 kit(s) assemblable(s) maintenant" in text
    assert "manque pour un kit de plus : 3 × " in text
