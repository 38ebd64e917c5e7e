"""Opening the inventory database (SQLite by default, PostgreSQL by URL) and its sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from inventory.migrate import upgrade_to_head


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of an SQLite file."""
    return f"sqlite:///{path}"


def normalise_url(url_or_path: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path (meaning an SQLite file)."""
    if "://" in url_or_path:
        if url_or_path.startswith("postgresql://"):
            # psycopg 3 is the driver we ship; the bare scheme would ask for psycopg2.
            return "postgresql+psycopg://" + url_or_path.removeprefix("postgresql://")
        return url_or_path
    return sqlite_url(Path(url_or_path).expanduser().resolve())


class Database:
    """One inventory database: its engine and the sessions services open on it."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = normalise_url(url)
        self.engine = _make_engine(self.url)
        if migrate:
            upgrade_to_head(self.engine)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A session for one user action: committed when the block ends, rolled back on error.

        Write sessions take the write lock at the start on SQLite (``BEGIN IMMEDIATE``), so two
        processes never both read a state and then race to change it.
        """
        bind = self.engine.execution_options(crisis_write=write)
        with Session(bind=bind, expire_on_commit=False) as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (see below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get("crisis_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
