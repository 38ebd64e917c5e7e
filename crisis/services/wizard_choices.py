"""What the activation wizard offers to choose from: the agreements with a crisis's town."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from crisis.domain.agreement_terms import AgreementStatus, lending_decision
from crisis.services.loans import require_crisis, terms_of
from crisis.services.workspace import Workspace
from inventory.repo import parties as parties_repo
from inventory.tables import Organisation


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
