"""The demo's operators: the acting one as admin, plus one of each other role."""

from __future__ import annotations

from crisis.domain.roles import Role
from crisis.services.operators import add_operator, list_operators
from crisis.services.workspace import Workspace

#: Demo only: every demo operator's key opens with this passphrase.
DEMO_PASSPHRASE = "demo passphrase"
DEMO_OPERATORS = (
    ("Claire Martin", Role.TECHNICIAN),
    ("Karim Girard", Role.RESPONDER),
    ("Nadia Blanc", Role.AUDITOR),
)


def seed_demo_operators(ws: Workspace) -> tuple[str, ...]:
    """Register the acting operator as admin (bootstrap) and the demo's other operators.

    Does nothing when operators are already registered. Returns the names added.
    """
    if list_operators(ws):
        return ()
    added = [add_operator(ws, ws.operator, Role.ADMIN, DEMO_PASSPHRASE).name]
    for name, role in DEMO_OPERATORS:
        if name != ws.operator:
            added.append(add_operator(ws, name, role, DEMO_PASSPHRASE).name)
    return tuple(added)
