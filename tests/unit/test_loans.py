"""The loan lifecycle: transition table and guards."""

from __future__ import annotations

import itertools

import pytest

from crisis.domain.loans import (
    ALLOWED_TRANSITIONS,
    DataDisposition,
    LoanFacts,
    LoanGuardError,
    LoanState,
    MailboxDisposition,
    Party,
    check_loan_transition,
    missing_for,
)
from crisis.errors import InvalidTransitionError
from crisis.i18n import Message, t

L = LoanState
BOTH = frozenset(Party)
READY_TO_HAND_OVER = LoanFacts("L-2026-004", acceptance_signed_by=BOTH, inventory_signed_by=BOTH)
READY_TO_CLOSE = LoanFacts(
    "L-2026-004",
    returned_devices=frozenset({"LAP-2", "LAP-10", "PHN-1"}),
    sanitised_devices=frozenset({"LAP-2", "LAP-10", "PHN-1", "LAP-99"}),
    mailboxes=frozenset({"a@crise.example", "b@crise.example"}),
    dispositions=(
        MailboxDisposition("a@crise.example", DataDisposition.RETURNED_TO_TOWN),
        MailboxDisposition("b@crise.example", DataDisposition.DESTROYED, "ATT-2026-17"),
    ),
)
CYCLE = [
    L.DECLARED, L.RESERVED, L.PROVISIONING, L.ACCEPTED, L.HANDED_OVER,
    L.ACTIVE, L.RETURNING, L.SANITISING, L.CLOSED,
]  # fmt: skip


def english(messages: tuple[Message, ...]) -> tuple[str, ...]:
    return tuple(m.render("en") for m in messages)


def test_the_whole_cycle_passes_when_every_condition_is_met() -> None:
    facts = LoanFacts(
        "L-2026-004",
        acceptance_signed_by=BOTH,
        inventory_signed_by=BOTH,
        return_report_signed_by=BOTH,
        returned_devices=READY_TO_CLOSE.returned_devices,
        sanitised_devices=READY_TO_CLOSE.sanitised_devices,
        mailboxes=READY_TO_CLOSE.mailboxes,
        dispositions=READY_TO_CLOSE.dispositions,
    )
    for a, b in itertools.pairwise(CYCLE):
        check_loan_transition(facts, a, b)


def test_every_state_is_in_the_table_and_only_final_states_have_no_way_out() -> None:
    assert set(ALLOWED_TRANSITIONS) == set(LoanState)
    assert {s for s, out in ALLOWED_TRANSITIONS.items() if not out} == {L.CLOSED, L.CANCELLED}


def test_cancelling_is_possible_only_before_handover() -> None:
    can_cancel = {s for s, out in ALLOWED_TRANSITIONS.items() if L.CANCELLED in out}
    assert can_cancel == {L.DECLARED, L.RESERVED, L.PROVISIONING, L.ACCEPTED}
    facts = LoanFacts("L-1")
    check_loan_transition(facts, L.RESERVED, L.CANCELLED)
    with pytest.raises(
        InvalidTransitionError, match="loan L-1: cannot go from active to cancelled"
    ):
        check_loan_transition(facts, L.ACTIVE, L.CANCELLED)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (L.DECLARED, L.HANDED_OVER),  # never without reservation, provisioning, acceptance
        (L.PROVISIONING, L.HANDED_OVER),
        (L.ACTIVE, L.CLOSED),  # never closed without return and sanitisation
        (L.RETURNING, L.CLOSED),
        (L.CLOSED, L.DECLARED),
    ],
)
def test_skipping_steps_is_forbidden(current: LoanState, target: LoanState) -> None:
    with pytest.raises(InvalidTransitionError) as caught:
        check_loan_transition(READY_TO_HAND_OVER, current, target)
    assert not isinstance(caught.value, LoanGuardError)
    worded = {lang: [t(f"loanstate.{x}", lang) for x in (current, target)] for lang in ("fr", "en")}
    assert "from {} to {}".format(*worded["en"]) in str(caught.value)
    assert "de « {} » à « {} »".format(*worded["fr"]) in caught.value.render("fr")


def test_no_handover_before_both_documents_are_signed_by_both_parties() -> None:
    facts = LoanFacts("L-1", acceptance_signed_by=frozenset({Party.LENDER}))
    with pytest.raises(LoanGuardError) as caught:
        check_loan_transition(facts, L.ACCEPTED, L.HANDED_OVER)
    assert str(caught.value) == (
        "loan L-1: cannot go from accepted to handed over: joint acceptance test sheet not "
        "signed by the borrower; joint inventory signed by neither party"
    )
    assert caught.value.render("fr") == (
        "prêt L-1 : impossible de passer de « recetté » à « remis » : fiche d'essai "
        "contradictoire non signée par l'emprunteur; inventaire contradictoire signé par "
        "aucune des parties"
    )
    assert english(caught.value.missing) == (
        "joint acceptance test sheet not signed by the borrower",
        "joint inventory signed by neither party",
    )
    assert missing_for(READY_TO_HAND_OVER, L.HANDED_OVER) == ()
    only_borrower = LoanFacts(
        "L-1", acceptance_signed_by=BOTH, inventory_signed_by=frozenset({Party.BORROWER})
    )
    assert english(missing_for(only_borrower, L.HANDED_OVER)) == (
        "joint inventory not signed by the lender",
    )


def test_acceptance_needs_the_test_sheet_signed() -> None:
    assert english(missing_for(LoanFacts("L-1"), L.ACCEPTED)) == (
        "joint acceptance test sheet signed by neither party",
    )
    with pytest.raises(LoanGuardError):
        check_loan_transition(LoanFacts("L-1"), L.PROVISIONING, L.ACCEPTED)


def test_no_close_before_every_returned_device_is_sanitised() -> None:
    facts = LoanFacts(
        "L-7",
        returned_devices=frozenset({"LAP-10", "LAP-2", "PHN-1"}),
        sanitised_devices=frozenset({"PHN-1"}),
    )
    with pytest.raises(LoanGuardError) as caught:
        check_loan_transition(facts, L.SANITISING, L.CLOSED)
    assert str(caught.value) == (
        "loan L-7: cannot go from sanitising to closed: no sanitisation record for "
        "2 returned devices: LAP-2, LAP-10"
    )
    assert caught.value.render("fr").endswith(
        "aucun assainissement enregistré pour 2 appareils restitués : LAP-2, LAP-10"
    )


def test_no_close_before_every_mailbox_has_its_data_disposition() -> None:
    facts = LoanFacts(
        "L-7",
        mailboxes=frozenset({"a@x", "b@x", "c@x", "d@x"}),
        dispositions=(
            MailboxDisposition("a@x", DataDisposition.RETURNED_TO_TOWN),
            MailboxDisposition("c@x", DataDisposition.DESTROYED, certificate="  "),
            MailboxDisposition("z@x", DataDisposition.DESTROYED),  # not this loan's: ignored
        ),
    )
    assert english(missing_for(facts, L.CLOSED)) == (
        "no data disposition for 2 mailboxes: b@x, d@x",
        "data destroyed without a destruction certificate for 1 mailbox: c@x",
    )


def test_a_complete_loan_may_close() -> None:
    assert missing_for(READY_TO_CLOSE, L.CLOSED) == ()
    check_loan_transition(READY_TO_CLOSE, L.SANITISING, L.CLOSED)


def test_other_transitions_have_no_guard() -> None:
    for target in (L.RESERVED, L.PROVISIONING, L.ACTIVE, L.RETURNING, L.CANCELLED):
        assert missing_for(LoanFacts("L-1"), target) == ()


def test_quarantine_waits_for_the_return_report_signed_by_both() -> None:
    facts = LoanFacts("L-7", return_report_signed_by=frozenset({Party.LENDER}))
    with pytest.raises(LoanGuardError, match="return report not signed by the borrower"):
        check_loan_transition(facts, L.RETURNING, L.SANITISING)
    check_loan_transition(LoanFacts("L-7", return_report_signed_by=BOTH), L.RETURNING, L.SANITISING)
