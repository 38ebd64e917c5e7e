"""Who each party names under an agreement: one correspondent per party (seed 001 art. 5)
and the borrower's data protection officer (seed 000 art. 4-3)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from crisis.domain.contacts import Contact, checked_email
from crisis.domain.free_text import checked_name
from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import msg
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace
from inventory.repo import loans as loans_repo
from inventory.tables import Agreement


class ContactRole(StrEnum):
    """Which contact of the agreement."""

    LENDER = "lender"  # the lender's correspondent
    BORROWER = "borrower"  # the borrower's correspondent
    DPO = "dpo"  # the borrower's data protection officer


#: The agreement's columns holding each contact's name and e-mail address.
_COLUMNS = {
    ContactRole.LENDER: ("lender_contact", "lender_contact_email"),
    ContactRole.BORROWER: ("borrower_contact", "borrower_contact_email"),
    ContactRole.DPO: ("dpo", "dpo_email"),
}


@dataclass(frozen=True, slots=True)
class Contacts:
    """The agreement's contacts (empty when not named yet)."""

    lender: Contact
    borrower: Contact
    dpo: Contact


def contacts_of(a: Agreement) -> Contacts:
    """The contacts recorded on `a`."""
    lender, borrower, dpo = (
        Contact(getattr(a, name), getattr(a, email)) for name, email in _COLUMNS.values()
    )
    return Contacts(lender, borrower, dpo)


def set_contact(ws: Workspace, agreement: str, role: ContactRole, name: str, email: str) -> Contact:
    """Name the agreement's `role` contact (journaled, with the one it replaces).

    Raises:
        NotFoundError: no such agreement.
        ValidationError: no name, or an e-mail address that is not one.
    """
    operator = ws.acting_operator()
    name = checked_name(name, "name") if name.strip() else ""
    if not name:
        raise ValidationError(
            msg("error.contact.no_name", role=msg(f"agreements.contact.{role.value}")), where="name"
        )
    try:
        address = checked_email(email)
    except ValueError as exc:
        raise ValidationError(str(exc), where="email") from None
    name_col, email_col = _COLUMNS[role]
    with ws.db.session(write=True) as s:
        a = loans_repo.agreement(s, agreement)
        if a is None:
            raise NotFoundError(msg("error.agreement.not_found", reference=agreement))
        before = {"name": getattr(a, name_col), "email": getattr(a, email_col)}
        setattr(a, name_col, name.strip())
        setattr(a, email_col, address)
        s.add(a)
        after = {"role": role.value, "name": name.strip(), "email": address}
        record(
            s, operator, [Change("agreement.contact_set", "agreement", a.reference, before, after)]
        )
        return Contact(name.strip(), address)
