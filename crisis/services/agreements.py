"""Agreements: where each stands (term, renewal, notice deadline), and notices received."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from crisis.domain.agreement_terms import (
    AgreementStatus,
    last_day,
    next_renewal,
    notice_deadline,
    status_on,
    term_end,
)
from crisis.domain.paris_time import paris_date
from crisis.errors import NotFoundError, ValidationError
from crisis.services.journaling import Change, record
from crisis.services.loans import terms_of
from crisis.services.workspace import Workspace
from inventory.repo import loans as loans_repo
from inventory.repo import parties as repo
from inventory.tables import Organisation


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


def record_notice(ws: Workspace, reference: str, received_on: date) -> AgreementView:
    """A party's notice letter was received on `received_on`: the agreement ends as its
    terms say (journaled)."""
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        a = loans_repo.agreement(s, reference)
        if a is None:
            raise NotFoundError(f"no agreement with reference {reference!r}")
        if a.notice_given_on is not None:
            raise ValidationError(
                f"agreement {reference}: notice already received on {a.notice_given_on}",
                where="notice",
            )
        if received_on < a.start_date:
            raise ValidationError(
                f"agreement {reference} starts on {a.start_date}, after {received_on}",
                where="received_on",
            )
        a.notice_given_on = received_on
        s.add(a)
        end = last_day(terms_of(a), as_of=received_on)
        after = {
            "received_on": received_on.isoformat(),
            "last_day": end.isoformat() if end else None,
        }
        record(
            s, operator, [Change("agreement.notice_received", "agreement", reference, None, after)]
        )
    (view,) = [v for v in list_agreements(ws, received_on) if v.reference == reference]
    return view
