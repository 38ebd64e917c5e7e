"""Ed25519 keys and signatures (the one place that touches `cryptography` for signing)."""

from __future__ import annotations

from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from crisis.adapters.private_files import write_private
from crisis.errors import ConfigurationError, PermissionDeniedError


class SigningKey:
    """An Ed25519 private key."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key

    @classmethod
    def generate(cls) -> SigningKey:
        """A fresh random key."""
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def load(cls, path: Path, passphrase: bytes | None = None) -> SigningKey:
        """Read a PEM (PKCS#8) key file.

        Raises:
            ConfigurationError: missing file, wrong passphrase or not an Ed25519 key.
        """
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=passphrase)
        except FileNotFoundError:
            raise ConfigurationError(f"signing key not found: {path}") from None
        except (ValueError, TypeError):
            raise ConfigurationError(
                f"cannot open signing key {path}: wrong or missing passphrase, or not a PEM key"
            ) from None
        if not isinstance(key, Ed25519PrivateKey):
            raise ConfigurationError(f"{path} is not an Ed25519 key")
        return cls(key)

    def save(self, path: Path, passphrase: bytes | None = None) -> None:
        """Write the key as PEM, readable by its owner only."""
        enc: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(passphrase)
            if passphrase
            else serialization.NoEncryption()
        )
        pem = self._key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, enc
        )
        write_private(path, pem)

    @property
    def public_hex(self) -> str:
        """The raw public key, hex."""
        return self._key.public_key().public_bytes_raw().hex()

    def sign(self, message: bytes) -> str:
        """The signature of `message`, hex."""
        return self._key.sign(message).hex()


def verify_signature(public_hex: str, message: bytes, signature_hex: str) -> bool:
    """True when `signature_hex` is a valid Ed25519 signature of `message` by `public_hex`."""
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(
            bytes.fromhex(signature_hex), message
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def valid_public_key(public_hex: str) -> bool:
    """True when `public_hex` is a raw Ed25519 public key in hex."""
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
    except ValueError:
        return False
    return True


def load_or_create(path: Path, passphrase: bytes | None = None) -> tuple[SigningKey, bool]:
    """The key at `path` and whether it was just created (readable by its owner only,
    encrypted with `passphrase` when one is given).

    Raises:
        ConfigurationError: the file is readable by others than its owner, the passphrase
            is wrong or missing, or it is not an Ed25519 key.
    """
    if path.exists():
        mode = path.stat().st_mode & 0o077
        if mode:
            raise ConfigurationError(
                f"signing key {path} is readable by other users (mode {oct(mode)}): "
                "restrict it with chmod 600"
            )
        return SigningKey.load(path, passphrase), False
    key = SigningKey.generate()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key.save(path, passphrase)
    return key, True


def key_to_pem(key: SigningKey, passphrase: str) -> str:
    """The private key as PKCS#8 PEM encrypted with `passphrase`."""
    pem = key._key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    return pem.decode("ascii")


def key_from_pem(pem: str, passphrase: str) -> SigningKey:
    """Open a PEM made by :func:`key_to_pem`.

    Raises:
        PermissionDeniedError: wrong passphrase.
        ConfigurationError: not an Ed25519 PEM key.
    """
    try:
        key = serialization.load_pem_private_key(
            pem.encode("ascii"), password=passphrase.encode("utf-8")
        )
    except (ValueError, TypeError):
        raise PermissionDeniedError("wrong passphrase for this operator's signing key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigurationError("the stored operator key is not an Ed25519 key")
    return SigningKey(key)
