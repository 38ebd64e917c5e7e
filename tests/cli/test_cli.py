"""The command line, through Typer's CliRunner, on real SQLite files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from crisis.cli import app

runner = CliRunner()


def crisis(db: Path, *args: str, operator: str = "tester") -> tuple[int, str, str]:
    r = runner.invoke(app, ["--db", str(db), "--operator", operator, *args])
    return r.exit_code, r.stdout, r.stderr


def test_demo_creates_the_inventory_and_refuses_to_do_it_twice(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    code, out, _ = crisis(db, "demo", "--laptops", "20", "--phones", "10")
    assert code == 0
    assert "6 organisations, 5 conventions, 60 matériels, 2 modèles de kit" in out
    code, out, _ = crisis(db, "demo")
    assert code == 0
    assert "déjà présent" in out


def test_list_and_show_as_json(demo_db: Path) -> None:
    code, out, _ = crisis(demo_db, "assets", "list", "--category", "switch", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["total"] == 10
    assert {a["category"] for a in data["assets"]} == {"switch"}
    code, out, _ = crisis(demo_db, "assets", "show", "AMP-SW-001", "--json")
    detail = json.loads(out)
    assert detail["tag"] == "AMP-SW-001"
    assert detail["history"][0]["action"] == "assets.imported"


def test_unknown_tag_is_a_clear_error(demo_db: Path) -> None:
    code, _, err = crisis(demo_db, "assets", "show", "NOPE")
    assert code == 1
    assert err.strip() == "erreur : aucun matériel d'étiquette « NOPE »"


def test_failed_import_says_the_inventory_is_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite3"
    csv = tmp_path / "in.csv"
    csv.write_text("tag,category\nA1,laptop\nA2,chair\n")
    code, _, err = crisis(db, "assets", "import", str(csv))
    assert code == 1
    assert "import refusé, l'inventaire est inchangé : in.csv:3, field 'category'" in err
    code, out, _ = crisis(db, "assets", "list", "--json")
    assert json.loads(out)["total"] == 0


def test_add_validates_like_an_import_and_needs_an_operator(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    code, _, err = crisis(db, "assets", "add", "X1", "--category", "phone", "--imei", "12")
    assert code == 1
    assert "field 'imei'" in err
    r = runner.invoke(app, ["--db", str(db), "assets", "add", "X1", "--category", "phone"])
    assert r.exit_code == 1
    assert "aucun opérateur nommé" in r.stderr
    code, out, _ = crisis(
        db, "assets", "add", "X1", "--category", "phone", "--mac", "00:11:22:33:44:55"
    )
    assert (code, out.strip()) == (0, "X1 ajouté (Téléphone, En stock)")


def test_journal_verify_exit_codes(tmp_path: Path) -> None:
    db = tmp_path / "j.sqlite3"
    crisis(db, "assets", "add", "X1", "--category", "laptop")
    crisis(db, "assets", "set-state", "X1", "reserved")
    code, out, _ = crisis(db, "journal", "verify")
    assert (code, out.startswith("journal intact : 2 événements")) == (0, True)  # French
    with sqlite3.connect(db) as c:
        c.execute("DROP TRIGGER journal_event_no_update")
        c.execute("UPDATE journal_event SET after = '{}' WHERE seq = 1")
    code, out, _ = crisis(db, "journal", "verify")
    assert code == 2
    assert "événement 1 modifié" in out  # French by default
    assert "journal_event_no_update" in out


def test_export_writes_csv(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.csv"
    code, _, err = crisis(demo_db, "assets", "export", "-o", str(out))
    assert code == 0
    lines = out.read_text().splitlines()
    assert lines[0].startswith("tag,serial,category")
    assert f"{len(lines) - 1} matériels exportés" in err


def test_tui_command_without_a_ui_is_refused(tmp_path: Path) -> None:
    r = runner.invoke(app, ["--db", str(tmp_path / "x.sqlite3"), "tui"])
    assert r.exit_code != 0
    assert "aucune interface utilisateur" in r.output


def test_ansible_inventory_speaks_ansibles_script_protocol(tmp_path: Path) -> None:
    db = tmp_path / "inv.sqlite3"
    crisis(
        db,
        "assets",
        "add",
        "PC-1",
        "--category",
        "laptop",
        "--serial",
        "SN1",
        "--mac",
        "00:11:22:33:44:55",
    )
    crisis(db, "assets", "add", "PC-2", "--category", "laptop")
    with sqlite3.connect(db) as c:  # how a technician's setup would say where PC-1 is
        c.execute(
            """UPDATE asset SET attributes = '{"ansible_host": "127.0.1.9"}' WHERE tag = 'PC-1'"""
        )
    code, out, _ = crisis(db, "ansible-inventory", "--list")
    assert code == 0
    inv = json.loads(out)
    assert inv["laptops"]["hosts"] == ["PC-1"]  # PC-2 has no address: left out
    assert inv["_meta"]["hostvars"]["PC-1"] == {
        "ansible_host": "127.0.1.9",
        "asset_tag": "PC-1",
        "expected_serial": "SN1",
        "expected_macs": ["00:11:22:33:44:55"],
    }
    code, out, _ = crisis(db, "ansible-inventory", "--host", "PC-1")
    assert json.loads(out)["asset_tag"] == "PC-1"
    code, out, _ = crisis(db, "runs", "list", "--json")
    assert (code, json.loads(out)) == (0, [])


def test_agreements_show_their_terms_and_take_a_notice(demo_db: Path, tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "a.sqlite3"
    shutil.copy(demo_db, db)
    code, out, _ = crisis(db, "agreements", "list", "--on", "2026-11-22", "--json")
    views = {v["reference"]: v for v in json.loads(out)}
    assert views["DL.2024-17"]["status"] == "expired"
    assert views["07-2024-06"] == {
        "reference": "07-2024-06",
        "borrower": "Commune d'Aubagne",
        "status": "in_force",
        "on": "2026-11-22",
        "term_end": "2026-12-31",
        "next_renewal": "2027-01-01",
        "notice_deadline": "2027-09-30",  # this year's has passed
        "last_day": "2032-06-30",
        "notice_given_on": "—",
    }
    code, out, err = crisis(db, "agreements", "notice", "07-2024-06", "2026-09-15")
    assert code == 0, err
    assert "dernier jour 2026-12-31" in out
