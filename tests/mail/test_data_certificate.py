"""The certificate of data return or destruction states only what was recorded, under the
loan's own agreement (issue 11 point 5: it accepted mailboxes of no loan, printed "copies
destroyed: yes" by itself, and a destruction needed no date, method or operator)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from crisis.errors import ValidationError
from crisis.services import data_terms, documents, journal, loans
from crisis.services.demo import seed_demo
from crisis.services.workspace import Workspace
from inventory.repo import loans as loans_repo
from inventory.tables import Mailbox
from tests.documents.test_pdf import needs_poppler, text_of

AT = "2026-12-07T10:15:00+00:00"
SHA = "ab" * 32


def _loan(ws: Workspace, boxes: dict[str, tuple[str, dict[str, Any]]]) -> str:
    """A demo loan of Aubagne whose mailboxes are recorded with these dispositions."""
    seed_demo(ws, laptops=6, phones=6)
    loans.declare_crisis(ws, "13005", "CYBER-DATA", "Maire")
    ref = loans.open_loan(ws, "CYBER-DATA", "07-2024-06", "Kit continuité 5 postes").reference
    with ws.db.session(write=True) as s:
        ln = loans_repo.loan(s, ref)
        assert ln is not None
        assert ln.id is not None
        for address, (disposition, facts) in boxes.items():
            s.add(
                Mailbox(
                    address=address,
                    loan_id=ln.id,
                    state="absent" if disposition else "present",
                    created_at=datetime.now(UTC),
                    disposition=disposition,
                    export_sha256=facts.get("sha256", ""),
                    certificate=facts.get("certificate", ""),
                    disposition_facts=facts,
                )
            )
    return ref


RETURNED = (
    "returned_to_town",
    {"archive": "a.tar.gz", "sha256": SHA, "size": 1234, "messages": 3, "at": AT,
     "operator": "Claire Martin"},
)  # fmt: skip
DESTROYED = (
    "destroyed",
    {"method": "maildir deleted", "certificate": "ATT-2026-1", "at": AT, "operator": "Karim"},
)


def test_each_line_carries_its_facts_and_the_agreements_clause(ws: Workspace) -> None:
    ref = _loan(ws, {"a@aubagne.crise.example": RETURNED, "b@aubagne.crise.example": DESTROYED})
    cert = documents.issue_data_disposition(ws, ref)
    data = cert.data
    assert data["agreement_terms"]["agreement"] == "07-2024-06"
    assert data["agreement_terms"]["article"] == "art. 10 « Réversibilité »"
    assert data["agreement_terms"]["annex"] == ""  # seed 001 has no "Sort des données" annex
    assert data["legal_basis"] == ["07-2024-06 art. 10 « Réversibilité »"]
    a, b = data["mailboxes"]
    assert a["disposition"] == "returned"
    assert a["facts"]["sha256"] == SHA
    assert a["copies_destroyed"] is True
    assert b["disposition"] == "destroyed"
    assert (b["facts"]["at"], b["facts"]["method"], b["facts"]["operator"]) == (
        AT,
        "maildir deleted",
        "Karim",
    )


def test_a_mailbox_of_no_loan_or_another_loan_is_refused(ws: Workspace) -> None:
    ref = _loan(ws, {"a@aubagne.crise.example": RETURNED})
    with pytest.raises(ValidationError, match=r"accueil@aubagne\.example is not a mailbox of"):
        documents.issue_data_disposition(
            ws, ref, [documents.parse_mailbox("accueil@aubagne.example=returned:export")]
        )
    with pytest.raises(ValidationError, match="recorded as returned to the town, not destroyed"):
        documents.issue_data_disposition(
            ws, ref, [documents.parse_mailbox("a@aubagne.crise.example=destroyed")]
        )
    assert documents.list_documents(ws, ref) == ()


def test_a_disposition_without_its_facts_is_refused(ws: Workspace) -> None:
    ref = _loan(
        ws,
        {
            "a@aubagne.crise.example": ("destroyed", {"certificate": "ATT-1"}),
            "b@aubagne.crise.example": ("", {}),
        },
    )
    with pytest.raises(ValidationError) as err:
        documents.issue_data_disposition(ws, ref)
    assert "a@aubagne.crise.example: recorded without its at, method, operator" in str(err.value)
    assert "b@aubagne.crise.example: its data was neither returned nor destroyed" in str(err.value)


def test_the_options_come_from_the_agreement(ws: Workspace) -> None:
    ref = _loan(ws, {"a@aubagne.crise.example": RETURNED})
    # An agreement in seed 002's shape: its annex on the fate of the data, destruction only.
    annex = "Annexe 1, IV « Sort des données »"
    data_terms.set_data_terms(ws, "07-2024-06", "art. 11 i", ["destroyed"], annex)
    event = journal.recent_events(ws, 1)[0]
    assert event.action == "agreement.data_terms_set"
    assert event.after["annex"] == annex
    with pytest.raises(
        ValidationError, match="returned to the town: not a disposition the agreement allows"
    ):
        documents.issue_data_disposition(ws, ref)
    data_terms.set_data_terms(ws, "07-2024-06", "art. 11 i", ["returned", "destroyed"], annex)
    cert = documents.issue_data_disposition(ws, ref)
    assert cert.data["legal_basis"] == ["07-2024-06 art. 11 i", annex]
    with pytest.raises(ValidationError, match="one of returned, destroyed"):
        data_terms.set_data_terms(ws, "07-2024-06", "art. 11 i", ["archived"])


def test_an_agreement_without_a_data_clause_gives_no_certificate(ws: Workspace) -> None:
    ref = _loan(ws, {"a@aubagne.crise.example": RETURNED})
    with ws.db.session(write=True) as s:
        from inventory.tables import Agreement

        a = s.scalars(select(Agreement).where(Agreement.reference == "07-2024-06")).one()
        a.data_terms = {}
        s.add(a)
    with pytest.raises(ValidationError, match="07-2024-06 records no clause on the town's data"):
        documents.issue_data_disposition(ws, ref)


@needs_poppler
def test_copies_destroyed_is_never_printed_alone(sqlite_ws: Workspace, tmp_path: Path) -> None:
    ws = sqlite_ws
    ref = _loan(ws, {"a@aubagne.crise.example": RETURNED, "b@aubagne.crise.example": DESTROYED})
    cert = documents.issue_data_disposition(ws, ref)
    text = " ".join(text_of(documents.render_document(ws, cert.reference), tmp_path).split())
    assert "07-2024-06 art. 10 « Réversibilité »" in text
    assert "a.tar.gz - SHA-256" in text
    assert SHA in text  # whole, never split across lines
    assert "ATT-2026-1" in text
    assert "oui - supprimées de l'hôte de messagerie le 7 déc. 2026, 11:15 (heure de Paris)" in text
    assert " oui " not in text.replace("oui - supprimées", "")
