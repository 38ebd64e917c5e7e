"""Credential handover on SQLite and PostgreSQL: sealed package, sheet without secrets, journal."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from crisis.adapters.vault_crypto import new_x25519_pair
from crisis.errors import NotFoundError, ValidationError, VaultError
from crisis.services import handover, vault, vault_secrets
from crisis.services.journal import recent_events
from crisis.services.workspace import VaultCredential, Workspace, open_workspace
from tests.inventory.vault_helpers import add_town, journal_head, vault_with_secrets

TOWN_PW = "the town chose this"


def test_export_seals_the_towns_secrets_and_journals_no_value(
    ws: Workspace, tmp_path: Path
) -> None:
    refs = vault_with_secrets(ws, 3)
    add_town(ws, "Commune de La Ciotat", "13028")
    values = {str(r): vault_secrets.reveal(ws, r) for r in refs}
    r = handover.export_handover(ws, "13005", tmp_path, passphrase=TOWN_PW)
    assert r.package.exists()
    assert r.sheet.exists()
    sheet = r.sheet.read_text()
    for ref in refs:
        assert f"| {ref.owner_type} | {ref.owner_id} | {ref.name} |" in sheet
    assert r.sha256 in sheet
    assert "Hugo Girard" in sheet
    for v in values.values():
        assert v not in sheet
        assert v.encode() not in r.package.read_bytes()
    opened = handover.open_handover(r.package, passphrase=TOWN_PW)
    assert {f"{o.owner_type}:{o.owner_id}/{o.name}": o.value for o in opened} == values
    with pytest.raises(VaultError, match="wrong passphrase or key"):
        handover.open_handover(r.package, passphrase="not what the town chose")
    event = recent_events(ws, 1)[0]
    assert (event.seq, event.action, event.operator) == (r.seq, "vault.handover_exported", "tester")
    assert event.after["sha256"] == r.sha256
    assert event.after["secrets"] == sorted(values)
    assert not any(v in repr(event) for v in values.values())

    priv, pub = new_x25519_pair()
    r2 = handover.export_handover(ws, "Commune d'Aubagne", tmp_path / "x", public_key=pub)
    assert len(handover.open_handover(r2.package, private_key=priv)) == 3
    assert pub in r2.sheet.read_text()


def test_refused_exports_write_nothing(ws: Workspace, tmp_path: Path) -> None:
    vault_with_secrets(ws, 1)
    add_town(ws, "Commune de La Ciotat", "13028")
    head = journal_head(ws)
    tmp_path = tmp_path / "out"
    with pytest.raises(ValidationError, match="no secret in the vault"):
        handover.export_handover(ws, "13028", tmp_path / "a", passphrase=TOWN_PW)
    with pytest.raises(NotFoundError):
        handover.export_handover(ws, "99999", tmp_path / "b", passphrase=TOWN_PW)
    with pytest.raises(ValidationError, match="at least 12"):
        handover.export_handover(ws, "13005", tmp_path / "c", passphrase="short")
    locked = open_workspace(ws.url, "tester")
    with pytest.raises(VaultError, match="locked"):
        handover.export_handover(locked, "13005", tmp_path / "d", passphrase=TOWN_PW)
    assert journal_head(ws) == head
    assert not tmp_path.exists()


def test_no_secret_is_in_clear_in_any_table(ws: Workspace, tmp_path: Path) -> None:
    refs = vault_with_secrets(ws, 3)
    old = vault_secrets.reveal(ws, refs[0])
    vault_secrets.rotate_secret(ws, refs[0])
    vault.rotate_key(ws, VaultCredential(passphrase="a brand new passphrase"))
    handover.export_handover(ws, "13005", tmp_path, passphrase=TOWN_PW)
    needles = [old, *vault_secrets.reveal_many(ws, refs).values()]
    needles += ["a brand new passphrase", "correct horse battery staple", TOWN_PW]
    dump: list[str] = []
    with ws.db.engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            dump += [repr(tuple(row)) for row in conn.execute(text(f'SELECT * FROM "{table}"'))]
    everything = "\n".join(dump)
    assert "box0@aubagne.example" in everything  # the dump does hold the rows
    assert [n for n in needles if n in everything] == []
