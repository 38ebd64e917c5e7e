"""Which isolated mailbox a loan laptop's (or phone's) holder uses, for its mail client
profile.

The pairing: a device whose attributes name a ``holder_mailbox`` gets that one; otherwise,
on a loan that is not closed or cancelled, the kit's devices of its category (laptops, or
phones) in the order they were bound to the loan are paired with the loan's present
mailboxes in address order (``crise01...``): the first device with the first mailbox, and so
on. A device beyond the number of mailboxes gets none, nor does any while no mail host is
configured.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from crisis.domain.loans import LoanState
from crisis.services.mail_host import mail_host_setting
from inventory.repo import kit_devices
from inventory.repo import mail as mail_repo
from inventory.tables import Asset

HOLDER_ATTRIBUTE = "holder_mailbox"


def holder_profiles(s: Session, laptops: Sequence[Asset]) -> dict[str, dict[str, str]]:
    """The mail client variables (``laptop_holder_mailbox``, ``laptop_mail_host``) of each
    laptop that has a holder's mailbox, by tag."""
    host = mail_host_setting(s)
    if host is None or not laptops:
        return {}
    closed = [LoanState.CLOSED.value, LoanState.CANCELLED.value]
    loans = kit_devices.loans_holding(s, [a.tag for a in laptops], closed)
    paired: dict[tuple[int, str], dict[str, str]] = {}
    out: dict[str, dict[str, str]] = {}
    for a in laptops:
        address = str((a.attributes or {}).get(HOLDER_ATTRIBUTE) or "")
        loan = loans.get(a.tag)
        if not address and loan is not None and loan.id is not None:
            key = (loan.id, a.category)
            if key not in paired:
                tags = kit_devices.kit_tags(s, loan.id, a.category)
                boxes = [
                    m.address for m in mail_repo.mailboxes_of(s, loan.id) if m.state == "present"
                ]
                paired[key] = dict(zip(tags, boxes, strict=False))
            address = paired[key].get(a.tag, "")
        if address:
            out[a.tag] = {"laptop_holder_mailbox": address, "laptop_mail_host": host["address"]}
    return out
