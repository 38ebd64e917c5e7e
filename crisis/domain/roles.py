"""Operator roles and what each may do."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """The role of an operator."""

    TECHNICIAN = "technician"
    RESPONDER = "responder"
    AUDITOR = "auditor"
    ADMIN = "admin"

    @property
    def may_change(self) -> bool:
        """False for auditors: they read everything and change nothing."""
        return self is not Role.AUDITOR
