"""Bring a demo loan to a given point through the real services (test set-up only)."""

from __future__ import annotations

from crisis.domain.loans import Party
from crisis.services import loans
from crisis.services.workspace import Workspace

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
    for party in Party:
        loans.record_signature(ws, ref, "inventory", party)
    return loans.hand_over(ws, ref)
