"""A service's refusal reaches the command line in the user's language: French by default,
English with ``CRISIS_LANG=en`` (the errors carry a message id and values, not a sentence)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisis.cli import app as cli
from crisis.services.demo_operators import DEMO_PASSPHRASE
from tests.tui.test_french_everywhere import english_in

runner = CliRunner()
TEMPLATE = "Kit continuité 5 postes"
#: (command, what it says in French, in English): each refused by a service.
REFUSALS = (
    (
        ("crisis", "declare", "Atlantis", "CYBER-X", "--declarant", "Maire"),
        "aucune commune « Atlantis »",
        "no town 'Atlantis'",
    ),
    (
        ("loan", "show", "PRET-0000-9999"),
        "aucun prêt de référence « PRET-0000-9999 »",
        "no loan with reference 'PRET-0000-9999'",
    ),
    (
        ("loan", "substitute", "{loan}", "AMP-PC-9999", "AMP-PC-0001", "--reason", "panne"),
        "AMP-PC-9999 n'est pas dans le prêt {loan}",
        "AMP-PC-9999 is not in loan {loan}",
    ),
    (
        ("loan", "accept", "{loan}"),
        "fiche d'essai contradictoire signée par aucune des parties",
        "joint acceptance test sheet signed by neither party",
    ),
    (
        ("loan", "handover", "{loan}"),
        "impossible de passer de « en préparation » à « remis »",
        "cannot go from provisioning to handed over",
    ),
)


@pytest.fixture(scope="module")
def provisioning(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A demo database with a loan being provisioned (no document signed yet)."""
    db = tmp_path_factory.mktemp("errors") / "demo.sqlite3"
    loan = f"PRET-{datetime.now(UTC).year}-0001"
    for args in (
        ("demo", "--laptops", "8", "--phones", "8"),
        ("crisis", "declare", "13005", "CYBER-L", "--declarant", "Maire"),
        ("loan", "open", "CYBER-L", "07-2024-06", TEMPLATE),
        ("loan", "assemble", loan),
        ("loan", "provision", loan),
    ):
        r = run(db, args, "fr")
        assert r.exit_code == 0, (args, r.output)
    return db, loan


def run(db: Path, args: tuple[str, ...], lang: str):  # type: ignore[no-untyped-def]
    env = {"CRISIS_OPERATOR_PASSPHRASE": DEMO_PASSPHRASE, "CRISIS_LANG": lang}
    return runner.invoke(cli, ["--db", str(db), "--operator", "admin", *args], env=env)


@pytest.mark.parametrize(("args", "french", "english"), REFUSALS)
def test_a_refusal_is_worded_in_the_users_language(
    provisioning: tuple[Path, str], args: tuple[str, ...], french: str, english: str
) -> None:
    db, loan = provisioning
    args = tuple(a.format(loan=loan) for a in args)
    fr = run(db, args, "fr")
    assert fr.exit_code != 0
    assert french.format(loan=loan) in fr.stderr
    assert english_in(fr.stderr) == []
    en = run(db, args, "en")
    assert en.exit_code != 0
    assert english.format(loan=loan) in en.stderr


def test_kit_lines_are_worded_in_the_users_language(provisioning: tuple[Path, str]) -> None:
    db, _ = provisioning
    fr = run(db, ("loan", "templates"), "fr")
    assert "5 × poste portable" in fr.stdout
    assert english_in(fr.stdout) == []
    assert "5 × laptop" in run(db, ("loan", "templates"), "en").stdout
