"""Auditors are read-only: every state-changing command refuses them, command by command."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from crisis.cli import app

runner = CliRunner()
AUDITOR = "Nadia Blanc"
ENV = {
    "CRISIS_VAULT_PASSPHRASE": "correct horse battery staple",
    "CRISIS_VAULT_NEW_PASSPHRASE": "a brand new passphrase",
    "CRISIS_HANDOVER_PASSPHRASE": "the town chose this",
    "CRISIS_OPERATOR_PASSPHRASE": "demo passphrase",
    "CRISIS_NEW_OPERATOR_PASSPHRASE": "operator passphrase",
    "CRISIS_BACKUP_PASSPHRASE": "backup passphrase 1",
}


@dataclass(frozen=True)
class Case:
    """How to run a command: its arguments, stdin, and on which inventory."""

    args: tuple[str, ...] = ()
    stdin: str | None = None
    db: str = "full"  # "full" (demo + vault) or "bare" (operators only, for `demo`)
    extra: tuple[str, ...] = field(default=())


#: Every command that changes state, with arguments that would succeed for an admin.
CHANGING: dict[str, Case] = {
    "demo": Case(("--laptops", "5", "--phones", "5"), db="bare"),
    "assets add": Case(("NEW-1", "--category", "laptop")),
    "assets set-state": Case(("AMP-PC-0002", "in_stock")),  # reserved by the kit
    "assets set": Case(("AMP-PC-0003", "ansible_host=127.0.1.10")),
    "assets import": Case(("{csv}",)),
    "journal checkpoint": Case(),  # the station's key (another one must be pinned first)
    "journal trust": Case(("ab" * 32,)),
    "vault init": Case(),
    "vault rotate-key": Case(),
    "vault generate": Case(("mailbox", "new@aubagne.example", "password", "--kind", "mailbox")),
    "vault set": Case(("switch", "AMP-SW-002", "enable", "--kind", "switch", "--stdin"), "x" * 16),
    "vault rotate": Case(("mailbox", "accueil@aubagne.example", "password")),
    "vault reveal": Case(("mailbox", "accueil@aubagne.example", "password")),
    "vault export-handover": Case(("13005", "--out", "{tmp}/handover")),
    "operators add": Case(("Eve", "--role", "admin")),
    "hostkeys pin": Case(
        (
            "AMP-SW-001",
            "--key",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIojojbrHHR9QBE57lDQaCR8rzLmTaWL09j4DMnIhAGy",
        )
    ),
    "agreements notice": Case(("07-2024-07", "2026-09-15")),
    "agreements data-terms": Case(
        ("07-2024-07", "--article", "art. 10", "--option", "returned", "--option", "destroyed")
    ),
    "agreements insurance add": Case(
        (
            "07-2024-06",
            "{tests}",
            "--insurer",
            "SMACL",
            "--policy",
            "RC-1",
            "--from",
            "2026-01-01",
            "--until",
            "2026-12-31",
            "--cover",
            "civil_liability",
        )
    ),
    "agreements insurance rule": Case(("07-2024-06", "warn")),
    "agreements contact": Case(("07-2024-06", "dpo", "Inès Roux", "--email", "dpo@aubagne.fr")),
    "agreements claim declare": Case(("1", "--reference", "SIN-1")),
    "agreements claim answer": Case(("1", "refused", "--on", "2026-12-01")),
    "agreements claim remedy": Case(("1", "repair", "AMP-PC-0001", "--checked-by", "Paul Blanc")),
    "crisis declare": Case(("13028", "CYBER-NEW", "--declarant", "Maire de La Ciotat")),
    "crisis log": Case(("CYBER-R", "réseau isolé")),
    "incident breakdown": Case(("CYBER-R", "--declarant", "DSI", "--description", "panne")),
    "incident loss": Case(
        ("CYBER-R", "--declarant", "DSI", "--description", "perdu", "--asset", "AMP-PC-0005")
    ),
    "loan open": Case(("CYBER-R", "07-2024-06", "Kit continuité 5 postes")),
    "clocks stop": Case(("1",)),
    "clocks relay": Case(("127.0.0.1", "--sender", "alertes@metropole.example")),
    "clocks watch": Case(("--once",)),
    "agreements representative": Case(
        (
            "07-2024-06",
            "--party",
            "borrower",
            "--name",
            "Jean Test",
            "--position",
            "Maire",
            "--act",
            "délibération n° 12",
            "--date",
            "2026-01-05",
        )
    ),
    "agreements deliberation": Case(("07-2024-06", "--date", "2026-01-05")),
    # Each needs the loan at a given step: their success is the lifecycle tests' business
    # (tests/cli/test_lifecycle_cli.py); here they must be refused to an auditor.
    "loan assemble": Case(("PRET-2026-0001",)),
    "loan provision": Case(("PRET-2026-0001",)),
    "loan substitute": Case(("PRET-2026-0001", "AMP-PC-0001", "AMP-PC-0004")),
    "loan accept": Case(("PRET-2026-0001",)),
    "loan handover": Case(("PRET-2026-0001",)),
    "loan activate": Case(("PRET-2026-0001",)),
    "loan scan": Case(("PRET-2026-0001", "AMP-PC-0001")),
    "loan finish-return": Case(("PRET-2026-0001",)),
    "loan close": Case(("PRET-2026-0001",)),
    "loan withdraw-scan": Case(("PRET-2026-0001", "AMP-PC-0001")),
    "loan declare-missing": Case(("PRET-2026-0001", "--declarant", "DGS")),
    "hold put": Case(("AMP-PC-0001", "--seal", "S-1", "--taken-by", "OPJ")),
    "hold transfer": Case(("AMP-PC-0001", "--to", "IRCGN")),
    "hold release": Case(("AMP-PC-0001", "--authorised-by", "Procureur", "--reason", "fin")),
    "quarantine record": Case(
        (
            "AMP-TEL-0001",
            "--method",
            "Clear",
            "--technique",
            "reset",
            "--tool",
            "adb",
            "--verification-method",
            "boot to setup screen",
        )
    ),
    # These talk to devices: their success is tested against the lab (tests/integration).
    "switch diff": Case(("AMP-SW-001",)),
    "switch apply": Case(("AMP-SW-001",)),
    "switch backup": Case(("AMP-SW-001",)),
    "switch reset": Case(("AMP-SW-001",)),
    "switch rollback": Case(("AMP-SW-001",)),
    "laptops clean": Case(("AMP-PC-0001",)),
    "laptops sanitise": Case(("AMP-PC-0001",)),
    "phones reset": Case(("AMP-TEL-0001",)),
    "phones provision": Case(("PRET-2026-0001",)),
    "phones profile": Case(("AMP-TEL-0001", "-o", "{tmp}/fiches")),
    "incident step": Case(("1", "AMP-TEL-0001", "line_suspension")),
    "mailboxes host": Case(("127.0.2.9", "--domain", "aubagne.crise.test")),
    "mailboxes setup": Case(),
    "mailboxes domain": Case(("13028", "laciotat.crise.test")),
    "mailboxes create": Case(("PRET-2026-0001", "--domain", "aubagne.crise.example")),
    "mailboxes check": Case(("PRET-2026-0001",)),
    "mailboxes suspend": Case(("PRET-2026-0001",)),
    "mailboxes return": Case(("PRET-2026-0001", "--export-dir", "{tmp}/exports")),
    "mailboxes destroy": Case(("PRET-2026-0001", "--certificate", "ATT-1")),
    "documents inventory": Case(("PRET-2026-0001",)),
    "documents reserve": Case(
        ("PRET-2026-0001/acceptance-1", "1", "--by", "Maire", "--reason", "refait sur place")
    ),
    "documents acceptance": Case(("PRET-2026-0001", "--tests", "{tests}")),
    "documents return": Case(("PRET-2026-0001",)),
    "documents sanitisation": Case(("PRET-2026-0001", "AMP-PC-0001", "--validated-by", "RSSI")),
    "documents data": Case(("PRET-2026-0001", "--mailbox", "accueil@aubagne.example=returned")),
    "documents sign": Case(("PRET-2026-0001/inventory-1", "--party", "lender")),
    "documents seal": Case(("PRET-2026-0001/inventory-1", "--party", "lender")),
    "documents sign-handwritten": Case(
        ("PRET-2026-0001/inventory-1", "--signer", "Maire", "--scan", "{tests}")
    ),
    "documents import-signed": Case(("PRET-2026-0001/inventory-1", "{tests}")),
    "backup": Case(("{tmp}/station.crisis-backup",)),
    "restore": Case(("{tmp}/station.crisis-backup",)),
    "documents delegate": Case(
        ("Le Président", "--to", "admin", "--act", "arrêté 1", "--date", "2026-01-05")
    ),
}
#: Changing commands whose success for an admin depends on the loan's step or on devices
#: (tested elsewhere: lifecycle, lab and documents tests).
STEPWISE = {
    c
    for c in CHANGING
    if c.split()[0] in ("switch", "laptops", "mailboxes", "phones", "quarantine", "hold")
    or c.startswith("loan ")
} - {"loan open", "mailboxes host", "mailboxes domain"}
#: A loss step needs a loss declared first (tested in tests/mail/test_phones.py).
STEPWISE |= {"incident step"}
#: Documents that need the loan at a later step, or a document not yet signed (tested in
#: tests/documents/test_cli.py).
STEPWISE |= {
    "agreements claim answer",  # after the claim's declaration (tests/agreements)
    "agreements claim remedy",
    "documents return",
    "documents reserve",
    "documents sanitisation",
    "documents data",
    "documents sign",
    "documents seal",
    "documents sign-handwritten",
    "documents import-signed",
    "restore",  # admins only, from a backup: tests/documents/test_backup.py
    "clocks watch",  # sends through a relay: tests/mail/test_clock_alerts.py
}
#: Commands that only read: auditors may run them.
READ_ONLY: dict[str, Case] = {
    "assets list": Case(),
    "assets show": Case(("AMP-PC-0001",)),
    "assets export": Case(("-o", "{tmp}/export.csv")),
    "labels": Case(("AMP-PC-0001", "-o", "{tmp}/labels.pdf")),
    "packing-list": Case(("PRET-2026-0001", "-o", "{tmp}/bordereau.pdf")),
    "journal verify": Case(),
    "journal tail": Case(),
    "vault status": Case(),
    "vault unlock": Case(),
    "vault list": Case(),
    "vault open-package": Case(("{package}",)),
    "operators list": Case(),
    "operators show": Case((AUDITOR,)),
    "switch plan": Case(("AMP-SW-001", "-l", "AMP-PC-0001")),
    "switch history": Case(("AMP-SW-001",)),
    "hostkeys show": Case(("AMP-SW-001",)),
    "runs list": Case(),
    "agreements list": Case(),
    "agreements show": Case(("07-2024-06",)),
    "agreements claim show": Case(("1",)),
    "ansible-inventory": Case(("--list",)),
    "dashboard": Case(),
    "loan show": Case(("PRET-2026-0001",)),
    "crisis log-show": Case(("CYBER-R",)),
    "quarantine show": Case(("PRET-2026-0001",)),
    "hold show": Case(("AMP-PC-0001",)),
    "loan list": Case(),
    "loan templates": Case(),
    "loan report": Case(("PRET-2026-0001",)),
    "documents list": Case(),
    "documents pdf": Case(("PRET-2026-0001/inventory-1", "-o", "{tmp}/doc.pdf")),
    "documents snapshot": Case(("PRET-2026-0001/inventory-1", "-o", "{tmp}/doc.json")),
    "verify": Case(("{snapshot}",)),
    "audit export": Case(("{tmp}/bundle",)),
    "audit verify": Case(("{bundle}",)),
}
#: Interactive only.
OTHER = {"tui"}


def command_paths(group: Any, prefix: str = "") -> set[str]:
    """Every leaf command under a (Typer) command group, as "group sub" paths."""
    out: set[str] = set()
    for name, cmd in group.commands.items():
        path = f"{prefix}{name}"
        if getattr(cmd, "commands", None) is not None:
            out |= command_paths(cmd, path + " ")
        else:
            out.add(path)
    return out


def test_every_command_is_classified() -> None:
    found = command_paths(typer.main.get_command(app))
    assert {"assets add", "vault rotate-key", "operators add", "demo"} <= found
    unclassified = found - set(CHANGING) - set(READ_ONLY) - OTHER
    assert not unclassified, f"classify these commands in tests/cli/test_roles.py: {unclassified}"
    assert not (set(CHANGING) | set(READ_ONLY) | OTHER) - found


def run(db: Path, operator: str, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    r = runner.invoke(app, ["--db", str(db), "--operator", operator, *args], env=ENV, input=stdin)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture(scope="module")
def inventories(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A demo inventory with operators, a vault, a secret and a handover package; and a bare
    inventory holding only an admin and an auditor."""
    base = tmp_path_factory.mktemp("roles")
    full = base / "full.sqlite3"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CRISIS_DATA_DIR", str(base / "data"))
        assert run(full, "admin", "demo", "--laptops", "5", "--phones", "5")[0] == 0
        assert run(full, "admin", "vault", "init")[0] == 0
        code, _, err = run(
            full, "Claire Martin", "vault", "generate", "mailbox", "accueil@aubagne.example",
            "password", "--kind", "mailbox", "--organisation", "13005",
        )  # fmt: skip
        assert code == 0, err
        code, _, err = run(full, "admin", "vault", "export-handover", "13005", "-o", str(base))
        assert code == 0, err
        for step in (
            ("crisis", "declare", "13005", "CYBER-R", "--declarant", "Maire d'Aubagne"),
            ("loan", "open", "CYBER-R", "07-2024-06", "Kit continuité 5 postes"),
            ("loan", "assemble", "PRET-2026-0001"),  # a joint inventory lists an assembled kit
            ("incident", "breakdown", "CYBER-R", "--declarant", "DSI", "--description", "panne"),
        ):
            code, _, err = run(full, "admin", *step)
            assert code == 0, (step, err)
        signing = {**ENV, "CRISIS_OPERATOR_PASSPHRASE": "demo passphrase"}
        (base / "scan.pdf").write_bytes(b"%PDF-1.4 scan of the page signed by hand")
        for step in (
            ("documents", "inventory", "PRET-2026-0001"),
            ("documents", "sign", "PRET-2026-0001/inventory-1", "--party", "lender"),
            ("documents", "sign-handwritten", "PRET-2026-0001/inventory-1",
             "--signer", "Maire d'Aubagne", "--scan", str(base / "scan.pdf")),
            ("documents", "snapshot", "PRET-2026-0001/inventory-1", "-o", str(base / "doc.json")),
            ("audit", "export", str(base / "bundle")),
        ):  # fmt: skip
            r = runner.invoke(app, ["--db", str(full), "--operator", "admin", *step], env=signing)
            assert r.exit_code == 0, (step, r.stdout, r.stderr)
        bare = base / "bare.sqlite3"
        assert run(bare, "admin", "operators", "add", "admin", "--role", "admin")[0] == 0
        assert run(bare, "admin", "operators", "add", AUDITOR, "--role", "auditor")[0] == 0
    package = next(base.glob("*.crisis-package"))
    csv = base / "stock.csv"
    csv.write_text("tag,category\nIMP-1,laptop\n")
    tests = base / "tests.json"
    tests.write_text(
        '[{"test": "t", "expected": "e", "observed": "o", "passed": true, "tester": "x"}]'
    )
    return {
        "full": full, "bare": bare, "package": package, "csv": csv, "base": base,
        "tests": tests, "snapshot": base / "doc.json", "bundle": base / "bundle",
    }  # fmt: skip


def state(db: Path) -> tuple[object, ...]:
    with sqlite3.connect(db) as c:
        return (
            c.execute("SELECT seq, hash FROM journal_head").fetchone(),
            c.execute("SELECT count(*) FROM journal_checkpoint").fetchone(),
            c.execute("SELECT group_concat(hex(ciphertext)) FROM secret").fetchone(),
            c.execute("SELECT key_id FROM vault_key").fetchall(),
            c.execute("SELECT count(*) FROM operator").fetchone(),
            c.execute("SELECT count(*), group_concat(state) FROM asset").fetchone(),
            c.execute("SELECT count(*), group_concat(state) FROM loan").fetchone(),
            c.execute("SELECT count(*) FROM incident").fetchone(),
        )


def expand(args: tuple[str, ...], inv: dict[str, Path], tmp: Path) -> list[str]:
    subs = {
        "{csv}": str(inv["csv"]), "{package}": str(inv["package"]), "{tests}": str(inv["tests"]),
        "{snapshot}": str(inv["snapshot"]), "{bundle}": str(inv["bundle"]),
    }  # fmt: skip
    return [subs.get(a, a.replace("{tmp}", str(tmp))) for a in args]


@pytest.mark.parametrize("command", sorted(CHANGING))
def test_auditors_cannot_run_a_changing_command(
    command: str, inventories: dict[str, Path], tmp_path: Path
) -> None:
    case = CHANGING[command]
    db = inventories[case.db]
    before = state(db)
    code, out, err = run(
        db, AUDITOR, *command.split(), *expand(case.args, inventories, tmp_path), stdin=case.stdin
    )
    assert code == 1, (out, err)
    assert "les auditeurs sont en lecture seule" in err
    assert state(db) == before
    assert not list(tmp_path.iterdir())  # no file written either


@pytest.mark.parametrize("command", sorted(READ_ONLY))
def test_auditors_can_run_a_read_only_command(
    command: str, inventories: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On the station that made the inventory (whose checkpoint key is pinned there).
    monkeypatch.setenv("CRISIS_DATA_DIR", str(inventories["base"] / "data"))
    case = READ_ONLY[command]
    db = inventories["full"]
    before = state(db)
    code, out, err = run(db, AUDITOR, *command.split(), *expand(case.args, inventories, tmp_path))
    assert code == 0, (out, err)
    assert state(db) == before


def test_the_changing_cases_succeed_for_an_admin(
    inventories: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards the table above: each refusal is a role check, not a broken invocation."""
    monkeypatch.setenv("CRISIS_DATA_DIR", str(inventories["base"] / "data"))
    copies = {}
    for which in ("full", "bare"):
        copies[which] = tmp_path / f"{which}-copy.sqlite3"
        with sqlite3.connect(inventories[which]) as src, sqlite3.connect(copies[which]) as dst:
            src.backup(dst)  # the WAL's content too
    # The key rotation goes last: it changes the passphrase the others use.
    for command in sorted(CHANGING, key=lambda c: c == "vault rotate-key"):
        if command == "vault init" or command in STEPWISE:
            continue  # the vault exists; refusing a second init is tested in the vault tests
        case = CHANGING[command]
        args = expand(case.args, inventories, tmp_path)
        code, out, err = run(copies[case.db], "admin", *command.split(), *args, stdin=case.stdin)
        assert code == 0, (command, out, err)
        # Its events are under a signed checkpoint: its tail cannot be cut or rewritten unseen.
        code, out, err = run(copies[case.db], "admin", "journal", "verify", "--json")
        assert code == 0, (command, out, err)
        assert json.loads(out)["uncovered"] == 0, (command, out)
