"""Loan phones: the provisioning step (factory reset through adb, the identity the phone
reports reconciled with the inventory) and the holder's mailbox delivered as standard mail
configurations on a printed sheet, with no password on paper."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlmodel import Session

from crisis.domain.assets import Category
from crisis.domain.mail_profiles import MailAccount, autoconfig, mobileconfig
from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import msg, t
from crisis.services import provisioning
from crisis.services.assets import require_asset
from crisis.services.holder_mailboxes import holder_profiles
from crisis.services.journaling import Change, record
from crisis.services.provisioning import OnEvent, RunView
from crisis.services.workspace import Workspace
from inventory.repo import kit_devices
from inventory.repo import loans as loans_repo
from inventory.tables import Agreement, Organisation

#: The journal action of a holder's mail profile handed over with a phone.
PROFILE_ACTION = "phone.profile_issued"


@dataclass(frozen=True, slots=True)
class PhoneProfile:
    """A phone holder's isolated mailbox as standard configurations, and the sheet that
    carries them as QR codes. None of them holds a password."""

    tag: str
    mailbox: str
    mobileconfig: bytes
    autoconfig: bytes
    sheet: bytes

    @property
    def sha256(self) -> dict[str, str]:
        """The SHA-256 of each file, as journaled."""
        return {
            "mobileconfig": hashlib.sha256(self.mobileconfig).hexdigest(),
            "autoconfig": hashlib.sha256(self.autoconfig).hexdigest(),
            "sheet": hashlib.sha256(self.sheet).hexdigest(),
        }


def loan_phones(ws: Workspace, loan: str) -> tuple[str, ...]:
    """The loan's phones, in the order they were bound to it.

    Raises:
        NotFoundError: no such loan.
    """
    with ws.db.session() as s:
        ln = loans_repo.loan(s, loan)
        if ln is None or ln.id is None:
            raise NotFoundError(msg("error.loan.not_found", reference=loan))
        return tuple(kit_devices.kit_tags(s, ln.id, Category.PHONE.value))


def provision_phones(
    ws: Workspace, loan: str, *, adb: str | None = None, on_event: OnEvent | None = None
) -> RunView:
    """The phones' provisioning step: each phone of the loan, connected to this station, is
    factory-reset through adb; the serial and IMEI it reports are journaled beside the
    inventory's, each difference flagged as a contradiction (the inventory keeps its value).

    Raises:
        NotFoundError: no such loan.
        ValidationError: the loan has no phone, or a phone has no serial for adb.
    """
    tags = loan_phones(ws, loan)
    if not tags:
        raise ValidationError(msg("error.phone.none", loan=loan), where="loan")
    return provisioning.reset_phones(ws, tags, adb=adb, on_event=on_event)


def holder_profile(ws: Workspace, tag: str, holder: str = "", lang: str = "fr") -> PhoneProfile:
    """The phone holder's mailbox as an Apple ``.mobileconfig`` profile and a Mozilla
    autoconfig document (Thunderbird, K-9 Mail), and the holder's sheet with each as a QR
    code. No password: the holder types the one handed over separately. Journaled with the
    files' SHA-256.

    Raises:
        NotFoundError: no such asset.
        ValidationError: not a phone, or no mailbox for its holder (the loan has fewer
            present mailboxes than phones, or no mail host is configured).
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        phone = require_asset(s, tag)
        if phone.category != Category.PHONE.value:
            raise ValidationError(
                msg(
                    "error.asset.not_category",
                    tag=tag,
                    category=msg(f"doc.v.{phone.category}"),
                    wanted=msg("doc.v.phone"),
                ),
                where="phone",
            )
        profile = holder_profiles(s, [phone]).get(tag)
        if profile is None:
            raise ValidationError(
                msg("error.phone.no_mailbox", tag=tag),
                where="phone",
            )
        address = profile["laptop_holder_mailbox"]
        account = MailAccount(address, profile["laptop_mail_host"], holder.strip())
        lender = _lender_name(s, tag)
        apple, mozilla = mobileconfig(account, lender), autoconfig(account, lender)
        lines = [
            (t("phone.sheet.phone", lang), f"{tag} - IMEI {phone.imei or '-'}"),
            (t("phone.sheet.number", lang), phone.phone_number or "-"),
            (t("phone.sheet.holder", lang), account.holder or "-"),
            (t("phone.sheet.mailbox", lang), address),
            (t("phone.sheet.server", lang), f"{account.host} (IMAP 143, SMTP 587, STARTTLS)"),
        ]
        # fpdf2 and segno load only when a sheet is printed (the command line starts fast).
        from crisis.adapters.holder_sheet import SheetCode, holder_sheet

        sheet = holder_sheet(
            t("phone.sheet.title", lang),
            lines,
            [
                SheetCode(t("phone.sheet.qr_apple", lang), apple),
                SheetCode(t("phone.sheet.qr_mozilla", lang), mozilla),
            ],
            t("phone.sheet.no_password", lang),
        )
        out = PhoneProfile(tag, address, apple, mozilla, sheet)
        after = {"mailbox": address, "holder": account.holder, "sha256": out.sha256}
        record(s, operator, [Change(PROFILE_ACTION, "asset", tag, None, after)])
    return out


def _lender_name(s: Session, tag: str) -> str:
    loans = kit_devices.loans_holding(s, [tag], [])
    ln = loans.get(tag)
    agreement = s.get(Agreement, ln.agreement_id) if ln is not None else None
    lender = s.get(Organisation, agreement.lender_id) if agreement is not None else None
    return lender.name if lender is not None else ""
