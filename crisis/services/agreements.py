"""Agreements: where each stands (term, renewal, notice deadline), and notices received."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import Session

from crisis.domain.agreement_terms import (
    AgreementStatus,
    last_day,
    next_renewal,
    notice_deadline,
    status_on,
    term_end,
)
from crisis.domain.free_text import checked_text
from crisis.domain.loans import LoanState
from crisis.domain.paris_time import paris_date
from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import msg
from crisis.services import evidence_files, insurance
from crisis.services.agreement_contacts import Contacts, contacts_of
from crisis.services.insurance import Cover, InsuranceRule, ProofView
from crisis.services.journaling import Change, record
from crisis.services.loans import terms_of
from crisis.services.workspace import Workspace
from inventory.repo import loans as loans_repo
from inventory.repo import parties as repo
from inventory.tables import Agreement, Organisation


@dataclass(frozen=True, slots=True)
class AgreementView:
    """An agreement and its dates as of a day (Paris)."""

    reference: str
    borrower: str
    status: AgreementStatus
    on: date
    term_end: date | None
    next_renewal: date | None
    notice_deadline: date | None
    last_day: date | None
    notice_given_on: date | None


def list_agreements(ws: Workspace, on: date | None = None) -> list[AgreementView]:
    """Every agreement with its status and dates as of `on` (today in Paris by default)."""
    day = on or paris_date(datetime.now(UTC))
    with ws.db.session() as s:
        out = []
        for a in repo.agreements(s):
            terms = terms_of(a)
            borrower = s.get(Organisation, a.borrower_id)
            out.append(
                AgreementView(
                    reference=a.reference,
                    borrower=borrower.name if borrower else "",
                    status=status_on(terms, day),
                    on=day,
                    term_end=term_end(terms, day),
                    next_renewal=next_renewal(terms, day),
                    notice_deadline=notice_deadline(terms, day),
                    last_day=last_day(terms, as_of=day),
                    notice_given_on=a.notice_given_on,
                )
            )
        return out


def record_notice(
    ws: Workspace,
    reference: str,
    received_on: date,
    *,
    letter_reference: str = "",
    scan: Path | None = None,
) -> AgreementView:
    """A party's notice letter was received on `received_on`: the agreement ends as its
    terms say (journaled). The registered letter's reference and its scan (kept with its
    SHA-256) are recorded with it.

    Raises:
        NotFoundError: no such agreement.
        ValidationError: notice already received, a day before the agreement, unreadable scan.
    """
    operator = ws.acting_operator()
    letter_reference = checked_text(letter_reference, "letter")
    letter = evidence_files.read_evidence(scan, "scan") if scan is not None else None
    with ws.db.session(write=True) as s:
        a = loans_repo.agreement(s, reference)
        if a is None:
            raise NotFoundError(msg("error.agreement.not_found", reference=reference))
        if a.notice_given_on is not None:
            raise ValidationError(
                msg("error.agreement.notice_already", reference=reference, date=a.notice_given_on),
                where="notice",
            )
        if received_on < a.start_date:
            raise ValidationError(
                msg(
                    "error.agreement.starts_after",
                    reference=reference,
                    start=a.start_date,
                    received=received_on,
                ),
                where="received_on",
            )
        a.notice_given_on = received_on
        a.notice_reference = letter_reference or None
        if scan is not None and letter is not None:
            a.notice_scan_name, a.notice_scan_sha256 = scan.name, letter[1]
        s.add(a)
        end = last_day(terms_of(a), as_of=received_on)
        after = {
            "received_on": received_on.isoformat(),
            "last_day": end.isoformat() if end else None,
            "letter_reference": a.notice_reference,
            "scan_name": a.notice_scan_name,
            "scan_sha256": a.notice_scan_sha256,
        }
        record(
            s, operator, [Change("agreement.notice_received", "agreement", reference, None, after)]
        )
        if letter is not None:
            evidence_files.keep(*letter)
    (view,) = [v for v in list_agreements(ws, received_on) if v.reference == reference]
    return view


@dataclass(frozen=True, slots=True)
class AgreementDetail:
    """An agreement with what it asks of the parties: insurance proofs and its rule."""

    view: AgreementView
    insurance_rule: InsuranceRule
    proofs: tuple[ProofView, ...]
    missing_covers: tuple[Cover, ...]  # covers no proof valid on `view.on` attests
    notice: NoticeLetter | None = None  # the termination letter received, if any
    returns_due: tuple[ReturnDue, ...] = ()  # open loans to come back by the last day
    contacts: Contacts | None = None  # each party's correspondent and the borrower's DPO


def show(ws: Workspace, reference: str, on: date | None = None) -> AgreementDetail:
    """An agreement, its dates as of `on` (today in Paris) and its obligations.

    Raises:
        NotFoundError: no such agreement.
    """
    day = on or paris_date(datetime.now(UTC))
    views = [v for v in list_agreements(ws, day) if v.reference == reference]
    if not views:
        raise NotFoundError(msg("error.agreement.not_found", reference=reference))
    with ws.db.session() as s:
        a = loans_repo.agreement(s, reference)
        assert a is not None
        return AgreementDetail(
            view=views[0],
            insurance_rule=InsuranceRule(a.insurance_rule),
            proofs=tuple(insurance.proofs_in(s, a)),
            missing_covers=insurance.missing_covers(s, a, day),
            notice=_letter(a),
            returns_due=tuple(r for r in returns_due_in(s) if r.agreement == reference),
            contacts=contacts_of(a),
        )


@dataclass(frozen=True, slots=True)
class NoticeLetter:
    """The registered letter that gave notice (art. 9), as recorded."""

    received_on: date
    reference: str | None
    scan_name: str | None
    scan_sha256: str | None
    scan_intact: bool | None  # None: no scan recorded


@dataclass(frozen=True, slots=True)
class ReturnDue:
    """An open loan under an agreement ended by notice: it must come back by `last_day`."""

    agreement: str
    town: str
    loan: str
    state: str
    last_day: date


def returns_due_in(s: Session) -> list[ReturnDue]:
    """Open loans under agreements that notice ends, soonest last day first."""
    states = [st.value for st in LoanState if st not in (LoanState.CLOSED, LoanState.CANCELLED)]
    ended = {a.id: a for a in repo.agreements(s) if a.notice_given_on is not None}
    out = []
    for ln, org in loans_repo.active_loans(s, states):
        a = ended.get(ln.agreement_id)
        end = last_day(terms_of(a), as_of=a.notice_given_on) if a is not None else None
        if a is not None and end is not None:
            out.append(ReturnDue(a.reference, org.name, ln.reference, ln.state, end))
    return sorted(out, key=lambda r: (r.last_day, r.agreement, r.loan))


def _letter(a: Agreement) -> NoticeLetter | None:
    if a.notice_given_on is None:
        return None
    sha = a.notice_scan_sha256
    return NoticeLetter(
        received_on=a.notice_given_on,
        reference=a.notice_reference,
        scan_name=a.notice_scan_name,
        scan_sha256=sha,
        scan_intact=evidence_files.intact(sha) if sha else None,
    )
