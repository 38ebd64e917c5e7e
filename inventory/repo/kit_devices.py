"""Which loan holds a device, and the laptops of a loan's kit in their binding order."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlmodel import Session, col

from inventory.tables import Asset, Loan, LoanItem


def loans_holding(s: Session, tags: Sequence[str], closed_states: Sequence[str]) -> dict[str, Loan]:
    """The loan (not in `closed_states`) each of these assets is bound to, by tag."""
    out: dict[str, Loan] = {}
    for i in range(0, len(tags), 900):
        stmt = (
            select(col(LoanItem.asset_tag), Loan)
            .join(Loan, col(Loan.id) == col(LoanItem.loan_id))
            .where(col(LoanItem.asset_tag).in_(tags[i : i + 900]))
            .where(col(Loan.state).not_in(closed_states))
        )
        out.update({row[0]: row[1] for row in s.execute(stmt).all()})
    return out


def kit_tags(s: Session, loan_id: int, category: str) -> list[str]:
    """The tags of a loan's assets of one category, in the order they were bound."""
    stmt = (
        select(col(LoanItem.asset_tag))
        .join(Asset, col(Asset.tag) == col(LoanItem.asset_tag))
        .where(col(LoanItem.loan_id) == loan_id, col(Asset.category) == category)
        .order_by(col(LoanItem.id))
    )
    return list(s.scalars(stmt).all())
