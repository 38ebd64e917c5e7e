"""The data clause of each agreement: recorded once, read by the mailboxes' return or
destruction and by the certificate of data return or destruction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from crisis.domain.data_terms import DataTerms, data_terms, stored_terms
from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import msg
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace
from inventory.repo import loans as loans_repo
from inventory.tables import Agreement, Loan


def set_data_terms(
    ws: Workspace, agreement: str, article: str, options: Sequence[str], annex: str = ""
) -> DataTerms:
    """Record what an agreement says of the town's data (article, allowed dispositions,
    annex on the fate of the data if it has one). Journaled.

    Raises:
        NotFoundError: no such agreement.
        ValidationError: no article, no disposition, or an unknown one.
    """
    operator = ws.acting_operator()
    try:
        terms = data_terms(article, options, annex)
    except ValueError as exc:
        raise ValidationError(str(exc), where="data terms") from None
    with ws.db.session(write=True) as s:
        a = loans_repo.agreement(s, agreement)
        if a is None:
            raise NotFoundError(msg("error.agreement.not_found", reference=agreement))
        before = dict(a.data_terms or {})
        a.data_terms = terms.as_dict()
        s.add(a)
        record(
            s,
            operator,
            [Change("agreement.data_terms_set", "agreement", a.reference, before, a.data_terms)],
        )
    return terms


def loan_terms(s: Session, ln: Loan) -> tuple[str, DataTerms]:
    """The loan's agreement (reference) and its data terms.

    Raises:
        ValidationError: the agreement records no data terms.
    """
    a = s.get(Agreement, ln.agreement_id)
    terms = stored_terms(a.data_terms if a else None)
    reference = a.reference if a else "?"
    if terms is None:
        raise ValidationError(
            msg("error.data_terms.none", reference=reference),
            where="agreement",
        )
    return reference, terms


def require_disposition(s: Session, ln: Loan, disposition: str) -> DataTerms:
    """The loan's data terms, which must allow `disposition` ("returned" or "destroyed").

    Raises:
        ValidationError: no terms recorded, or a disposition the agreement does not allow.
    """
    reference, terms = loan_terms(s, ln)
    if disposition not in terms.options:
        raise ValidationError(
            msg(
                "error.data_terms.not_allowed",
                reference=reference,
                article=terms.article,
                allowed=", ".join(terms.options),
                disposition=disposition,
            ),
            where="disposition",
        )
    return terms
