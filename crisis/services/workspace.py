"""The workspace a front end opens: which database, as which operator."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import make_url
from sqlalchemy.exc import OperationalError

from crisis.config import database_url
from crisis.errors import ConfigurationError
from inventory.database import Database, normalise_url


@dataclass
class Workspace:
    """An opened inventory and the operator acting on it.

    The database is opened (and migrated) on first use, so a front end can start without
    touching it.
    """

    url: str
    operator: str = ""
    _db: Database | None = field(default=None, repr=False)

    @cached_property
    def db(self) -> Database:
        """The database, opened (and migrated) on first use.

        Raises:
            ConfigurationError: when it cannot be reached or opened.
        """
        if self._db is not None:
            return self._db
        try:
            return Database(self.url)
        except OperationalError as exc:
            shown = make_url(normalise_url(self.url)).render_as_string(hide_password=True)
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise ConfigurationError(
                f"cannot open the inventory database {shown}: {reason}"
            ) from None

    def acting_operator(self) -> str:
        """The operator's identity, required for every change.

        Raises:
            ConfigurationError: when none was given.
        """
        if not self.operator.strip():
            raise ConfigurationError(
                "no operator named: pass --operator NAME or set CRISIS_OPERATOR "
                "(every change is journaled with its author)"
            )
        return self.operator.strip()


def open_workspace(db: str | None = None, operator: str | None = None) -> Workspace:
    """A workspace on `db` (URL or SQLite path; default from the environment)."""
    return Workspace(url=database_url(db), operator=operator or "")
