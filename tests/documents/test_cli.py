"""The documents, verify and audit commands, end to end on a demo inventory."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from crisis.cli import app
from tests.documents.certificates import P12_PASSPHRASE
from tests.documents.town import town_credential

runner = CliRunner()
ENV = {"CRISIS_OPERATOR_PASSPHRASE": "demo passphrase", "CRISIS_CA_PASSPHRASE": "the authority!"}


def run(db: Path, *args: str) -> tuple[int, str]:
    r = runner.invoke(app, ["--db", str(db), "--operator", "admin", *args], env=ENV)
    return r.exit_code, r.stdout + r.stderr


def test_issue_sign_seal_verify_and_audit(tmp_path: Path) -> None:
    db = tmp_path / "inv.sqlite3"
    steps = [
        ("demo", "--laptops", "8", "--phones", "8"),
        ("crisis", "declare", "13005", "CYBER-1", "--declarant", "Maire d'Aubagne"),
        ("loan", "open", "CYBER-1", "07-2024-06", "Kit continuité 5 postes"),
        ("loan", "assemble", "PRET-2026-0001"),
        ("loan", "provision", "PRET-2026-0001"),
    ]
    for step in steps:
        code, out = run(db, *step)
        assert code == 0, (step, out)
    tests = tmp_path / "tests.json"
    tests.write_text(json.dumps([
        {"test": "Écran", "expected": "allumé", "observed": "allumé", "passed": True,
         "tester": "Marie Dupont"},
    ]))  # fmt: skip
    code, out = run(db, "documents", "acceptance", "PRET-2026-0001", "--tests", str(tests))
    assert code == 0, out
    # Nothing was run yet: 5 laptops, the switch, the mailboxes and 5 phones are "not run".
    assert "1/13 réussis (automatisés : 12, manuels : 1)" in out
    # The town accepts the twelve gaps in writing: one new revision carries the reservations.
    rows = map(str, range(1, 13))
    code, out = run(db, "documents", "reserve", "PRET-2026-0001/acceptance-1",
                    *rows, "--by", "Marie Dupont", "--reason", "refait sur place")  # fmt: skip
    assert code == 0, out
    ref = "PRET-2026-0001/acceptance-2"
    code, out = run(db, "documents", "sign", ref, "--party", "borrower", "--signer", "M. le maire")
    assert code == 1
    assert "des clés qu'elle seule contrôle" in out
    code, out = run(db, "documents", "seal", ref, "--party", "borrower")
    assert code == 1
    assert "le prêteur signe l'empreinte avant le PDF" in out
    assert run(db, "documents", "sign", ref, "--party", "lender")[0] == 0
    code, out = run(db, "documents", "seal", ref, "--party", "lender")
    assert code == 0, out
    code, out = run(db, "documents", "seal", ref, "--party", "borrower")
    assert code == 1
    assert "aucun certificat au nom d'une autre partie" in out
    town = town_credential()
    assert town.pkcs12 is not None
    r = runner.invoke(
        app,
        ["--db", str(db), "--operator", "admin", "documents", "seal", ref, "--party", "borrower",
         "--pkcs12", str(town.pkcs12)],
        env={**ENV, "CRISIS_PKCS12_PASSPHRASE": P12_PASSPHRASE},
    )  # fmt: skip
    assert r.exit_code == 0, r.stdout + r.stderr
    code, out = run(db, "loan", "accept", "PRET-2026-0001")
    assert code == 0, out  # the signatures fed the loan's guard
    pdf = tmp_path / "sheet.pdf"
    assert run(db, "documents", "pdf", ref, "-o", str(pdf))[0] == 0
    code, out = run(db, "verify", str(pdf))
    assert code == 0, out
    assert ": INTACT - " in out
    assert "signé par le prêteur et l'emprunteur" in out  # French by default
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x20
    pdf.write_bytes(bytes(data))
    code, out = run(db, "verify", str(pdf))
    assert code == 2
    assert ": NON INTÈGRE (" in out
    assert "  - le PDF " in out or "  - signature PDF " in out  # the problems too
    bundle = tmp_path / "bundle"
    assert run(db, "journal", "checkpoint")[0] == 0  # proves when the signatures existed
    assert run(db, "audit", "export", str(bundle))[0] == 0
    code, out = run(db, "audit", "verify", str(bundle))
    assert code == 0, out
    (bundle / "keys" / "operators.json").write_text("[]")
    code, out = run(db, "audit", "verify", str(bundle))
    assert code == 2
    assert "modifié : keys/operators.json" in out  # French by default
    r = runner.invoke(app, ["audit", "verify", str(bundle)], env={**ENV, "CRISIS_LANG": "en"})
    assert r.exit_code == 2
    assert r.stdout.startswith("BUNDLE NOT INTACT: ")
    assert "  - changed: keys/operators.json" in r.stdout
