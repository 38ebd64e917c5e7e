"""Each borrower's own crisis mail domain: where its isolated mailboxes are created, and
nowhere else (another town's domain is refused)."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import msg
from crisis.services.journaling import Change, record
from crisis.services.towns import find_town
from crisis.services.workspace import Workspace
from inventory.repo import loans as loans_repo
from inventory.tables import Agreement, Organisation

_DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$")


def set_mail_domain(ws: Workspace, borrower: str, domain: str) -> str:
    """Record a borrower's crisis mail domain (by INSEE code or name). Journaled.

    Raises:
        NotFoundError: no such borrower.
        ValidationError: not a domain name, or already another borrower's.
    """
    operator = ws.acting_operator()
    domain = domain.strip().lower()
    if not _DOMAIN.match(domain):
        raise ValidationError(msg("error.mail_domain.invalid", domain=domain), where="domain")
    with ws.db.session(write=True) as s:
        org = _borrower(s, borrower)
        other = s.scalars(select(Organisation).where(Organisation.mail_domain == domain)).first()
        if other is not None and other.id != org.id:
            raise ValidationError(
                msg("error.mail_domain.other_owner", domain=domain, owner=other.name, org=org.name),
                where="domain",
            )
        before = {"mail_domain": org.mail_domain}
        org.mail_domain = domain
        s.add(org)
        record(
            s,
            operator,
            [
                Change(
                    "organisation.mail_domain_set",
                    "organisation",
                    org.name,
                    before,
                    {"mail_domain": domain},
                )
            ],
        )
    return domain


def loan_mail_domain(s: Session, loan: str) -> tuple[str, str | None]:
    """The loan's borrower (name) and its crisis mail domain (None when not recorded).

    Raises:
        NotFoundError: no such loan.
    """
    ln = loans_repo.loan(s, loan)
    if ln is None:
        raise NotFoundError(msg("error.loan.not_found", reference=loan))
    agreement = s.get(Agreement, ln.agreement_id)
    org = s.get(Organisation, agreement.borrower_id) if agreement else None
    if org is None:
        return "", None
    return org.name, org.mail_domain


def borrower_domain(ws: Workspace, loan: str) -> str | None:
    """The crisis mail domain of the loan's borrower, None when none is recorded."""
    with ws.db.session() as s:
        return loan_mail_domain(s, loan)[1]


def require_loan_domain(s: Session, loan: str, domain: str | None) -> str:
    """The domain the loan's mailboxes go on: its borrower's own. `domain`, when given, must
    be that one.

    Raises:
        ValidationError: the borrower has no crisis mail domain recorded, or `domain` is
            another one (another borrower's, or any other).
    """
    town, own = loan_mail_domain(s, loan)
    if not own:
        raise ValidationError(
            msg("error.mail_domain.none", town=town or loan),
            where="domain",
        )
    wanted = (domain or "").strip().lower()
    if wanted and wanted != own:
        holder = s.scalars(select(Organisation).where(Organisation.mail_domain == wanted)).first()
        whose = (
            msg("error.mail_domain.of", owner=holder.name)
            if holder is not None
            else msg("error.mail_domain.not_its")
        )
        raise ValidationError(
            msg(
                "error.mail_domain.wrong", loan=loan, town=town, own=own, wanted=wanted, whose=whose
            ),
            where="domain",
        )
    return own


def _borrower(s: Session, key: str) -> Organisation:
    return find_town(s, key, kind="borrower")
