"""Key files: owner-only, never written through an existing file, fsynced with their folder."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from crisis.adapters.signing import SigningKey
from crisis.adapters.vault_crypto import write_new_key_file
from crisis.errors import ConfigurationError


@pytest.fixture
def synced(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths whose descriptor was fsynced (the real fsync still runs)."""
    seen: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        seen.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return seen


def _vault_key(path: Path) -> None:
    write_new_key_file(path)


def _checkpoint_key(path: Path) -> None:
    SigningKey.generate().save(path, b"a passphrase")


@pytest.mark.parametrize("write", [_vault_key, _checkpoint_key], ids=["vault", "checkpoint"])
def test_a_key_file_is_private_and_durable(
    tmp_path: Path, synced: list[str], write: Callable[[Path], None]
) -> None:
    path = tmp_path / "keys" / "k.pem"
    write(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert synced[:2] == [str(path), str(path.parent)]


def test_a_key_file_is_never_written_through_a_link(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("keep me")
    link = tmp_path / "key"
    link.symlink_to(target)
    with pytest.raises(ConfigurationError, match="never overwritten"):
        write_new_key_file(link)
    assert target.read_text() == "keep me"
