"""Messages workers post to the UI: small, past tense."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from crisis.services.incidents import Dashboard
from crisis.services.journal import JournalVerdict
from crisis.services.views import AssetDetail, AssetPage, EventView


@dataclass
class AssetsLoaded(Message):
    """A page of the inventory arrived for a filter."""

    text: str
    page: AssetPage


@dataclass
class AssetLoaded(Message):
    """One asset's detail arrived."""

    detail: AssetDetail


@dataclass
class WorkFailed(Message):
    """A worker failed; the app shows it in its one place for errors."""

    error: str


@dataclass
class EventsLoaded(Message):
    """The newest journal events arrived."""

    events: tuple[EventView, ...]


@dataclass
class JournalVerified(Message):
    """The whole chain was verified."""

    verdict: JournalVerdict


@dataclass
class DashboardLoaded(Message):
    """The dashboard's figures arrived."""

    dashboard: Dashboard
