"""PostgreSQL's own dump and restore programs (``pg_dump``, ``pg_restore``), run on a URL."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import make_url

from crisis.errors import ConfigurationError, PeerError


def _program(name: str) -> str:
    """The newest installed `name` (Debian keeps one per server version), else on PATH."""
    base = Path("/usr/lib/postgresql")
    if base.is_dir():
        found = sorted(
            (p / "bin" / name for p in base.iterdir() if (p / "bin" / name).exists()),
            key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
        )
        if found:
            return str(found[-1])
    path = shutil.which(name)
    if path is None:
        raise ConfigurationError(
            f"{name} is not installed: it comes with PostgreSQL's client programs "
            "(Debian package postgresql-client)"
        )
    return path


def _connection(url: str) -> tuple[list[str], dict[str, str]]:
    """libpq options for `url`, the password passed in the environment (never on argv)."""
    u = make_url(url)
    args = ["--dbname", u.database or ""]
    if u.host:
        args += ["--host", u.host]
    if u.port:
        args += ["--port", str(u.port)]
    if u.username:
        args += ["--username", u.username]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    return args, env


def _run(cmd: list[str], env: dict[str, str], what: str) -> None:
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if r.returncode != 0:
        lines = (r.stderr or r.stdout).strip().splitlines()
        raise PeerError(f"{what} failed: {lines[0] if lines else f'exit {r.returncode}'}")


def dump(url: str, out: Path) -> None:
    """Write a consistent dump of the database at `url` (pg_dump's custom format) to `out`.

    Raises:
        ConfigurationError: pg_dump is not installed.
        PeerError: the dump failed (its first error line).
    """
    args, env = _connection(url)
    cmd = [_program("pg_dump"), "--format=custom", "--no-owner", "--file", str(out), *args]
    _run(cmd, env, "pg_dump")


def restore(dump_file: Path, url: str) -> None:
    """Replace what the dump holds in the database at `url`, in one transaction: a failure
    leaves the database as it was.

    Raises:
        ConfigurationError: pg_restore is not installed.
        PeerError: the restore failed (its first error line).
    """
    args, env = _connection(url)
    cmd = [
        _program("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        *args,
        str(dump_file),
    ]
    _run(cmd, env, "pg_restore")
