"""The whole loan lifecycle through the command line, scanner included."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from crisis.cli import app

runner = CliRunner()
#: The demo's administrator signs for the lender with the demo passphrase.
ENV = {"CRISIS_OPERATOR_PASSPHRASE": "demo passphrase"}


def crisis(db: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    r = runner.invoke(app, ["--db", str(db), "--operator", "admin", *args], input=stdin, env=ENV)
    return r.exit_code, r.stdout, r.stderr


def ok(db: Path, *args: str, stdin: str | None = None) -> str:
    code, out, err = crisis(db, *args, stdin=stdin)
    assert code == 0, (args, out, err)
    return out


def sign_both(db: Path, document: str) -> None:
    """The lender's operator signs, then the town's representative by hand (scan attached)."""
    ok(db, "documents", "sign", document, "--party", "lender")
    scan = db.with_name("scan.pdf")
    scan.write_bytes(b"%PDF-1.4 scan of the signed page")
    ok(db, "documents", "sign-handwritten", document, "--signer", "Maire d'Aubagne",
       "--scan", str(scan))  # fmt: skip


def test_from_attack_to_return_report(tmp_path: Path) -> None:
    db = tmp_path / "l.sqlite3"
    ok(db, "demo", "--laptops", "12", "--phones", "12")
    ok(db, "crisis", "declare", "13005", "CYBER-7", "--declarant", "Maire d'Aubagne")
    out = ok(db, "loan", "open", "CYBER-7", "07-2024-06", "Kit continuité 5 postes")
    ref = out.split()[0]
    for step in ("assemble", "provision"):
        ok(db, "loan", step, ref)
    code, _, err = crisis(db, "loan", "accept", ref)
    assert code == 1
    assert "fiche d'essai contradictoire" in err
    ok(db, "documents", "acceptance", ref)  # every automated row "not run"
    sign_both(db, f"{ref}/acceptance-1")
    code, _, err = crisis(db, "loan", "accept", ref)
    assert code == 1
    assert "ligne 1 : " in err
    assert "sans réserve de l'emprunteur" in err
    latest = f"{ref}/acceptance-1"
    for n in sorted({int(m) for m in re.findall(r"ligne (\d+) : ", err)}):
        out = ok(db, "documents", "reserve", latest, str(n), "--by", "Maire d'Aubagne",
                 "--reason", "refait sur place")  # fmt: skip
        latest = out.split(":")[0].strip()
    ok(db, "documents", "inventory", ref)
    for document in (latest, f"{ref}/inventory-1"):
        sign_both(db, document)
    for step, state in (
        ("accept", "accepted"),
        ("handover", "handed_over"),
        ("activate", "active"),
    ):
        assert f"[{state}]" in ok(db, "loan", step, ref)
    items = json.loads(ok(db, "loan", "show", ref, "--json"))["items"]
    # The scanner types each tag and Enter; one laptop never comes back.
    scanned = "\n".join(items[1:]) + "\n"
    out = ok(db, "loan", "scan", ref, stdin=scanned)
    assert f"manquants : {items[0]}" in out  # French by default
    code, _, err = crisis(db, "loan", "finish-return", ref)
    assert code == 1
    assert "procès-verbal de restitution" in err
    ok(db, "documents", "return", ref)
    sign_both(db, f"{ref}/return-1")
    ok(db, "loan", "finish-return", ref)
    code, _, err = crisis(db, "loan", "close", ref)
    assert code == 1
    assert "aucun assainissement enregistré pour 15 appareils restitués" in err
    devices = json.loads(ok(db, "quarantine", "show", ref, "--json"))["devices"]
    assert len(devices) == 15
    assert {d["sanitisation"] for d in devices} == {""}
    by_hand = [d["tag"] for d in devices if d["category"] != "laptop"]
    laptops = [d["tag"] for d in devices if d["category"] == "laptop"]
    manual = ("--method", "Clear", "--technique", "factory reset", "--tool", "recovery menu",
              "--verification-method", "setup screen on boot")  # fmt: skip
    code, _, err = crisis(db, "quarantine", "record", laptops[0], *manual)
    assert code == 1
    assert "playbook laptop_sanitise" in err
    ok(db, "quarantine", "record", *by_hand, *manual)
    devices = json.loads(ok(db, "quarantine", "show", ref, "--json"))["devices"]
    assert {d["tag"]: d["state"] for d in devices if d["sanitisation"] == "passed"} == {
        tag: "sanitised" for tag in by_hand
    }
    code, _, err = crisis(db, "loan", "close", ref)
    assert code == 1
    assert f"aucun assainissement enregistré pour {len(laptops)} appareils restitués" in err
    assert json.loads(ok(db, "dashboard", "--json"))["loans"][0]["state"] == "sanitising"
    assert ok(db, "journal", "verify").startswith("journal intact")
    listed = json.loads(ok(db, "loan", "list", "--state", "sanitising", "--json"))
    assert [(x["reference"], x["borrower"]) for x in listed] == [(ref, "Commune d'Aubagne")]
    assert json.loads(ok(db, "loan", "list", "--state", "closed", "--json")) == []
    assert (
        "Kit continuité 5 postes : 5 × poste portable, 5 × téléphone, 1 × commutateur, "
        "5 × accessoire, 5 boîtes aux lettres" in ok(db, "loan", "templates")
    )
