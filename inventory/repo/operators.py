"""Queries on operators."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlmodel import Session, col

from inventory.tables import Operator


def count(s: Session) -> int:
    """How many operators are registered."""
    return int(s.scalar(select(func.count()).select_from(Operator)) or 0)


def by_name(s: Session, name: str) -> Operator | None:
    """The operator named `name`."""
    return s.scalars(select(Operator).where(col(Operator.name) == name)).first()


def all_(s: Session) -> Sequence[Operator]:
    """Every operator by name."""
    return s.scalars(select(Operator).order_by(col(Operator.name))).all()
