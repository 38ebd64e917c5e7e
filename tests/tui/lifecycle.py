"""Bring a demo loan to a given point through the real services (test set-up only)."""

from __future__ import annotations

from crisis.domain.loans import Party
from crisis.services import documents, loans
from crisis.services.demo_operators import DEMO_PASSPHRASE, seed_demo_operators
from crisis.services.workspace import Workspace
from tests.documents.town import town_signs

TOWN = "13005"
AGREEMENT = "07-2024-06"
TEMPLATE = "Kit continuité 5 postes"


def handed_over(ws: Workspace, crisis: str = "CYBER-1") -> loans.LoanView:
    """A loan of the demo's Aubagne, handed over with both documents signed by both."""
    loans.declare_crisis(ws, TOWN, crisis, "Maire")
    ref = loans.open_loan(ws, crisis, AGREEMENT, TEMPLATE).reference
    loans.assemble(ws, ref)
    loans.start_provisioning(ws, ref)
    for party in Party:
        loans.record_signature(ws, ref, "acceptance", party)
    loans.accept(ws, ref)
    # The handover needs the joint inventory itself signed by both, listing the kit as it is.
    seed_demo_operators(ws)  # the acting operator signs for the lender with its own key
    inventory = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, inventory.reference, Party.LENDER, passphrase=DEMO_PASSPHRASE)
    town_signs(ws, inventory.reference, "Marie Dupont, maire")
    return loans.hand_over(ws, ref)
