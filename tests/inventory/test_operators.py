"""Operators and roles on SQLite and PostgreSQL; one-time signatures for people without accounts."""

from __future__ import annotations

import pytest

from crisis.adapters.signing import verify_signature
from crisis.domain.roles import Role
from crisis.domain.secret_values import SecretKind, SecretRef
from crisis.errors import ConfigurationError, PermissionDeniedError, ValidationError
from crisis.services import operators, vault_secrets
from crisis.services.documents import record_delegation
from crisis.services.workspace import Workspace, open_workspace
from tests.inventory.vault_helpers import journal_head, vault_with_secrets

PW = "operator passphrase"


def as_(ws: Workspace, name: str) -> Workspace:
    w = open_workspace(ws.url, name)
    w.vault_credential = ws.vault_credential
    return w


def test_bootstrap_first_admin_then_only_admins_add(ws: Workspace) -> None:
    with pytest.raises(ValidationError, match="first operator must be an admin"):
        operators.add_operator(ws, "Claire Martin", Role.TECHNICIAN, PW)
    assert ws.acting_operator() == "tester"  # no operator yet: any name is accepted
    admin = operators.add_operator(ws, "tester", Role.ADMIN, PW)
    assert (admin.role, len(admin.public_key)) == (Role.ADMIN, 64)
    assert admin.created_at.utcoffset() is not None
    operators.add_operator(ws, "Claire Martin", Role.TECHNICIAN, PW)
    with pytest.raises(PermissionDeniedError, match="only an admin adds operators"):
        operators.add_operator(as_(ws, "Claire Martin"), "Karim Girard", Role.RESPONDER, PW)
    with pytest.raises(ValidationError, match="already exists"):
        operators.add_operator(ws, "Claire Martin", Role.RESPONDER, PW)
    with pytest.raises(ValidationError, match="at least 12"):
        operators.add_operator(ws, "Karim Girard", Role.RESPONDER, "short")
    assert [o.name for o in operators.list_operators(ws)] == ["Claire Martin", "tester"]
    assert operators.get_operator(ws, "Claire Martin").role is Role.TECHNICIAN


def test_unknown_operators_and_auditors_are_refused_once_operators_exist(ws: Workspace) -> None:
    refs = vault_with_secrets(ws, 1)
    operators.add_operator(ws, "tester", Role.ADMIN, PW)
    operators.add_operator(ws, "Nadia Blanc", Role.AUDITOR, PW)
    head = journal_head(ws)
    with pytest.raises(PermissionDeniedError, match="'Mallory' is not a registered operator"):
        as_(ws, "Mallory").acting_operator()
    auditor = as_(ws, "Nadia Blanc")
    for call in (
        lambda: vault_secrets.reveal(auditor, refs[0]),
        lambda: vault_secrets.rotate_secret(auditor, refs[0]),
        lambda: vault_secrets.store_secret(
            auditor, SecretRef("asset", "A", "pw"), kind=SecretKind.OTHER
        ),
        lambda: operators.add_operator(auditor, "Eve", Role.ADMIN, PW),
        lambda: record_delegation(auditor, "Le Président", "tester", "arrêté 1", "2026-01-05"),
    ):
        with pytest.raises(PermissionDeniedError, match="auditors are read-only"):
            call()
    assert journal_head(ws) == head
    # Reading stays open to auditors.
    assert len(vault_secrets.list_secrets(auditor)) == 1
    assert operators.list_operators(auditor)
    with pytest.raises(ConfigurationError, match="no operator named"):
        as_(ws, "").acting_operator()


def test_an_operator_signs_with_their_passphrase_only(ws: Workspace) -> None:
    op = operators.add_operator(ws, "tester", Role.ADMIN, PW)
    public, sig = operators.operator_sign(ws, PW, b"handover K-12")
    assert public == op.public_key
    assert verify_signature(public, b"handover K-12", sig)
    with pytest.raises(PermissionDeniedError, match="wrong passphrase"):
        operators.operator_sign(ws, "not the passphrase", b"x")
