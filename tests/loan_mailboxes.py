"""Test helper: an assembled loan whose kit laptops have addresses, with present mailboxes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlmodel import col, select

from crisis.services import loans, mailboxes
from crisis.services.demo import seed_demo
from crisis.services.workspace import Workspace
from inventory.tables import Asset, Loan, Mailbox

DOMAIN = "aubagne.crise.test"
MAIL_ADDRESS = "127.0.4.1"


def loan_with_mailboxes(
    ws: Workspace, laptop_vars: Sequence[Mapping[str, Any]], mailbox_count: int
) -> tuple[str, list[str]]:
    """Seed the demo, open and assemble a 5-laptop loan, give its first laptops (in binding
    order) the connection variables `laptop_vars`, record the mail host at MAIL_ADDRESS and
    `mailbox_count` present mailboxes. Returns the loan's reference and its laptops' tags."""
    seed_demo(ws, laptops=12, phones=12)
    loans.declare_crisis(ws, "13005", "CYBER-INV", "Maire")
    ref = loans.open_loan(ws, "CYBER-INV", "07-2024-06", "Kit continuité 5 postes").reference
    items = list(loans.assemble(ws, ref).items)
    mailboxes.configure_mail_host(
        ws,
        MAIL_ADDRESS,
        {"ansible_host": MAIL_ADDRESS, "ansible_user": "root"},
        [DOMAIN],
        {"mail_relayhost": "[relais.metropole.test]:25"},
    )
    with ws.db.session(write=True) as s:
        kit = s.scalars(select(Asset).where(col(Asset.tag).in_(items))).all()
        laptops = sorted(
            (a for a in kit if a.category == "laptop"), key=lambda a: items.index(a.tag)
        )
        for a, conn in zip(laptops, laptop_vars, strict=False):
            a.attributes = {**a.attributes, **conn}
            s.add(a)
        ln = s.scalars(select(Loan).where(col(Loan.reference) == ref)).one()
        assert ln.id is not None
        for n in range(mailbox_count, 0, -1):  # the pairing follows addresses, not insertion
            s.add(
                Mailbox(
                    address=f"crise{n:02d}.{ref.lower()}@{DOMAIN}",
                    loan_id=ln.id,
                    state="present",
                    created_at=datetime.now(UTC),
                )
            )
    return ref, [a.tag for a in laptops]
