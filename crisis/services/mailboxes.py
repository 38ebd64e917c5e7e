"""Isolated mailboxes of a loan: create them on the mail host, check them, return or destroy
their data at the end. Passwords live in the vault; only hashes reach Ansible."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from crisis.adapters.ansible_run import RunResult, run_playbook
from crisis.adapters.mail_archive import read_archive
from crisis.adapters.mail_check import MailServer, imap_login, send_and_receive
from crisis.domain.loans import DataDisposition
from crisis.domain.password_hash import sha512_crypt
from crisis.domain.secret_values import SecretKind, SecretRef
from crisis.errors import ConfigurationError, NotFoundError, ValidationError
from crisis.i18n import msg
from crisis.services import vault_secrets
from crisis.services.data_terms import require_disposition
from crisis.services.journaling import Change, record
from crisis.services.mail_domains import require_loan_domain
from crisis.services.mail_host import MAIL_HOST, mail_group, mail_host_setting
from crisis.services.provisioning import HostOutcome, RunView, record_run, run_view
from crisis.services.workspace import Workspace
from inventory.repo import loans as loans_repo
from inventory.repo import mail as repo
from inventory.tables import Agreement, KitTemplate, Loan, Mailbox, Organisation


@dataclass(frozen=True, slots=True)
class MailCheck:
    """The automated acceptance tests of a loan's mailboxes."""

    logins: dict[str, bool]
    send_receive: str  # "" when it passed, else what failed
    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """Every login worked and a message went from one mailbox to another."""
        return all(self.logins.values()) and not self.send_receive


def configure_mail_host(
    ws: Workspace,
    address: str,
    connection: Mapping[str, Any],
    domains: Sequence[str],
    group_vars: Mapping[str, Any] | None = None,
) -> None:
    """Record the isolated mail host: its address, how Ansible reaches it (``ansible_*``
    variables), the mail domains it serves and other playbook variables (see
    ``playbooks/README.md``). Journaled."""
    operator = ws.acting_operator()
    value = {
        "address": address,
        "connection": dict(connection),
        "domains": list(domains),
        "vars": dict(group_vars or {}),
    }
    with ws.db.session(write=True) as s:
        repo.put_setting(s, MAIL_HOST, value)
        public = {"address": address, "domains": list(domains)}
        record(s, operator, [Change("setting.mail_host", "setting", MAIL_HOST, None, public)])


def setup_mail_host(ws: Workspace) -> RunView:
    """Install and configure Postfix and Dovecot on the isolated mail host (idempotent)."""
    operator = ws.acting_operator()
    result = run_playbook("mail_server.yml", _inventory(_mail_host(ws)))
    with ws.db.session(write=True) as s:
        run_id = record_run(s, operator, result, [])
    return _view(run_id, result)


def create_mailboxes(
    ws: Workspace,
    loan: str,
    domain: str | None = None,
    *,
    count: int | None = None,
    quota: str = "2G",
) -> RunView:
    """Create the loan's mailboxes (as many as its kit template says, unless `count`): a
    strong password for each in the vault, the mailbox on the isolated mail host.

    They go on the crisis mail domain of the loan's borrower; `domain`, when given, must be
    that one (never another town's).

    A password already in the vault (a run that failed or was killed after storing it) is
    used again. Only the mailboxes of a run that succeeded on the mail host are recorded and
    journaled; otherwise the run record says why and the next run carries on.
    """
    operator = ws.acting_operator()
    with ws.db.session() as s:
        domain = require_loan_domain(s, loan, domain)
    host = _mail_host(ws)
    if domain not in host["domains"]:
        raise ValidationError(
            msg("error.mailboxes.domain_not_served", domain=domain), where="domain"
        )
    with ws.db.session() as s:
        ln, town = _loan_and_town(s, loan)
        n = count if count is not None else _template_mailboxes(s, ln)
        assert ln.id is not None
        have = {m.address: m for m in repo.mailboxes_of(s, ln.id)}
    slug = loan.lower()
    addresses = [f"crise{i:02d}.{slug}@{domain}" for i in range(1, n + 1)]
    new = [a for a in addresses if a not in have]
    in_vault = {v.ref for v in vault_secrets.list_secrets(ws)}
    for address in new:
        if _ref(address) not in in_vault:
            vault_secrets.store_secret(
                ws, _ref(address), kind=SecretKind.MAILBOX, organisation=town, login=address
            )
    passwords = vault_secrets.reveal_many(ws, [_ref(a) for a in new], purpose=f"mailboxes {loan}")
    # Mailboxes already recorded keep their state and quota (a suspended one stays so).
    wanted = [{"address": a, "quota": quota} for a in new] + [
        {"address": m.address, "quota": m.quota, "state": m.state}
        for m in have.values()
        if m.state != "absent"
    ]
    result = run_playbook(
        "mailboxes.yml",
        _inventory(host),
        extravars={"mailboxes": wanted},
        secrets={"mailbox_password_hashes": {a: sha512_crypt(passwords[_ref(a)]) for a in new}},
    )
    with ws.db.session(write=True) as s:
        ln, _ = _loan_and_town(s, loan)
        assert ln.id is not None
        changes = []
        if _succeeded(result) and new:
            now = datetime.now(UTC)
            for address in new:
                s.add(
                    Mailbox(
                        address=address, loan_id=ln.id, quota=quota, state="present", created_at=now
                    )
                )
            after = {"addresses": new, "quota": quota}
            changes.append(Change("mailboxes.created", "loan", loan, None, after))
        run_id = record_run(s, operator, result, changes)
    return _view(run_id, result)


def suspend_mailboxes(ws: Workspace, loan: str, addresses: Sequence[str] = ()) -> RunView:
    """Suspend the loan's mailboxes (all present ones, or those named): their data and
    password stay, logins are refused (creating the loan's mailboxes again keeps them so).
    Recorded and journaled only when the mail host did it."""
    operator = ws.acting_operator()
    host = _mail_host(ws)
    with ws.db.session() as s:
        ln, _ = _loan_and_town(s, loan)
        assert ln.id is not None
        present = {m.address: m.quota for m in repo.mailboxes_of(s, ln.id) if m.state == "present"}
    unknown = [a for a in addresses if a not in present]
    if unknown:
        raise ValidationError(
            msg("error.mailboxes.not_present", loan=loan, addresses=", ".join(unknown)),
            where="addresses",
        )
    chosen = list(addresses) or sorted(present)
    if not chosen:
        raise ValidationError(msg("error.mailboxes.none_to_suspend", loan=loan), where="loan")
    wanted = [{"address": a, "quota": present[a], "state": "suspended"} for a in chosen]
    result = run_playbook("mailboxes.yml", _inventory(host), extravars={"mailboxes": wanted})
    with ws.db.session(write=True) as s:
        ln, _ = _loan_and_town(s, loan)
        assert ln.id is not None
        changes = []
        if _succeeded(result):
            for m in repo.mailboxes_of(s, ln.id):
                if m.address in chosen:
                    m.state = "suspended"
                    s.add(m)
            after = {"addresses": chosen, "state": "suspended"}
            changes.append(Change("mailboxes.suspended", "loan", loan, None, after))
        run_id = record_run(s, operator, result, changes)
    return _view(run_id, result)


def check_mailboxes(ws: Workspace, loan: str) -> MailCheck:
    """The acceptance tests: each mailbox logs in with its password from the vault, and a
    message sent from the first arrives in the second. Journaled with the results."""
    operator = ws.acting_operator()
    host = _mail_host(ws)
    server = MailServer(host["address"])
    with ws.db.session() as s:
        ln, _ = _loan_and_town(s, loan)
        assert ln.id is not None
        addresses = [m.address for m in repo.mailboxes_of(s, ln.id) if m.state == "present"]
    if not addresses:
        raise ValidationError(msg("error.mailboxes.none", loan=loan), where="loan")
    secrets = vault_secrets.reveal_many(ws, [_ref(a) for a in addresses], purpose=f"check {loan}")
    logins: dict[str, bool] = {}
    problems: list[str] = []
    for address in addresses:
        try:
            imap_login(server, address, secrets[_ref(address)])
            logins[address] = True
        except Exception as exc:
            logins[address] = False
            problems.append(str(exc))
    send = ""
    if len(addresses) > 1:
        a, b = addresses[0], addresses[1]
        try:
            send_and_receive(server, (a, secrets[_ref(a)]), (b, secrets[_ref(b)]))
        except Exception as exc:
            send = str(exc)
            problems.append(send)
    outcome = MailCheck(logins, send, tuple(problems))
    with ws.db.session(write=True) as s:
        after = {"logins": logins, "send_receive": send or "passed", "passed": outcome.passed}
        record(s, operator, [Change("mailboxes.checked", "loan", loan, None, after)])
    return outcome


@dataclass(frozen=True, slots=True)
class ArchiveCheck:
    """One mailbox's export archive, checked where the town receives it.

    Attributes:
        path: the archive's absolute path ("" when the mail host reported none).
        size, sha256, messages: what was found in that file.
        problems: each check that failed (missing, size, SHA-256, message count); empty
            when the archive is the mailbox's verified copy.
    """

    address: str
    path: str
    size: int
    sha256: str
    messages: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Present, and size, SHA-256 and message count as the mail host reported them."""
        return not self.problems


@dataclass(frozen=True, slots=True)
class DataReturn:
    """The town's data returned: the archives checked, and the removal if it happened.

    Attributes:
        export_dir: where the archives were written (absolute).
        export_run: the run that archived the mailboxes and copied the archives.
        archives: each mailbox's archive and its checks.
        removal_run: the run that removed the mailboxes, None when nothing was removed
            (an archive failed its checks, or the export run failed).
        retired: the vault secrets retired with the mailboxes.
    """

    loan: str
    export_dir: Path
    export_run: RunView
    archives: tuple[ArchiveCheck, ...]
    removal_run: RunView | None
    retired: tuple[str, ...] = ()

    @property
    def removed(self) -> bool:
        """The mailboxes were removed from the mail host (their data is with the town)."""
        return self.removal_run is not None and not self.removal_run.failed_hosts


#: How the tool destroys a mailbox's data: the playbook deletes it on the mail host.
DESTRUCTION_METHOD = "mailboxes.yml state=absent: maildir deleted, account removed (mail host)"


def return_mailboxes(ws: Workspace, loan: str, export_dir: Path) -> DataReturn:
    """End of the loan, the town's data returned to it (seed 001 art. 10): each mailbox is
    archived and copied to `export_dir` (relative: to the current directory, where the user
    named it); each archive is checked there (present, size, SHA-256, message count, as the
    mail host reported them) and only when every archive passed are the mailboxes removed
    from the mail host and their passwords retired from the vault. Journaled, checks included.

    Raises:
        ValidationError: the loan's agreement does not allow returning the data, or the loan
            has no mailbox left.
    """
    operator = ws.acting_operator()
    target = export_dir.expanduser().resolve()
    host = _mail_host(ws)
    with ws.db.session() as s:
        ln, _ = _loan_and_town(s, loan)
        require_disposition(s, ln, "returned")
        assert ln.id is not None
        boxes = {
            m.address: {"address": m.address, "quota": m.quota, "state": m.state}
            for m in repo.mailboxes_of(s, ln.id)
            if m.state != "absent"
        }
    if not boxes:
        raise ValidationError(msg("error.mailboxes.none_to_return", loan=loan), where="loan")
    target.mkdir(parents=True, exist_ok=True)
    wanted = [{**b, "export": True} for b in boxes.values()]
    export = run_playbook(
        "mailboxes.yml",
        _inventory(host),
        extravars={"mailboxes": wanted, "mail_export_dir": str(target)},
    )
    reported = dict(export.host_data("mail").get("archives", {})) if _succeeded(export) else {}
    checks = tuple(_check_archive(target, a, reported) for a in sorted(boxes))
    verified = _succeeded(export) and all(c.ok for c in checks)
    facts = {c.address: _archive_facts(c) for c in checks}
    with ws.db.session(write=True) as s:
        checked = Change(
            "mailboxes.exports_checked",
            "loan",
            loan,
            None,
            {"export_dir": str(target), "archives": facts, "verified": verified},
        )
        export_id = record_run(s, operator, export, [checked])
    export_view = _view(export_id, export)
    if not verified:
        return DataReturn(loan, target, export_view, checks, None)
    removal = run_playbook(
        "mailboxes.yml",
        _inventory(host),
        extravars={"mailboxes": [{**b, "state": "absent"} for b in boxes.values()]},
    )
    facts = {a: {**f, "export_run": export_id} for a, f in facts.items()}
    removal_view, retired = _record_removal(
        ws, operator, loan, removal, DataDisposition.RETURNED_TO_TOWN, facts
    )
    return DataReturn(loan, target, export_view, checks, removal_view, retired)


def destroy_mailboxes(ws: Workspace, loan: str, certificate: str) -> RunView:
    """End of the loan, the town's data destroyed: the mailboxes are removed from the mail
    host (maildir deleted) and their passwords retired from the vault. Each mailbox records
    the date, the method, the operator and the destruction certificate's reference.

    Raises:
        ValidationError: no certificate reference, the agreement does not allow
            destroying the data, or the loan has no mailbox left.
    """
    operator = ws.acting_operator()
    if not certificate.strip():
        raise ValidationError(msg("error.mailboxes.certificate_required"), where="certificate")
    host = _mail_host(ws)
    with ws.db.session() as s:
        ln, _ = _loan_and_town(s, loan)
        require_disposition(s, ln, "destroyed")
        assert ln.id is not None
        wanted = [
            {"address": m.address, "quota": m.quota, "state": "absent"}
            for m in repo.mailboxes_of(s, ln.id)
            if m.state != "absent"
        ]
    if not wanted:
        raise ValidationError(msg("error.mailboxes.none_to_destroy", loan=loan), where="loan")
    result = run_playbook("mailboxes.yml", _inventory(host), extravars={"mailboxes": wanted})
    facts = {
        w["address"]: {"method": DESTRUCTION_METHOD, "certificate": certificate.strip()}
        for w in wanted
    }
    view, _ = _record_removal(ws, operator, loan, result, DataDisposition.DESTROYED, facts)
    return view


def _check_archive(
    target: Path, address: str, reported: Mapping[str, Mapping[str, Any]]
) -> ArchiveCheck:
    """The archive the mail host made of `address`, as found in `target`."""
    names = [n for n, r in reported.items() if r.get("address") == address]
    if len(names) != 1:
        what = "no archive" if not names else f"{len(names)} archives"
        return ArchiveCheck(address, "", 0, "", 0, (f"the mail host reported {what}",))
    name = names[0]
    want = reported[name]
    path = target / name
    if not path.is_file():
        return ArchiveCheck(address, str(path), 0, "", 0, (f"{path} is missing",))
    found = read_archive(path)
    problems = [found.problem] if found.problem else []
    if found.size != int(want.get("size", -1)):
        problems.append(f"size {found.size} bytes, the mail host's {want.get('size')}")
    if found.sha256 != want.get("sha256"):
        problems.append(f"SHA-256 {found.sha256}, the mail host's {want.get('sha256')}")
    if found.messages != int(want.get("messages", -1)):
        problems.append(f"{found.messages} messages, the mailbox held {want.get('messages')}")
    return ArchiveCheck(
        address, str(path), found.size, found.sha256, found.messages, tuple(problems)
    )


def _archive_facts(c: ArchiveCheck) -> dict[str, Any]:
    return {
        "archive": Path(c.path).name if c.path else "",
        "path": c.path,
        "size": c.size,
        "sha256": c.sha256,
        "messages": c.messages,
        "problems": list(c.problems),
    }


def _record_removal(
    ws: Workspace,
    operator: str,
    loan: str,
    result: RunResult,
    disposition: DataDisposition,
    facts: Mapping[str, Mapping[str, Any]],
) -> tuple[RunView, tuple[str, ...]]:
    """Record the mailboxes the mail host removed (when it did): state, disposition and its
    facts (date, operator, run), passwords retired in the vault; journaled with the run."""
    ok = _succeeded(result)
    now = datetime.now(UTC)
    with ws.db.session(write=True) as s:
        ln, _ = _loan_and_town(s, loan)
        assert ln.id is not None
        changes: list[Change] = []
        removed = [m for m in repo.mailboxes_of(s, ln.id) if m.address in facts] if ok else []
        for m in removed:
            m.state = "absent"
            m.disposition = disposition.value
            fact = dict(facts[m.address])
            m.certificate = str(fact.get("certificate", ""))
            m.export_sha256 = str(fact.get("sha256", ""))
            m.disposition_facts = {**fact, "at": now.isoformat(), "operator": operator}
            s.add(m)
            after = {"disposition": m.disposition, **m.disposition_facts}
            changes.append(Change("mailbox.disposed", "mailbox", m.address, None, after))
        gone = vault_secrets.retire_secrets(
            s, [_ref(m.address) for m in removed], f"mailbox removed ({loan})"
        )
        changes += gone
        retired = [c.entity_id for c in gone]
        run_id = record_run(s, operator, result, changes)
    return _view(run_id, result), tuple(retired)


def _succeeded(result: RunResult) -> bool:
    mail = result.hosts.get("mail")
    return mail is not None and mail.status in ("ok", "changed")


def _view(run_id: int, result: RunResult) -> RunView:
    return run_view(
        run_id, result, [HostOutcome(h, r.status, r.message) for h, r in result.hosts.items()]
    )


def _ref(address: str) -> SecretRef:
    return SecretRef("mailbox", address, "password")


def _mail_host(ws: Workspace) -> dict[str, Any]:
    with ws.db.session() as s:
        host = mail_host_setting(s)
    if host is None:
        raise ConfigurationError(msg("error.mailboxes.no_host"))
    return host


def _inventory(host: Mapping[str, Any]) -> dict[str, Any]:
    return {"all": {"children": {"mail": mail_group(host)}}}


def _loan_and_town(s: Session, loan: str) -> tuple[Loan, str]:
    ln = loans_repo.loan(s, loan)
    if ln is None:
        raise NotFoundError(msg("error.loan.not_found", reference=loan))
    agreement = s.get(Agreement, ln.agreement_id)
    town = s.get(Organisation, agreement.borrower_id) if agreement else None
    return ln, town.name if town else ""


def _template_mailboxes(s: Session, ln: Loan) -> int:
    t = s.get(KitTemplate, ln.template_id) if ln.template_id is not None else None
    return t.mailboxes if t else 0
