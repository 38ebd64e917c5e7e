"""Termination (seeds 001 and 003 art. 9): the registered letter, its scan, the loans to
bring back by the agreement's end (both backends)."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from crisis.errors import ValidationError
from crisis.services import agreements, evidence_files, incidents, journal, loans
from crisis.services.demo import seed_demo
from crisis.services.workspace import Workspace

AGREEMENT = "07-2024-06"


@pytest.fixture
def town(ws: Workspace) -> Workspace:
    seed_demo(ws, laptops=6, phones=6)
    loans.declare_crisis(ws, "Commune d'Aubagne", "CYBER-1", "Maire d'Aubagne")
    return ws


def test_notice_keeps_the_letter_and_lists_the_loans_to_bring_back(
    town: Workspace, tmp_path: Path
) -> None:
    ref = loans.open_loan(town, "CYBER-1", AGREEMENT, "Kit continuité 5 postes").reference
    scan = tmp_path / "LRAR-1A-2026.pdf"
    scan.write_bytes(b"lettre de resiliation")
    digest = hashlib.sha256(b"lettre de resiliation").hexdigest()
    view = agreements.record_notice(
        town, AGREEMENT, date(2026, 9, 15), letter_reference="1A 123 456 7890 1", scan=scan
    )
    assert view.last_day == date(2026, 12, 31)
    d = agreements.show(town, AGREEMENT, date(2026, 10, 1))
    assert d.notice is not None
    assert (d.notice.reference, d.notice.scan_name, d.notice.scan_sha256) == (
        "1A 123 456 7890 1",
        "LRAR-1A-2026.pdf",
        digest,
    )
    assert d.notice.scan_intact is True
    assert (evidence_files.evidence_dir() / digest).read_bytes() == b"lettre de resiliation"
    ((loan, last),) = [(r.loan, r.last_day) for r in d.returns_due]
    assert (loan, last) == (ref, date(2026, 12, 31))
    (due,) = incidents.dashboard(town).returns_due
    assert (due.agreement, due.town, due.loan) == (AGREEMENT, "Commune d'Aubagne", ref)
    event = journal.recent_events(town, 1)[0]
    assert event.action == "agreement.notice_received"
    assert event.after["scan_sha256"] == digest
    assert event.after["letter_reference"] == "1A 123 456 7890 1"


def test_no_notice_no_loan_to_bring_back(town: Workspace) -> None:
    loans.open_loan(town, "CYBER-1", AGREEMENT, "Kit continuité 5 postes")
    assert agreements.show(town, AGREEMENT).returns_due == ()
    assert agreements.show(town, AGREEMENT).notice is None
    assert incidents.dashboard(town).returns_due == ()


def test_an_unreadable_scan_records_no_notice(town: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="cannot read"):
        agreements.record_notice(town, AGREEMENT, date(2026, 9, 15), scan=tmp_path / "nope.pdf")
    assert agreements.show(town, AGREEMENT).notice is None
