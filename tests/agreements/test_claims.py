"""Claims after a loss, theft or damage (seed 000 art. 4.2), both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import AssetState, Category
from crisis.domain.paris_time import paris_date
from crisis.errors import InvalidTransitionError, NotFoundError, ValidationError
from crisis.services import assets, claims, incidents, journal, loans
from crisis.services.claims import Answer, Remedy
from crisis.services.demo import seed_demo
from crisis.services.incidents import Channel, Severity
from crisis.services.workspace import Workspace


@pytest.fixture
def town(ws: Workspace) -> Workspace:
    seed_demo(ws, laptops=6, phones=6)
    loans.declare_crisis(ws, "Commune d'Aubagne", "CYBER-1", "Maire d'Aubagne")
    return ws


def _theft(ws: Workspace) -> incidents.IncidentView:
    return incidents.report_loss(
        ws, "CYBER-1", theft=True, declarant="Accueil", channel=Channel.PHONE,
        description="Portable volé", asset_tags=["AMP-PC-0002"], personal_data=False,
    )  # fmt: skip


def test_declaring_the_claim_stops_the_insurer_clock(town: Workspace) -> None:
    inc = _theft(town)
    claim = claims.declare(town, inc.id, "SIN-2026-77")
    assert (claim.insurer_reference, claim.answer) == ("SIN-2026-77", Answer.PENDING)
    board = {c.id: c for c in incidents.clock_board(town, include_stopped=True)}
    insurer = next(c for c in inc.clocks if c.kind == "insurer")
    assert board[insurer.id].status == "met"
    assert board[insurer.id].stopped_at == claim.declared_at
    loss = next(c for c in inc.clocks if c.kind == "loss_declaration")
    assert board[loss.id].stopped_at is None  # telling the insurer is not telling the lender
    with pytest.raises(ValidationError, match="already declared"):
        claims.declare(town, inc.id, "SIN-2026-78")


def test_a_refused_claim_is_replaced_through_the_intake(town: Workspace) -> None:
    inc = _theft(town)
    claims.declare(town, inc.id, "SIN-1")
    with pytest.raises(ValidationError, match="only after a refusal"):
        claims.remedy(town, inc.id, Remedy.REPLACEMENT, "AMP-PC-9001", "Paul Blanc")
    claims.answer(town, inc.id, Answer.REFUSED, paris_date(datetime.now(UTC)))
    with pytest.raises(NotFoundError, match="enters through the intake"):
        claims.remedy(town, inc.id, Remedy.REPLACEMENT, "AMP-PC-9001", "Paul Blanc")
    assets.add_asset(town, AssetDraft(tag="AMP-PC-9001", category=Category.LAPTOP))
    done = claims.remedy(town, inc.id, Remedy.REPLACEMENT, "AMP-PC-9001", "Paul Blanc")
    assert (done.remedy, done.remedy_asset_tag, done.checked_by) == (
        Remedy.REPLACEMENT,
        "AMP-PC-9001",
        "Paul Blanc",
    )
    assert assets.get_asset(town, "AMP-PC-0002").state is AssetState.RETIRED
    assert assets.get_asset(town, "AMP-PC-9001").state is AssetState.IN_STOCK
    actions = [e.action for e in journal.recent_events(town, 2)]
    assert set(actions) == {"claim.remedied", "asset.state_changed"}
    assert claims.claim_of(town, inc.id) == done


def test_a_repaired_device_goes_back_through_quarantine(town: Workspace) -> None:
    assets.change_state(town, "AMP-PC-0003", AssetState.DAMAGED, "écran cassé")
    inc = incidents.report_breakdown(
        town, "CYBER-1", declarant="DSI", channel=Channel.EMAIL, severity=Severity.MAJOR,
        description="Écran cassé", asset_tags=["AMP-PC-0003"],
    )  # fmt: skip
    claims.declare(town, inc.id, "SIN-2")
    claims.answer(town, inc.id, Answer.REFUSED, paris_date(datetime.now(UTC)))
    with pytest.raises(ValidationError, match="not a device of incident"):
        claims.remedy(town, inc.id, Remedy.REPAIR, "AMP-PC-0004", "Paul Blanc")
    claims.remedy(town, inc.id, Remedy.REPAIR, "AMP-PC-0003", "Paul Blanc")
    assert assets.get_asset(town, "AMP-PC-0003").state is AssetState.QUARANTINE


def test_a_device_in_stock_cannot_be_repaired_and_nothing_is_recorded(town: Workspace) -> None:
    inc = incidents.report_breakdown(
        town, "CYBER-1", declarant="DSI", channel=Channel.EMAIL, severity=Severity.MINOR,
        description="Clavier", asset_tags=["AMP-PC-0004"],
    )  # fmt: skip
    claims.declare(town, inc.id, "SIN-3")
    claims.answer(town, inc.id, Answer.REFUSED, paris_date(datetime.now(UTC)))
    with pytest.raises(InvalidTransitionError):
        claims.remedy(town, inc.id, Remedy.REPAIR, "AMP-PC-0004", "Paul Blanc")
    claim = claims.claim_of(town, inc.id)
    assert claim is not None
    assert claim.remedy is None


def test_bad_declarations_are_refused(town: Workspace) -> None:
    inc = _theft(town)
    with pytest.raises(ValidationError, match="in the future"):
        claims.declare(town, inc.id, "SIN", datetime.now(UTC) + timedelta(hours=1))
    with pytest.raises(ValidationError, match="after the declaration time"):
        claims.declare(town, inc.id, "SIN", datetime.now(UTC) - timedelta(days=3))
    with pytest.raises(ValidationError, match="empty"):
        claims.declare(town, inc.id, " ")
    with pytest.raises(NotFoundError):
        claims.declare(town, 999, "SIN")
    assert claims.claim_of(town, inc.id) is None
