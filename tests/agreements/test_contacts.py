"""Contacts (seed 001 art. 5, seed 000 art. 4-3): each party's correspondent and the
borrower's DPO, who the 72 h breach clock names (both backends)."""

from __future__ import annotations

import pytest

from crisis.domain.contacts import Contact
from crisis.errors import ValidationError
from crisis.services import agreements, incidents, journal, loans
from crisis.services.agreement_contacts import ContactRole, set_contact
from crisis.services.demo import seed_demo
from crisis.services.incidents import Channel
from crisis.services.workspace import Workspace

AGREEMENT = "07-2024-06"


@pytest.fixture
def town(ws: Workspace) -> Workspace:
    seed_demo(ws, laptops=6, phones=6)
    loans.declare_crisis(ws, "Commune d'Aubagne", "CYBER-1", "Maire d'Aubagne")
    return ws


def _breach_clock(ws: Workspace) -> incidents.ClockView:
    inc = incidents.report_loss(
        ws, "CYBER-1", theft=True, declarant="Accueil", channel=Channel.PHONE,
        description="Portable volé", asset_tags=["AMP-PC-0002"], personal_data=True,
    )  # fmt: skip
    return next(c for c in inc.clocks if c.kind == "data_breach")


def test_the_breach_clock_names_the_borrowers_dpo(town: Workspace) -> None:
    set_contact(town, AGREEMENT, ContactRole.DPO, "Inès Roux, DPO", "dpo@aubagne.fr")
    set_contact(town, AGREEMENT, ContactRole.LENDER, "Paul Blanc, DSI", "dsi@metropole.fr")
    set_contact(town, AGREEMENT, ContactRole.BORROWER, "Anne Noir, DGS", "")
    contacts = agreements.show(town, AGREEMENT).contacts
    assert contacts is not None
    assert contacts.dpo == Contact("Inès Roux, DPO", "dpo@aubagne.fr")
    assert contacts.lender == Contact("Paul Blanc, DSI", "dsi@metropole.fr")
    assert contacts.borrower == Contact("Anne Noir, DGS", "")
    clock = _breach_clock(town)
    assert clock.notify == "Inès Roux, DPO <dpo@aubagne.fr>"
    (on_board,) = [c for c in incidents.clock_board(town) if c.kind == "data_breach"]
    assert on_board.notify == clock.notify
    others = [c for c in incidents.clock_board(town) if c.kind != "data_breach"]
    assert others
    assert all(c.notify == "" for c in others)


def test_no_dpo_named_shows_as_such(town: Workspace) -> None:
    assert _breach_clock(town).notify == ""


def test_a_contact_change_is_journaled_with_the_one_it_replaces(town: Workspace) -> None:
    set_contact(town, AGREEMENT, ContactRole.DPO, "Inès Roux", "dpo@aubagne.fr")
    set_contact(town, AGREEMENT, ContactRole.DPO, "Marc Vert", "rgpd@aubagne.fr")
    last = journal.recent_events(town, 1)[0]
    assert last.action == "agreement.contact_set"
    assert last.before == {"name": "Inès Roux", "email": "dpo@aubagne.fr"}
    assert last.after == {"role": "dpo", "name": "Marc Vert", "email": "rgpd@aubagne.fr"}


def test_bad_contacts_are_refused_and_nothing_changes(town: Workspace) -> None:
    with pytest.raises(ValidationError, match="not an e-mail address"):
        set_contact(town, AGREEMENT, ContactRole.DPO, "Inès Roux", "dpo at aubagne")
    with pytest.raises(ValidationError, match="no name"):
        set_contact(town, AGREEMENT, ContactRole.DPO, "  ", "dpo@aubagne.fr")
    contacts = agreements.show(town, AGREEMENT).contacts
    assert contacts is not None
    assert contacts.dpo == Contact()
