"""``crisis agreements``: obligations through the command line, in French by default."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crisis.domain.paris_time import paris_date
from tests.cli.test_cli import crisis


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "a.sqlite3"
    shutil.copy(demo_db, copy)
    return copy


def test_insurance_proof_recorded_shown_and_on_the_dashboard(db: Path, tmp_path: Path) -> None:
    scan = tmp_path / "attestation-smacl.pdf"
    scan.write_bytes(b"%PDF-1.4 attestation")
    until = paris_date(datetime.now(UTC)) + timedelta(days=10)
    code, out, err = crisis(
        db, "agreements", "insurance", "add", "07-2024-06", str(scan), "--insurer", "SMACL",
        "--policy", "RC-42", "--from", "2026-01-01", "--until", until.isoformat(),
        "--cover", "civil_liability", "--cover", "property_damage",
    )  # fmt: skip
    assert code == 0, err
    digest = hashlib.sha256(b"%PDF-1.4 attestation").hexdigest()
    assert f"sha256 {digest}" in out
    code, out, _ = crisis(db, "agreements", "show", "07-2024-06")
    assert code == 0
    assert "Assurance SMACL n° RC-42 (responsabilité civile, dommages aux biens)" in out
    assert "(copie intacte)" in out
    code, out, _ = crisis(db, "agreements", "show", "07-2024-06", "--json")
    shown = json.loads(out)
    assert shown["insurance_proofs"][0]["file_sha256"] == digest
    assert shown["missing_covers"] == []
    code, out, _ = crisis(db, "dashboard")
    assert f"Attestation d'assurance 07-2024-06 : SMACL n° RC-42, expire le {until:%d/%m/%Y}" in out


def test_a_refusing_agreement_says_why_the_loan_does_not_open(db: Path) -> None:
    code, out, _ = crisis(db, "agreements", "insurance", "rule", "07-2024-06", "refuse")
    assert code == 0
    assert "aucun prêt ne s'ouvre" in out
    assert crisis(db, "crisis", "declare", "13005", "CYBER-9", "--declarant", "Maire")[0] == 0
    code, _, err = crisis(db, "loan", "open", "CYBER-9", "07-2024-06", "Kit continuité 5 postes")
    assert code == 1
    assert "aucune attestation d'assurance valable" in err  # French, as the rest
    assert "Traceback" not in err


def test_an_unreadable_proof_file_is_a_clear_error(db: Path, tmp_path: Path) -> None:
    code, _, err = crisis(
        db, "agreements", "insurance", "add", "07-2024-06", str(tmp_path / "missing.pdf"),
        "--insurer", "X", "--policy", "1", "--from", "2026-01-01", "--until", "2026-12-31",
        "--cover", "civil_liability",
    )  # fmt: skip
    assert code == 1
    assert "impossible de lire" in err


def test_notice_with_its_letter_and_scan_through_the_cli(db: Path, tmp_path: Path) -> None:
    assert crisis(db, "crisis", "declare", "13005", "CYBER-9", "--declarant", "Maire")[0] == 0
    assert crisis(db, "loan", "open", "CYBER-9", "07-2024-06", "Kit continuité 5 postes")[0] == 0
    scan = tmp_path / "lrar.pdf"
    scan.write_bytes(b"%PDF-1.4 LRAR")
    code, out, err = crisis(
        db, "agreements", "notice", "07-2024-06", "2026-09-15", "--letter", "1A 0042",
        "--scan", str(scan),
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = crisis(db, "agreements", "show", "07-2024-06", "--on", "2026-10-01")
    digest = hashlib.sha256(b"%PDF-1.4 LRAR").hexdigest()
    assert (
        f"Préavis reçu le 15/09/2026 par lettre recommandée 1A 0042 — scan lrar.pdf "
        f"sha256 {digest} (copie intacte)"
    ) in out
    assert "À restituer avant la fin de la convention 07-2024-06 (31/12/2026) : prêt PRET-" in out
    code, out, _ = crisis(db, "dashboard")
    assert "À restituer avant la fin de la convention 07-2024-06 (31/12/2026) : prêt PRET-" in out


def test_contacts_through_the_cli_and_the_dpo_on_the_breach_clock(db: Path) -> None:
    code, out, err = crisis(
        db, "agreements", "contact", "07-2024-06", "dpo", "Inès Roux", "--email", "dpo@aubagne.fr"
    )
    assert code == 0, err
    assert "DPO de l'emprunteur — Inès Roux <dpo@aubagne.fr>" in out
    code, _, err = crisis(db, "agreements", "contact", "07-2024-06", "dpo", "X", "--email", "x")
    assert code == 1
    assert "not an e-mail address" in err
    code, out, _ = crisis(db, "agreements", "show", "07-2024-06")
    assert "DPO de l'emprunteur : Inès Roux <dpo@aubagne.fr>" in out
    assert "correspondant du prêteur : non renseigné" in out
    assert crisis(db, "crisis", "declare", "13005", "CYBER-9", "--declarant", "Maire")[0] == 0
    code, _, err = crisis(
        db, "incident", "loss", "CYBER-9", "--declarant", "Accueil", "--description", "Volé",
        "--asset", "AMP-PC-0002", "--theft", "--personal-data",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = crisis(db, "clocks", "--json")
    (breach,) = [c for c in json.loads(out) if c["kind"] == "data_breach"]
    assert breach["notify"] == "Inès Roux <dpo@aubagne.fr>"


def test_a_claim_through_the_cli(db: Path) -> None:
    assert crisis(db, "crisis", "declare", "13005", "CYBER-9", "--declarant", "Maire")[0] == 0
    code, out, err = crisis(
        db, "incident", "loss", "CYBER-9", "--declarant", "Accueil", "--description", "Volé",
        "--asset", "AMP-PC-0002", "--theft",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = crisis(db, "agreements", "claim", "declare", "1", "--reference", "S-7")
    assert code == 0, err
    assert "référence S-7 ; réponse : en attente" in out
    code, _, err = crisis(db, "agreements", "claim", "answer", "1", "refused", "--on", "2099-01-01")
    assert code == 1
    assert "dans le futur" in err
    today = paris_date(datetime.now(UTC)).isoformat()
    code, out, _ = crisis(db, "agreements", "claim", "answer", "1", "refused", "--on", today)
    assert code == 0
    assert "refus de prise en charge" in out
    code, _, err = crisis(db, "assets", "add", "AMP-PC-9001", "--category", "laptop")
    assert code == 0, err
    code, out, err = crisis(
        db, "agreements", "claim", "remedy", "1", "replacement", "AMP-PC-9001",
        "--checked-by", "Paul Blanc",
    )  # fmt: skip
    assert code == 0, err
    assert "remplacé par AMP-PC-9001, contrôlé par Paul Blanc" in out
    code, out, _ = crisis(db, "assets", "show", "AMP-PC-0002", "--json")
    assert json.loads(out)["state"] == "retired"
    code, _, err = crisis(db, "agreements", "claim", "show", "42")
    assert code == 1
    assert "aucun incident 42" in err
