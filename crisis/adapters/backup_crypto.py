"""Backup encryption: one AES-256-GCM stream under a key scrypt derives from a passphrase.

A backup file is ``MAGIC``, a JSON header (scrypt parameters, salt, nonce) authenticated as
associated data, the ciphertext, then the 16-byte GCM tag. Nothing decrypted is trusted
before the tag checks: readers decrypt to a private file and use it only once it does.
"""

from __future__ import annotations

import base64
import io
import json
import os
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import AEADEncryptionContext, Cipher, algorithms, modes

from crisis.adapters.vault_crypto import KdfParams, _scrypt
from crisis.errors import ValidationError, VaultError

MAGIC = b"CRISIS-KIT-BACKUP\n"
TAG_BYTES = 16
CHUNK = 1 << 20
_MAX_HEADER = 4096


def is_backup(path: Path) -> bool:
    """True when the file starts like a backup this tool writes."""
    try:
        with path.open("rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


class EncryptingWriter(io.RawIOBase):
    """A write-only stream that encrypts what it is given into `out`; :meth:`finish` writes
    the tag (a stream never finished does not open)."""

    def __init__(self, out: BinaryIO, passphrase: str) -> None:
        super().__init__()
        params = KdfParams.fresh()
        nonce = os.urandom(12)
        header = json.dumps(
            {
                "cipher": "AES-256-GCM",
                "kdf": "scrypt",
                "n": params.n,
                "r": params.r,
                "p": params.p,
                "salt": base64.b64encode(params.salt).decode("ascii"),
                "nonce": base64.b64encode(nonce).decode("ascii"),
            },
            sort_keys=True,
        ).encode("ascii")
        head = MAGIC + len(header).to_bytes(4, "big") + header
        self._enc: AEADEncryptionContext = Cipher(
            algorithms.AES(_scrypt(passphrase, params)), modes.GCM(nonce)
        ).encryptor()
        self._enc.authenticate_additional_data(head)
        self._out = out
        out.write(head)

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self._out.write(self._enc.update(bytes(data)))
        return len(data)

    def finish(self) -> None:
        """Write the last block and the tag."""
        self._out.write(self._enc.finalize())
        self._out.write(self._enc.tag)


def decrypt_to(source: Path, out: BinaryIO, passphrase: str) -> None:
    """Decrypt the backup `source` into `out`; only trust `out` when this returns.

    Raises:
        ValidationError: `source` is not a backup made by this tool.
        VaultError: wrong passphrase, or the file was altered or cut short.
    """
    try:
        f = source.open("rb")
    except (OSError, ValueError) as exc:
        if isinstance(exc, ValueError):
            raise ValidationError(f"not a usable file name: {source!r}") from None
        raise ValidationError(f"cannot read {source}: {exc.strerror}") from None
    with f:
        if f.read(len(MAGIC)) != MAGIC:
            raise ValidationError(f"{source} is not a crisis kit backup")
        size = int.from_bytes(f.read(4), "big")
        try:
            if size > _MAX_HEADER:
                raise ValueError(size)
            raw = f.read(size)
            header = json.loads(raw)
            salt = base64.b64decode(header["salt"])
            nonce = base64.b64decode(header["nonce"])
            params = KdfParams(
                salt=salt, n=int(header["n"]), r=int(header["r"]), p=int(header["p"])
            )
        except (ValueError, KeyError, TypeError):
            raise ValidationError(f"{source}: the backup's header is damaged") from None
        head_len = len(MAGIC) + 4 + size
        end = f.seek(0, os.SEEK_END)
        if end < head_len + TAG_BYTES:
            raise VaultError(f"{source} is cut short: it does not open")
        f.seek(end - TAG_BYTES)
        tag = f.read(TAG_BYTES)
        f.seek(head_len)
        try:
            key = _scrypt(passphrase, params)
        except (ValueError, MemoryError):
            raise ValidationError(f"{source}: the backup's header is damaged") from None
        dec = Cipher(algorithms.AES(key), modes.GCM(nonce, tag)).decryptor()
        dec.authenticate_additional_data(MAGIC + size.to_bytes(4, "big") + raw)
        left = end - TAG_BYTES - head_len
        while left:
            chunk = f.read(min(CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            out.write(dec.update(chunk))
        try:
            out.write(dec.finalize())
        except InvalidTag:
            raise VaultError(
                f"{source} does not open: wrong passphrase, or the file was altered"
            ) from None
