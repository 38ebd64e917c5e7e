"""Helpers for vault tests: a seeded town, an unlocked vault, raw access to stored rows."""

from __future__ import annotations

from crisis.domain.secret_values import SecretKind, SecretRef
from crisis.services import vault, vault_secrets
from crisis.services.journaling import Change, record
from crisis.services.workspace import VaultCredential, Workspace
from inventory.repo import journal as journal_repo
from inventory.tables import Organisation, Person

PASSPHRASE = "correct horse battery staple"
TOWN = "Commune d'Aubagne"


def add_town(ws: Workspace, name: str = TOWN, insee: str = "13005") -> None:
    """An organisation with a correspondent, as the demo makes them."""
    with ws.db.session(write=True) as s:
        org = Organisation(name=name, kind="borrower", insee_code=insee)
        s.add(org)
        s.flush()
        assert org.id is not None
        s.add(Person(organisation_id=org.id, name="Hugo Girard", role="correspondent"))
        record(s, "tester", [Change("organisation.created", "organisation", name)])


def vault_with_secrets(ws: Workspace, n: int = 3) -> list[SecretRef]:
    """Initialise the vault with PASSPHRASE and store `n` generated secrets for the town."""
    add_town(ws)
    vault.init_vault(ws, VaultCredential(passphrase=PASSPHRASE))
    refs = [SecretRef("mailbox", f"box{i}@aubagne.example", "password") for i in range(n)]
    for r in refs:
        vault_secrets.store_secret(
            ws, r, kind=SecretKind.MAILBOX, organisation="13005", login=r.owner_id
        )
    return refs


def journal_head(ws: Workspace) -> tuple[int, str]:
    """The journal's (seq, hash)."""
    with ws.db.session() as s:
        return journal_repo.head(s)
