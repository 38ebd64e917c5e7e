"""Opening the inventory database (SQLite by default, PostgreSQL by URL) and its sessions."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import Session

from inventory.migrate import current_revision, upgrade_to_head

#: The database engines the inventory runs on (URL schemes with their driver).
SUPPORTED_SCHEMES = ("sqlite", "postgresql+psycopg")


class NoInventoryError(Exception):
    """The database named does not exist, or holds no inventory, and may not be created."""


class UnsupportedDatabaseError(Exception):
    """The URL names a database engine or driver the inventory does not run on."""


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


def check_supported(url: str) -> None:
    """Refuse a URL the inventory cannot run on, before any driver is loaded.

    Raises:
        UnsupportedDatabaseError: not a URL, or another engine or driver.
    """
    try:
        scheme = make_url(url).drivername
    except ArgumentError:
        raise UnsupportedDatabaseError("not a database URL") from None
    if scheme not in SUPPORTED_SCHEMES:
        raise UnsupportedDatabaseError(f"unsupported database engine {scheme!r}")


#: Key of ``Session.info``: callables run after the session committed.
AFTER_COMMIT = "inventory.after_commit"


class Database:
    """One inventory database: its engine and the sessions services open on it."""

    def __init__(self, url: str, *, migrate: bool = True, create: bool = True) -> None:
        """Open the database at `url`.

        With `create` false, a missing SQLite file or a database holding no inventory is
        refused (:class:`NoInventoryError`) and nothing is created: what a command that only
        reads opens. A new SQLite file is created readable by its owner only, in a folder
        (created when missing) readable by its owner only.
        """
        self.url = normalise_url(url)
        check_supported(self.url)
        path = _sqlite_path(self.url)
        if path is not None:
            _prepare_sqlite_file(path, create=create)
        self.engine = _make_engine(self.url)
        if not create and current_revision(self.engine) is None:
            self.engine.dispose()
            raise NoInventoryError("this database holds no inventory")
        if path is not None:
            _tighten(path)
        #: Called with each session just before it commits (automatic journal checkpoints).
        #: It may add rows to the transaction, and callables to ``s.info[AFTER_COMMIT]`` that
        #: run once the commit succeeded; an error it raises rolls the whole transaction back.
        self.before_commit: Callable[[Session], None] | None = None
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
                if self.before_commit is not None:
                    self.before_commit(s)
                s.commit()
            except BaseException:
                s.rollback()
                raise
            for after in s.info.pop(AFTER_COMMIT, ()):
                after()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL; None for another engine or an in-memory database."""
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return None
    return Path(url.removeprefix("sqlite:///"))


def _prepare_sqlite_file(path: Path, *, create: bool) -> None:
    """Make sure the SQLite file exists, owner-only, before SQLite opens it.

    SQLite would create a missing file with the process umask (often readable by every local
    user) and gives its ``-wal`` and ``-shm`` files the database file's mode: creating the
    file ourselves, mode 0600, keeps all three private.
    """
    if path.is_dir():
        raise NoInventoryError("this is a folder, not a database file")
    if path.exists():
        return
    if not create:
        raise NoInventoryError("no such database file")
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return  # another process created it first
    os.close(fd)


def _tighten(path: Path) -> None:
    """An inventory file of ours readable by other users (older releases): owner-only now."""
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            st = p.lstat()
        except FileNotFoundError:
            continue
        if stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid() and st.st_mode & 0o077:
            p.chmod(0o600)


def _make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
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
