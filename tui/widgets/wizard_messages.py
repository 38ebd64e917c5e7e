"""Messages the activation wizard's workers post to it: small, past tense."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the payloads' modules pull in SQLAlchemy: not for the first frame
    from crisis.services.documents import DocumentView
    from crisis.services.loans import LoanView, TemplateView
    from crisis.services.wizard_choices import AgreementChoice


@dataclass
class ChoicesLoaded(Message):
    """The agreements with the crisis's town and the kit templates arrived."""

    crisis: str
    agreements: tuple[AgreementChoice, ...]
    templates: tuple[TemplateView, ...]


@dataclass
class DocumentIssued(Message):
    """A joint document was issued (its snapshot stored, not signed yet)."""

    document: DocumentView


@dataclass
class DocumentSigned(Message):
    """A party signed a joint document; the loan as it now stands (its guards see it)."""

    document: DocumentView
    party: str
    loan: LoanView


@dataclass
class LoansInProgress(Message):
    """The loans whose activation is not finished (not handed over yet)."""

    loans: tuple[LoanView, ...]


@dataclass
class LoanResumed(Message):
    """A loan picked to carry on its activation, with its latest joint documents."""

    loan: LoanView
    documents: tuple[DocumentView, ...]
