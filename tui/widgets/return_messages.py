"""Messages the return desk's workers post: documents issued and signed, quarantine status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the payloads' modules pull in SQLAlchemy: not for the first frame
    from crisis.domain.restitution import ReturnReport
    from crisis.services.documents import DocumentView
    from crisis.services.loans import CloseCheck
    from crisis.services.quarantine import QuarantineView


@dataclass
class ReturnDocumentIssued(Message):
    """The return report (procès-verbal de restitution) was issued, or signed by a party."""

    document: DocumentView


@dataclass
class DocumentSigned(Message):
    """A party signed a document; the document as it now stands."""

    document: DocumentView


@dataclass
class QuarantineLoaded(Message):
    """The returned devices' sanitisation status and the mailboxes' data arrived."""

    quarantine: QuarantineView


@dataclass
class DeskStepDone(Message):
    """A quarantine step finished (what it did, in the catalogue's words); reload the pane."""

    loan: str
    text: str


@dataclass
class ScanNeedsConfirmation(Message):
    """A device of ours this loan did not lend was scanned: recorded only once confirmed."""

    tag: str
    condition: str
    error: str


@dataclass
class ScanWithdrawn(Message):
    """A scan was withdrawn; the live report as it now stands."""

    tag: str
    report: ReturnReport


@dataclass
class CloseChecked(Message):
    """What stands between a loan and its close arrived (items to declare, incidents open)."""

    loan: str
    check: CloseCheck
