"""Queries for the dashboard: the crises still open, with their town and loan count."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlmodel import Session, col

from inventory.tables import Crisis, Loan, Organisation


def open_crises(s: Session) -> Sequence[tuple[Crisis, Organisation, int]]:
    """Crises declared and not closed, oldest first, with their town and number of loans."""
    loans = (
        select(Loan.crisis_id, func.count().label("n"))  # type: ignore[call-overload]
        .group_by(Loan.crisis_id)
        .subquery()
    )
    stmt = (
        select(Crisis, Organisation, func.coalesce(loans.c.n, 0))
        .join(Organisation, col(Organisation.id) == col(Crisis.organisation_id))
        .outerjoin(loans, loans.c.crisis_id == col(Crisis.id))
        .where(col(Crisis.closed_at).is_(None))
        .order_by(col(Crisis.declared_at), col(Crisis.reference))
    )
    return [(row[0], row[1], int(row[2])) for row in s.execute(stmt).all()]
