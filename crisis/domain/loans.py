"""Loan states, the allowed transitions and the guards on handover and closing."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from crisis.domain.tags import sorted_tags
from crisis.errors import InvalidTransitionError
from crisis.i18n import Joined, Message, msg


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
        missing: each missing condition (a message to render), for a checklist.
    """

    def __init__(
        self, reference: str, current: str, target: str, missing: tuple[Message, ...]
    ) -> None:
        super().__init__(
            msg(
                "error.loan.guard",
                loan=reference,
                current=msg(f"loanstate.{current}"),
                target=msg(f"loanstate.{target}"),
                missing=Joined(missing),
            )
        )
        self.missing = missing


def _unsigned(document: str, signed_by: frozenset[Party]) -> list[Message]:
    absent = [p for p in Party if p not in signed_by]
    if not absent:
        return []
    if len(absent) == len(Party):
        return [msg(f"loan.missing.{document}.unsigned")]
    return [
        msg(f"loan.missing.{document}.not_signed_by", party=msg(f"party.the.{absent[0].value}"))
    ]


def missing_for(facts: LoanFacts, target: LoanState) -> tuple[Message, ...]:
    """What the loan still lacks to enter `target` (empty when nothing is missing).

    Acceptance needs the joint acceptance test sheet signed by both parties; handover needs
    it and the joint inventory signed by both; sanitising (the items leave the return desk
    for quarantine) needs the return report signed by both; closing needs every handed-over
    item returned or declared lost or stolen, no incident or clock of the loan left open, a
    sanitisation record for every returned device not under forensic hold and a data
    disposition for every mailbox (a destruction with its certificate).
    """
    missing: list[Message] = []
    if target in (_L.ACCEPTED, _L.HANDED_OVER):
        missing += _unsigned("acceptance", facts.acceptance_signed_by)
    if target is _L.HANDED_OVER:
        missing += _unsigned("inventory", facts.inventory_signed_by)
    if target is _L.SANITISING:
        missing += _unsigned("return_report", facts.return_report_signed_by)
    if target is _L.CLOSED:
        unaccounted = sorted_tags(facts.unaccounted)
        if unaccounted:
            missing.append(
                Message(
                    "loan.missing.unaccounted",
                    {
                        "tags": ", ".join(unaccounted),
                        "command": f"crisis loan declare-missing {facts.reference} "
                        + " ".join(unaccounted),
                    },
                    count=len(unaccounted),
                )
            )
        if facts.open_incidents or facts.running_clocks:
            missing.append(
                msg(
                    "loan.missing.open_incidents",
                    open=", ".join([*facts.open_incidents, *facts.running_clocks]),
                    loan=facts.reference,
                )
            )
        unsanitised = sorted_tags(
            facts.returned_devices - facts.sanitised_devices - facts.held_devices
        )
        if unsanitised:
            missing.append(
                Message(
                    "loan.missing.unsanitised",
                    {"tags": ", ".join(unsanitised)},
                    count=len(unsanitised),
                )
            )
        recorded = {d.mailbox: d for d in facts.dispositions}
        undecided = sorted(facts.mailboxes - recorded.keys())
        if undecided:
            missing.append(
                Message(
                    "loan.missing.no_disposition",
                    {"mailboxes": ", ".join(undecided)},
                    count=len(undecided),
                )
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
                Message(
                    "loan.missing.no_certificate",
                    {"mailboxes": ", ".join(uncertified)},
                    count=len(uncertified),
                )
            )
    return tuple(missing)


def handover_inventory_missing(
    document: str | None,
    signed_by: frozenset[Party],
    listed: Collection[str],
    kit: Collection[str],
) -> tuple[Message, ...]:
    """What the latest joint inventory lacks to be what the kit is handed over against.

    The handover needs the latest joint inventory (`document`, None when none was issued)
    signed by both parties and listing exactly the kit's items now (`listed` against `kit`):
    an item replaced after the parties signed makes them sign a new one.
    """
    if document is None:
        return (msg("loan.missing.inventory.none"),)
    missing: list[Message] = []
    absent = [p for p in Party if p not in signed_by]
    if len(absent) == len(Party):
        missing.append(msg("loan.missing.inventory.document_unsigned", document=document))
    elif absent:
        missing.append(
            msg(
                "loan.missing.inventory.document_not_signed_by",
                document=document,
                party=msg(f"party.the.{absent[0].value}"),
            )
        )
    lacking = sorted_tags(set(kit) - set(listed))
    extra = sorted_tags(set(listed) - set(kit))
    if lacking or extra:
        parts = (
            [msg("loan.missing.inventory.not_listed", tags=", ".join(lacking))] if lacking else []
        )
        if extra:
            parts.append(msg("loan.missing.inventory.no_longer", tags=", ".join(extra)))
        missing.append(
            msg("loan.missing.inventory.stale", document=document, parts=Joined(tuple(parts)))
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
        options = Joined(tuple(msg(f"loanstate.{x}") for x in sorted(allowed)), ", ")
        raise InvalidTransitionError(
            msg(
                "error.loan.transition",
                loan=facts.reference,
                current=msg(f"loanstate.{current}"),
                target=msg(f"loanstate.{target}"),
                allowed=options if allowed else msg("error.asset.final_state"),
            )
        )
    missing = missing_for(facts, target)
    if missing:
        raise LoanGuardError(facts.reference, current, target, missing)
