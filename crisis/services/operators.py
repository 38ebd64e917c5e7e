"""Operators: register them with a role and a passphrase-protected signing key, list them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from crisis.adapters.signing import SigningKey, key_from_pem, key_to_pem
from crisis.domain.roles import Role
from crisis.errors import NotFoundError, PermissionDeniedError, ValidationError
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
        ValidationError: name taken, empty, short passphrase, or a first operator not admin.
        PermissionDeniedError: the acting operator is not an admin.
    """
    actor = ws.acting_operator()
    name = name.strip()
    if not name:
        raise ValidationError("an operator needs a name")
    if len(passphrase) < 12:
        raise ValidationError("an operator's passphrase has at least 12 characters")
    key = SigningKey.generate()
    pem = key_to_pem(key, passphrase)
    with ws.db.session(write=True) as s:
        if repo.count(s) == 0:
            if role is not Role.ADMIN:
                raise ValidationError(
                    "the first operator must be an admin (--role admin); the admin then adds "
                    "the others"
                )
        else:
            me = repo.by_name(s, actor)
            if me is None or Role(me.role) is not Role.ADMIN:
                raise PermissionDeniedError(f"only an admin adds operators; {actor!r} is not one")
        if repo.by_name(s, name) is not None:
            raise ValidationError(f"an operator named {name!r} already exists")
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
            raise NotFoundError(f"no operator named {name!r}")
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
            raise PermissionDeniedError(f"{actor!r} has no signing key: register the operator")
        pem, public = op.private_key_pem, op.public_key
    key = key_from_pem(pem, passphrase)
    return public, key.sign(message)


def _view(o: Operator) -> OperatorView:
    return OperatorView(o.name, Role(o.role), o.public_key, o.created_at)
