"""Whole-database copies: SQLite's online backup API, scratch PostgreSQL databases."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy import make_url, text
from sqlalchemy.engine import Engine


def sqlite_snapshot(engine: Engine, dest: Path) -> None:
    """Copy the SQLite database behind `engine` to the new file `dest`, consistently (the
    online backup API: concurrent writers wait or the copy restarts; the WAL is included)."""
    _sqlite_backup(engine, dest, to_file=True)


def sqlite_replace(engine: Engine, source: Path) -> None:
    """Replace every page of the SQLite database behind `engine` with the file `source`'s, in
    one transaction of the destination: a process killed part-way leaves it as it was."""
    _sqlite_backup(engine, source, to_file=False)


def _sqlite_backup(engine: Engine, other: Path, *, to_file: bool) -> None:
    raw = engine.raw_connection()
    try:
        mine = raw.driver_connection
        assert isinstance(mine, sqlite3.Connection)
        with closing(sqlite3.connect(other)) as theirs:
            src, dst = (mine, theirs) if to_file else (theirs, mine)
            src.backup(dst)
    finally:
        raw.close()


@contextmanager
def scratch_database(engine: Engine) -> Iterator[str]:
    """A new, empty database on the PostgreSQL server of `engine`, dropped afterwards; yields
    its URL (with the same credentials)."""
    name = f"crisis_scratch_{secrets.token_hex(6)}"
    admin = engine.execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(engine.url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
