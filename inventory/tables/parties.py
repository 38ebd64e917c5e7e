"""Organisations (the lender, borrowing towns and associations) and their people."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel


class Organisation(SQLModel, table=True):
    """A party to an agreement: the lender or a borrower (a town has an INSEE code)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    kind: str  # "lender" | "borrower"
    insee_code: str | None = Field(default=None, unique=True)
    address: str = ""
    # A borrower's own crisis mail domain: its isolated mailboxes are created there only.
    # A unique index, not a table constraint: adding it never rebuilds the table on SQLite.
    mail_domain: str | None = Field(default=None, unique=True, index=True)


class Person(SQLModel, table=True):
    """Someone acting for an organisation: correspondent, representative, technician..."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    name: str
    role: str  # "correspondent" | "representative" | "technician" | ...
    position: str = ""
    # A representative's authority to sign: the act (e.g. "délibération n° 2024-118") and
    # its date, printed on the joint documents ("dûment habilité par ...").
    delegation: str = ""
    delegation_date: date | None = None
    email: str = ""
    phone: str = ""
