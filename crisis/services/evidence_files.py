"""Files kept as evidence (insurance proofs, scanned letters): copied into the data
directory under their SHA-256, so a stored copy can always be checked against its record."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from crisis.config import data_dir
from crisis.errors import ValidationError
from crisis.i18n import msg

#: The largest file kept (a scanned letter or a certificate, not a video).
MAX_BYTES = 20 * 1024 * 1024


def evidence_dir() -> Path:
    """Where evidence files are kept: ``<data dir>/evidence/<sha256>``."""
    return data_dir() / "evidence"


def read_evidence(path: Path, where: str) -> tuple[bytes, str]:
    """The bytes of the file at `path` and their SHA-256 (hex).

    Raises:
        ValidationError: the file is missing, unreadable, empty or too large (names `where`).
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ValidationError(
                msg("error.file.too_big", path=str(path), size=size, limit=MAX_BYTES), where=where
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            msg("error.file.unreadable", path=str(path), reason=exc.strerror or ""), where=where
        ) from None
    if not data:
        raise ValidationError(msg("error.file.empty", path=str(path)), where=where)
    return data, hashlib.sha256(data).hexdigest()


def keep(data: bytes, sha256: str) -> Path:
    """Write `data` to the evidence directory under its SHA-256 (once; atomically)."""
    target = evidence_dir() / sha256
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def intact(sha256: str) -> bool:
    """Whether the kept copy of the file with that SHA-256 is there and unaltered."""
    target = evidence_dir() / sha256
    try:
        return hashlib.sha256(target.read_bytes()).hexdigest() == sha256
    except OSError:
        return False
