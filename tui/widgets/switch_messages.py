"""Messages the switch screen's workers post to the UI: small, past tense."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the payloads' modules pull in SQLAlchemy: not for the first frame
    from crisis.services.switch import (
        LoanSwitch,
        PlanView,
        SnapshotView,
        SwitchEvent,
        SwitchOutcome,
        SwitchPlan,
    )


@dataclass
class SwitchesListed(Message):
    """The switches of the open loans arrived."""

    switches: tuple[LoanSwitch, ...]


@dataclass
class SwitchPlanned(Message):
    """The plan of the switch picked, from the inventory."""

    plan: PlanView


@dataclass
class SwitchDiffed(Message):
    """The switch was read: what applying the plan would change (``confirm``: ask to apply)."""

    plan: SwitchPlan
    diff: str
    confirm: bool


@dataclass
class RollbackPointFound(Message):
    """The stored configuration a rollback of the plan's switch would put back."""

    plan: SwitchPlan
    point: SnapshotView


@dataclass
class SwitchProgressed(Message):
    """One step of an operation on the switch."""

    event: SwitchEvent


@dataclass
class SwitchChanged(Message):
    """An apply or rollback ended (applied or unchanged), as journaled."""

    operation: str
    outcome: SwitchOutcome


@dataclass
class SwitchHistoryLoaded(Message):
    """The switch's stored configurations arrived, oldest first."""

    tag: str
    snapshots: tuple[SnapshotView, ...]


@dataclass
class SwitchKeyUnpinned(Message):
    """First contact: the switch's SSH host key is not pinned yet (nothing was sent); the
    operator is asked whether ``fingerprint`` is the one the switch's console shows."""

    plan: SwitchPlan
    host: str
    port: int
    key_type: str
    fingerprint: str


@dataclass
class SwitchKeyPinned(Message):
    """The key the operator confirmed is pinned (journaled)."""

    tag: str
    fingerprint: str
