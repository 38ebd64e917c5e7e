"""What every command shares: the workspace from the global options, error reporting, output."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, NoReturn

import typer

from crisis.errors import CrisisError
from crisis.services.workspace import Workspace


def workspace(ctx: typer.Context) -> Workspace:
    """The workspace opened by the global options."""
    ws = ctx.obj
    assert isinstance(ws, Workspace)
    return ws


def fail(message: str, code: int = 1) -> NoReturn:
    """Print an error to stderr and exit."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def reported(prefix: str = "", on_error: Callable[[], str] | None = None) -> Iterator[None]:
    """Turn a CrisisError into one clear line on stderr and exit code 1."""
    try:
        yield
    except CrisisError as exc:
        extra = f"; {on_error()}" if on_error else ""
        fail(f"{prefix}{exc}{extra}")


def local_time(dt: datetime) -> str:
    """A UTC datetime shown in the local time zone."""
    return dt.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")


def print_json(value: Any) -> None:
    """Pretty JSON on stdout."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """A plain aligned text table."""
    widths = [len(h) for h in headers]
    for r in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, r, strict=True)]
    for r in [headers, *rows]:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
