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
from crisis.adapters.mail_check import MailServer, imap_login, send_and_receive
from crisis.domain.loans import DataDisposition
from crisis.domain.password_hash import sha512_crypt
from crisis.domain.secret_values import SecretKind, SecretRef
from crisis.errors import ConfigurationError, NotFoundError, ValidationError
from crisis.services import vault_secrets
from crisis.services.journaling import Change, record
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
    ws: Workspace, loan: str, domain: str, *, count: int | None = None, quota: str = "2G"
) -> RunView:
    """Create the loan's mailboxes (as many as its kit template says, unless `count`): a
    strong password for each in the vault, the mailbox on the isolated mail host.

    A password already in the vault (a run that failed or was killed after storing it) is
    used again. Only the mailboxes of a run that succeeded on the mail host are recorded and
    journaled; otherwise the run record says why and the next run carries on.
    """
    operator = ws.acting_operator()
    host = _mail_host(ws)
    if domain not in host["domains"]:
        raise ValidationError(f"the mail host does not serve {domain}", where="domain")
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
            f"loan {loan} has no present mailbox {', '.join(unknown)}", where="addresses"
        )
    chosen = list(addresses) or sorted(present)
    if not chosen:
        raise ValidationError(f"loan {loan} has no present mailbox to suspend", where="loan")
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
        raise ValidationError(f"loan {loan} has no mailbox", where="loan")
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


def dispose_mailboxes(
    ws: Workspace,
    loan: str,
    disposition: DataDisposition,
    *,
    export_dir: Path | None = None,
    certificate: str = "",
) -> RunView:
    """End of the loan: the mailboxes' data is returned to the town (an archive per mailbox,
    its hash recorded) or destroyed (with the destruction certificate's reference)."""
    operator = ws.acting_operator()
    if disposition is DataDisposition.DESTROYED and not certificate.strip():
        raise ValidationError(
            "a destruction needs its certificate's reference", where="certificate"
        )
    if disposition is DataDisposition.RETURNED_TO_TOWN and export_dir is None:
        raise ValidationError("say where the archives go (export dir)", where="export_dir")
    host = _mail_host(ws)
    with ws.db.session() as s:
        ln, _ = _loan_and_town(s, loan)
        assert ln.id is not None
        addresses = [m.address for m in repo.mailboxes_of(s, ln.id) if m.state != "absent"]
    export = disposition is DataDisposition.RETURNED_TO_TOWN
    extravars: dict[str, Any] = {
        "mailboxes": [{"address": a, "state": "absent", "export": export} for a in addresses]
    }
    if export_dir is not None:
        export_dir.mkdir(parents=True, exist_ok=True)
        extravars["mail_export_dir"] = str(export_dir)
    result = run_playbook("mailboxes.yml", _inventory(host), extravars=extravars)
    exports = dict(result.host_data("mail").get("exports", {}))
    ok = _succeeded(result)
    with ws.db.session(write=True) as s:
        ln, _ = _loan_and_town(s, loan)
        assert ln.id is not None
        changes = []
        for m in repo.mailboxes_of(s, ln.id):
            if m.address not in addresses or not ok:
                continue
            m.state = "absent"
            m.disposition = disposition.value
            m.certificate = certificate
            m.export_sha256 = next((h for name, h in exports.items() if m.address in name), "")
            s.add(m)
            after = {
                "disposition": m.disposition,
                "sha256": m.export_sha256,
                "certificate": certificate,
            }
            changes.append(Change("mailbox.disposed", "mailbox", m.address, None, after))
        run_id = record_run(s, operator, result, changes)
    return _view(run_id, result)


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
        raise ConfigurationError("no isolated mail host configured: run 'crisis mailboxes host'")
    return host


def _inventory(host: Mapping[str, Any]) -> dict[str, Any]:
    return {"all": {"children": {"mail": mail_group(host)}}}


def _loan_and_town(s: Session, loan: str) -> tuple[Loan, str]:
    ln = loans_repo.loan(s, loan)
    if ln is None:
        raise NotFoundError(f"no loan with reference {loan!r}")
    agreement = s.get(Agreement, ln.agreement_id)
    town = s.get(Organisation, agreement.borrower_id) if agreement else None
    return ln, town.name if town else ""


def _template_mailboxes(s: Session, ln: Loan) -> int:
    t = s.get(KitTemplate, ln.template_id) if ln.template_id is not None else None
    return t.mailboxes if t else 0
