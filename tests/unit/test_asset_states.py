"""The asset lifecycle rules."""

from __future__ import annotations

import itertools

import pytest

from crisis.domain.assets import ALLOWED_TRANSITIONS, AssetState, check_transition
from crisis.errors import InvalidTransitionError

S = AssetState


def test_the_loan_cycle_is_allowed_step_by_step() -> None:
    cycle = [
        S.IN_STOCK, S.RESERVED, S.PROVISIONING, S.READY, S.ON_LOAN,
        S.RETURNED, S.QUARANTINE, S.SANITISED, S.IN_STOCK,
    ]  # fmt: skip
    for a, b in itertools.pairwise(cycle):
        check_transition("T1", a, b)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.IN_STOCK, S.ON_LOAN),  # never lent without being reserved and provisioned
        (S.RETURNED, S.IN_STOCK),  # never back to stock without quarantine and sanitisation
        (S.QUARANTINE, S.IN_STOCK),
        (S.ON_LOAN, S.IN_STOCK),
        (S.RETIRED, S.IN_STOCK),
    ],
)
def test_shortcuts_are_refused_with_the_reason(current: AssetState, target: AssetState) -> None:
    with pytest.raises(InvalidTransitionError) as err:
        check_transition("AMP-PC-0001", current, target)
    message = str(err.value)
    assert "AMP-PC-0001" in message
    assert f"from {current} to {target}" in message


def test_every_state_has_rules_and_retired_is_final() -> None:
    assert set(ALLOWED_TRANSITIONS) == set(AssetState)
    assert ALLOWED_TRANSITIONS[S.RETIRED] == frozenset()
    with pytest.raises(InvalidTransitionError, match="none \\(final state\\)"):
        check_transition("X", S.RETIRED, S.QUARANTINE)
