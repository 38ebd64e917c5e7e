"""A loan ready for its documents, on a fresh demo inventory with a lender operator."""

from __future__ import annotations

import pytest

from crisis.domain.roles import Role
from crisis.services import loans
from crisis.services.demo import seed_demo
from crisis.services.operators import add_operator
from crisis.services.workspace import Workspace

KIT5 = "Kit continuité 5 postes"
PASSPHRASE = "lender passphrase 1"


@pytest.fixture
def kit(ws: Workspace) -> tuple[Workspace, str]:
    """(workspace acting as an admin with a signing key, a loan being provisioned)."""
    seed_demo(ws, laptops=12, phones=12)
    add_operator(ws, "tester", Role.ADMIN, PASSPHRASE)
    loans.declare_crisis(ws, "13005", "CYBER-2026-001", "Maire d'Aubagne", "rançongiciel")
    ref = loans.open_loan(ws, "CYBER-2026-001", "07-2024-06", KIT5).reference
    loans.assemble(ws, ref)
    loans.start_provisioning(ws, ref)
    return ws, ref
