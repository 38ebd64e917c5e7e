"""What the activation wizard offers to choose from and shows: the agreements with a crisis's
town, the mail domains of the isolated mail host, a loan's mailboxes and laptops."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session

from crisis.domain.agreement_terms import AgreementStatus, lending_decision
from crisis.domain.assets import Category
from crisis.errors import NotFoundError
from crisis.i18n import msg
from crisis.services.loans import require_crisis, terms_of
from crisis.services.mail_domains import loan_mail_domain as loan_mail_domain_of
from crisis.services.workspace import Workspace
from inventory.repo import loans as loans_repo
from inventory.repo import mail as mail_repo
from inventory.repo import parties as parties_repo
from inventory.tables import Loan, Organisation


@dataclass(frozen=True, slots=True)
class AgreementChoice:
    """An agreement with the town of a crisis, and whether a loan may start under it now.

    Attributes:
        status: the agreement's status today (Paris); a loan may start only when in force.
        last_day: its last day in force as known today (``None``: open-ended).
        reason: why no loan can start (names the agreement and the dates); empty if one can.
    """

    reference: str
    title: str
    borrower: str
    status: AgreementStatus
    start_date: date
    last_day: date | None
    notice_given_on: date | None
    reason: str

    @property
    def usable(self) -> bool:
        """A loan may start under it now."""
        return self.status is AgreementStatus.IN_FORCE


def agreements_for_crisis(
    ws: Workspace, crisis: str, at: datetime | None = None
) -> list[AgreementChoice]:
    """The agreements with the crisis's town, by reference, each with its lending decision
    at `at` (now by default): the same decision `loans.open_loan` would take.

    Raises:
        NotFoundError: no such crisis.
    """
    moment = at or datetime.now(UTC)
    with ws.db.session() as s:
        c = require_crisis(s, crisis)
        town = s.get(Organisation, c.organisation_id)
        out = []
        for a in parties_repo.agreements(s):
            if a.borrower_id != c.organisation_id:
                continue
            decision = lending_decision(terms_of(a), moment)
            out.append(
                AgreementChoice(
                    reference=a.reference,
                    title=a.title,
                    borrower=town.name if town else "",
                    status=decision.status,
                    start_date=a.start_date,
                    last_day=decision.last_day,
                    notice_given_on=a.notice_given_on,
                    reason=decision.reason,
                )
            )
        return out


@dataclass(frozen=True, slots=True)
class MailboxLine:
    """One isolated mailbox of a loan as recorded: its address and state (present...)."""

    address: str
    state: str


def loan_mail_domain(ws: Workspace, loan: str) -> str:
    """The crisis mail domain of the loan's borrower ("" when none is recorded): the only
    one its mailboxes may be created on.

    Raises:
        NotFoundError: no such loan.
    """
    with ws.db.session() as s:
        return loan_mail_domain_of(s, loan)[1] or ""


def loan_mailboxes(ws: Workspace, loan: str) -> tuple[MailboxLine, ...]:
    """A loan's mailboxes, by address.

    Raises:
        NotFoundError: no such loan.
    """
    with ws.db.session() as s:
        ln = _loan(s, loan)
        assert ln.id is not None
        return tuple(MailboxLine(m.address, m.state) for m in mail_repo.mailboxes_of(s, ln.id))


def loan_laptops(ws: Workspace, loan: str) -> tuple[str, ...]:
    """The tags of a loan's laptops, in tag order (what the cleaning runs on).

    Raises:
        NotFoundError: no such loan.
    """
    with ws.db.session() as s:
        ln = _loan(s, loan)
        assert ln.id is not None
        tags = [i.asset_tag for i in loans_repo.items(s, ln.id)]
        found = loans_repo.assets_by_tags(s, tags)
        return tuple(a.tag for a in found if a.category == Category.LAPTOP.value)


def _loan(s: Session, loan: str) -> Loan:
    ln = loans_repo.loan(s, loan)
    if ln is None:
        raise NotFoundError(msg("error.loan.not_found", reference=loan))
    return ln
