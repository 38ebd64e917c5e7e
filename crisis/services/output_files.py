"""Writing a file the user named (``-o``): never over an existing one unless asked, never
through a symbolic link, never half-written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from crisis.errors import ValidationError
from crisis.i18n import msg


def check_output(path: Path, *, force: bool) -> None:
    """Refuse a place a file cannot or may not be written to, before any work is done.

    Raises:
        ValidationError: `path` is a folder, its folder does not exist, or a file (or a link)
            is already there and `force` is false.
    """
    where = str(path) if len(str(path)) <= 200 else f"{str(path)[:200]}…"
    try:
        if path.is_dir():
            raise ValidationError(msg("error.output.folder"), where=where)
        if not path.parent.is_dir():
            raise ValidationError(
                msg("error.output.no_folder", folder=str(path.parent)), where=where
            )
        if os.path.lexists(path) and not force:
            raise ValidationError(msg("error.output.exists"), where=where)
    except OSError as exc:
        raise ValidationError(
            msg("error.output.cannot_write", reason=exc.strerror or ""), where=where
        ) from None


@contextlib.contextmanager
def output_file(path: Path, *, force: bool) -> Iterator[IO[bytes]]:
    """A new file at `path`, in place only once its block ends without error.

    The bytes go to a temporary file beside `path`, renamed over it at the end: a link at
    `path` is replaced, never followed, and a failure leaves what was there untouched. The
    file is readable by its owner only (an export may hold what the inventory protects).

    Raises:
        ValidationError: see :func:`check_output`; or the folder is not writable.
    """
    check_output(path, force=force)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    except OSError as exc:
        raise ValidationError(
            msg("error.output.cannot_write", reason=exc.strerror or ""), where=str(path)
        ) from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        if os.path.lexists(path) and not force:  # appeared while we wrote
            raise ValidationError(msg("error.output.exists"), where=str(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: Path, data: bytes, *, force: bool) -> None:
    """Write `data` to a new file at `path` (see :func:`output_file`)."""
    with output_file(path, force=force) as f:
        f.write(data)
