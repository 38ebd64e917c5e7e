"""Messages workers post to the UI: small, past tense."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the payloads' modules pull in SQLAlchemy: not for the first frame
    from crisis.adapters.ansible_run import PlaybookEvent
    from crisis.domain.restitution import ReturnReport
    from crisis.services.incidents import ClockView, Dashboard, IncidentView
    from crisis.services.journal import JournalVerdict
    from crisis.services.loans import LoanView
    from crisis.services.provisioning import RunView
    from crisis.services.views import AssetDetail, AssetPage, EventView
    from crisis.services.workspace import Workspace


@dataclass
class AssetsLoaded(Message):
    """A page of the inventory arrived for a filter."""

    text: str
    page: AssetPage


@dataclass
class AssetsCounted(Message):
    """The number of assets a filter matches, counted after its page was shown."""

    text: str
    total: int
    capped: bool = False


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


@dataclass
class LoansListed(Message):
    """The loans a screen can pick from arrived: (town, loan, state)."""

    loans: tuple[tuple[str, str, str], ...]


@dataclass
class ReturnScanned(Message):
    """A scan was recorded at the return desk; the live report came back with it."""

    tag: str
    condition: str
    report: ReturnReport


@dataclass
class ScanRefused(Message):
    """A scan could not be recorded (wrong loan state, unknown loan...)."""

    tag: str
    error: str


@dataclass
class ReturnReportLoaded(Message):
    """The return report of a loan arrived (when picking it, before any new scan)."""

    loan: str
    report: ReturnReport


@dataclass
class LoanChanged(Message):
    """A lifecycle action succeeded; the loan as it now stands."""

    loan: LoanView


@dataclass
class CrisisDeclared(Message):
    """A crisis record was opened."""

    reference: str


@dataclass
class RoleChecked(Message):
    """The operator's role is known: read-only for auditors."""

    read_only: bool


@dataclass
class IncidentReported(Message):
    """A breakdown, loss or theft was recorded with its clocks."""

    incident: IncidentView


@dataclass
class ClocksLoaded(Message):
    """The clock board arrived."""

    clocks: tuple[ClockView, ...]


@dataclass
class ClockStopped(Message):
    """A clock was stopped."""

    clock: ClockView


@dataclass
class WorkspaceOpened(Message):
    """The inventory is open (the services are imported)."""

    workspace: Workspace


@dataclass
class PlaybookProgressed(Message):
    """One step of a run on one host (from Ansible's event stream)."""

    event: PlaybookEvent


@dataclass
class RunFinished(Message):
    """A provisioning run ended (successful, failed or canceled), as recorded."""

    run: RunView


@dataclass
class VaultUnlocked(Message):
    """The vault opened with the passphrase given."""
