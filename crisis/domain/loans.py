"""Loan states, the allowed transitions and the guards on handover and closing."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from crisis.domain.tags import sorted_tags
from crisis.errors import InvalidTransitionError


class LoanState(StrEnum):
    """Where a loan is, from the declared attack to the closed file."""

    DECLARED = "declared"
    RESERVED = "reserved"
    PROVISIONING = "provisioning"
    ACCEPTED = "accepted"
    HANDED_OVER = "handed_over"
    ACTIVE = "active"
    RETURNING = "returning"
    SANITISING = "sanitising"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class Party(StrEnum):
    """A signatory of the joint documents."""

    LENDER = "lender"
    BORROWER = "borrower"


class DataDisposition(StrEnum):
    """What became of a mailbox's data at the end of a loan (seed 001 art. 10 and 11 i)."""

    RETURNED_TO_TOWN = "returned_to_town"
    DESTROYED = "destroyed"


_L = LoanState

# Cancelling is possible until the kit is handed over; after that the items are at the town
# and the loan has to go through return and sanitisation. An accepted kit may go back to
# provisioning (an item replaced after the test): it then needs a new acceptance test.
ALLOWED_TRANSITIONS: dict[LoanState, frozenset[LoanState]] = {
    _L.DECLARED: frozenset({_L.RESERVED, _L.CANCELLED}),
    _L.RESERVED: frozenset({_L.PROVISIONING, _L.CANCELLED}),
    _L.PROVISIONING: frozenset({_L.ACCEPTED, _L.CANCELLED}),
    _L.ACCEPTED: frozenset({_L.HANDED_OVER, _L.PROVISIONING, _L.CANCELLED}),
    _L.HANDED_OVER: frozenset({_L.ACTIVE}),
    _L.ACTIVE: frozenset({_L.RETURNING}),
    _L.RETURNING: frozenset({_L.SANITISING}),
    _L.SANITISING: frozenset({_L.CLOSED}),
    _L.CLOSED: frozenset(),
    _L.CANCELLED: frozenset(),
}

#: States in which the kit is at the borrower's (clocks on breakdowns and losses can run).
AT_BORROWER: frozenset[LoanState] = frozenset({_L.HANDED_OVER, _L.ACTIVE})


@dataclass(frozen=True, slots=True)
class MailboxDisposition:
    """The recorded fate of one mailbox's data.

    Attributes:
        mailbox: the mailbox address.
        disposition: exported to the town, or destroyed.
        certificate: the destruction certificate's reference (required when destroyed).
    """

    mailbox: str
    disposition: DataDisposition
    certificate: str | None = None


@dataclass(frozen=True, slots=True)
class LoanFacts:
    """What the guards need to know about a loan, gathered by the service.

    Attributes:
        reference: the loan's reference, named in every error.
        acceptance_signed_by: parties who signed the joint acceptance test sheet.
        inventory_signed_by: parties who signed the joint inventory.
        return_report_signed_by: parties who signed the return report (PV de restitution).
        returned_devices: tags of the devices that came back.
        sanitised_devices: tags with a passed sanitisation record made since they came back.
        mailboxes: the loan's mailboxes.
        dispositions: the recorded data dispositions of mailboxes.
        unaccounted: handed-over items neither returned nor covered by a loss or theft
            declaration (still on loan).
        open_incidents: the loan's incidents not closed, as "kind id".
        running_clocks: the clocks of its incidents still running, as "kind id".
        held_devices: returned devices under forensic hold (they cannot be sanitised
            before their release; the hold and its custody follow them).
    """

    reference: str
    acceptance_signed_by: frozenset[Party] = frozenset()
    inventory_signed_by: frozenset[Party] = frozenset()
    return_report_signed_by: frozenset[Party] = frozenset()
    returned_devices: frozenset[str] = frozenset()
    sanitised_devices: frozenset[str] = frozenset()
    mailboxes: frozenset[str] = frozenset()
    dispositions: tuple[MailboxDisposition, ...] = ()
    unaccounted: frozenset[str] = frozenset()
    open_incidents: tuple[str, ...] = ()
    running_clocks: tuple[str, ...] = ()
    held_devices: frozenset[str] = frozenset()


class LoanGuardError(InvalidTransitionError):
    """A transition the table allows but whose conditions are not met yet.

    Attributes:
        missing: each missing condition as a sentence, for a checklist.
    """

    def __init__(self, message: str, missing: tuple[str, ...]) -> None:
        super().__init__(message)
        self.missing = missing


def _unsigned(document: str, signed_by: frozenset[Party]) -> list[str]:
    absent = [p for p in Party if p not in signed_by]
    if not absent:
        return []
    if len(absent) == len(Party):
        return [f"{document} signed by neither party"]
    return [f"{document} not signed by the {absent[0]}"]


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def missing_for(facts: LoanFacts, target: LoanState) -> tuple[str, ...]:
    """What the loan still lacks to enter `target` (empty when nothing is missing).

    Acceptance needs the joint acceptance test sheet signed by both parties; handover needs
    it and the joint inventory signed by both; sanitising (the items leave the return desk
    for quarantine) needs the return report signed by both; closing needs every handed-over
    item returned or declared lost or stolen, no incident or clock of the loan left open, a
    sanitisation record for every returned device not under forensic hold and a data
    disposition for every mailbox (a destruction with its certificate).
    """
    missing: list[str] = []
    if target in (_L.ACCEPTED, _L.HANDED_OVER):
        missing += _unsigned("joint acceptance test sheet", facts.acceptance_signed_by)
    if target is _L.HANDED_OVER:
        missing += _unsigned("joint inventory", facts.inventory_signed_by)
    if target is _L.SANITISING:
        missing += _unsigned("return report", facts.return_report_signed_by)
    if target is _L.CLOSED:
        unaccounted = sorted_tags(facts.unaccounted)
        if unaccounted:
            missing.append(
                f"{_count(len(unaccounted), 'item', 'items')} neither returned nor declared "
                "lost or stolen: " + ", ".join(unaccounted) + "; declare them with "
                f"crisis loan declare-missing {facts.reference} "
                + " ".join(unaccounted)
                + " --declarant NAME [--theft]"
            )
        if facts.open_incidents or facts.running_clocks:
            missing.append(
                "open incidents or running clocks: "
                + ", ".join([*facts.open_incidents, *facts.running_clocks])
                + f"; close them with a reason: crisis loan close {facts.reference} "
                "--resolve TEXT"
            )
        unsanitised = sorted_tags(
            facts.returned_devices - facts.sanitised_devices - facts.held_devices
        )
        if unsanitised:
            missing.append(
                "no sanitisation record for "
                f"{_count(len(unsanitised), 'returned device', 'returned devices')}: "
                + ", ".join(unsanitised)
            )
        recorded = {d.mailbox: d for d in facts.dispositions}
        undecided = sorted(facts.mailboxes - recorded.keys())
        if undecided:
            missing.append(
                f"no data disposition for {_count(len(undecided), 'mailbox', 'mailboxes')}: "
                + ", ".join(undecided)
            )
        uncertified = sorted(
            m
            for m, d in recorded.items()
            if m in facts.mailboxes
            and d.disposition is DataDisposition.DESTROYED
            and not (d.certificate or "").strip()
        )
        if uncertified:
            missing.append(
                "data destroyed without a destruction certificate for "
                f"{_count(len(uncertified), 'mailbox', 'mailboxes')}: " + ", ".join(uncertified)
            )
    return tuple(missing)


def handover_inventory_missing(
    document: str | None,
    signed_by: frozenset[Party],
    listed: Collection[str],
    kit: Collection[str],
) -> tuple[str, ...]:
    """What the latest joint inventory lacks to be what the kit is handed over against.

    The handover needs the latest joint inventory (`document`, None when none was issued)
    signed by both parties and listing exactly the kit's items now (`listed` against `kit`):
    an item replaced after the parties signed makes them sign a new one.
    """
    if document is None:
        return ("no joint inventory issued for the kit",)
    missing: list[str] = []
    absent = [p.value for p in Party if p not in signed_by]
    if absent:
        missing.append(f"joint inventory {document} not signed by the " + " nor the ".join(absent))
    lacking = sorted_tags(set(kit) - set(listed))
    extra = sorted_tags(set(listed) - set(kit))
    if lacking or extra:
        parts = ["not listed: " + ", ".join(lacking)] if lacking else []
        parts += ["no longer in the kit: " + ", ".join(extra)] if extra else []
        missing.append(
            f"joint inventory {document} does not list the kit as it is now "
            f"({'; '.join(parts)}): issue a new one and have both parties sign it"
        )
    return tuple(missing)


def check_loan_transition(facts: LoanFacts, current: LoanState, target: LoanState) -> None:
    """Raise if loan `facts.reference` may not go from `current` to `target` now.

    Raises:
        InvalidTransitionError: the table forbids the move (names both states and the
            allowed ones).
        LoanGuardError: the move is allowed but conditions are missing (names each one).
    """
    allowed = ALLOWED_TRANSITIONS[current]
    if target not in allowed:
        options = ", ".join(sorted(allowed)) or "none (final state)"
        raise InvalidTransitionError(
            f"loan {facts.reference}: cannot go from {current} to {target}; "
            f"allowed from {current}: {options}"
        )
    missing = missing_for(facts, target)
    if missing:
        raise LoanGuardError(
            f"loan {facts.reference}: cannot go from {current} to {target}: " + "; ".join(missing),
            missing,
        )
