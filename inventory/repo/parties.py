"""Queries on organisations, people and agreements."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlmodel import Session, col

from inventory.tables import Agreement, Organisation


def sole_lender_id(s: Session) -> int | None:
    """The id of the lender when there is exactly one."""
    ids = s.scalars(select(col(Organisation.id)).where(col(Organisation.kind) == "lender")).all()
    return int(ids[0]) if len(ids) == 1 and ids[0] is not None else None


def organisations(s: Session) -> Sequence[Organisation]:
    """Every organisation by name."""
    return s.scalars(select(Organisation).order_by(col(Organisation.name))).all()


def agreements(s: Session) -> Sequence[Agreement]:
    """Every agreement by reference."""
    return s.scalars(select(Agreement).order_by(col(Agreement.reference))).all()
