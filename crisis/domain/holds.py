"""Forensic holds: what a device kept for investigators may not do until it is released."""

from __future__ import annotations

from collections.abc import Mapping

from crisis.domain.assets import AssetState
from crisis.errors import InvalidTransitionError
from crisis.i18n import Joined, Message, msg

_S = AssetState

#: States a held device may not enter: wiped (sanitised), back in stock, or on the way to
#: another town (reserved, provisioning, ready, on loan).
FORBIDDEN_ON_HOLD: frozenset[AssetState] = frozenset(
    {_S.SANITISED, _S.IN_STOCK, _S.RESERVED, _S.PROVISIONING, _S.READY, _S.ON_LOAN}
)

#: States a device may be put on hold in: it came back (or was taken out of use).
HOLDABLE: frozenset[AssetState] = frozenset({_S.RETURNED, _S.QUARANTINE, _S.DAMAGED})


class OnHoldError(InvalidTransitionError):
    """A device under forensic hold was to be wiped, stocked or lent.

    Attributes:
        seals: the held devices' tags and their seal numbers.
    """

    def __init__(self, message: Message, seals: Mapping[str, str]) -> None:
        super().__init__(message)
        self.seals = dict(seals)


def check_not_held(seals: Mapping[str, str], action: str | Message) -> None:
    """Raise if any device is on hold (`seals`: tag → seal number of its open hold).

    Raises:
        OnHoldError: names each device, its seal and the release command.
    """
    if not seals:
        return
    held = Joined(
        tuple(msg("hold.sealed", tag=tag, seal=seal) for tag, seal in sorted(seals.items())),
        ", ",
    )
    what = action if isinstance(action, Message) else msg(f"hold.action.{action}")
    raise OnHoldError(msg("error.hold.held", action=what, held=held), seals)


def check_hold_transition(seals: Mapping[str, str], target: AssetState) -> None:
    """Raise if a held device (`seals`) would enter a state a hold forbids."""
    if target in FORBIDDEN_ON_HOLD:
        check_not_held(seals, msg("hold.action.move_to", state=msg(f"state.{target.value}")))
