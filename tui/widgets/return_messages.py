"""Messages the return desk's workers post: documents issued and signed, quarantine status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the payloads' modules pull in SQLAlchemy: not for the first frame
    from crisis.services.documents import DocumentView
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
