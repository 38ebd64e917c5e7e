"""The checks an exported mailbox archive passes where the town receives it, before any
mailbox is removed (issue 11 point 4), and the retirement of a removed mailbox's password."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from crisis.adapters.mail_archive import read_archive
from crisis.domain.secret_values import SecretKind, SecretRef
from crisis.services import journal, vault, vault_secrets
from crisis.services.mailboxes import _check_archive
from crisis.services.workspace import VaultCredential, Workspace

ADDRESS = "crise01.pret-2026-0001@aubagne.crise.example"


def _maildir_archive(path: Path, messages: int) -> None:
    """A tar.gz shaped like the playbook's: the maildir of one mailbox, with index files."""
    with tarfile.open(path, "w:gz") as tar:
        files = {"crise01/Maildir/dovecot-uidlist": b"3 V1 N1\n"}
        for i in range(messages):
            folder = "cur" if i % 2 else "new"
            files[f"crise01/Maildir/{folder}/{i}.mail:2,S"] = f"Subject: {i}\n\nbody\n".encode()
        files["crise01/Maildir/.Sent/cur/9.mail:2,S"] = b"Subject: sent\n\nbody\n"
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def _reported(path: Path, **over: object) -> dict[str, dict[str, object]]:
    facts = read_archive(path)
    want = {"address": ADDRESS, "sha256": facts.sha256, "size": facts.size, "messages": 4}
    return {path.name: {**want, **over}}


def test_an_archive_as_the_mail_host_reported_it_passes(tmp_path: Path) -> None:
    archive = tmp_path / f"{ADDRESS}-20261207T101500Z.tar.gz"
    _maildir_archive(archive, 3)
    assert read_archive(archive).messages == 4  # three in INBOX, one in Sent
    check = _check_archive(tmp_path, ADDRESS, _reported(archive))
    assert check.ok, check.problems
    assert check.path == str(archive)


@pytest.mark.parametrize(
    ("over", "problem"),
    [
        ({"messages": 5}, "4 messages, the mailbox held 5"),
        ({"size": 1}, "the mail host's 1"),
        ({"sha256": "00" * 32}, f"the mail host's {'00' * 32}"),
    ],
)
def test_each_difference_is_named(tmp_path: Path, over: dict[str, object], problem: str) -> None:
    archive = tmp_path / f"{ADDRESS}-20261207T101500Z.tar.gz"
    _maildir_archive(archive, 3)
    check = _check_archive(tmp_path, ADDRESS, _reported(archive, **over))
    assert not check.ok
    assert any(problem in p for p in check.problems), check.problems


def test_a_missing_or_unreadable_archive_fails(tmp_path: Path) -> None:
    archive = tmp_path / f"{ADDRESS}-20261207T101500Z.tar.gz"
    _maildir_archive(archive, 1)
    reported = _reported(archive)
    archive.unlink()
    assert _check_archive(tmp_path, ADDRESS, reported).problems == (f"{archive} is missing",)
    assert _check_archive(tmp_path, ADDRESS, {}).problems == ("the mail host reported no archive",)
    archive.write_bytes(b"not a tar")
    reported = _reported(archive)
    assert "not a readable tar.gz" in _check_archive(tmp_path, ADDRESS, reported).problems[0]


def test_a_removed_mailboxs_password_is_retired_and_journaled(ws: Workspace) -> None:
    vault.init_vault(ws, VaultCredential(passphrase="phrase de passe du coffre"))
    ref = SecretRef("mailbox", ADDRESS, "password")
    vault_secrets.store_secret(ws, ref, kind=SecretKind.MAILBOX, login=ADDRESS)
    with ws.db.session(write=True) as s:
        changes = vault_secrets.retire_secrets(
            s, [ref, SecretRef("mailbox", "absent@x.fr", "password")], "mailbox removed"
        )
        from crisis.services.journaling import record

        record(s, "tester", changes)
    assert [c.entity_id for c in changes] == [str(ref)]
    assert vault_secrets.list_secrets(ws) == ()
    event = journal.recent_events(ws, 1)[0]
    assert (event.action, event.entity_id, event.before["version"]) == (
        "secret.retired",
        str(ref),
        1,
    )
