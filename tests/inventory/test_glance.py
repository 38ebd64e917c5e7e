"""The dashboard's figures at a glance (both backends): clocks as the share of time left,
kits the ready stock makes per template, loans in progress per town with their stage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crisis.services import glance, incidents, loans
from crisis.services.demo import seed_demo
from crisis.services.incidents import Channel, Severity
from crisis.services.workspace import Workspace
from inventory.tables import SlaClock

TEMPLATE = "Kit continuité 5 postes"


def test_clocks_kits_and_loans_per_town(ws: Workspace) -> None:
    seed_demo(ws, laptops=12, phones=12)
    before = {k.template: k for k in glance.glance(ws).kits}
    ready = before[TEMPLATE]
    assert ready.kits >= 1
    loans.declare_crisis(ws, "13005", "CYBER-1", "Maire d'Aubagne")
    ref = loans.open_loan(ws, "CYBER-1", "07-2024-06", TEMPLATE).reference
    loans.assemble(ws, ref)
    loans.declare_crisis(ws, "13117", "CYBER-2", "DGS de Vitrolles")
    (clock,) = incidents.report_breakdown(
        ws, "CYBER-1", declarant="DSI", channel=Channel.PHONE, severity=Severity.BLOCKING,
        description="écran noir",
    ).clocks  # fmt: skip
    with ws.db.session() as s:
        row = s.get(SlaClock, clock.id)
        assert row is not None
        started, due = row.started_at, row.due_at

    g = glance.glance(ws, at=started + (due - started) / 4)
    (bar,) = g.clocks
    assert bar.clock.id == clock.id
    assert abs(bar.left - 0.75) < 0.01
    assert bar.seconds_left == int(((due - started) * 3 / 4).total_seconds())
    late = glance.glance(ws, at=due + timedelta(minutes=5)).clocks[0]
    assert (late.left, late.seconds_left) == (0.0, -300)

    # The kit reserved left the stock: one kit fewer can be assembled now.
    after = {k.template: k for k in g.kits}
    assert after[TEMPLATE].kits == ready.kits - 1
    assert [(x.town, [(y.loan, y.state, y.step, y.steps) for y in x.loans]) for x in g.towns] == [
        ("Commune d'Aubagne", [(ref, "reserved", 2, 8)])
    ]

    data = g.to_json()
    assert set(data) == {"at", "clock_bars", "kits", "towns"}
    assert data["clock_bars"][0]["due_at"] == due.astimezone(UTC).isoformat()
    assert data["clock_bars"][0]["due_at"].endswith("+00:00")
    assert set(data["kits"][0]) == {"template", "kits", "short"}


def test_what_one_more_kit_lacks(ws: Workspace) -> None:
    seed_demo(ws, laptops=7, phones=12)
    kit = next(k for k in glance.glance(ws, at=datetime.now(UTC)).kits if k.template == TEMPLATE)
    # 7 laptops make one kit of 5; the second lacks 3 laptops, and no phone (12 of them).
    assert kit.kits == 1
    short = {s.category: (s.per_kit, s.missing) for s in kit.short}
    assert short["laptop"] == (5, 3)
    assert "phone" not in short
