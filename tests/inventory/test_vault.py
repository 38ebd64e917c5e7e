"""The vault on SQLite and PostgreSQL: keys, secrets, bindings, errors that change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import col

from crisis.adapters.vault_crypto import write_new_key_file
from crisis.domain.secret_values import SecretKind, SecretRef
from crisis.errors import ConfigurationError, NotFoundError, ValidationError, VaultError
from crisis.services import vault, vault_secrets
from crisis.services.workspace import VaultCredential, Workspace, open_workspace
from inventory.repo import vault as repo
from inventory.tables import Secret, table_of
from tests.inventory.vault_helpers import PASSPHRASE, journal_head, vault_with_secrets


def fresh(ws: Workspace, cred: VaultCredential | None) -> Workspace:
    """Another workspace on the same database (nothing held in memory)."""
    w = open_workspace(ws.url, "tester")
    w.vault_credential = cred
    return w


def test_secrets_round_trip_and_are_journaled_without_their_value(ws: Workspace) -> None:
    refs = vault_with_secrets(ws)
    values = [vault_secrets.reveal(ws, r, "test") for r in refs]
    assert len(set(values)) == 3
    assert all(len(v) == 24 for v in values)
    other = fresh(ws, VaultCredential(passphrase=PASSPHRASE))
    assert [vault_secrets.reveal(other, r) for r in refs] == values
    st = vault.status(ws)
    assert (st.initialised, st.secrets, st.consistent, st.source) == (True, 3, True, "passphrase")
    with ws.db.session() as s:
        stored = b"".join(bytes(x.ciphertext) for x in repo.secrets(s))
    from crisis.services.journal import recent_events

    journal = repr(recent_events(ws, 100))
    for v in values:
        assert v.encode() not in stored
        assert v not in journal
    assert "secret.revealed" in journal


def test_no_credential_wrong_passphrase_or_missing_key_file_change_nothing(
    ws: Workspace, tmp_path: Path
) -> None:
    refs = vault_with_secrets(ws, 1)
    head = journal_head(ws)
    with pytest.raises(VaultError, match="the vault is locked"):
        vault_secrets.reveal(fresh(ws, None), refs[0])
    wrong = fresh(ws, VaultCredential(passphrase="not the right passphrase"))
    with pytest.raises(VaultError, match="wrong passphrase: it does not open this vault"):
        vault_secrets.rotate_secret(wrong, refs[0])
    with pytest.raises(VaultError, match="wrong passphrase"):
        vault.unlock(wrong)
    missing = fresh(ws, VaultCredential(key_file=tmp_path / "nope.key"))
    with pytest.raises(VaultError, match="opens with a passphrase, not a key file"):
        vault_secrets.reveal(missing, refs[0])
    assert journal_head(ws) == head
    assert vault_secrets.list_secrets(ws)[0].version == 1


def test_a_key_file_vault_and_its_missing_file(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "vault.key"
    vault.init_vault(ws, VaultCredential(key_file=path), create_key_file=True)
    ref = SecretRef("switch", "AMP-SW-001", "enable")
    vault_secrets.store_secret(ws, ref, kind=SecretKind.SWITCH, value="enable-me-please")
    assert vault_secrets.reveal(fresh(ws, VaultCredential(key_file=path)), ref) == (
        "enable-me-please"
    )
    path.rename(tmp_path / "moved.key")
    with pytest.raises(ConfigurationError, match="vault key file not found"):
        vault_secrets.reveal(fresh(ws, VaultCredential(key_file=path)), ref)
    with pytest.raises(VaultError, match="opens with its key file"):
        vault_secrets.reveal(fresh(ws, VaultCredential(passphrase=PASSPHRASE)), ref)


def test_a_ciphertext_moved_to_another_record_or_altered_does_not_open(ws: Workspace) -> None:
    a, b, _ = vault_with_secrets(ws)
    with ws.db.session(write=True) as s:
        blob_a = repo.secret(s, a.owner_type, a.owner_id, a.name)
        assert blob_a is not None
        s.execute(
            update(table_of(Secret))
            .where(col(Secret.owner_id) == b.owner_id)
            .values(ciphertext=bytes(blob_a.ciphertext))
        )
    head = journal_head(ws)
    with pytest.raises(VaultError, match=rf"secret {b} does not open: .*another record"):
        vault_secrets.reveal(ws, b)
    with pytest.raises(VaultError, match="does not open"):
        vault_secrets.rotate_secret(ws, b)
    assert vault_secrets.check_secrets(ws) == (
        f"secret {b} does not open: its ciphertext was altered or belongs to another record",
    )
    with pytest.raises(VaultError, match="does not open"):
        vault.rotate_key(ws, VaultCredential(passphrase="a brand new passphrase"))
    assert journal_head(ws) == head
    assert vault.status(fresh(ws, None)).key_id == vault.status(ws).key_id
    assert vault_secrets.reveal(ws, a)  # the original still opens


def test_rotating_one_secret_and_the_whole_key(ws: Workspace) -> None:
    refs = vault_with_secrets(ws)
    before = {r: vault_secrets.reveal(ws, r) for r in refs}
    v = vault_secrets.rotate_secret(ws, refs[0])
    assert v.version == 2
    new0 = vault_secrets.reveal(ws, refs[0])
    assert new0 != before[refs[0]]
    given = vault_secrets.rotate_secret(ws, refs[1], value="chosen by a human!")
    assert given.version == 2
    old_id = vault.status(ws).key_id
    seen: list[tuple[int, int]] = []
    st = vault.rotate_key(
        ws,
        VaultCredential(passphrase="a brand new passphrase"),
        on_progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert st.key_id != old_id
    assert st.secrets_by_key == {st.key_id: 3}
    new = fresh(ws, VaultCredential(passphrase="a brand new passphrase"))
    assert vault_secrets.reveal(new, refs[0]) == new0
    assert vault_secrets.reveal(new, refs[1]) == "chosen by a human!"
    assert vault_secrets.reveal(new, refs[2]) == before[refs[2]]
    with pytest.raises(VaultError, match="wrong passphrase"):
        vault_secrets.reveal(fresh(ws, VaultCredential(passphrase=PASSPHRASE)), refs[0])


def test_input_errors(ws: Workspace) -> None:
    refs = vault_with_secrets(ws, 1)
    with pytest.raises(ValidationError, match="exists already"):
        vault_secrets.store_secret(ws, refs[0], kind=SecretKind.MAILBOX)
    with pytest.raises(ValidationError, match="owner type 'printer'"):
        vault_secrets.store_secret(ws, SecretRef("printer", "p", "pw"), kind=SecretKind.OTHER)
    with pytest.raises(NotFoundError, match="no town '99999'"):
        vault_secrets.store_secret(
            ws, SecretRef("asset", "X", "pw"), kind=SecretKind.OTHER, organisation="99999"
        )
    with pytest.raises(NotFoundError, match="no secret"):
        vault_secrets.reveal(ws, SecretRef("asset", "X", "pw"))
    with pytest.raises(VaultError, match="already initialised"):
        vault.init_vault(ws, VaultCredential(passphrase="another passphrase"))
    with pytest.raises(ConfigurationError, match="at least 12"):
        vault.rotate_key(ws, VaultCredential(passphrase="short"))


def test_error_messages_never_hold_the_secret_or_the_passphrase(ws: Workspace) -> None:
    refs = vault_with_secrets(ws, 1)
    value = "Tr0ub4dor&3-very-secret"
    ref = SecretRef("asset", "AMP-PC-0001", "local-admin")
    vault_secrets.store_secret(ws, ref, kind=SecretKind.LOCAL_ADMIN, value=value)
    errors: list[BaseException] = []
    for call in (
        lambda: vault_secrets.store_secret(ws, ref, kind=SecretKind.LOCAL_ADMIN, value=value),
        lambda: vault_secrets.reveal(fresh(ws, VaultCredential(passphrase=value)), refs[0]),
        lambda: vault_secrets.reveal(fresh(ws, VaultCredential(passphrase=PASSPHRASE + "x")), ref),
    ):
        with pytest.raises(Exception) as info:  # noqa: PT011 (any error; its text is checked)
            call()
        errors.append(info.value)
    with ws.db.session(write=True) as s:
        s.execute(
            update(table_of(Secret))
            .where(col(Secret.owner_id) == "AMP-PC-0001")
            .values(ciphertext=b"\0" * 40)
        )
    with pytest.raises(VaultError) as info:
        vault_secrets.reveal(ws, ref)
    errors.append(info.value)
    for e in errors:
        text = f"{e} {e!r} {e.__cause__!r} {e.__context__!r}"
        assert value not in text
        assert PASSPHRASE not in text
    assert PASSPHRASE not in repr(ws)
    assert PASSPHRASE not in repr(VaultCredential(passphrase=PASSPHRASE))
    assert PASSPHRASE not in repr(ws._vault_key)


def test_a_secret_opens_with_a_key_file_made_for_rotation(ws: Workspace, tmp_path: Path) -> None:
    refs = vault_with_secrets(ws, 2)
    values = [vault_secrets.reveal(ws, r) for r in refs]
    key_file = tmp_path / "new.key"
    write_new_key_file(key_file)
    vault.rotate_key(ws, VaultCredential(key_file=key_file))
    assert [
        vault_secrets.reveal(fresh(ws, VaultCredential(key_file=key_file)), r) for r in refs
    ] == values


def test_reveal_many_is_all_or_nothing(ws: Workspace) -> None:
    refs = vault_with_secrets(ws, 2)
    got = vault_secrets.reveal_many(ws, refs, "provisioning kit K-12")
    assert got == {r: vault_secrets.reveal(ws, r) for r in refs}
    head = journal_head(ws)
    with pytest.raises(NotFoundError):
        vault_secrets.reveal_many(ws, [*refs, SecretRef("asset", "X", "pw")])
    assert journal_head(ws) == head


def test_a_failed_unlock_keeps_the_key_already_held(ws: Workspace) -> None:
    refs = vault_with_secrets(ws, 1)
    value = vault_secrets.reveal(ws, refs[0])
    with pytest.raises(VaultError, match="wrong passphrase"):
        vault.unlock(ws, VaultCredential(passphrase="typed it wrong, sorry"))
    assert vault.status(ws).unlocked
    assert vault_secrets.reveal(ws, refs[0]) == value
