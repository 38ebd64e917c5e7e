"""A failed manual check is never printed as passed, and a kit with failed rows is accepted
and handed over only with the borrower's written reservation on each (issue 11, 1 and 2)."""

from __future__ import annotations

import json

import pytest
from sqlmodel import col, select

from crisis.domain.documents import AcceptanceTest
from crisis.domain.loans import LoanGuardError, Party
from crisis.errors import ValidationError
from crisis.services import documents, journal, loans
from crisis.services.workspace import Workspace
from inventory.tables import JournalEvent
from tests.documents.conftest import PASSPHRASE
from tests.documents.gaps import reserve_gaps
from tests.documents.town import town_signs

MAYOR = "Marie Dupont, maire"


def sign_both(ws: Workspace, reference: str) -> None:
    documents.sign_document(ws, reference, Party.LENDER, passphrase=PASSPHRASE)
    town_signs(ws, reference, MAYOR)


def row(passed: object) -> dict[str, object]:
    return {"test": "Écran", "expected": "allumé", "observed": "éteint", "passed": passed,
            "tester": "Marie Dupont"}  # fmt: skip


@pytest.mark.parametrize(
    ("given", "expected"),
    [("false", False), ("FALSE", False), ("Non", False), ("failed", False), (False, False),
     ("true", True), ("OUI", True), ("Passed", True), (True, True)],
)  # fmt: skip
def test_a_manual_result_is_read_as_written(given: object, expected: bool) -> None:
    (test,) = documents.parse_tests(json.dumps([row(given)]).encode(), "essais.json")
    assert test.passed is expected


@pytest.mark.parametrize("given", ["peut-être", "", "1", 0, 1, None, "falsy"])
def test_anything_else_names_file_row_and_field(given: object) -> None:
    rows = [row(True), row(given)]
    with pytest.raises(ValidationError) as caught:
        documents.parse_tests(json.dumps(rows).encode(), "essais.json")
    assert caught.value.where == "essais.json: row 2, field 'passed'"


def test_a_missing_field_names_its_row() -> None:
    bad = row(True)
    del bad["tester"]
    with pytest.raises(ValidationError, match=r"essais.json: row 1, field 'tester'"):
        documents.parse_tests(json.dumps([bad]).encode(), "essais.json")


def test_false_as_text_is_printed_as_failed(kit: tuple[Workspace, str]) -> None:
    ws, ref = kit
    manual = documents.parse_tests(json.dumps([row("false")]).encode(), "essais.json")
    sheet = documents.issue_acceptance(ws, ref, manual)
    assert sheet.data["tests"][-1]["passed"] is False


def failing_sheet(ws: Workspace, ref: str) -> documents.DocumentView:
    # The automated rows were never run (no record): they fail; the manual check passes.
    ok = AcceptanceTest("Écran", "allumé", "allumé", True, "Marie Dupont")
    return documents.issue_acceptance(ws, ref, [ok])


def test_accept_and_handover_refuse_failed_rows_without_reservation(
    kit: tuple[Workspace, str],
) -> None:
    ws, ref = kit
    sheet = failing_sheet(ws, ref)
    failed = [n for n, t in enumerate(sheet.data["tests"], 1) if not t["passed"]]
    assert failed
    sign_both(ws, sheet.reference)
    with pytest.raises(LoanGuardError) as caught:
        loans.accept(ws, ref)
    for n in failed:
        assert f"row {n}: " in str(caught.value)
    assert loans.get_loan(ws, ref).state.value == "provisioning"
    gaps = [m.render("en") for m in loans.acceptance_gaps(ws, ref)]
    assert gaps == [m.render("en").split(": ", 1)[1].split(" failed")[0]
                    for m in caught.value.missing]  # fmt: skip
    french = caught.value.render("fr")
    for n in failed:
        assert f"ligne {n} : " in french
    assert "Connexion à la messagerie (IMAP)" in french


def test_reservations_go_on_a_new_revision_both_sign(kit: tuple[Workspace, str]) -> None:
    ws, ref = kit
    sheet = failing_sheet(ws, ref)
    sign_both(ws, sheet.reference)
    failed = [n for n, t in enumerate(sheet.data["tests"], 1) if not t["passed"]]
    assert len(failed) > 1
    rows = [failed[0], len(sheet.data["tests"])]
    with pytest.raises(ValidationError, match="passed: nothing to reserve"):
        documents.reserve_acceptance_rows(ws, sheet.reference, rows, "Marie Dupont", "ok")
    with pytest.raises(ValidationError, match="by"):
        documents.reserve_acceptance_rows(ws, sheet.reference, [failed[0]], " ", "raison")
    with pytest.raises(ValidationError, match="at least one row"):
        documents.reserve_acceptance_rows(ws, sheet.reference, [], "Marie Dupont", "raison")
    # A refused request recorded nothing: the sheet is still the latest.
    current = documents.reserve_acceptance_rows(
        ws, sheet.reference, failed[:1], "Marie Dupont", "sera refait sur place"
    )
    current = documents.reserve_acceptance_rows(
        ws, current.reference, failed[1:], "Marie Dupont", "sera refait sur place"
    )
    # The signed sheet is untouched; the revision names it and carries every reservation.
    assert documents.get_document(ws, sheet.reference).sha256 == sheet.sha256
    assert "row_reservations" not in documents.get_document(ws, sheet.reference).data
    data = current.data
    assert data["supersedes"]["reference"].startswith(f"{ref}/acceptance-")
    assert [r["row"] for r in data["row_reservations"]] == failed
    assert {r["by"] for r in data["row_reservations"]} == {"Marie Dupont"}
    assert data["tests"] == sheet.data["tests"]
    with pytest.raises(ValidationError, match="superseded"):
        documents.reserve_acceptance_rows(ws, sheet.reference, failed[:1], "M", "r")
    with pytest.raises(ValidationError, match="already carries a reservation"):
        documents.reserve_acceptance_rows(ws, current.reference, failed[:1], "M", "r")
    # Until both sign the revision, the reservations bind nobody.
    with pytest.raises(LoanGuardError, match="not signed by both"):
        loans.accept(ws, ref)
    sign_both(ws, current.reference)
    assert loans.acceptance_gaps(ws, ref) == ()
    assert loans.accept(ws, ref).state.value == "accepted"
    inv = documents.issue_inventory(ws, ref)
    assert [r["row"] for r in inv.data["acceptance"]["row_reservations"]] == failed
    assert inv.data["acceptance"]["reference"] == current.reference
    sign_both(ws, inv.reference)
    assert loans.hand_over(ws, ref).state.value == "handed_over"
    with ws.db.session() as s:
        reserved = s.scalars(
            select(JournalEvent).where(col(JournalEvent.action) == documents.ROW_RESERVED_ACTION)
        ).all()
        assert [json.loads(e.after or "{}")["row"] for e in reserved] == failed
    assert journal.verify_journal(ws).ok


def test_handover_is_refused_when_a_newer_sheet_fails(kit: tuple[Workspace, str]) -> None:
    ws, ref = kit
    sheet = failing_sheet(ws, ref)
    current = reserve_gaps(ws, sheet)
    sign_both(ws, current.reference)
    loans.accept(ws, ref)
    newer = documents.issue_acceptance(
        ws, ref, [AcceptanceTest("Clavier", "ok", "HS", False, "Marie Dupont")]
    )
    sign_both(ws, newer.reference)
    inv = documents.issue_inventory(ws, ref)
    sign_both(ws, inv.reference)
    with pytest.raises(LoanGuardError, match=r"row \d+: Clavier"):
        loans.hand_over(ws, ref)
    assert loans.get_loan(ws, ref).state.value == "accepted"
