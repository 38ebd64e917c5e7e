"""The workspace a front end opens: which database, as which operator."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from crisis.config import data_dir, database_url
from crisis.domain.free_text import checked_name
from crisis.domain.roles import Role
from crisis.errors import ConfigurationError, PermissionDeniedError
from crisis.i18n import msg
from inventory.database import (
    Database,
    NoInventoryError,
    UnsupportedDatabaseError,
    normalise_url,
)
from inventory.repo import operators as operators_repo

if TYPE_CHECKING:
    from sqlmodel import Session

    from crisis.adapters.vault_crypto import DataKey


@dataclass(frozen=True, slots=True)
class VaultCredential:
    """What opens the vault: a passphrase or a key file (never both).

    The passphrase is kept out of ``repr`` so it never reaches a log or a traceback.
    """

    passphrase: str | None = field(default=None, repr=False)
    key_file: Path | None = None

    def __post_init__(self) -> None:
        if (self.passphrase is None) == (self.key_file is None):
            raise ConfigurationError(msg("error.vault.both_ways"))


@dataclass
class Workspace:
    """An opened inventory and the operator acting on it.

    The database is opened (and migrated) on first use, so a front end can start without
    touching it.
    """

    url: str
    operator: str = ""
    #: How to open the vault when a service needs it (set by the front end; memory only).
    vault_credential: VaultCredential | None = field(default=None, repr=False)
    #: Set by a front end that must prove who the operator is (the CLI): given the operator's
    #: name, returns the passphrase of their signing key, or None when none can be had. While
    #: unset (services called in-process), the operator's name is taken as given.
    operator_passphrase: Callable[[str], str | None] | None = field(default=None, repr=False)
    #: False for a front end whose command may only read until it changes something: a
    #: missing database is then an error, never created (see :attr:`db`).
    may_create: bool = True
    #: A passphrase known to everyone (the demo database's operators), tried before
    #: :attr:`operator_passphrase` is asked: operators added with their own still act.
    published_passphrase: str | None = field(default=None, repr=False)
    #: Signs a checkpoint inside each transaction that journals (front ends turn it on with
    #: `crisis.services.journal.automatic_checkpoints`); None: checkpoints are manual.
    sealer: Callable[[Session], None] | None = field(default=None, repr=False)
    #: The operator whose key this workspace has opened (proved once per process).
    _authenticated: str | None = field(default=None, repr=False)
    _db: Database | None = field(default=None, repr=False)
    #: The unlocked vault key, kept in memory for the life of the workspace (the TUI's session).
    _vault_key: DataKey | None = field(default=None, repr=False)

    @cached_property
    def db(self) -> Database:
        """The database, opened (and migrated) on first use.

        A database that does not exist yet is created only when :attr:`may_create` is true
        (in-process callers, and a command once it acts: see :meth:`acting_operator`).

        Raises:
            ConfigurationError: when it cannot be reached or opened, is not an inventory, or
                does not exist and may not be created.
        """
        database = self._db if self._db is not None else self._open()
        database.before_commit = self._before_commit
        return database

    def _before_commit(self, s: Session) -> None:
        if self.sealer is not None:
            self.sealer(s)

    def _open(self) -> Database:
        try:
            _keep_data_dir_private()
            return Database(self.url, create=self.may_create)
        except NoInventoryError as exc:
            raise ConfigurationError(
                msg("error.db.missing", url=self.shown_url(), error=str(exc))
            ) from None
        except UnsupportedDatabaseError as exc:
            raise ConfigurationError(
                msg("error.db.bad_url", url=self.shown_url(), error=str(exc))
            ) from None
        except SQLAlchemyError as exc:
            lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            raise ConfigurationError(
                msg(
                    "error.db.cannot_open",
                    url=self.shown_url(),
                    error=lines[0] if lines else type(exc).__name__,
                )
            ) from None
        except OSError as exc:
            raise ConfigurationError(
                msg("error.db.cannot_open", url=self.shown_url(), error=exc.strerror or "")
            ) from None

    def shown_url(self) -> str:
        """The database's URL or path as a person may see it (never its password)."""
        try:
            url = make_url(normalise_url(self.url))
            if url.drivername == "sqlite" and url.database:
                return url.database
            return url.render_as_string(hide_password=True)
        except ArgumentError:
            return repr(self.url.split("@")[-1])

    def acting_operator(self) -> str:
        """The operator's identity, checked to be allowed to change the inventory.

        Every service that changes state calls this first: it is the one place where roles are
        enforced. Until the first operator is registered (a fresh or older inventory), any
        name is accepted; from then on the name must be a registered operator, auditors are
        refused (they are read-only), and, when the front end requires it
        (:attr:`operator_passphrase` is set), the operator proves who they are by opening
        their signing key with its passphrase (once for the workspace).

        Raises:
            ConfigurationError: when no operator was given, or no passphrase to prove it.
            PermissionDeniedError: unknown operator, an auditor, or a wrong passphrase.
        """
        name = self.operator.strip()
        if not name:
            raise ConfigurationError(msg("error.operator.none_named"))
        name = checked_name(name, "operator")
        self.may_create = True  # a change may create the inventory
        role = self.operator_role()
        if role is not None and not role.may_change:
            raise PermissionDeniedError(msg("error.operator.auditor", name=name))
        if role is not None:
            self.authenticate()
        return name

    def authenticate(self) -> None:
        """Prove the operator's identity: open their signing key with their passphrase.

        Does nothing when the front end does not require it (no :attr:`operator_passphrase`),
        when no operator is registered yet (bootstrap), or when already proved.

        Raises:
            ConfigurationError: no passphrase could be had.
            PermissionDeniedError: unknown operator, or the passphrase does not open the key.
        """
        name = self.operator.strip()
        if self.operator_passphrase is None or self._authenticated == name:
            return
        with self.db.session() as s:
            op = operators_repo.by_name(s, name)
            registered = op is not None or operators_repo.count(s) > 0
            pem = op.private_key_pem if op is not None else None
        if pem is None:
            if registered:
                self.operator_role()  # raises: not a registered operator
            return
        from crisis.adapters.signing import key_from_pem

        if self.published_passphrase is not None:
            try:
                key_from_pem(pem, self.published_passphrase)
            except PermissionDeniedError:
                pass  # an operator with a passphrase of their own: asked for below
            else:
                self._authenticated = name
                return
        passphrase = self.operator_passphrase(name)
        if not passphrase:
            raise ConfigurationError(msg("error.operator.passphrase_needed", name=name))
        try:
            key_from_pem(pem, passphrase)
        except PermissionDeniedError:
            raise PermissionDeniedError(msg("error.operator.wrong_passphrase", name=name)) from None
        self._authenticated = name

    def operator_role(self) -> Role | None:
        """The acting operator's role; None while no operator is registered at all.

        Raises:
            PermissionDeniedError: operators are registered and this name is not one of them.
        """
        name = self.operator.strip()
        with self.db.session() as s:
            op = operators_repo.by_name(s, name)
            registered = op is not None or operators_repo.count(s) > 0
        if op is not None:
            return Role(op.role)
        if registered:
            raise PermissionDeniedError(msg("error.operator.not_registered", name=name))
        return None


def _keep_data_dir_private() -> None:
    """The data directory holds the inventory and the station's keys: owner-only (0700),
    also when an older release or another tool created it readable by others."""
    folder = data_dir()
    try:
        st = folder.stat()
    except FileNotFoundError:
        return
    if st.st_uid == os.getuid() and st.st_mode & 0o077:
        folder.chmod(0o700)


def open_workspace(
    db: str | None = None,
    operator: str | None = None,
    vault_key_file: Path | None = None,
    *,
    may_create: bool = True,
    checkpoints: bool = False,
) -> Workspace:
    """A workspace on `db` (URL or SQLite path; default from the environment).

    With `may_create` false, the database is created only once an operator acts (see
    :attr:`Workspace.may_create`). The vault opens with `vault_key_file` when given, else
    with ``CRISIS_VAULT_PASSPHRASE`` when set (unattended runs); otherwise a front end asks
    for the passphrase when needed. With `checkpoints` (front ends), every change is sealed
    by a signed journal checkpoint in its own transaction, the key opening with
    ``CRISIS_CHECKPOINT_PASSPHRASE`` if set.
    """
    ws = Workspace(url=database_url(db), operator=operator or "", may_create=may_create)
    ws.vault_credential = vault_credential_from(vault_key_file)
    if checkpoints:
        from crisis.services.journal import automatic_checkpoints

        automatic_checkpoints(ws, os.environ.get("CRISIS_CHECKPOINT_PASSPHRASE") or None)
    return ws


def vault_credential_from(key_file: Path | None) -> VaultCredential | None:
    """The vault credential given by a key file path or ``CRISIS_VAULT_PASSPHRASE``, if any."""
    if key_file is not None:
        return VaultCredential(key_file=key_file)
    passphrase = os.environ.get("CRISIS_VAULT_PASSPHRASE")
    return VaultCredential(passphrase=passphrase) if passphrase else None
