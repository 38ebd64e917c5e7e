"""Vault cryptography: scrypt and key-file keys, AES-GCM sealing, packages for a recipient."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from crisis.adapters.private_files import write_private
from crisis.errors import ConfigurationError, VaultError
from crisis.i18n import msg

KEY_BYTES = 32
NONCE_BYTES = 12
#: scrypt cost: 2**15 x 8 x 128 bytes = 32 MiB, about a tenth of a second.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
PACKAGE_FORMAT = "crisis-kit handover package v1"


@dataclass(frozen=True, slots=True)
class KdfParams:
    """How a passphrase becomes a key: scrypt with this salt and cost."""

    salt: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    @classmethod
    def fresh(cls) -> KdfParams:
        """New parameters with a random salt."""
        return cls(salt=os.urandom(16))


class DataKey:
    """A 256-bit vault key held in memory only (never printed, never written)."""

    __slots__ = ("_key",)

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("a vault key is 32 bytes")
        self._key = key

    def __repr__(self) -> str:
        return f"DataKey(id={self.key_id})"

    @property
    def key_id(self) -> str:
        """A public identifier of the key (an HMAC of a constant, so it reveals nothing)."""
        return hmac.new(self._key, b"crisis-kit vault key id", hashlib.sha256).hexdigest()[:32]

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        """Encrypt and authenticate `plaintext`, bound to `aad`: nonce ‖ ciphertext ‖ tag."""
        nonce = os.urandom(NONCE_BYTES)
        return nonce + AESGCM(self._key).encrypt(nonce, plaintext, aad)

    def open(self, blob: bytes, aad: bytes) -> bytes:
        """Decrypt what :meth:`seal` made with the same `aad`.

        Raises:
            VaultError: wrong key, altered ciphertext or ciphertext of another record.
        """
        try:
            return AESGCM(self._key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
        except (InvalidTag, ValueError):
            raise VaultError("ciphertext does not open") from None


def _scrypt(passphrase: str, params: KdfParams) -> bytes:
    kdf = Scrypt(salt=params.salt, length=KEY_BYTES, n=params.n, r=params.r, p=params.p)
    return kdf.derive(passphrase.encode("utf-8"))


def derive_key(passphrase: str, params: KdfParams) -> DataKey:
    """The key scrypt derives from `passphrase` with `params`."""
    return DataKey(_scrypt(passphrase, params))


def _hkdf(material: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(material)


def read_key_file(path: Path) -> DataKey:
    """The key stored in a key file (base64 of at least 32 random bytes).

    Raises:
        ConfigurationError: missing, unreadable or too short.
    """
    try:
        raw = base64.b64decode(path.read_bytes().strip(), validate=True)
    except FileNotFoundError:
        raise ConfigurationError(msg("error.vault.key_file_missing", path=path)) from None
    except OSError as exc:
        raise ConfigurationError(f"cannot read vault key file {path}: {exc.strerror}") from None
    except ValueError:
        raise ConfigurationError(f"vault key file {path} is not base64 text") from None
    if len(raw) < KEY_BYTES:
        raise ConfigurationError(f"vault key file {path} holds fewer than {KEY_BYTES} bytes")
    return DataKey(_hkdf(raw, b"crisis-kit vault key file"))


def write_new_key_file(path: Path) -> DataKey:
    """Create a key file of 32 random bytes, readable by its owner only; return its key.

    Raises:
        ConfigurationError: when the file already exists.
    """
    try:
        write_private(path, base64.b64encode(os.urandom(KEY_BYTES)) + b"\n")
    except FileExistsError:
        raise ConfigurationError(
            f"{path} already exists; a key file is never overwritten"
        ) from None
    return read_key_file(path)


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _unb64(s: Any) -> bytes:
    if not isinstance(s, str):
        raise ValueError("not base64 text")
    return base64.b64decode(s, validate=True)


def _header_aad(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def seal_package(
    payload: bytes, *, passphrase: str | None = None, public_key: str | None = None
) -> bytes:
    """A self-describing package (JSON) of `payload` encrypted to a passphrase or X25519 key.

    Args:
        passphrase: the recipient's passphrase (scrypt).
        public_key: the recipient's X25519 public key, raw 32 bytes in hex.

    Raises:
        ConfigurationError: neither or both recipients, or a malformed public key.
    """
    if (passphrase is None) == (public_key is None):
        raise ConfigurationError("a package needs exactly one recipient: a passphrase or a key")
    header: dict[str, Any] = {"format": PACKAGE_FORMAT}
    if passphrase is not None:
        params = KdfParams.fresh()
        key = _scrypt(passphrase, params)
        header["recipient"] = {
            "kind": "passphrase",
            "kdf": "scrypt",
            "salt": _b64(params.salt),
            "n": params.n,
            "r": params.r,
            "p": params.p,
        }
    else:
        assert public_key is not None
        try:
            peer = X25519PublicKey.from_public_bytes(bytes.fromhex(public_key))
        except ValueError:
            raise ConfigurationError(
                "the recipient key is not a raw X25519 public key in hex"
            ) from None
        eph = X25519PrivateKey.generate()
        eph_pub = eph.public_key().public_bytes_raw()
        key = _hkdf(eph.exchange(peer), b"crisis-kit handover x25519", salt=eph_pub)
        header["recipient"] = {
            "kind": "x25519",
            "public_key": public_key,
            "ephemeral": eph_pub.hex(),
        }
    nonce = os.urandom(NONCE_BYTES)
    header["nonce"] = _b64(nonce)
    ct = AESGCM(key).encrypt(nonce, payload, _header_aad(header))
    return json.dumps({**header, "ciphertext": _b64(ct)}, indent=1).encode("utf-8") + b"\n"


def open_package(
    data: bytes, *, passphrase: str | None = None, private_key: str | None = None
) -> bytes:
    """The payload of a package made by :func:`seal_package`.

    Args:
        passphrase: for a passphrase package.
        private_key: for an X25519 package, the raw private key in hex.

    Raises:
        VaultError: not a package, wrong passphrase or key, or altered.
    """
    try:
        doc = json.loads(data)
        header = {k: v for k, v in doc.items() if k != "ciphertext"}
        if header.get("format") != PACKAGE_FORMAT:
            raise ValueError("format")
        rec = header["recipient"]
        if rec["kind"] == "passphrase":
            if passphrase is None:
                raise VaultError("this package opens with a passphrase")
            params = KdfParams(_unb64(rec["salt"]), int(rec["n"]), int(rec["r"]), int(rec["p"]))
            key = _scrypt(passphrase, params)
        else:
            if private_key is None:
                raise VaultError("this package opens with an X25519 private key")
            own = X25519PrivateKey.from_private_bytes(bytes.fromhex(private_key))
            eph_pub = bytes.fromhex(rec["ephemeral"])
            shared = own.exchange(X25519PublicKey.from_public_bytes(eph_pub))
            key = _hkdf(shared, b"crisis-kit handover x25519", salt=eph_pub)
        return AESGCM(key).decrypt(
            _unb64(header["nonce"]), _unb64(doc["ciphertext"]), _header_aad(header)
        )
    except VaultError:
        raise
    except InvalidTag:
        raise VaultError("the package does not open: wrong passphrase or key, or altered") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise VaultError(msg("error.handover.not_a_package")) from None


def new_x25519_pair() -> tuple[str, str]:
    """A fresh X25519 key pair for a recipient: (private hex, public hex)."""
    k = X25519PrivateKey.generate()
    priv = k.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return priv.hex(), k.public_key().public_bytes_raw().hex()
