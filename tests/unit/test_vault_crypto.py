"""The vault's cryptography: sealing bound to the owner, key files, packages, passwords."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisis.adapters.vault_crypto import (
    DataKey,
    KdfParams,
    derive_key,
    new_x25519_pair,
    open_package,
    read_key_file,
    seal_package,
    write_new_key_file,
)
from crisis.domain.secret_values import ALPHABET, SYMBOLS, SecretRef, binding, generate_password
from crisis.errors import ConfigurationError, VaultError

REF = SecretRef("mailbox", "accueil@aubagne.example", "password")


def test_a_sealed_secret_opens_only_with_its_own_binding() -> None:
    key = derive_key("a long passphrase", KdfParams.fresh())
    blob = key.seal(b"hunter2-but-longer", binding(REF, key.key_id))
    assert key.open(blob, binding(REF, key.key_id)) == b"hunter2-but-longer"
    for other in (
        SecretRef("mailbox", "dsi@aubagne.example", "password"),
        SecretRef("switch", "accueil@aubagne.example", "password"),
        SecretRef("mailbox", "accueil@aubagne.example", "enable"),
    ):
        with pytest.raises(VaultError):
            key.open(blob, binding(other, key.key_id))
    with pytest.raises(VaultError):
        key.open(blob, binding(REF, "0" * 32))
    flipped = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(VaultError):
        key.open(flipped, binding(REF, key.key_id))


def test_the_same_passphrase_and_salt_give_the_same_key_and_another_passphrase_does_not() -> None:
    params = KdfParams.fresh()
    assert (
        derive_key("a long passphrase", params).key_id
        == derive_key("a long passphrase", params).key_id
    )
    assert (
        derive_key("a long passphrasE", params).key_id
        != derive_key("a long passphrase", params).key_id
    )
    assert "passphrase" not in repr(derive_key("a long passphrase", params))


def test_key_files_are_created_once_private_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "vault.key"
    key = write_new_key_file(path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert read_key_file(path).key_id == key.key_id
    with pytest.raises(ConfigurationError, match="never overwritten"):
        write_new_key_file(path)
    with pytest.raises(ConfigurationError, match="not found"):
        read_key_file(tmp_path / "missing.key")
    (tmp_path / "short.key").write_text("c2hvcnQ=\n")
    with pytest.raises(ConfigurationError, match="fewer than 32 bytes"):
        read_key_file(tmp_path / "short.key")


def test_packages_open_with_the_recipients_passphrase_or_key_only() -> None:
    pkg = seal_package(b"payload", passphrase="the town chose this")
    assert b"payload" not in pkg
    assert open_package(pkg, passphrase="the town chose this") == b"payload"
    with pytest.raises(VaultError, match="wrong passphrase or key"):
        open_package(pkg, passphrase="the town chose that")
    priv, pub = new_x25519_pair()
    pkg2 = seal_package(b"payload", public_key=pub)
    assert open_package(pkg2, private_key=priv) == b"payload"
    other, _ = new_x25519_pair()
    with pytest.raises(VaultError):
        open_package(pkg2, private_key=other)
    tampered = pkg.replace(b'"n": 32768', b'"n": 16384')
    with pytest.raises(VaultError):
        open_package(tampered, passphrase="the town chose this")
    with pytest.raises(VaultError, match="not a crisis-kit handover package"):
        open_package(b"{}", passphrase="x")


def test_generated_passwords_are_long_random_and_mixed() -> None:
    seen = {generate_password(24) for _ in range(50)}
    assert len(seen) == 50
    for pw in seen:
        assert len(pw) == 24
        assert set(pw) <= set(ALPHABET + SYMBOLS)
        assert any(c.isdigit() for c in pw)
        assert any(c in SYMBOLS for c in pw)
    with pytest.raises(ValueError, match="at least 12"):
        generate_password(8)


def test_a_data_key_is_32_bytes() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        DataKey(b"short")
