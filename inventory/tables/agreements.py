"""Agreements (conventions de mise à disposition) between the lender and a borrower."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel


class Agreement(SQLModel, table=True):
    """The agreement's terms that the tool enforces.

    ``end_rule`` is ``fixed`` (ends on ``end_date``) or ``calendar_year`` (ends on 31 December,
    tacitly renewed each year up to ``max_years`` from ``start_date``).
    """

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, index=True)  # the deliberation's reference
    title: str
    lender_id: int = Field(foreign_key="organisation.id", index=True)
    borrower_id: int = Field(foreign_key="organisation.id", index=True)
    start_date: date
    end_rule: str
    end_date: date | None = None
    max_years: int | None = None
    notice_months: int = 3
    notice_given_on: date | None = None
    intervention_hours: int = 12
    loss_declaration_hours: int = 24
    breach_notification_hours: int = 72
    # Clocks count in these support hours ("mon-fri 08:30-12:30 13:30-17:30"); empty: 24/7.
    support_hours: str = ""
