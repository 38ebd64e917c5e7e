"""A throwaway PostgreSQL server on a loopback port, for the multi-user backend's tests."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crisis.errors import ConfigurationError
from crisis.lab import free_port

SUPERUSER = "crisis"


def find_bindir() -> Path | None:
    """The newest installed PostgreSQL server's bin directory (Debian layout), if any."""
    base = Path("/usr/lib/postgresql")
    if base.is_dir():
        versions = sorted(
            (p for p in base.iterdir() if (p / "bin" / "initdb").exists()),
            key=lambda p: int(p.name) if p.name.isdigit() else 0,
        )
        if versions:
            return versions[-1] / "bin"
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresLab:
    """One PostgreSQL cluster in `base`, listening on 127.0.0.1:`port`.

    As root, the server runs as the ``postgres`` system user (PostgreSQL refuses root).
    """

    def __init__(self, base: Path, port: int | None = None) -> None:
        bindir = find_bindir()
        if bindir is None:
            raise ConfigurationError("PostgreSQL server is not installed (Debian: postgresql)")
        self.bindir = bindir
        self.base = base
        self.data = base / "data"
        self.port = port or free_port()
        self._user = "postgres" if os.geteuid() == 0 else None

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the default database."""
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        """SQLAlchemy URL of one database on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _cmd(self, *args: str) -> list[str]:
        return ["runuser", "-u", self._user, "--", *args] if self._user else list(args)

    def start(self) -> None:
        """initdb (once) and start the server; returns when it accepts connections."""
        self.base.mkdir(parents=True, exist_ok=True)
        if self._user:
            pw = pwd.getpwnam(self._user)
            os.chown(self.base, pw.pw_uid, pw.pw_gid)
        if not (self.data / "PG_VERSION").exists():
            subprocess.run(
                self._cmd(
                    str(self.bindir / "initdb"),
                    "-D", str(self.data),
                    "-U", SUPERUSER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--no-sync",
                ),
                check=True,
                capture_output=True,
            )  # fmt: skip
        opts = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.base} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        # -w: pg_ctl itself waits until the server accepts connections.
        subprocess.run(
            self._cmd(
                str(self.bindir / "pg_ctl"),
                "-D", str(self.data),
                "-o", opts,
                "-l", str(self.base / "server.log"),
                "-w", "-t", "60",
                "start",
            ),
            check=True,
            capture_output=True,
        )  # fmt: skip

    def pid(self) -> int | None:
        """The postmaster's pid, from its pid file."""
        pidfile = self.data / "postmaster.pid"
        try:
            return int(pidfile.read_text().split("\n", 1)[0])
        except (FileNotFoundError, ValueError):
            return None

    def stop(self) -> None:
        """Stop the server by its pid (fast shutdown), and wait for it to go."""
        pid = self.pid()
        if pid is None:
            return
        try:
            os.kill(pid, signal.SIGINT)  # PostgreSQL's "fast" shutdown
        except ProcessLookupError:
            return
        subprocess.run(
            self._cmd(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", "stop"),
            capture_output=True,
        )

    def create_database(self, name: str) -> str:
        """Create an empty database; return its URL."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url_for(name)


@contextmanager
def temporary_postgres() -> Iterator[PostgresLab]:
    """A started server in a new folder of the system's temporary directory, stopped and
    its folder (the whole cluster) removed when the block ends."""
    base = Path(tempfile.mkdtemp(prefix="crisis-pg-"))
    try:
        with running_postgres(base) as lab:
            yield lab
    finally:
        shutil.rmtree(base, ignore_errors=True)


@contextmanager
def running_postgres(base: Path) -> Iterator[PostgresLab]:
    """A started server, stopped when the block ends."""
    lab = PostgresLab(base)
    lab.start()
    try:
        yield lab
    finally:
        lab.stop()
