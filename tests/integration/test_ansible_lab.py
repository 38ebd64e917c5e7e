"""The playbooks against the lab: chroot laptops with sshd, a chroot Postfix/Dovecot host."""

from __future__ import annotations

import hashlib
import imaplib
import os
import shutil
import smtplib
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from crisis.adapters.ansible_run import PlaybookEvent, RunResult, run_playbook
from crisis.domain.password_hash import sha512_crypt
from tests.lab import need, need_programs, need_root

pytestmark = pytest.mark.lab

FAKE_ADB = Path(__file__).parent / "bin" / "fake-adb"
ADMIN_PASSWORD = "Adm1n-rotated-Passw0rd"
LAPTOPS = 8  # 1-5 cleaned, 6 unreachable, 7 sanitised, 8 check mode and bad variables
DOMAIN = "ville-test.fr"


def _need_lab() -> None:
    need_root()
    need_programs("debootstrap", "unshare", "chroot", "ssh", "ssh-keygen", "mount")
    need(
        Path("/var/cache/crisis-lab").exists() or shutil.which("debootstrap") is not None,
        "lab root cache",
    )


@pytest.fixture(scope="session")
def lab_laptops() -> Iterator[list[Any]]:
    _need_lab()
    from crisis.lab.laptops import laptops

    with laptops(LAPTOPS) as hosts:
        yield hosts


@pytest.fixture(scope="session")
def runs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ansible-runs")


def _inventory(hosts: list[Any], group: str, **extra: dict[str, Any]) -> dict[str, Any]:
    return {
        "all": {
            "children": {
                group: {
                    "hosts": {
                        h.name: {**h.inventory_vars(), **extra.get(h.name, {})} for h in hosts
                    }
                }
            }
        }
    }


def _laptop_vars(host: Any, n: int) -> dict[str, Any]:
    return {"asset_tag": f"PC-MTP-{n:04d}", "expected_macs": []}


#: What any SSH login writes (session records, Ansible's temp dir) and the apt module's
#: package cache (rebuilt when read): not changes the playbook made.
SESSION_NOISE = ("run/", "var/log/", "root/.ansible", "tmp/", "var/cache/apt/")


def _files(root: Path) -> dict[str, tuple[int, int]]:
    """Files and whiteouts (mtime, size) of an upper dir, minus login noise.

    Directories are left out: reading a file under one copies the directory up.
    """
    found = {}
    for p in root.rglob("*"):
        rel = str(p.relative_to(root))
        if rel.startswith(SESSION_NOISE) or p.is_dir():
            continue
        st = p.lstat()
        found[rel] = (st.st_mtime_ns, st.st_size)
    return found


@dataclass(frozen=True)
class Cleaned:
    result: RunResult
    events: list[PlaybookEvent]
    hashes: dict[str, str]


@pytest.fixture(scope="session")
def cleaned(lab_laptops: list[Any], runs_dir: Path) -> Cleaned:
    """laptop_clean on laptops 1-6 in one run, laptop 6 made unreachable on purpose."""
    targets = lab_laptops[:6]
    targets[5].stop_sshd()
    hashes = {h.name: sha512_crypt(ADMIN_PASSWORD) for h in targets}
    extra = {h.name: _laptop_vars(h, i + 1) for i, h in enumerate(targets)}
    # Laptop 2's inventory record disagrees with the device: the run must flag it.
    extra[targets[1].name]["expected_serial"] = "SN-FROM-INVENTORY"
    extra[targets[1].name]["expected_macs"] = ["02:00:00:00:00:99"]
    events: list[PlaybookEvent] = []
    result = run_playbook(
        "laptop_clean.yml",
        _inventory(targets, "laptops", **extra),
        secrets={"laptop_admin_password_hashes": hashes},
        on_event=events.append,
        runs_dir=runs_dir,
    )
    return Cleaned(result, events, hashes)


def test_five_laptops_cleaned_in_parallel(lab_laptops: list[Any], cleaned: Cleaned) -> None:
    result = cleaned.result
    for i, host in enumerate(lab_laptops[:5]):
        assert result.hosts[host.name].status == "changed", result.hosts[host.name]
        # The previous user's home and account are gone from the laptop's own disk.
        assert not (host.upper / "home" / "ancien.agent").exists()
        passwd = (host.root / "etc/passwd").read_text()
        assert "ancien.agent" not in passwd
        assert "admin-crisis" in passwd
        assert f"PC-MTP-{i + 1:04d}" in (host.upper / "etc/hostname").read_text()
        assert (
            host.chroot("getent", "shadow", "admin-crisis").stdout.split(":")[1].startswith("$6$")
        )
        data = result.host_data(host.name)
        assert data["hostname"] == f"PC-MTP-{i + 1:04d}"
        assert data["removed_accounts"] == ["ancien.agent"]
        assert data["facts"]["mac_addresses"], data
        assert data["facts"]["disks"], data
        assert "serial" in data["facts"]


def test_hostname_is_live_in_the_laptop(
    lab_laptops: list[Any], cleaned: Cleaned, tmp_path: Path
) -> None:
    from crisis.adapters.ssh_host_keys import openssh_options, write_known_hosts
    from crisis.lab.laptops import ChrootHost

    host: ChrootHost = lab_laptops[0]
    import subprocess

    known = write_known_hosts(tmp_path / "known_hosts", {host.address: [host.host_key()]})
    out = subprocess.run(
        [
            "ssh",
            "-i",
            str(host.ssh_key),
            *openssh_options(known).split(),
            f"root@{host.address}",
            "hostname",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    assert out.strip() == "PC-MTP-0001"


def test_unreachable_laptop_fails_alone(lab_laptops: list[Any], cleaned: Cleaned) -> None:
    result, events = cleaned.result, cleaned.events
    down = lab_laptops[5].name
    assert result.hosts[down].status == "unreachable"
    assert result.hosts[down].message
    assert result.failed_hosts == (down,)
    assert any(e.kind == "unreachable" and e.host == down for e in events)
    # It was never touched.
    assert (lab_laptops[5].upper / "home" / "ancien.agent").exists()


def test_contradictions_are_flagged_not_overwritten(
    lab_laptops: list[Any], cleaned: Cleaned
) -> None:
    result = cleaned.result
    flagged = result.host_data(lab_laptops[1].name)["contradictions"]
    assert [c["field"] for c in flagged] == ["mac_addresses"]
    assert flagged[0]["inventory"] == ["02:00:00:00:00:99"]
    assert result.host_data(lab_laptops[0].name)["contradictions"] == []


def test_progress_events_per_host(cleaned: Cleaned) -> None:
    events = cleaned.events
    kinds = {e.kind for e in events}
    assert {"started", "ok", "changed", "unreachable"} <= kinds
    assert len({e.host for e in events if e.kind == "changed"}) == 5


def test_no_secret_left_in_the_run(cleaned: Cleaned, runs_dir: Path) -> None:
    result = cleaned.result
    assert result.run_dir is not None
    hashes = cleaned.hashes
    for path in result.run_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for secret in (*hashes.values(), ADMIN_PASSWORD):
                assert secret.encode() not in content, path
    # Only this process's runs: another test worker may be running a playbook right now.
    assert not list(Path("/dev/shm").glob(f"crisis-secrets-{os.getpid()}-*"))


def test_clean_again_changes_nothing(
    lab_laptops: list[Any], cleaned: Cleaned, runs_dir: Path
) -> None:
    host = lab_laptops[0]
    again = run_playbook(
        "laptop_clean.yml",
        _inventory([host], "laptops", **{host.name: _laptop_vars(host, 1)}),
        secrets={"laptop_admin_password_hashes": {host.name: cleaned.hashes[host.name]}},
        runs_dir=runs_dir,
    )
    assert again.hosts[host.name].status == "ok", again.hosts[host.name]


def test_rerun_the_failed_hosts_repairs_them(
    lab_laptops: list[Any], cleaned: Cleaned, runs_dir: Path
) -> None:
    targets = lab_laptops[:6]
    down = lab_laptops[5]
    down.start_sshd()
    extra = {h.name: _laptop_vars(h, i + 1) for i, h in enumerate(targets)}
    result = run_playbook(
        "laptop_clean.yml",
        _inventory(targets, "laptops", **extra),
        secrets={"laptop_admin_password_hashes": cleaned.hashes},
        limit=cleaned.result.failed_hosts,
        runs_dir=runs_dir,
    )
    assert list(result.hosts) == [down.name]
    assert result.hosts[down.name].status == "changed", result.hosts[down.name]
    assert not (down.upper / "home" / "ancien.agent").exists()


def test_sanitise_gives_a_record(lab_laptops: list[Any], runs_dir: Path) -> None:
    host = lab_laptops[6]
    assert (host.upper / "home/ancien.agent/Documents").exists()
    result = run_playbook("laptop_sanitise.yml", _inventory([host], "laptops"), runs_dir=runs_dir)
    assert result.hosts[host.name].status == "changed", result.hosts[host.name]
    record = result.host_data(host.name)["sanitisation"]
    assert record["method"] == "Clear"
    assert record["tool"].startswith("shred (GNU coreutils)")
    assert record["verification"] == "passed"
    assert record["accounts_wiped"] == ["ancien.agent"]
    evidence = (host.root / record["evidence_path"].lstrip("/")).read_bytes()
    assert hashlib.sha256(evidence).hexdigest() == record["evidence_sha256"]
    assert not (host.upper / "home/ancien.agent").exists()
    assert "ancien.agent" not in (host.root / "etc/passwd").read_text()


def test_check_mode_changes_nothing(lab_laptops: list[Any], runs_dir: Path) -> None:
    host = lab_laptops[7]
    before = _files(host.upper)
    result = run_playbook(
        "laptop_clean.yml",
        _inventory([host], "laptops", **{host.name: _laptop_vars(host, 8)}),
        secrets={"laptop_admin_password_hashes": {host.name: sha512_crypt(ADMIN_PASSWORD)}},
        check=True,
        diff=True,
        runs_dir=runs_dir,
    )
    assert result.check
    # It reports what it would change...
    assert result.hosts[host.name].status == "changed", result.hosts[host.name]
    # ...and the laptop's disk is untouched.
    assert _files(host.upper) == before
    assert (host.upper / "home/ancien.agent").exists()


def test_sanitise_check_mode_changes_nothing(lab_laptops: list[Any], runs_dir: Path) -> None:
    host = lab_laptops[7]
    before = _files(host.upper)
    result = run_playbook(
        "laptop_sanitise.yml",
        _inventory([host], "laptops"),
        check=True,
        diff=True,
        runs_dir=runs_dir,
    )
    assert result.check
    assert result.hosts[host.name].status in ("ok", "changed"), result.hosts[host.name]
    # Nothing wiped, no account removed, no evidence file written.
    assert _files(host.upper) == before
    assert (host.upper / "home/ancien.agent/Documents").exists()
    assert "ancien.agent" in (host.root / "etc/passwd").read_text()


def test_bad_variables_fail_per_host_with_a_clear_message(
    lab_laptops: list[Any], runs_dir: Path
) -> None:
    host = lab_laptops[7]
    result = run_playbook(
        "laptop_clean.yml",
        _inventory([host], "laptops", **{host.name: {"asset_tag": "not a valid tag!"}}),
        secrets={"laptop_admin_password_hashes": {host.name: sha512_crypt(ADMIN_PASSWORD)}},
        runs_dir=runs_dir,
    )
    hr = result.hosts[host.name]
    assert hr.status == "failed"
    assert "needs asset_tag" in hr.message
    assert (host.upper / "home/ancien.agent").exists()


def test_cancel_stops_the_run(lab_laptops: list[Any], runs_dir: Path) -> None:
    host = lab_laptops[7]
    seen: list[PlaybookEvent] = []
    asked: list[float] = []

    def should_cancel() -> bool:
        if seen and not asked:
            asked.append(time.monotonic())
        return bool(seen)

    result = run_playbook(
        "laptop_sanitise.yml",
        _inventory([host], "laptops"),
        on_event=seen.append,
        should_cancel=should_cancel,
        runs_dir=runs_dir,
    )
    assert result.status == "canceled"
    # Noticed within the 0.25 s poll, not ansible-runner's default 5 s.
    assert time.monotonic() - asked[0] < 2
    assert (host.upper / "home/ancien.agent").exists()


# --- mail ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mail_lab(runs_dir: Path) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    _need_lab()
    from crisis.lab.laptops import lab_hosts
    from crisis.lab.mail import MailDaemons

    with lab_hosts(["mail"], subnet=2) as (host,):
        inventory = {
            "all": {
                "children": {
                    "mail": {
                        "hosts": {"mail": host.inventory_vars()},
                        "vars": {
                            "mail_domains": [DOMAIN],
                            "mail_hostname": f"mail.{DOMAIN}",
                            "mail_listen_address": host.address,
                            "mail_manage_services": False,
                        },
                    }
                }
            }
        }
        result = run_playbook("mail_server.yml", inventory, runs_dir=runs_dir)
        assert result.hosts["mail"].status == "changed", result.hosts["mail"]
        daemons = MailDaemons(host)
        daemons.start()
        try:
            yield host, daemons, inventory
        finally:
            daemons.stop()


def _tls() -> ssl.SSLContext:
    # The lab server uses Debian's self-signed snakeoil certificate.
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def _imap(address: str, user: str, password: str) -> imaplib.IMAP4:
    conn = imaplib.IMAP4(address, 143)
    conn.starttls(ssl_context=_tls())
    conn.login(user, password)
    return conn


PASSWORDS = {f"agent{i:02d}@{DOMAIN}": f"mdp-{i:02d}-{os.urandom(6).hex()}" for i in range(20)}


@pytest.fixture(scope="module")
def provisioned(mail_lab: tuple[Any, Any, dict[str, Any]], runs_dir: Path) -> RunResult:
    _, _, inventory = mail_lab
    return run_playbook(
        "mailboxes.yml",
        inventory,
        extravars={"mailboxes": [{"address": a, "quota": "2G"} for a in PASSWORDS]},
        secrets={"mailbox_password_hashes": {a: sha512_crypt(p) for a, p in PASSWORDS.items()}},
        runs_dir=runs_dir,
    )


def test_twenty_mailboxes_log_in_and_mail_arrives(
    mail_lab: tuple[Any, Any, dict[str, Any]], provisioned: RunResult
) -> None:
    host, _, _ = mail_lab
    assert provisioned.hosts["mail"].status == "changed", provisioned.hosts["mail"]
    assert len(provisioned.host_data("mail")["mailboxes"]) == 20
    for address, password in PASSWORDS.items():
        _imap(host.address, address, password).logout()
    conn = _imap(host.address, sender := next(iter(PASSWORDS)), PASSWORDS[sender])
    _, quota = conn.getquotaroot("INBOX")
    conn.logout()
    assert b"STORAGE 0 2097152" in b" ".join(q for q in quota[1] if isinstance(q, bytes))
    recipient = list(PASSWORDS)[1]
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, recipient, "Essai de réception"
    message.set_content("Bonjour, ceci est un essai contradictoire.")
    with smtplib.SMTP(host.address, 587, timeout=10) as smtp:
        smtp.starttls(context=_tls())
        smtp.login(sender, PASSWORDS[sender])
        smtp.send_message(message)
    deadline = time.monotonic() + 15
    while True:
        conn = _imap(host.address, recipient, PASSWORDS[recipient])
        conn.select("INBOX")
        _, found = conn.search(None, "FROM", sender)
        conn.logout()
        if found[0]:
            break
        assert time.monotonic() < deadline, "the message did not arrive within 15 s"
        time.sleep(0.1)


def test_wrong_password_and_submission_without_auth_are_refused(
    mail_lab: tuple[Any, Any, dict[str, Any]], provisioned: RunResult
) -> None:
    host, _, _ = mail_lab
    address = next(iter(PASSWORDS))
    with pytest.raises(imaplib.IMAP4.error):
        _imap(host.address, address, "not-the-password")
    with smtplib.SMTP(host.address, 587, timeout=10) as smtp:
        smtp.starttls(context=_tls())
        with pytest.raises(smtplib.SMTPException):
            smtp.sendmail(address, ["someone@example.org"], "Subject: x\r\n\r\nx")


def test_mailboxes_rerun_is_idempotent_and_hides_hashes(
    mail_lab: tuple[Any, Any, dict[str, Any]], provisioned: RunResult, runs_dir: Path
) -> None:
    _, _, inventory = mail_lab
    fresh = {a: sha512_crypt(p) for a, p in PASSWORDS.items()}
    again = run_playbook(
        "mailboxes.yml",
        inventory,
        extravars={"mailboxes": [{"address": a, "quota": "2G"} for a in PASSWORDS]},
        secrets={"mailbox_password_hashes": fresh},
        diff=True,
        runs_dir=runs_dir,
    )
    assert again.hosts["mail"].status == "ok", again.hosts["mail"]
    assert again.run_dir is not None
    for path in again.run_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert not any(h.encode() in content for h in fresh.values()), path
            assert b"$6$" not in content, path


def test_suspend_export_destroy(
    mail_lab: tuple[Any, Any, dict[str, Any]],
    provisioned: RunResult,
    runs_dir: Path,
    tmp_path: Path,
) -> None:
    host, daemons, inventory = mail_lab
    suspended, leaving = list(PASSWORDS)[2:4]
    _imap(host.address, leaving, PASSWORDS[leaving]).logout()  # creates its maildir
    result = run_playbook(
        "mailboxes.yml",
        inventory,
        extravars={
            "mailboxes": [
                {"address": suspended, "state": "suspended", "quota": "2G"},
                {"address": leaving, "state": "absent", "export": True},
            ],
            "mail_export_dir": str(tmp_path),
        },
        runs_dir=runs_dir,
    )
    assert result.hosts["mail"].status == "changed", result.hosts["mail"]
    with pytest.raises(imaplib.IMAP4.error):
        _imap(host.address, suspended, PASSWORDS[suspended])
    with pytest.raises(imaplib.IMAP4.error):
        _imap(host.address, leaving, PASSWORDS[leaving])
    exports = result.host_data("mail")["exports"]
    assert len(exports) == 1
    ((name, digest),) = exports.items()
    assert hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() == digest
    assert not daemons.maildir(leaving).parent.exists()
    # Other mailboxes are untouched.
    _imap(host.address, list(PASSWORDS)[5], PASSWORDS[list(PASSWORDS)[5]]).logout()


def test_new_mailbox_without_hash_is_a_clear_error(
    mail_lab: tuple[Any, Any, dict[str, Any]], runs_dir: Path
) -> None:
    _, _, inventory = mail_lab
    result = run_playbook(
        "mailboxes.yml",
        inventory,
        extravars={"mailboxes": [{"address": f"nouveau@{DOMAIN}"}]},
        secrets={"mailbox_password_hashes": {}},
        runs_dir=runs_dir,
    )
    assert result.hosts["mail"].status == "failed"
    assert "no password hash given" in result.hosts["mail"].message
    assert f"nouveau@{DOMAIN}" in result.hosts["mail"].message


# --- phones -------------------------------------------------------------------------------


def test_phone_reset_through_fake_adb(
    tmp_path: Path, runs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Uses tests/integration/bin/fake-adb: no Android device can run in the lab (lab.md)."""
    log = tmp_path / "adb-calls.log"
    monkeypatch.setenv("FAKE_ADB_LOG", str(log))
    phones = {
        "phone-01": {"adb_serial": "R58M123", "expected_serial": "R58M123"},
        "phone-02": {"adb_serial": "R58M456", "expected_serial": "R58M999"},
    }
    inventory = {
        "all": {
            "children": {
                "phones": {
                    "hosts": {n: {"ansible_connection": "local", **v} for n, v in phones.items()}
                }
            }
        }
    }
    result = run_playbook(
        "phone_reset.yml", inventory, extravars={"adb": str(FAKE_ADB)}, runs_dir=runs_dir
    )
    assert {h: r.status for h, r in result.hosts.items()} == {
        "phone-01": "changed",
        "phone-02": "changed",
    }
    calls = log.read_text().splitlines()
    assert "-s R58M123 get-state" in calls
    assert any(c.startswith("-s R58M456 shell am broadcast") for c in calls)
    assert result.host_data("phone-01")["contradictions"] == []
    assert result.host_data("phone-02")["contradictions"][0]["device"] == "R58M456"
