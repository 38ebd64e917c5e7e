"""Mailbox and setting storage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from inventory.tables import Mailbox, Setting


def mailboxes_of(s: Session, loan_id: int) -> Sequence[Mailbox]:
    """A loan's mailboxes, by address."""
    stmt = select(Mailbox).where(col(Mailbox.loan_id) == loan_id).order_by(col(Mailbox.address))
    return s.scalars(stmt).all()


def get_setting(s: Session, key: str) -> dict[str, Any] | None:
    """A setting's value."""
    row = s.get(Setting, key)
    return dict(row.value) if row else None


def put_setting(s: Session, key: str, value: dict[str, Any]) -> None:
    """Create or replace a setting."""
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=value))
    else:
        row.value = value
        s.add(row)
