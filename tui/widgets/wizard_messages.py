"""Messages the activation wizard's workers post to it: small, past tense."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the payloads' modules pull in SQLAlchemy: not for the first frame
    from crisis.services.documents import DocumentView
    from crisis.services.loans import LoanView, TemplateView
    from crisis.services.mailboxes import MailCheck
    from crisis.services.provisioning import RunView
    from crisis.services.wizard_choices import AgreementChoice, MailboxLine


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


@dataclass
class MailboxesListed(Message):
    """A loan's mailboxes as recorded (after picking the loan, or creating them)."""

    loan: str
    mailboxes: tuple[MailboxLine, ...]


@dataclass
class MailboxesCreated(Message):
    """The mailbox playbook ran on the mail host; the loan's mailboxes as now recorded."""

    loan: str
    run: RunView
    mailboxes: tuple[MailboxLine, ...]


@dataclass
class MailboxesChecked(Message):
    """The mailboxes' acceptance tests ran (IMAP logins, a message sent and received)."""

    loan: str
    check: MailCheck
    mailboxes: tuple[MailboxLine, ...]


@dataclass
class LoanLaptopsFound(Message):
    """The loan's laptops, to clean on the provisioning screen."""

    loan: str
    tags: tuple[str, ...]


@dataclass
class ItemSubstituted(Message):
    """One asset of the kit was replaced by another; the loan as it now stands."""

    old: str
    new: str
    loan: LoanView
