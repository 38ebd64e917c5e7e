"""Recording changes in the journal, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from crisis.domain.journal_chain import canonical_json, chain_hash, encode_event
from crisis.errors import ConfigurationError
from crisis.i18n import msg
from inventory.repo import journal as repo

#: Where :func:`record` leaves the journal's new tail (seq, hash, operator) in the session's
#: ``info``, so an automatic checkpoint can sign it in the same transaction.
JOURNAL_TAIL = "crisis.journal_tail"


@dataclass(frozen=True, slots=True)
class Change:
    """One change to journal: what happened to which entity, before and after."""

    action: str
    entity_type: str
    entity_id: str
    before: Any = None
    after: Any = None


def utc_stamp(now: datetime | None = None) -> str:
    """The ISO 8601 UTC text stored (and hashed) as an event's time."""
    return (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")


def locked_head(s: Session) -> tuple[int, str]:
    """The journal head (last seq, its hash), locked until the transaction ends.

    Raises:
        ConfigurationError: the head record was deleted: nothing may be journaled.
    """
    try:
        return repo.lock_head(s)
    except repo.JournalHeadMissingError:
        raise _head_missing() from None


def recorded_head(s: Session) -> tuple[int, str]:
    """The journal head (last seq, its hash), not locked.

    Raises:
        ConfigurationError: the head record was deleted.
    """
    try:
        return repo.head(s)
    except repo.JournalHeadMissingError:
        raise _head_missing() from None


def _head_missing() -> ConfigurationError:
    return ConfigurationError(msg("error.journal.head_missing"))


def record(s: Session, operator: str, changes: Iterable[Change]) -> int:
    """Append `changes` to the journal in the session's transaction; return the last seq.

    `operator` comes from :meth:`Workspace.acting_operator`, which refuses an empty one.
    """
    seq, prev = locked_head(s)
    at = utc_stamp()
    rows: list[dict[str, Any]] = []
    for ch in changes:
        seq += 1
        before, after = canonical_json(ch.before), canonical_json(ch.after)
        h = chain_hash(
            prev,
            encode_event(seq, at, operator, ch.action, ch.entity_type, ch.entity_id, before, after),
        )
        rows.append(
            {
                "seq": seq,
                "at": at,
                "operator": operator,
                "action": ch.action,
                "entity_type": ch.entity_type,
                "entity_id": ch.entity_id,
                "before": before,
                "after": after,
                "prev_hash": prev,
                "hash": h,
            }
        )
        prev = h
    repo.append(s, rows)
    if rows:
        s.info[JOURNAL_TAIL] = (seq, prev, operator)
    return seq
