"""Journal storage: lock the head, append events, read them back in order."""

from __future__ import annotations

import json
from collections.abc import Collection, Generator, Sequence
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.engine import Connection
from sqlmodel import Session, col

from inventory.journal_rows import EVENT_COLUMNS, iter_rows
from inventory.tables import JournalCheckpoint, JournalEvent, JournalHead, table_of


class JournalHeadMissingError(LookupError):
    """The journal's head record was deleted (outside the tool): nothing may be appended."""


def lock_head(s: Session) -> tuple[int, str]:
    """The head (last seq, its hash), locked until the transaction ends.

    Raises:
        JournalHeadMissingError: the head record was deleted.

    On PostgreSQL ``FOR UPDATE`` serialises appenders; SQLite write sessions already hold the
    database's write lock (``BEGIN IMMEDIATE``).
    """
    stmt = (
        select(col(JournalHead.seq), col(JournalHead.hash))
        .where(col(JournalHead.id) == 1)
        .with_for_update()
    )
    row = s.execute(stmt).one_or_none()
    if row is None:
        raise JournalHeadMissingError("journal_head")
    return int(row[0]), str(row[1])


def head(s: Session) -> tuple[int, str]:
    """The head (last seq, its hash) as recorded, without locking it."""
    row = s.execute(
        select(col(JournalHead.seq), col(JournalHead.hash)).where(col(JournalHead.id) == 1)
    ).one_or_none()
    if row is None:
        raise JournalHeadMissingError("journal_head")
    return int(row[0]), str(row[1])


def latest(s: Session, limit: int) -> Sequence[JournalEvent]:
    """The newest `limit` events, newest first."""
    stmt = select(JournalEvent).order_by(col(JournalEvent.seq).desc()).limit(limit)
    return s.scalars(stmt).all()


_QUOTED = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
#: PostgreSQL: the events bound as one JSON array of rows (encoded in C, whatever their
#: number), inserted in order, and the head moved, by one statement.
_EVENTS_FROM_JSON = text(
    "WITH moved AS (UPDATE journal_head SET seq = :seq, hash = :hash WHERE id = 1) "
    f"INSERT INTO journal_event ({_QUOTED}) SELECT {_QUOTED} FROM json_to_recordset("
    "CAST(:rows AS json)) AS t(seq integer, "
    + ", ".join(f'"{c}" text' for c in EVENT_COLUMNS[1:])
    + ") ORDER BY seq"
)


def append(s: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert already-chained event rows and move the head to the last one (one statement
    on PostgreSQL, whatever the number of rows)."""
    if not rows:
        return
    last = rows[-1]
    if s.get_bind().dialect.name == "postgresql":
        s.execute(
            _EVENTS_FROM_JSON, {"rows": json.dumps(rows), "seq": last["seq"], "hash": last["hash"]}
        )
        return
    s.execute(insert(table_of(JournalEvent)), list(rows))
    s.execute(
        update(table_of(JournalHead))
        .where(text("id = 1"))
        .values(seq=last["seq"], hash=last["hash"])
    )


def iter_event_tuples(
    conn: Connection, batch: int = 20_000, seqs: tuple[int, int] | None = None
) -> Generator[tuple[Any, ...], None, None]:
    """Every event (or those whose seq is within `seqs`) as a plain tuple in EVENT_COLUMNS
    order, ascending seq, streamed.

    Read through the driver's own cursor: verification walks millions of rows, and
    SQLAlchemy's per-row result objects would cost more than hashing.
    """
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    return iter_rows(dbapi, conn.dialect.name == "postgresql", seqs, batch)


def events_for(s: Session, entity_type: str, entity_id: str) -> Sequence[JournalEvent]:
    """The events about one entity, oldest first."""
    stmt = (
        select(JournalEvent)
        .where(
            col(JournalEvent.entity_type) == entity_type, col(JournalEvent.entity_id) == entity_id
        )
        .order_by(col(JournalEvent.seq))
    )
    return s.scalars(stmt).all()


def last_event(
    s: Session, entity_type: str, entity_id: str, actions: Collection[str], since: str = ""
) -> JournalEvent | None:
    """The newest event about one entity whose action is one of `actions` (at or after the
    stored time `since`, an ISO UTC text like the events' own)."""
    stmt = (
        select(JournalEvent)
        .where(
            col(JournalEvent.entity_type) == entity_type,
            col(JournalEvent.entity_id) == entity_id,
            col(JournalEvent.action).in_(list(actions)),
            col(JournalEvent.at) >= since,
        )
        .order_by(col(JournalEvent.seq).desc())
        .limit(1)
    )
    return s.scalars(stmt).first()


def batch_events(
    s: Session, entity_type: str, entity_id: str, action: str, last_seq: int
) -> Sequence[JournalEvent]:
    """The `action` events about one entity journaled together with event `last_seq`.

    One transaction journals its changes as consecutive events sharing one time, the last
    being `last_seq` (a run's record points at it).
    """
    batch_at = select(col(JournalEvent.at)).where(col(JournalEvent.seq) == last_seq)
    stmt = (
        select(JournalEvent)
        .where(
            col(JournalEvent.entity_type) == entity_type,
            col(JournalEvent.entity_id) == entity_id,
            col(JournalEvent.action) == action,
            col(JournalEvent.seq) <= last_seq,
            col(JournalEvent.at) == batch_at.scalar_subquery(),
        )
        .order_by(col(JournalEvent.seq))
    )
    return s.scalars(stmt).all()


def event_at(s: Session, seq: int) -> JournalEvent | None:
    """One event by number."""
    return s.get(JournalEvent, seq)


def add_checkpoint(s: Session, cp: JournalCheckpoint) -> None:
    """Store a signed checkpoint."""
    s.add(cp)


def checkpoints(s: Session) -> Sequence[JournalCheckpoint]:
    """Every stored checkpoint, oldest first."""
    return s.scalars(select(JournalCheckpoint).order_by(col(JournalCheckpoint.id))).all()


#: The journal tables the database itself keeps append-only.
GUARDED_TABLES = ("journal_event", "journal_checkpoint")


def sqlite_guard_sql(table: str, verb: str) -> str:
    """The SQLite trigger that refuses `verb` (UPDATE or DELETE) on `table`, as the initial
    migration created it (kept here as the reference a live trigger is compared with)."""
    return (
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
    )


def append_only_triggers(conn: Connection) -> set[str]:
    """Names of the triggers that guard the journal tables and still do their job.

    A trigger that was disabled (PostgreSQL ``DISABLE TRIGGER``, or enabled for replicas
    only), whose function no longer raises, or whose SQLite text was changed is left out.
    """
    if conn.dialect.name == "sqlite":
        rows = conn.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
                 "('journal_event', 'journal_checkpoint')")
        )  # fmt: skip
        expected = {
            f"{t}_no_{v.lower()}": _normalised(sqlite_guard_sql(t, v))
            for t in GUARDED_TABLES
            for v in ("UPDATE", "DELETE")
        }
        return {str(name) for name, sql in rows if expected.get(str(name)) == _normalised(str(sql))}
    sql = (
        "SELECT t.tgname FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid "
        "WHERE NOT t.tgisinternal AND t.tgenabled IN ('O', 'A') "
        "AND t.tgrelid::regclass::text IN ('journal_event', 'journal_checkpoint') "
        "AND p.proname = t.tgrelid::regclass::text || '_append_only' "
        "AND p.prosrc LIKE '%RAISE EXCEPTION%is append-only%'"
    )
    return {str(r[0]) for r in conn.execute(text(sql))}


def _normalised(sql: str) -> str:
    return " ".join(sql.split())
