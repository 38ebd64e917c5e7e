"""Every table, imported so that ``SQLModel.metadata`` knows them all."""

from typing import cast

from sqlalchemy import Table
from sqlmodel import SQLModel

from inventory.tables.agreement_obligations import InsuranceClaim, InsuranceProof
from inventory.tables.agreements import Agreement
from inventory.tables.assets import Asset, AssetModel
from inventory.tables.clock_alerts import ClockAlert
from inventory.tables.documents import Document, DocumentSignature
from inventory.tables.holds import CustodyTransfer, ForensicHold
from inventory.tables.journal import JournalCheckpoint, JournalEvent, JournalHead
from inventory.tables.kits import KitTemplate, KitTemplateLine
from inventory.tables.loans import (
    Crisis,
    CrisisLogEntry,
    Incident,
    IncidentStep,
    Loan,
    LoanItem,
    ReturnScan,
    SlaClock,
)
from inventory.tables.mail import Mailbox, Setting
from inventory.tables.operators import Operator
from inventory.tables.parties import Organisation, Person
from inventory.tables.runs import PlaybookRun, SanitisationRecord
from inventory.tables.switches import SwitchSnapshot
from inventory.tables.vault import Secret, VaultKey


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a SQLModel class (for bulk inserts and updates)."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


__all__ = [
    "Agreement",
    "Asset",
    "AssetModel",
    "ClockAlert",
    "Crisis",
    "CrisisLogEntry",
    "CustodyTransfer",
    "Document",
    "DocumentSignature",
    "ForensicHold",
    "Incident",
    "IncidentStep",
    "InsuranceClaim",
    "InsuranceProof",
    "JournalCheckpoint",
    "JournalEvent",
    "JournalHead",
    "KitTemplate",
    "KitTemplateLine",
    "Loan",
    "LoanItem",
    "Mailbox",
    "Operator",
    "Organisation",
    "Person",
    "PlaybookRun",
    "ReturnScan",
    "SanitisationRecord",
    "Secret",
    "Setting",
    "SlaClock",
    "SwitchSnapshot",
    "VaultKey",
    "table_of",
]
