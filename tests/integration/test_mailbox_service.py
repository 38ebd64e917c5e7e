"""A loan's isolated mailboxes against the lab's real Postfix and Dovecot."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crisis.config import data_dir
from crisis.domain.loans import DataDisposition, LoanGuardError, LoanState
from crisis.services import journal, loans, mailboxes, vault, vault_secrets
from crisis.services.demo import seed_demo
from crisis.services.workspace import VaultCredential, Workspace
from tests.lab import need_programs, need_root

pytestmark = pytest.mark.lab

DOMAIN = "aubagne.crise.test"


@pytest.fixture(scope="module")
def mail_host() -> Iterator[Any]:
    need_root()
    need_programs("debootstrap", "unshare", "chroot", "ssh", "ssh-keygen", "mount")
    from crisis.lab.laptops import lab_hosts

    with lab_hosts(["mail"], subnet=4) as (host,):
        yield host


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
        # The lab's chroot has no init system: the lab starts the daemons itself.
        {"mail_manage_services": False, "mail_hostname": f"mail.{DOMAIN}"},
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
    loan: tuple[Workspace, str], tmp_path: Path
) -> None:
    ws, ref = loan
    run = mailboxes.create_mailboxes(ws, ref, DOMAIN)
    assert [h.status for h in run.hosts] == ["changed"], run.hosts
    check = mailboxes.check_mailboxes(ws, ref)
    assert check.passed, check.problems
    assert len(check.logins) == 5  # the template's mailbox count
    assert journal.recent_events(ws, 1)[0].after["passed"] is True

    exports = tmp_path / "pour-la-commune"
    out = mailboxes.dispose_mailboxes(ws, ref, DataDisposition.RETURNED_TO_TOWN, export_dir=exports)
    assert [h.status for h in out.hosts] == ["changed"], out.hosts
    archives = sorted(exports.iterdir())
    assert len(archives) == 5
    recorded = {
        e.entity_id: e.after["sha256"]
        for e in journal.recent_events(ws, 50)
        if e.action == "mailbox.disposed"
    }
    assert sorted(recorded.values()) == sorted(
        hashlib.sha256(p.read_bytes()).hexdigest() for p in archives
    )
    # The data certificate takes the recorded dispositions, archive hashes included.
    from crisis.services import documents

    cert = documents.issue_data_disposition(ws, ref)
    assert all(f"SHA-256 {h}".encode() in cert.snapshot for h in recorded.values())
    # Passwords are in the vault only: not in the database file nor in the run directories.
    secrets = [
        vault_secrets.reveal(ws, v.ref)
        for v in vault_secrets.list_secrets(ws)
        if v.kind == "mailbox"
    ]
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
    with pytest.raises(Exception, match="certificate"):
        mailboxes.dispose_mailboxes(ws, ref, DataDisposition.DESTROYED)
    mailboxes.dispose_mailboxes(ws, ref, DataDisposition.DESTROYED, certificate="ATT-2026-014")
    assert loans.close(ws, ref).state is LoanState.CLOSED
