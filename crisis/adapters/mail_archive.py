"""What an exported mailbox archive holds, read where the town receives it: its size, its
SHA-256 and the number of messages in the maildir it carries (tar.gz)."""

from __future__ import annotations

import hashlib
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True, slots=True)
class ArchiveFacts:
    """An archive as found on disk; `problem` says why it could not be read ("" if read)."""

    size: int
    sha256: str
    messages: int
    problem: str = ""


def read_archive(path: Path) -> ArchiveFacts:
    """The size, SHA-256 and message count of a maildir archive (a message: a file in a
    ``cur/`` or ``new/`` folder). An unreadable archive gives its problem, never raises.

    Raises:
        FileNotFoundError: no file at `path`.
    """
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    size = path.stat().st_size
    try:
        with tarfile.open(path, "r:gz") as tar:
            messages = sum(
                1 for m in tar if m.isfile() and PurePosixPath(m.name).parent.name in ("cur", "new")
            )
    except (tarfile.TarError, OSError, EOFError) as exc:
        return ArchiveFacts(size, digest.hexdigest(), 0, f"not a readable tar.gz: {exc}")
    return ArchiveFacts(size, digest.hexdigest(), messages)
