"""Evidence files in the audit bundle (issue 14 point 2): insurance proofs and the termination
letter's scan, each under its SHA-256, checked by ``audit verify`` against the journal; a file
altered is named, one the exporting station did not hold is said to be missing there. Both
backends; the command line on SQLite."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from crisis.config import data_dir
from crisis.services import agreements, audit, insurance, journal
from crisis.services.demo import seed_demo
from crisis.services.insurance import Cover
from crisis.services.workspace import Workspace
from tests.cli.test_cli import crisis as cli

PROOF = b"%PDF-1.4 attestation RC SMACL 2026"
LETTER = b"%PDF-1.4 LRAR Istres 1A 123 456 7890 1"


@pytest.fixture
def recorded(ws: Workspace, tmp_path: Path) -> Workspace:
    """An insurance proof on 07-2024-06 and a notice letter with its scan on 07-2024-08."""
    seed_demo(ws, laptops=4, phones=4)
    proof, scan = tmp_path / "attestation-rc.pdf", tmp_path / "lrar-istres.pdf"
    proof.write_bytes(PROOF)
    scan.write_bytes(LETTER)
    insurance.add_proof(
        ws, "07-2024-06", file=proof, insurer="SMACL", policy_number="RC-2026-042",
        covers=(Cover.CIVIL_LIABILITY,), valid_from=date(2026, 1, 1),
        valid_until=date(2026, 12, 31),
    )  # fmt: skip
    agreements.record_notice(
        ws, "07-2024-08", date(2026, 9, 15), letter_reference="1A 123 456 7890 1", scan=scan
    )
    journal.issue_checkpoint(ws)
    return ws


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_bundle_carries_the_evidence_and_names_an_altered_file(
    recorded: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "bundle"
    summary = audit.export_bundle(recorded, out)
    assert summary.missing_evidence == ()
    assert (out / "evidence" / _sha(PROOF)).read_bytes() == PROOF
    assert (out / "evidence" / _sha(LETTER)).read_bytes() == LETTER
    v = audit.verify_bundle(out, lang="fr")
    assert v.ok, v.problems
    assert v.notes == ()
    # Someone swaps the letter's scan.
    (out / "evidence" / _sha(LETTER)).write_bytes(b"%PDF-1.4 another letter")
    v = audit.verify_bundle(out, lang="fr")
    assert not v.ok
    assert (
        f"pièce evidence/{_sha(LETTER)} (lettre de résiliation, convention 07-2024-08) : "
        f"son SHA-256 n'est plus {_sha(LETTER)} — le fichier a été modifié" in v.problems
    )
    # Removed, with its index line: the journal still says it was recorded.
    (out / "evidence" / _sha(PROOF)).unlink()
    (out / "evidence" / "index.json").write_text("[]")
    v = audit.verify_bundle(out, lang="en")
    assert any(
        p.startswith(f"evidence {_sha(PROOF)} (insurance proof, agreement 07-2024-06")
        and "neither in the bundle nor in its index" in p
        for p in v.problems
    ), v.problems


def test_another_station_without_the_files_says_they_are_missing_there(
    recorded: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another station of the same inventory: its own data directory with the checkpoint keys
    # (pinned, and the key that signs the manifest), without the evidence files.
    here = tmp_path / "other-station"
    shutil.copytree(data_dir() / "keys", here / "keys")
    monkeypatch.setenv("CRISIS_DATA_DIR", str(here))
    out = tmp_path / "bundle"
    summary = audit.export_bundle(recorded, out)
    assert {(e.kind, e.agreement, e.sha256) for e in summary.missing_evidence} == {
        ("insurance_proof", "07-2024-06", _sha(PROOF)),
        ("notice_letter", "07-2024-08", _sha(LETTER)),
    }
    assert not (out / "evidence" / _sha(PROOF)).exists()
    v = audit.verify_bundle(out, lang="fr")
    assert v.ok, v.problems
    assert sorted(v.notes) == sorted(
        [
            f"pièce attestation-rc.pdf (attestation d'assurance, convention 07-2024-06, "
            f"SHA-256 {_sha(PROOF)}) : absente du poste qui a exporté ce lot (enregistrée sur "
            "un autre poste) — exportez le lot depuis ce poste-là pour l'inclure",
            f"pièce lrar-istres.pdf (lettre de résiliation, convention 07-2024-08, "
            f"SHA-256 {_sha(LETTER)}) : absente du poste qui a exporté ce lot (enregistrée sur "
            "un autre poste) — exportez le lot depuis ce poste-là pour l'inclure",
        ]
    )


def test_the_command_line_says_it(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "a.sqlite3"
    shutil.copy(demo_db, db)

    def crisis(*args: str) -> tuple[int, str, str]:
        return cli(db, *args)

    scan = tmp_path / "lrar.pdf"
    scan.write_bytes(LETTER)
    code, _, err = crisis(
        "agreements", "notice", "07-2024-08", "2026-09-15", "--letter", "1A", "--scan", str(scan)
    )
    assert code == 0, err
    assert crisis("journal", "checkpoint")[0] == 0
    bundle = tmp_path / "bundle"
    code, out, err = crisis("audit", "export", str(bundle))
    assert code == 0, err
    code, out, _ = crisis("audit", "verify", str(bundle))
    assert code == 0, out
    (bundle / "evidence" / _sha(LETTER)).write_bytes(b"forged")
    code, out, _ = crisis("audit", "verify", str(bundle))
    assert code == 2
    assert "lettre de résiliation, convention 07-2024-08" in out
    assert "le fichier a été modifié" in out
    # From a station without the scan: exported, and said plainly.
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "elsewhere"))
    code, out, err = crisis("audit", "export", str(tmp_path / "bundle2"))
    assert code == 0, err
    assert "Absente de ce poste, non incluse : lrar.pdf (lettre de résiliation" in out
    code, out, _ = crisis("audit", "verify", str(tmp_path / "bundle2"))
    assert "remarque : pièce lrar.pdf" in out
