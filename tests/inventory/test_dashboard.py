"""The dashboard's open crises (with or without a loan) and notice deadlines (both backends)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from crisis.services import incidents, loans
from crisis.services.demo import seed_demo
from crisis.services.workspace import Workspace
from inventory.repo import loans as loans_repo

CALENDAR_YEAR = ("07-2024-06", "07-2024-07", "07-2024-08", "07-2024-09")


@pytest.fixture
def crises(ws: Workspace) -> Workspace:
    seed_demo(ws, laptops=12, phones=12)
    loans.declare_crisis(ws, "13005", "CYBER-1", "Maire d'Aubagne")
    loans.declare_crisis(ws, "13117", "CYBER-2", "DGS de Vitrolles")
    loans.declare_crisis(ws, "13028", "CYBER-3", "Maire de La Ciotat")
    return ws


def test_open_crises_show_with_or_without_a_loan(crises: Workspace) -> None:
    loans.open_loan(crises, "CYBER-1", "07-2024-06", "Kit continuité 5 postes")
    # Test set-up: no service closes a crisis yet; one closed by hand must not show.
    with crises.db.session(write=True) as s:
        closed = loans_repo.crisis(s, "CYBER-3")
        assert closed is not None
        closed.closed_at = datetime.now(UTC)
        s.add(closed)
    board = incidents.dashboard(crises)
    shown = {(c.reference, c.town, c.loans) for c in board.crises}
    assert shown == {("CYBER-1", "Commune d'Aubagne", 1), ("CYBER-2", "Commune de Vitrolles", 0)}
    assert [c.reference for c in board.crises] == ["CYBER-1", "CYBER-2"]  # oldest first
    assert all(c.declared_at.tzinfo is not None for c in board.crises)


def test_each_agreement_in_force_shows_its_notice_deadline(crises: Workspace) -> None:
    june = incidents.dashboard(crises, at=datetime(2026, 6, 1, 8, tzinfo=UTC))
    # The expired fixed-term agreement of Vitrolles has no renewal left to stop.
    assert sorted(n.agreement for n in june.notices) == sorted(CALENDAR_YEAR)
    first = june.notices[0]
    assert first.deadline == date(2026, 9, 30)  # 3 months before the 1 January renewal
    assert first.due_at == datetime(2026, 9, 30, 22, tzinfo=UTC)  # midnight in Paris
    assert {n.status for n in june.notices} == {"running"}
    aubagne = next(n for n in june.notices if n.agreement == "07-2024-06")
    assert aubagne.town == "Commune d'Aubagne"

    september = incidents.dashboard(crises, at=datetime(2026, 9, 10, 8, tzinfo=UTC))
    assert {n.status for n in september.notices} == {"due_soon"}
    # The deadline passed: the next renewal's is shown, a year on.
    october = incidents.dashboard(crises, at=datetime(2026, 10, 1, 8, tzinfo=UTC))
    assert {n.deadline for n in october.notices} == {date(2027, 9, 30)}
    assert {n.status for n in october.notices} == {"running"}
