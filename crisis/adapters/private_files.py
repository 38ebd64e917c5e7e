"""Writing files that hold keys: owner-only, never over an existing one, durable on disk."""

from __future__ import annotations

import os
from pathlib import Path


def write_private(path: Path, data: bytes) -> None:
    """Create `path` holding `data`, readable by its owner only, and make it durable.

    The folder is created owner-only when missing. The file is created exclusively (an
    existing file or a symbolic link there is never written through), its bytes are flushed
    to disk (fsync), then the folder's entry for it (fsync of the folder), so a power cut
    right after never leaves an empty or missing key behind a journaled action.

    Raises:
        FileExistsError: something already exists at `path`.
    """
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk (a file created or renamed in it survives a crash)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
