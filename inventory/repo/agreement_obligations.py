"""Queries on insurance proofs and claims."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from inventory.tables import Agreement, InsuranceClaim, InsuranceProof, SlaClock


def proofs_of(s: Session, agreement_id: int) -> Sequence[InsuranceProof]:
    """An agreement's insurance proofs, latest validity first."""
    stmt = (
        select(InsuranceProof)
        .where(col(InsuranceProof.agreement_id) == agreement_id)
        .order_by(col(InsuranceProof.valid_until).desc(), col(InsuranceProof.id))
    )
    return s.scalars(stmt).all()


def proofs_ending_between(
    s: Session, first: date, last: date
) -> Sequence[tuple[InsuranceProof, Agreement]]:
    """Proofs whose validity ends from `first` to `last` (inclusive), soonest first."""
    stmt = (
        select(InsuranceProof, Agreement)
        .join(Agreement, col(Agreement.id) == col(InsuranceProof.agreement_id))
        .where(col(InsuranceProof.valid_until) >= first, col(InsuranceProof.valid_until) <= last)
        .order_by(col(InsuranceProof.valid_until), col(Agreement.reference))
    )
    return [(p, a) for p, a in s.execute(stmt).all()]


def claim_of(s: Session, incident_id: int) -> InsuranceClaim | None:
    """The insurance claim made for an incident, if any."""
    stmt = select(InsuranceClaim).where(col(InsuranceClaim.incident_id) == incident_id)
    return s.scalars(stmt).first()


def running_clocks_of(s: Session, incident_id: int, kind: str) -> Sequence[SlaClock]:
    """The running clocks of that kind an incident started."""
    stmt = select(SlaClock).where(
        col(SlaClock.incident_id) == incident_id,
        col(SlaClock.kind) == kind,
        col(SlaClock.stopped_at).is_(None),
    )
    return s.scalars(stmt).all()


def all_proofs(s: Session) -> Sequence[tuple[InsuranceProof, Agreement]]:
    """Every insurance proof with its agreement, by agreement then id."""
    stmt = (
        select(InsuranceProof, Agreement)
        .join(Agreement, col(Agreement.id) == col(InsuranceProof.agreement_id))
        .order_by(col(Agreement.reference), col(InsuranceProof.id))
    )
    return [(p, a) for p, a in s.execute(stmt).all()]
