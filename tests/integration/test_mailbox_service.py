"""A loan's isolated mailboxes against the lab's real Postfix and Dovecot."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crisis.adapters.mail_check import MailServer, imap_login
from crisis.config import data_dir
from crisis.domain.loans import LoanGuardError, LoanState
from crisis.domain.secret_values import SecretRef
from crisis.errors import PeerError, ValidationError
from crisis.services import journal, loans, mailboxes, vault, vault_secrets
from crisis.services.demo import seed_demo
from crisis.services.workspace import VaultCredential, Workspace
from tests.lab import lab_mail_host

pytestmark = pytest.mark.lab

DOMAIN = "aubagne.crise.example"  # the demo town Aubagne's crisis mail domain
# The lab's chroot has no init system: the lab starts the daemons itself.
HOST_VARS = {"mail_manage_services": False, "mail_hostname": f"mail.{DOMAIN}"}


@pytest.fixture(scope="module")
def mail_host() -> Iterator[Any]:
    yield from lab_mail_host(subnet=4)


@pytest.fixture
def loan(sqlite_ws: Workspace, mail_host: Any) -> Iterator[tuple[Workspace, str]]:
    from crisis.lab.mail import MailDaemons

    ws = sqlite_ws
    seed_demo(ws, laptops=12, phones=12)
    vault.init_vault(ws, VaultCredential(passphrase="phrase de passe du coffre du labo"))
    loans.declare_crisis(ws, "13005", "CYBER-MAIL", "Maire")
    ref = loans.open_loan(ws, "CYBER-MAIL", "07-2024-06", "Kit continuité 5 postes").reference
    mailboxes.configure_mail_host(
        ws,
        mail_host.address,
        mail_host.inventory_vars(),
        [DOMAIN],
        HOST_VARS,
    )
    setup = mailboxes.setup_mail_host(ws)
    assert [h.status for h in setup.hosts] in (["changed"], ["ok"]), setup.hosts
    daemons = MailDaemons(mail_host)
    daemons.start()
    try:
        yield ws, ref
    finally:
        daemons.stop()


def test_mailboxes_are_created_checked_and_their_data_returned(
    loan: tuple[Workspace, str], mail_host: Any, tmp_path: Path
) -> None:
    ws, ref = loan
    run = mailboxes.create_mailboxes(ws, ref, DOMAIN)
    assert [h.status for h in run.hosts] == ["changed"], run.hosts
    check = mailboxes.check_mailboxes(ws, ref)
    assert check.passed, check.problems
    assert len(check.logins) == 5  # the template's mailbox count
    assert journal.recent_events(ws, 1)[0].after["passed"] is True
    secrets = [
        vault_secrets.reveal(ws, v.ref)
        for v in vault_secrets.list_secrets(ws)
        if v.kind == "mailbox"
    ]

    exports = tmp_path / "pour-la-commune"
    out = mailboxes.return_mailboxes(ws, ref, exports)
    assert out.removed, out
    archives = sorted(exports.iterdir())
    assert len(archives) == 5
    # Each archive was checked where the town receives it: size, hash, messages.
    assert {Path(a.path) for a in out.archives} == set(archives)
    for a in out.archives:
        assert a.sha256 == hashlib.sha256(Path(a.path).read_bytes()).hexdigest()
        assert a.size == Path(a.path).stat().st_size
    # The check's test message went from the first mailbox to the second.
    assert out.archives[1].messages >= 1
    # The town has its verified copies: none is left on the mail host.
    assert not list((mail_host.root / "var/backups/crisis-mail").glob("*.tar.gz"))
    recorded = {
        e.entity_id: e.after["sha256"]
        for e in journal.recent_events(ws, 50)
        if e.action == "mailbox.disposed"
    }
    assert sorted(recorded.values()) == sorted(
        hashlib.sha256(p.read_bytes()).hexdigest() for p in archives
    )
    # The removed mailboxes' passwords are retired from the vault, journaled.
    retired = [e.entity_id for e in journal.recent_events(ws, 50) if e.action == "secret.retired"]
    assert sorted(retired) == sorted(f"mailbox:{a}/password" for a in recorded)
    assert not [v for v in vault_secrets.list_secrets(ws) if v.kind == "mailbox"]
    # The data certificate takes the recorded dispositions, archive hashes included.
    from crisis.services import documents

    cert = documents.issue_data_disposition(ws, ref)
    assert all(h.encode() in cert.snapshot for h in recorded.values())
    # Passwords were in the vault only: not in the database file nor in the run directories.
    files = [Path(ws.db.url.removeprefix("sqlite:///")), *data_dir().rglob("*")]
    for path in (p for p in files if p.is_file()):
        content = path.read_bytes()
        assert not any(s.encode() in content for s in secrets), path


def test_a_loan_does_not_close_before_its_mailboxes_data_is_disposed(
    loan: tuple[Workspace, str],
) -> None:
    ws, ref = loan
    mailboxes.create_mailboxes(ws, ref, DOMAIN, count=2)
    # Walk the loan to its end without disposing of the mailboxes.
    with ws.db.session(write=True) as s:
        from inventory.repo import loans as repo

        ln = repo.loan(s, ref)
        assert ln is not None
        ln.state = LoanState.SANITISING.value
        s.add(ln)
    with pytest.raises(LoanGuardError, match="no data disposition for 2 mailboxes"):
        loans.close(ws, ref)
    with pytest.raises(ValidationError, match="certificate"):
        mailboxes.destroy_mailboxes(ws, ref, " ")
    mailboxes.destroy_mailboxes(ws, ref, "ATT-2026-014")
    assert loans.close(ws, ref).state is LoanState.CLOSED


def test_the_host_variables_reach_the_playbooks(
    loan: tuple[Workspace, str], mail_host: Any
) -> None:
    # Given with 'crisis mailboxes host --var': the name Postfix announces.
    main_cf = (mail_host.root / "etc/postfix/main.cf").read_text()
    assert f"myhostname = mail.{DOMAIN}" in main_cf


def _password(ws: Workspace, address: str) -> str:
    return vault_secrets.reveal(ws, SecretRef("mailbox", address, "password"))


def _mailbox_rows(ws: Workspace) -> list[tuple[str, str]]:
    from sqlmodel import select

    from inventory.tables import Mailbox

    with ws.db.session() as s:
        return [(m.address, m.state) for m in s.scalars(select(Mailbox).order_by(Mailbox.address))]


def test_a_creation_the_mail_host_missed_records_nothing_and_the_next_run_carries_on(
    loan: tuple[Workspace, str], mail_host: Any
) -> None:
    ws, ref = loan
    # The mail host recorded at a wrong address: nothing answers SSH there.
    wrong = {**mail_host.inventory_vars(), "ansible_host": "127.0.4.250"}
    mailboxes.configure_mail_host(ws, mail_host.address, wrong, [DOMAIN], HOST_VARS)
    missed = mailboxes.create_mailboxes(ws, ref, DOMAIN, count=2)
    mailboxes.configure_mail_host(
        ws, mail_host.address, mail_host.inventory_vars(), [DOMAIN], HOST_VARS
    )
    assert [(h.host, h.status) for h in missed.hosts] == [("mail", "unreachable")]
    assert missed.failed_hosts == ("mail",)
    assert _mailbox_rows(ws) == []
    assert "mailboxes.created" not in [e.action for e in journal.recent_events(ws, 20)]
    # The passwords stored before the run are used again, not refused as existing.
    kept = {v.ref: vault_secrets.reveal(ws, v.ref) for v in vault_secrets.list_secrets(ws)}
    assert len(kept) == 2
    run = mailboxes.create_mailboxes(ws, ref, DOMAIN, count=2)
    assert [h.status for h in run.hosts] == ["changed"], run.hosts
    assert [state for _, state in _mailbox_rows(ws)] == ["present", "present"]
    assert {v.ref: vault_secrets.reveal(ws, v.ref) for v in vault_secrets.list_secrets(ws)} == kept
    assert mailboxes.check_mailboxes(ws, ref).passed
    created = [e for e in journal.recent_events(ws, 20) if e.action == "mailboxes.created"]
    assert len(created) == 1
    mailboxes.destroy_mailboxes(ws, ref, "ATT-2026-015")


def test_a_suspended_mailbox_refuses_logins_and_stays_suspended(
    loan: tuple[Workspace, str], mail_host: Any
) -> None:
    ws, ref = loan
    mailboxes.create_mailboxes(ws, ref, DOMAIN, count=2)
    (first, _), (second, _) = _mailbox_rows(ws)
    with pytest.raises(ValidationError, match="no present mailbox nobody@"):
        mailboxes.suspend_mailboxes(ws, ref, [f"nobody@{DOMAIN}"])
    run = mailboxes.suspend_mailboxes(ws, ref, [first])
    assert [h.status for h in run.hosts] == ["changed"], run.hosts
    assert _mailbox_rows(ws) == [(first, "suspended"), (second, "present")]
    event = next(e for e in journal.recent_events(ws, 5) if e.action == "mailboxes.suspended")
    assert event.after["addresses"] == [first]
    server = MailServer(mail_host.address)
    with pytest.raises(PeerError):
        imap_login(server, first, _password(ws, first))
    imap_login(server, second, _password(ws, second))
    # Creating the loan's mailboxes again leaves the suspended one suspended.
    mailboxes.create_mailboxes(ws, ref, DOMAIN, count=2)
    assert _mailbox_rows(ws) == [(first, "suspended"), (second, "present")]
    with pytest.raises(PeerError):
        imap_login(server, first, _password(ws, first))
    mailboxes.destroy_mailboxes(ws, ref, "ATT-2026-016")


def test_an_archive_that_cannot_reach_the_export_dir_removes_nothing(
    loan: tuple[Workspace, str], mail_host: Any, tmp_path: Path
) -> None:
    """The town's folder is read-only (a locked USB key): the archives cannot be copied
    there, so no mailbox is removed and every password stays in the vault."""
    import subprocess

    ws, ref = loan
    mailboxes.create_mailboxes(ws, ref, DOMAIN, count=2)
    assert mailboxes.check_mailboxes(ws, ref).passed
    locked = tmp_path / "cle-usb"
    locked.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(locked)], check=True)
    try:
        out = mailboxes.return_mailboxes(ws, ref, locked)
    finally:
        subprocess.run(["umount", str(locked)], check=True)
    assert not out.removed
    assert out.removal_run is None
    assert out.export_run.failed_hosts == ("mail",)
    assert all(not a.ok for a in out.archives)
    assert [state for _, state in _mailbox_rows(ws)] == ["present", "present"]
    assert len([v for v in vault_secrets.list_secrets(ws) if v.kind == "mailbox"]) == 2
    events = journal.recent_events(ws, 5)
    assert "mailbox.disposed" not in [e.action for e in events]
    checked = next(e for e in events if e.action == "mailboxes.exports_checked")
    assert checked.after["verified"] is False
    # The mailboxes still open: the data is still there for a second try.
    server = MailServer(mail_host.address)
    for address, _ in _mailbox_rows(ws):
        imap_login(server, address, _password(ws, address))
    done = mailboxes.return_mailboxes(ws, ref, tmp_path / "pour-la-commune")
    assert done.removed


def test_return_on_the_command_line_writes_where_the_user_named_it(
    loan: tuple[Workspace, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's own form, ``--export-dir ./pour-la-commune``: the archives land in the
    directory the user is in, never under the playbooks, and the command lists each one with
    its SHA-256."""
    from typer.testing import CliRunner

    from crisis.adapters.ansible_run import playbooks_dir
    from crisis.cli import app

    ws, ref = loan
    mailboxes.create_mailboxes(ws, ref, DOMAIN, count=2)
    here = tmp_path / "poste-technicien"
    here.mkdir()
    monkeypatch.chdir(here)
    db = ws.db.url.removeprefix("sqlite:///")
    r = CliRunner().invoke(
        app,
        ["--db", db, "--operator", "tester", "mailboxes", "return", ref,
         "--export-dir", "./pour-la-commune"],
        env={"CRISIS_LANG": "en"},
    )  # fmt: skip
    assert r.exit_code == 0, (r.stdout, r.stderr)
    archives = sorted((here / "pour-la-commune").iterdir())
    assert len(archives) == 2
    assert not (playbooks_dir() / "pour-la-commune").exists()
    assert f"Archives for the town in {here / 'pour-la-commune'}" in r.stdout
    for p in archives:
        assert f"SHA-256 {hashlib.sha256(p.read_bytes()).hexdigest()}" in r.stdout
        assert str(p) in r.stdout
    assert "2 mailboxes removed from the mail host, 2 passwords retired" in r.stdout


def test_the_data_return_holds_on_both_backends(
    ws: Workspace, mail_host: Any, tmp_path: Path
) -> None:
    """Return, checks, removal, retired passwords and the certificate, on SQLite and
    PostgreSQL (the JSON facts and the vault's deletions on each)."""
    from crisis.lab.mail import MailDaemons
    from crisis.services import documents

    seed_demo(ws, laptops=6, phones=6)
    vault.init_vault(ws, VaultCredential(passphrase="phrase de passe du coffre du labo"))
    loans.declare_crisis(ws, "13005", "CYBER-PG", "Maire")
    ref = loans.open_loan(ws, "CYBER-PG", "07-2024-06", "Kit continuité 5 postes").reference
    mailboxes.configure_mail_host(
        ws, mail_host.address, mail_host.inventory_vars(), [DOMAIN], HOST_VARS
    )
    mailboxes.setup_mail_host(ws)
    daemons = MailDaemons(mail_host)
    daemons.start()
    try:
        mailboxes.create_mailboxes(ws, ref, count=2)  # the borrower's own domain
        out = mailboxes.return_mailboxes(ws, ref, tmp_path / "pour-la-commune")
    finally:
        daemons.stop()
    assert out.removed, out
    assert len(out.retired) == 2
    assert not [v for v in vault_secrets.list_secrets(ws) if v.kind == "mailbox"]
    cert = documents.issue_data_disposition(ws, ref)
    assert [m["facts"]["sha256"] for m in cert.data["mailboxes"]] == [
        a.sha256 for a in out.archives
    ]
    assert all(m["copies_destroyed"] for m in cert.data["mailboxes"])
