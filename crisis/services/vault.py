"""The vault's key: create it, unlock it, report on it, rotate it."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from crisis.adapters.vault_crypto import (
    DataKey,
    KdfParams,
    derive_key,
    read_key_file,
    write_new_key_file,
)
from crisis.domain.secret_values import SecretRef, binding
from crisis.errors import ConfigurationError, VaultError
from crisis.i18n import msg
from crisis.services.journaling import Change, record
from crisis.services.workspace import VaultCredential, Workspace
from inventory.repo import vault as repo
from inventory.tables import Secret, VaultKey


@dataclass(frozen=True, slots=True)
class VaultStatus:
    """The vault's public state: no secret, no key."""

    initialised: bool
    key_id: str
    source: str
    secrets: int
    secrets_by_key: dict[str, int]
    created_at: datetime | None
    rotated_at: datetime | None
    unlocked: bool

    @property
    def consistent(self) -> bool:
        """True when every secret is encrypted under the current key."""
        return set(self.secrets_by_key) <= {self.key_id}


def init_vault(
    ws: Workspace, credential: VaultCredential, *, create_key_file: bool = False
) -> VaultStatus:
    """Create the vault's key from a passphrase or a key file, and keep it unlocked.

    Args:
        credential: the passphrase or key file that will open the vault.
        create_key_file: write a new random key file at ``credential.key_file``.

    Raises:
        VaultError: the vault already exists.
        ConfigurationError: missing key file, or one to create that already exists.
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        if repo.key_record(s, for_update=True) is not None:
            raise VaultError(msg("error.vault.already_initialised"))
        key, row = _new_key(credential, create_key_file)
        s.add(row)
        record(
            s,
            operator,
            [Change("vault.initialised", "vault", "vault", None, _key_json(row))],
        )
    ws.vault_credential, ws._vault_key = credential, key
    return status(ws)


def unlock(ws: Workspace, credential: VaultCredential | None = None) -> VaultStatus:
    """Check a passphrase or key file against the vault and keep the key in memory.

    Raises:
        VaultError: no vault, or the credential does not open it (nothing is changed).
        ConfigurationError: missing key file.
    """
    if credential is not None:
        previous = ws.vault_credential, ws._vault_key
        ws.vault_credential, ws._vault_key = credential, None
    try:
        with ws.db.session() as s:
            unlocked_key(ws, s)
    except Exception:
        if credential is not None:
            ws.vault_credential, ws._vault_key = previous
        raise
    return status(ws)


def status(ws: Workspace) -> VaultStatus:
    """The vault's key id, where it comes from and how many secrets each key encrypts."""
    with ws.db.session() as s:
        row = repo.key_record(s)
        by_key = repo.counts_by_key(s)
    if row is None:
        return VaultStatus(False, "", "", sum(by_key.values()), by_key, None, None, False)
    held = ws._vault_key is not None and ws._vault_key.key_id == row.key_id
    return VaultStatus(
        True,
        row.key_id,
        row.source,
        sum(by_key.values()),
        by_key,
        row.created_at,
        row.rotated_at,
        held,
    )


def rotate_key(
    ws: Workspace,
    new: VaultCredential,
    *,
    create_key_file: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> VaultStatus:
    """Re-encrypt every secret under a new key, all or nothing.

    The whole rotation is one transaction: a process killed half-way leaves every secret
    under the old key (the database discards the unfinished transaction), a finished one
    leaves every secret under the new key. Never a mix nobody can open.

    Args:
        new: the new passphrase or key file.
        create_key_file: write a new random key file at ``new.key_file``.
        on_progress: called with (secrets done, total) after each secret.

    Raises:
        VaultError: the vault is locked with a wrong key, or a secret does not open.
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        row = repo.key_record(s, for_update=True)
        if row is None:
            raise VaultError(msg("error.vault.not_initialised"))
        old = unlocked_key(ws, s)
        key, new_row = _new_key(new, create_key_file)
        if key.key_id == old.key_id:
            raise VaultError(msg("error.vault.same_key"))
        items = list(repo.secrets(s))
        now = datetime.now(UTC)
        for i, sec in enumerate(items, 1):
            plain = open_secret(old, sec)
            ref = ref_of(sec)
            sec.ciphertext = key.seal(plain, binding(ref, key.key_id))
            sec.key_id = key.key_id
            sec.updated_at = now
            s.add(sec)
            s.flush()
            if on_progress:
                on_progress(i, len(items))
        before = _key_json(row)
        for attr in ("key_id", "source", "kdf", "salt", "n", "r", "p"):
            setattr(row, attr, getattr(new_row, attr))
        row.rotated_at = now
        s.add(row)
        record(
            s,
            operator,
            [
                Change(
                    "vault.key_rotated",
                    "vault",
                    "vault",
                    before,
                    {**_key_json(row), "secrets": len(items)},
                )
            ],
        )
    ws.vault_credential, ws._vault_key = new, key
    return status(ws)


def unlocked_key(ws: Workspace, s: Session) -> DataKey:
    """The vault's key, from memory or from the workspace's credential.

    Raises:
        VaultError: no vault, no credential, or one that does not open this vault.
        ConfigurationError: missing key file.
    """
    row = repo.key_record(s)
    if row is None:
        raise VaultError(msg("error.vault.not_initialised"))
    held = ws._vault_key
    if held is not None and held.key_id == row.key_id:
        return held
    cred = ws.vault_credential
    if cred is None:
        raise VaultError(msg("error.vault.locked"))
    key = key_from(cred, row)
    if not hmac.compare_digest(key.key_id, row.key_id):
        what = "key_file" if cred.key_file else "passphrase"
        raise VaultError(msg(f"error.vault.wrong_{what}"))
    ws._vault_key = key
    return key


def key_from(cred: VaultCredential, row: VaultKey) -> DataKey:
    """The key a credential gives with the vault's recorded parameters.

    Raises:
        VaultError: the vault uses the other kind of credential.
    """
    if cred.key_file is not None:
        if row.source != "key_file":
            raise VaultError(msg("error.vault.not_key_file"))
        return read_key_file(cred.key_file)
    if row.source != "passphrase":
        raise VaultError(msg("error.vault.not_passphrase"))
    assert cred.passphrase is not None
    return derive_key(cred.passphrase, KdfParams(bytes.fromhex(row.salt), row.n, row.r, row.p))


def ref_of(sec: Secret) -> SecretRef:
    """The reference of a stored secret."""
    return SecretRef(sec.owner_type, sec.owner_id, sec.name)


def open_secret(key: DataKey, sec: Secret) -> bytes:
    """The clear value of a stored secret.

    Raises:
        VaultError: encrypted under another key, altered, or moved from another record.
    """
    ref = ref_of(sec)
    if sec.key_id != key.key_id:
        raise VaultError(msg("error.secret.other_key", ref=ref, key=sec.key_id[:12]))
    ciphertext = _ciphertext(sec, ref)
    try:
        return key.open(ciphertext, binding(ref, key.key_id))
    except VaultError:
        raise VaultError(msg("error.secret.altered", ref=ref)) from None


def _ciphertext(sec: Secret, ref: SecretRef) -> bytes:
    """The stored ciphertext's bytes.

    Raises:
        VaultError: it was rewritten as text (not bytes, or not even readable text).
    """
    try:
        value: object = sec.ciphertext
    except OperationalError:
        value = None  # text that is not UTF-8: the database cannot hand it back
    if not isinstance(value, bytes | bytearray | memoryview):
        raise VaultError(msg("error.secret.corrupted", ref=ref))
    return bytes(value)


def _new_key(cred: VaultCredential, create_key_file: bool) -> tuple[DataKey, VaultKey]:
    now = datetime.now(UTC)
    if cred.key_file is not None:
        key = write_new_key_file(cred.key_file) if create_key_file else read_key_file(cred.key_file)
        return key, VaultKey(key_id=key.key_id, source="key_file", created_at=now)
    if create_key_file:
        raise ConfigurationError(msg("error.vault.key_file_path"))
    assert cred.passphrase is not None
    if len(cred.passphrase) < 12:
        raise ConfigurationError(msg("error.vault.passphrase_short"))
    params = KdfParams.fresh()
    key = derive_key(cred.passphrase, params)
    row = VaultKey(
        key_id=key.key_id,
        source="passphrase",
        kdf="scrypt",
        salt=params.salt.hex(),
        n=params.n,
        r=params.r,
        p=params.p,
        created_at=now,
    )
    return key, row


def _key_json(row: VaultKey) -> dict[str, object]:
    return {"key_id": row.key_id, "source": row.source, "kdf": row.kdf}
