"""Incidents and their clocks, the crisis log and the dashboard (both backends)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crisis.domain.assets import AssetState
from crisis.domain.clocks import Clock, ClockKind, due_at
from crisis.domain.work_calendar import OFFICE_HOURS, SupportHours, working_days_deadline
from crisis.errors import ValidationError
from crisis.services import assets, incidents, journal, loans
from crisis.services.demo import seed_demo
from crisis.services.incidents import Channel, Severity
from crisis.services.workspace import Workspace


@pytest.fixture
def crisis(ws: Workspace) -> Workspace:
    seed_demo(ws, laptops=12, phones=12)
    loans.declare_crisis(ws, "Commune d'Aubagne", "CYBER-1", "Maire d'Aubagne")
    loans.declare_crisis(ws, "13117", "CYBER-2", "DGS de Vitrolles")
    return ws


def test_breakdown_starts_the_agreements_intervention_clock(crisis: Workspace) -> None:
    inc = incidents.report_breakdown(
        crisis,
        "CYBER-1",
        declarant="Claire Martin, DSI",
        channel=Channel.TICKET,
        severity=Severity.BLOCKING,
        description="Le commutateur ne démarre plus",
        asset_tags=["AMP-SW-001"],
    )
    (clock,) = inc.clocks
    assert (clock.kind, clock.status) == ("intervention", "running")
    assert clock.due_at - clock.started_at == timedelta(hours=12)  # 24/7 under 07-2024-06
    last = journal.recent_events(crisis, 1)[0]
    assert last.action == "incident.breakdown_reported"
    assert last.after["declarant"] == "Claire Martin, DSI"


def test_support_hours_agreements_count_working_time_only(crisis: Workspace) -> None:
    inc = incidents.report_breakdown(
        crisis,
        "CYBER-2",
        declarant="DGS",
        channel=Channel.EMAIL,
        severity=Severity.MAJOR,
        description="Poste en panne",
    )
    (clock,) = inc.clocks
    hours = SupportHours.parse("mon-fri 08:30-12:30 13:30-17:30")
    expected = due_at(Clock(ClockKind.INTERVENTION, clock.started_at, timedelta(hours=12), hours))
    assert clock.due_at == expected
    assert clock.due_at - clock.started_at > timedelta(hours=12)  # nights do not count


def test_theft_with_personal_data_starts_three_clocks_and_marks_the_device(
    crisis: Workspace,
) -> None:
    inc = incidents.report_loss(
        crisis,
        "CYBER-1",
        theft=True,
        declarant="Agent d'accueil",
        channel=Channel.PHONE,
        description="Ordinateur volé dans un véhicule",
        asset_tags=["AMP-PC-0002"],
        personal_data=True,
    )
    kinds = {c.kind: c.due_at - c.started_at for c in inc.clocks}
    insurer = next(c for c in inc.clocks if c.kind == "insurer")
    assert insurer.due_at == working_days_deadline(insurer.started_at, 2, OFFICE_HOURS)
    assert {k: v for k, v in kinds.items() if k != "insurer"} == {
        "loss_declaration": timedelta(hours=24),
        "data_breach": timedelta(hours=72),
    }
    assert assets.get_asset(crisis, "AMP-PC-0002").state is AssetState.STOLEN
    board = incidents.clock_board(crisis)
    assert [c.kind for c in board][:1] == ["loss_declaration"]  # most urgent first
    stopped = incidents.stop_clock(crisis, board[0].id)
    assert stopped.status == "met"
    assert all(c.id != stopped.id for c in incidents.clock_board(crisis))


def test_reports_need_a_declarant_and_a_description(crisis: Workspace) -> None:
    with pytest.raises(ValidationError, match="declarant"):
        incidents.report_breakdown(
            crisis,
            "CYBER-1",
            declarant=" ",
            channel=Channel.TICKET,
            severity=Severity.MINOR,
            description="x",
        )
    with pytest.raises(ValidationError, match="name the lost or stolen equipment"):
        incidents.report_loss(
            crisis, "CYBER-1", theft=False, declarant="a", channel=Channel.TICKET, description="x",
            asset_tags=[], personal_data=False,
        )  # fmt: skip


def test_crisis_log_and_dashboard(crisis: Workspace) -> None:
    seq = incidents.log_entry(crisis, "CYBER-1", "10:42 réseau communal isolé, kit demandé")
    assert journal.recent_events(crisis, 1)[0].seq == seq
    ref = loans.open_loan(crisis, "CYBER-1", "07-2024-06", "Kit continuité 5 postes").reference
    loans.assemble(crisis, ref)
    board = incidents.dashboard(crisis)
    assert ("Commune d'Aubagne", ref, "reserved") in board.active_loans
    assert board.ready_stock["switch"] == 9  # ten in the demo, one reserved
