"""A kit switch's intended configuration comes from the loan's own laptops."""

from __future__ import annotations

import pytest

from crisis.errors import ValidationError
from crisis.services import loans, switch
from crisis.services.demo import seed_demo
from crisis.services.workspace import Workspace


def test_plan_from_a_loan_uses_its_laptops_in_tag_order(ws: Workspace) -> None:
    seed_demo(ws, laptops=12, phones=12)
    loans.declare_crisis(ws, "13005", "CYBER-1", "Maire")
    ref = loans.open_loan(ws, "CYBER-1", "07-2024-06", "Kit continuité 5 postes").reference
    items = loans.assemble(ws, ref).items
    laptops = sorted(t for t in items if t.startswith("AMP-PC"))
    (sw,) = [t for t in items if t.startswith("AMP-SW")]
    text = switch.plan_config(ws, switch.SwitchPlan(sw, (), loan=ref)).text
    described = [
        line.split()[1] for line in text.splitlines() if line.startswith(" description AMP-PC")
    ]
    assert described == laptops
    with pytest.raises(ValidationError, match=f"AMP-SW-010 is not in loan {ref}"):
        switch.plan_config(ws, switch.SwitchPlan("AMP-SW-010", (), loan=ref))
