"""Agreements (conventions de mise à disposition) between the lender and a borrower."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class Agreement(SQLModel, table=True):
    """The agreement's terms that the tool enforces.

    ``end_rule`` is ``fixed`` (ends on ``end_date``) or ``calendar_year`` (ends on 31 December,
    tacitly renewed each year up to ``max_years`` from ``start_date``).
    """

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, index=True)  # the deliberation's reference
    # The date of the deliberation that approved the agreement (printed with its reference).
    deliberation_date: date | None = None
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
    # What the agreement says of the town's data at the end (see crisis.domain.data_terms):
    # {"article": ..., "options": ["returned", "destroyed"], "annex": ...}; empty: nothing.
    data_terms: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=True))
    # Art. 4.1 (seed 000): a loan without a valid insurance proof is refused, or allowed with
    # a warning journaled ("refuse" | "warn").
    insurance_rule: str = "warn"
    # The notice letter (registered letter, art. 9): its reference and its scan's file.
    notice_reference: str | None = None
    notice_scan_name: str | None = None
    notice_scan_sha256: str | None = None
    # One correspondent per party (seed 001 art. 5) and the borrower's DPO (seed 000 art. 4-3).
    lender_contact: str = ""
    lender_contact_email: str = ""
    borrower_contact: str = ""
    borrower_contact_email: str = ""
    dpo: str = ""
    dpo_email: str = ""
