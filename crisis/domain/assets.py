"""Asset categories, states, conditions and the allowed state transitions."""

from __future__ import annotations

from enum import StrEnum

from crisis.errors import InvalidTransitionError
from crisis.i18n import msg


class Category(StrEnum):
    """What kind of item an asset is."""

    LAPTOP = "laptop"
    PHONE = "phone"
    SWITCH = "switch"
    ACCESSORY = "accessory"


class AssetState(StrEnum):
    """Where an asset is in its life, from stock to loan and back."""

    IN_STOCK = "in_stock"
    RESERVED = "reserved"
    PROVISIONING = "provisioning"
    READY = "ready"
    ON_LOAN = "on_loan"
    RETURNED = "returned"
    QUARANTINE = "quarantine"
    SANITISED = "sanitised"
    LOST = "lost"
    STOLEN = "stolen"
    DAMAGED = "damaged"
    RETIRED = "retired"


class Condition(StrEnum):
    """Physical condition, as the joint inventory records it."""

    NEW = "new"
    GOOD = "good"
    WORN = "worn"
    DAMAGED = "damaged"
    BROKEN = "broken"


_S = AssetState

# The loan cycle, then the ways out of it. A returned item always goes through quarantine
# and sanitisation before it is stock again: it may have been on a compromised network.
ALLOWED_TRANSITIONS: dict[AssetState, frozenset[AssetState]] = {
    _S.IN_STOCK: frozenset({_S.RESERVED, _S.DAMAGED, _S.LOST, _S.STOLEN, _S.RETIRED}),
    # A reserved item substituted out of a kit goes to quarantine (or damaged), never straight
    # back to stock: it was taken out for a reason someone has to look at.
    _S.RESERVED: frozenset(
        {_S.PROVISIONING, _S.IN_STOCK, _S.QUARANTINE, _S.DAMAGED, _S.LOST, _S.STOLEN}
    ),
    _S.PROVISIONING: frozenset({_S.READY, _S.QUARANTINE, _S.DAMAGED, _S.LOST, _S.STOLEN}),
    _S.READY: frozenset({_S.ON_LOAN, _S.QUARANTINE, _S.DAMAGED, _S.LOST, _S.STOLEN}),
    _S.ON_LOAN: frozenset({_S.RETURNED, _S.DAMAGED, _S.LOST, _S.STOLEN}),
    _S.RETURNED: frozenset({_S.QUARANTINE}),
    _S.QUARANTINE: frozenset({_S.SANITISED, _S.DAMAGED, _S.RETIRED}),
    _S.SANITISED: frozenset({_S.IN_STOCK, _S.RETIRED}),
    _S.DAMAGED: frozenset({_S.QUARANTINE, _S.RETIRED}),
    # A lost or stolen item that turns up again is treated as returned from a loan.
    _S.LOST: frozenset({_S.RETURNED, _S.RETIRED}),
    _S.STOLEN: frozenset({_S.RETURNED, _S.RETIRED}),
    _S.RETIRED: frozenset(),
}

#: States an item may be created in (import, manual add).
INITIAL_STATES: frozenset[AssetState] = frozenset(
    {_S.IN_STOCK, _S.QUARANTINE, _S.DAMAGED, _S.RETIRED}
)


def check_transition(tag: str, current: AssetState, target: AssetState) -> None:
    """Raise if the rules forbid moving asset `tag` from `current` to `target`.

    Raises:
        InvalidTransitionError: naming the asset, both states and the allowed ones.
    """
    allowed = ALLOWED_TRANSITIONS[current]
    if target not in allowed:
        final = msg("error.asset.final_state")
        raise InvalidTransitionError(
            msg(
                "error.asset.transition",
                tag=tag,
                current=current.value,
                target=target.value,
                allowed=", ".join(sorted(allowed)) or final.render("en"),
                current_label=msg(f"state.{current.value}"),
                target_label=msg(f"state.{target.value}"),
                allowed_labels=tuple(msg(f"state.{s.value}") for s in sorted(allowed)) or final,
            )
        )
