"""Operators: register them with a role and a passphrase-protected signing key, list them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from crisis.adapters.signing import SigningKey, key_from_pem, key_to_pem
from crisis.domain.free_text import checked_name
from crisis.domain.roles import Role
from crisis.errors import NotFoundError, PermissionDeniedError, ValidationError
from crisis.i18n import msg
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace
from inventory.repo import operators as repo
from inventory.tables import Operator


@dataclass(frozen=True, slots=True)
class OperatorView:
    """A registered operator (public key only)."""

    name: str
    role: Role
    public_key: str
    created_at: datetime


def add_operator(ws: Workspace, name: str, role: Role, passphrase: str) -> OperatorView:
    """Register an operator with a new Ed25519 key protected by `passphrase`.

    The first operator of an inventory must be an admin (bootstrap: anyone may add them);
    after that, only admins add operators.

    Raises:
        ValidationError: name taken, empty, not one printable line of at most 100
            characters, short passphrase, or a first operator not admin.
        PermissionDeniedError: the acting operator is not an admin.
    """
    actor = ws.acting_operator()
    name = checked_name(name, "name")
    if len(passphrase) < 12:
        raise ValidationError(msg("error.operator.passphrase_short"))
    key = SigningKey.generate()
    pem = key_to_pem(key, passphrase)
    with ws.db.session(write=True) as s:
        if repo.count(s) == 0:
            if role is not Role.ADMIN:
                raise ValidationError(msg("error.operator.first_admin"))
        else:
            me = repo.by_name(s, actor)
            if me is None or Role(me.role) is not Role.ADMIN:
                raise PermissionDeniedError(msg("error.operator.admin_only", actor=actor))
        if repo.by_name(s, name) is not None:
            raise ValidationError(msg("error.operator.exists", name=name))
        op = Operator(
            name=name,
            role=role.value,
            public_key=key.public_hex,
            private_key_pem=pem,
            created_at=datetime.now(UTC),
        )
        s.add(op)
        s.flush()
        record(
            s,
            actor,
            [
                Change(
                    "operator.added",
                    "operator",
                    name,
                    None,
                    {"role": role.value, "public_key": key.public_hex},
                )
            ],
        )
        return _view(op)


def list_operators(ws: Workspace) -> tuple[OperatorView, ...]:
    """Every operator, by name."""
    with ws.db.session() as s:
        return tuple(_view(o) for o in repo.all_(s))


def get_operator(ws: Workspace, name: str) -> OperatorView:
    """One operator.

    Raises:
        NotFoundError: no such operator.
    """
    with ws.db.session() as s:
        op = repo.by_name(s, name)
        if op is None:
            raise NotFoundError(msg("error.operator.not_found", name=name))
        return _view(op)


def operator_sign(ws: Workspace, passphrase: str, message: bytes) -> tuple[str, str]:
    """Sign `message` with the acting operator's own key: (public key hex, signature hex).

    Raises:
        PermissionDeniedError: wrong passphrase, an auditor, or not a registered operator.
    """
    actor = ws.acting_operator()
    with ws.db.session() as s:
        op = repo.by_name(s, actor)
        if op is None:
            raise PermissionDeniedError(msg("error.operator.no_key", actor=actor))
        pem, public = op.private_key_pem, op.public_key
    key = key_from_pem(pem, passphrase)
    return public, key.sign(message)


def _view(o: Operator) -> OperatorView:
    return OperatorView(o.name, Role(o.role), o.public_key, o.created_at)
