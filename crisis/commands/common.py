"""What every command shares: the workspace from the global options, error reporting, output."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, NoReturn

import typer

from crisis.domain.free_text import shown, shown_lines
from crisis.errors import CrisisError, describe
from crisis.i18n import default_language, t
from crisis.l10n import format_datetime
from crisis.services.workspace import Workspace


def workspace(ctx: typer.Context) -> Workspace:
    """The workspace opened by the global options."""
    ws = ctx.obj
    assert isinstance(ws, Workspace)
    return ws


def safe(value: object) -> str:
    """One stored value for a line of output: control characters and newlines escaped."""
    return shown(value)


def echo_safe(
    message: object = "", *, err: bool = False, nl: bool = True, lines: bool = False
) -> None:
    """Print to the terminal, the one way commands print: one line whose control
    characters (escape sequences, newlines, bidirectional overrides...) are written out, so
    stored text can neither drive the terminal nor forge a line of output.

    Args:
        message: what to print.
        err: to stderr.
        nl: end with a newline.
        lines: text of several lines (a configuration, a diff): newlines and tabs kept.
    """
    text = "" if message is None else message
    typer.echo(shown_lines(text) if lines else shown(text), err=err, nl=nl)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print an error to stderr, in the user's language, and exit."""
    echo_safe(t("error.line", default_language(), error=message), err=True)
    raise typer.Exit(code)


@contextmanager
def reported(prefix: str = "", on_error: Callable[[], str] | None = None) -> Iterator[None]:
    """Turn a CrisisError (in the user's language), or a file the system refused (OSError),
    into one clear line on stderr and exit code 1."""
    try:
        yield
    except CrisisError as exc:
        extra = f"; {on_error()}" if on_error else ""
        fail(f"{prefix}{describe(exc, default_language())}{extra}")
    except OSError as exc:
        # A file or folder the user named (missing, a folder, no permission, name too long).
        name = str(exc.filename or "")
        where = f"{name[:200]}{'…' if len(name) > 200 else ''}: " if name else ""
        extra = f"; {on_error()}" if on_error else ""
        fail(f"{prefix}{where}{exc.strerror or type(exc).__name__}{extra}")


def local_time(dt: datetime) -> str:
    """A UTC datetime shown in Paris time, in the user's language."""
    return format_datetime(dt, default_language(), seconds=True)


def print_json(value: Any) -> None:
    """Pretty JSON on stdout (control characters escaped as JSON escapes)."""
    text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
    # JSON escapes C0 controls itself; C1 controls and bidirectional overrides it leaves.
    sys.stdout.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """A plain aligned text table; each cell stays on its line (see :func:`safe`)."""
    rows = [[safe(c) for c in r] for r in rows]
    widths = [len(h) for h in headers]
    for r in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, r, strict=True)]
    for r in [headers, *rows]:
        echo_safe("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
