"""The workspace a front end opens: which database, as which operator."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from crisis.config import database_url
from crisis.errors import ConfigurationError
from inventory.database import Database


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
        """The database, opened on first use."""
        return self._db or Database(self.url)

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
