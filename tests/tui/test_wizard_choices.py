"""What the wizard offers to choose: the town's agreements, refused ones with their dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from textual.widgets import OptionList

from crisis.domain.agreement_terms import AgreementStatus
from crisis.errors import NotFoundError
from crisis.services import loans
from crisis.services.agreements import record_notice
from crisis.services.wizard_choices import agreements_for_crisis
from crisis.services.workspace import Workspace
from tests.tui.helpers import settle
from tests.tui.lifecycle import AGREEMENT, TOWN
from tests.tui.test_activation_wizard import enter, fill, focused_id, shown
from tui.app import CrisisApp


def test_only_the_towns_agreements_are_offered_with_the_decision(demo_ws: Workspace) -> None:
    loans.declare_crisis(demo_ws, TOWN, "CYBER-12", "Maire")
    [choice] = agreements_for_crisis(demo_ws, "CYBER-12")
    assert (choice.reference, choice.borrower) == (AGREEMENT, "Commune d'Aubagne")
    assert choice.usable
    assert choice.reason == ""
    record_notice(demo_ws, AGREEMENT, date(2025, 1, 10))
    [ended] = agreements_for_crisis(demo_ws, "CYBER-12", datetime(2026, 3, 1, tzinfo=UTC))
    assert ended.status is AgreementStatus.ENDED_BY_NOTICE
    assert not ended.usable
    assert ended.last_day == date(2025, 12, 31)
    assert "ended by notice received on 2025-01-10" in ended.reason
    with pytest.raises(NotFoundError, match="NO-SUCH"):
        agreements_for_crisis(demo_ws, "NO-SUCH")


async def test_an_agreement_ended_by_notice_is_shown_refused(demo_ws: Workspace) -> None:
    record_notice(demo_ws, AGREEMENT, date(2025, 1, 10))
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        await fill(pilot, TOWN, "CYBER-13", "Maire", "")
        await enter(pilot)
        assert shown(app, "#agreement-status") == (
            "07-2024-06 — refusée : résiliée par préavis reçu le 2025-01-10, dernier jour en "
            "vigueur le 2025-12-31\n"
            "Aucune convention en vigueur pour la crise CYBER-13 : aucun prêt ne peut être ouvert."
        )
        option = app.screen.query_one("#agreement", OptionList).get_option_at_index(0)
        assert option.disabled
        assert focused_id(app) == "agreement"
