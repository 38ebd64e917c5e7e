"""The journal's rows read straight through the database driver, without SQLAlchemy: what
a chain walk needs, cheap to import in a process of its own."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

EVENT_COLUMNS = (
    "seq",
    "at",
    "operator",
    "action",
    "entity_type",
    "entity_id",
    "before",
    "after",
    "prev_hash",
    "hash",
)


def connect(url: str) -> Any:
    """A driver connection to the inventory at `url` (a normalised SQLAlchemy URL)."""
    if url.startswith("sqlite:///"):
        import sqlite3

        return sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30)
    import psycopg

    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1))


def iter_rows(
    dbapi: Any, postgres: bool, seqs: tuple[int, int] | None = None, batch: int = 20_000
) -> Generator[tuple[Any, ...], None, None]:
    """Every event (or those whose seq is within `seqs`, both ends included) as a plain tuple
    in EVENT_COLUMNS order, ascending seq, streamed (server-side cursor on PostgreSQL)."""
    cols = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
    cur = dbapi.cursor(name="journal_walk") if postgres else dbapi.cursor()
    where = ""
    params: tuple[int, ...] = ()
    if seqs is not None:
        mark = "%s" if postgres else "?"
        where, params = f" WHERE seq BETWEEN {mark} AND {mark}", seqs
    try:
        cur.execute(f"SELECT {cols} FROM journal_event{where} ORDER BY seq", params)
        while rows := cur.fetchmany(batch):
            yield from rows
    finally:
        cur.close()


def _encoded_sql(postgres: bool) -> str:
    """The SELECT of (seq, canonical bytes, prev_hash, hash): the eight hashed fields joined
    by the database itself, as :func:`crisis.domain.journal_chain.encode_event` joins them.

    PostgreSQL text holds no NUL: there the fields are joined as bytea. SQLite joins them
    fastest with one ``printf`` (15 concatenations cost a third more), whose ``%s`` stops at
    a NUL: it joins with the unit separator (0x1F), which :func:`iter_encoded` turns into
    NUL. A field holding either character gives bytes whose separators do not count seven,
    so the walk refuses them and the stored fields are walked again (never a false intact).
    """
    fields = [f'"{c}"' for c in EVENT_COLUMNS[:8]]
    if postgres:
        joined = " || '\\x00'::bytea || ".join(f"convert_to({c}::text, 'UTF8')" for c in fields)
    else:
        joined = "CAST(printf('%s" + "\x1f%s" * 7 + "', " + ", ".join(fields) + ") AS BLOB)"
    return f'SELECT seq, {joined}, "prev_hash", "hash" FROM journal_event'


def iter_encoded(
    dbapi: Any, postgres: bool, seqs: tuple[int, int] | None = None, batch: int = 20_000
) -> Generator[tuple[Any, ...], None, None]:
    """Every event (or those whose seq is within `seqs`) as (seq, canonical bytes, stored
    previous hash, stored hash), ascending seq, streamed: what a chain walk reads when the
    chain is intact (one column to hash, no per-field work in Python)."""
    cur = dbapi.cursor(name="journal_walk_encoded", binary=True) if postgres else dbapi.cursor()
    where = ""
    params: tuple[int, ...] = ()
    if seqs is not None:
        mark = "%s" if postgres else "?"
        where, params = f" WHERE seq BETWEEN {mark} AND {mark}", seqs
    try:
        cur.execute(f"{_encoded_sql(postgres)}{where} ORDER BY seq", params)
        if postgres:
            while rows := cur.fetchmany(batch):
                yield from rows
            return
        while rows := cur.fetchmany(batch):
            for seq, joined, prev, hash_ in rows:
                yield seq, joined.replace(b"\x1f", b"\x00"), prev, hash_
    finally:
        cur.close()
