"""Queries on forensic holds and their chain of custody."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlmodel import Session, col

from inventory.tables import CustodyTransfer, ForensicHold, ReturnScan


def open_holds(s: Session, tags: Sequence[str], *, for_update: bool = False) -> list[ForensicHold]:
    """The holds not released on these tags."""
    if not tags:
        return []
    stmt = select(ForensicHold).where(
        col(ForensicHold.asset_tag).in_(list(tags)), col(ForensicHold.released_at).is_(None)
    )
    return list(s.scalars(stmt.with_for_update() if for_update else stmt).all())


def holds_of_loan(s: Session, loan_id: int) -> Sequence[ForensicHold]:
    """Every hold placed on a device returned with this loan, oldest first."""
    stmt = (
        select(ForensicHold)
        .where(col(ForensicHold.loan_id) == loan_id)
        .order_by(col(ForensicHold.id))
    )
    return s.scalars(stmt).all()


def holds_of_tag(s: Session, tag: str) -> Sequence[ForensicHold]:
    """Every hold a device was put under, oldest first."""
    stmt = select(ForensicHold).where(col(ForensicHold.asset_tag) == tag)
    return s.scalars(stmt.order_by(col(ForensicHold.id))).all()


def all_holds(s: Session) -> Sequence[ForensicHold]:
    """Every hold, oldest first."""
    return s.scalars(select(ForensicHold).order_by(col(ForensicHold.id))).all()


def transfers(s: Session, hold_id: int) -> Sequence[CustodyTransfer]:
    """A hold's hand-overs of custody, in order."""
    stmt = select(CustodyTransfer).where(col(CustodyTransfer.hold_id) == hold_id)
    return s.scalars(stmt.order_by(col(CustodyTransfer.id))).all()


def returned_with(s: Session, tag: str) -> int | None:
    """The loan a device last came back with (its latest scan still standing)."""
    stmt = (
        select(col(ReturnScan.loan_id))
        .where(col(ReturnScan.asset_tag) == tag, col(ReturnScan.withdrawn_at).is_(None))
        .order_by(col(ReturnScan.id).desc())
    )
    return s.scalars(stmt).first()
