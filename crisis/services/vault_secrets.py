"""Secrets in the vault: generate, set, rotate, list and reveal them, each journaled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session

from crisis.domain.free_text import checked_text
from crisis.domain.secret_values import SecretKind, SecretRef, binding, generate_password
from crisis.errors import NotFoundError, ValidationError, VaultError
from crisis.i18n import msg
from crisis.services.journaling import Change, record
from crisis.services.towns import find_town
from crisis.services.vault import open_secret, unlocked_key
from crisis.services.workspace import Workspace
from inventory.repo import vault as repo
from inventory.tables import Secret

OWNER_TYPES = ("organisation", "asset", "mailbox", "switch")


@dataclass(frozen=True, slots=True)
class SecretView:
    """What is known of a secret without opening it."""

    owner_type: str
    owner_id: str
    name: str
    kind: SecretKind
    login: str
    organisation: str | None
    version: int
    key_id: str
    created_at: datetime
    updated_at: datetime

    @property
    def ref(self) -> SecretRef:
        """Its reference."""
        return SecretRef(self.owner_type, self.owner_id, self.name)


def store_secret(
    ws: Workspace,
    ref: SecretRef,
    *,
    kind: SecretKind,
    value: str | None = None,
    organisation: str | None = None,
    login: str = "",
    length: int = 24,
) -> SecretView:
    """Store a new secret: `value`, or a strong random password when None.

    Args:
        ref: owner record and name.
        kind: what it opens.
        value: the secret; None generates one of `length` characters.
        organisation: the town (name or INSEE code) whose handover package will carry it.
        login: the account it opens (shown on handover sheets; not secret).

    Raises:
        ValidationError: the secret exists already, bad owner type or empty value.
        NotFoundError: unknown organisation.
        VaultError: the vault is locked.
    """
    operator = ws.acting_operator()
    _check_ref(ref)
    plain = _value(value, length)
    with ws.db.session(write=True) as s:
        key = unlocked_key(ws, s)
        if repo.secret(s, ref.owner_type, ref.owner_id, ref.name) is not None:
            raise ValidationError(msg("error.secret.exists", ref=ref))
        org_id = _organisation_id(s, organisation)
        now = datetime.now(UTC)
        sec = Secret(
            owner_type=ref.owner_type,
            owner_id=ref.owner_id,
            name=ref.name,
            organisation_id=org_id,
            kind=kind.value,
            login=login,
            key_id=key.key_id,
            version=1,
            ciphertext=key.seal(plain.encode("utf-8"), binding(ref, key.key_id)),
            created_at=now,
            updated_at=now,
        )
        s.add(sec)
        s.flush()
        record(
            s,
            operator,
            [
                Change(
                    "secret.created",
                    "secret",
                    str(ref),
                    None,
                    {**_public(sec, organisation), "generated": value is None},
                )
            ],
        )
        return _view(s, sec)


def rotate_secret(
    ws: Workspace, ref: SecretRef, *, value: str | None = None, length: int = 24
) -> SecretView:
    """Replace a secret's value (a new random one when `value` is None).

    Raises:
        NotFoundError: no such secret.
        VaultError: the vault is locked, or the old value does not open (nothing changed).
    """
    operator = ws.acting_operator()
    plain = _value(value, length)
    with ws.db.session(write=True) as s:
        key = unlocked_key(ws, s)
        sec = _require(s, ref)
        open_secret(key, sec)  # a damaged secret is reported, not silently replaced
        before = {"version": sec.version, "key_id": sec.key_id}
        sec.ciphertext = key.seal(plain.encode("utf-8"), binding(ref, key.key_id))
        sec.version += 1
        sec.key_id = key.key_id
        sec.updated_at = datetime.now(UTC)
        s.add(sec)
        s.flush()
        record(
            s,
            operator,
            [
                Change(
                    "secret.rotated",
                    "secret",
                    str(ref),
                    before,
                    {"version": sec.version, "key_id": sec.key_id, "generated": value is None},
                )
            ],
        )
        return _view(s, sec)


def reveal(ws: Workspace, ref: SecretRef, purpose: str = "") -> str:
    """A secret in clear, for a playbook, a switch session or a person; journaled.

    Args:
        purpose: why it was needed (kept in the journal, e.g. "provisioning kit K-12").

    Raises:
        NotFoundError: no such secret.
        VaultError: the vault is locked, or the ciphertext does not open.
        PermissionDeniedError: auditors never see secrets.
    """
    operator = ws.acting_operator()
    purpose = checked_text(purpose, "purpose")
    with ws.db.session(write=True) as s:
        key = unlocked_key(ws, s)
        sec = _require(s, ref)
        plain = open_secret(key, sec).decode("utf-8")
        record(
            s,
            operator,
            [
                Change(
                    "secret.revealed",
                    "secret",
                    str(ref),
                    None,
                    {"version": sec.version, "purpose": purpose},
                )
            ],
        )
        return plain


def reveal_many(
    ws: Workspace, refs: Sequence[SecretRef], purpose: str = ""
) -> dict[SecretRef, str]:
    """Several secrets in clear (for one playbook or switch run), in one transaction.

    Each secret revealed is journaled; when one is missing or does not open, none is
    returned and nothing is journaled.

    Raises:
        NotFoundError: a secret does not exist.
        VaultError: the vault is locked, or a ciphertext does not open.
        PermissionDeniedError: auditors never see secrets.
    """
    operator = ws.acting_operator()
    purpose = checked_text(purpose, "purpose")
    with ws.db.session(write=True) as s:
        key = unlocked_key(ws, s)
        out: dict[SecretRef, str] = {}
        changes: list[Change] = []
        for ref in refs:
            sec = _require(s, ref)
            out[ref] = open_secret(key, sec).decode("utf-8")
            changes.append(
                Change(
                    "secret.revealed",
                    "secret",
                    str(ref),
                    None,
                    {"version": sec.version, "purpose": purpose},
                )
            )
        if changes:
            record(s, operator, changes)
        return out


def list_secrets(ws: Workspace, organisation: str | None = None) -> tuple[SecretView, ...]:
    """Every secret's description (never its value), or one organisation's."""
    with ws.db.session() as s:
        org_id = _organisation_id(s, organisation)
        return tuple(_view(s, sec) for sec in repo.secrets(s, org_id))


def check_secrets(ws: Workspace) -> tuple[str, ...]:
    """Open every secret with the unlocked key; the problems found (empty when all open).

    Raises:
        VaultError: the vault is locked.
    """
    problems: list[str] = []
    with ws.db.session() as s:
        key = unlocked_key(ws, s)
        for sec in repo.secrets(s):
            try:
                open_secret(key, sec)
            except VaultError as exc:
                problems.append(str(exc))
    return tuple(problems)


def _value(value: str | None, length: int) -> str:
    if value is None:
        try:
            return generate_password(length)
        except ValueError as exc:
            raise ValidationError(str(exc), where="length") from None
    if not value:
        raise ValidationError(msg("error.secret.empty"))
    return value


def _check_ref(ref: SecretRef) -> None:
    if ref.owner_type not in OWNER_TYPES:
        raise ValidationError(
            msg("error.secret.owner_type", owner=ref.owner_type, types=", ".join(OWNER_TYPES))
        )
    if not ref.owner_id or not ref.name:
        raise ValidationError(msg("error.secret.owner_required"))


def _organisation_id(s: Session, organisation: str | None) -> int | None:
    if organisation is None:
        return None
    org = find_town(s, organisation)
    assert org.id is not None
    return org.id


def _require(s: Session, ref: SecretRef) -> Secret:
    sec = repo.secret(s, ref.owner_type, ref.owner_id, ref.name)
    if sec is None:
        raise NotFoundError(msg("error.secret.not_found", ref=ref))
    return sec


def _public(sec: Secret, organisation: str | None) -> dict[str, object]:
    return {
        "kind": sec.kind,
        "login": sec.login,
        "organisation": organisation,
        "version": sec.version,
        "key_id": sec.key_id,
    }


def _view(s: Session, sec: Secret) -> SecretView:
    return SecretView(
        owner_type=sec.owner_type,
        owner_id=sec.owner_id,
        name=sec.name,
        kind=SecretKind(sec.kind),
        login=sec.login,
        organisation=repo.organisation_name(s, sec.organisation_id),
        version=sec.version,
        key_id=sec.key_id,
        created_at=sec.created_at,
        updated_at=sec.updated_at,
    )


def retire_secrets(s: Session, refs: Sequence[SecretRef], reason: str) -> list[Change]:
    """Remove the secrets that open what no longer exists (a removed mailbox's password),
    inside the caller's transaction; returns the journal changes (one per secret, with its
    last version and key, never its value). A ref with no secret is skipped."""
    changes = []
    for ref in refs:
        sec = repo.secret(s, ref.owner_type, ref.owner_id, ref.name)
        if sec is None:
            continue
        before = {"version": sec.version, "key_id": sec.key_id, "kind": sec.kind}
        s.delete(sec)
        changes.append(Change("secret.retired", "secret", str(ref), before, {"reason": reason}))
    s.flush()
    return changes
