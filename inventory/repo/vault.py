"""Queries on the vault's key record and its secrets."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import defer
from sqlmodel import Session, col

from inventory.tables import Organisation, Person, Secret, VaultKey


def key_record(s: Session, *, for_update: bool = False) -> VaultKey | None:
    """The vault's key record, None before `vault init`."""
    stmt = select(VaultKey).where(col(VaultKey.id) == 1)
    return s.scalars(stmt.with_for_update() if for_update else stmt).first()


def secret(s: Session, owner_type: str, owner_id: str, name: str) -> Secret | None:
    """One secret by owner and name (see :func:`_loaded` for an unreadable ciphertext)."""
    stmt = select(Secret).where(
        col(Secret.owner_type) == owner_type,
        col(Secret.owner_id) == owner_id,
        col(Secret.name) == name,
    )
    rows = _loaded(s, stmt.limit(1))
    return rows[0] if rows else None


def secrets(s: Session, organisation_id: int | None = None) -> Sequence[Secret]:
    """Every secret (or an organisation's), in a stable order."""
    stmt = select(Secret).order_by(
        col(Secret.owner_type), col(Secret.owner_id), col(Secret.name), col(Secret.id)
    )
    if organisation_id is not None:
        stmt = stmt.where(col(Secret.organisation_id) == organisation_id)
    return _loaded(s, stmt)


def _loaded(s: Session, stmt: Select[Secret]) -> Sequence[Secret]:
    """The secrets `stmt` selects.

    A ciphertext rewritten as text that is not UTF-8 cannot be handed back by SQLite at all;
    then the rows are loaded without their ciphertexts, and reading one raises the database
    error again, where the vault turns it into a "corrupted" error for that secret only.
    """
    try:
        return s.scalars(stmt).all()
    except OperationalError as exc:
        if "decode" not in str(exc.orig):
            raise
        unread = defer(Secret.ciphertext)  # type: ignore[arg-type]  # SQLModel types it as bytes
        return s.scalars(stmt.options(unread)).all()


def counts_by_key(s: Session) -> dict[str, int]:
    """How many secrets each key id encrypts."""
    rows = s.execute(select(col(Secret.key_id), func.count()).group_by(col(Secret.key_id)))
    return {str(k): int(n) for k, n in rows}


def organisation(s: Session, ref: str) -> Organisation | None:
    """An organisation by exact name or INSEE code."""
    stmt = select(Organisation).where(
        (col(Organisation.name) == ref) | (col(Organisation.insee_code) == ref)
    )
    return s.scalars(stmt).first()


def organisation_name(s: Session, organisation_id: int | None) -> str | None:
    """The name of an organisation by id."""
    if organisation_id is None:
        return None
    org = s.get(Organisation, organisation_id)
    return org.name if org else None


def correspondent_name(s: Session, organisation_id: int) -> str:
    """The name of an organisation's correspondent, empty when none is recorded."""
    stmt = select(col(Person.name)).where(
        col(Person.organisation_id) == organisation_id, col(Person.role) == "correspondent"
    )
    return str(s.scalars(stmt).first() or "")
