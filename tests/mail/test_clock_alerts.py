"""Clock alerts (issue 14): at three quarters of a clock's time and when it expires, an e-mail
to the lender's correspondent (and the borrower's DPO for the 72 h breach clock), through the
lab's real Postfix, read back from the recipient's maildir; sent once per threshold across
runs and stations; one that cannot be sent is on the dashboard and sent at a later pass.
Both backends."""

from __future__ import annotations

import email
import email.policy
import socket
import time
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from crisis.services import clock_alerts, incidents, journal, loans
from crisis.services.agreement_contacts import ContactRole, set_contact
from crisis.services.demo import seed_demo
from crisis.services.incidents import Channel
from crisis.services.workspace import Workspace, open_workspace
from tests.lab import lab_mail_host
from tests.races import run_together

pytestmark = pytest.mark.lab

METRO = "metropole.crise.example"
AUBAGNE = "aubagne.crise.example"
LENDER = f"astreinte@{METRO}"
DPO = f"dpo@{AUBAGNE}"
SENDER = f"alertes@{METRO}"
AGREEMENT = "07-2024-06"
HOST_VARS = {"mail_manage_services": False, "mail_hostname": f"mail.{METRO}"}


@pytest.fixture(scope="module")
def mail_host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The lab mail host serving both domains, with the two recipients' mailboxes, its
    Postfix and Dovecot running."""
    from crisis.lab.mail import MailDaemons, configure

    for host in lab_mail_host(subnet=15):
        configure(
            {
                "address": host.address,
                "connection": host.inventory_vars(),
                "domains": [METRO, AUBAGNE],
                "vars": HOST_VARS,
            },
            runs_dir=tmp_path_factory.mktemp("runs"),
        )
        users = host.root / "etc/dovecot/crisis-users"
        with users.open("a") as f:  # what the mailboxes playbook writes (no login needed)
            for address in (LENDER, DPO):
                f.write(f"{address}:{{SHA512-CRYPT}}$6$unused$x::::::\n")
        daemons = MailDaemons(host)
        daemons.start()
        try:
            yield host
        finally:
            daemons.stop()


def _inbox(host: Any, address: str) -> Path:
    user, domain = address.split("@")
    return host.root / "var/vmail" / domain / user / "Maildir"


def _messages(host: Any, address: str) -> list[EmailMessage]:
    box = _inbox(host, address)
    found = sorted([*box.glob("new/*"), *box.glob("cur/*")])
    out = []
    for path in found:
        parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        out.append(parsed)
    return out


def _delivered(host: Any, address: str, count: int) -> list[EmailMessage]:
    """The messages in `address`'s maildir once there are `count` (delivery is Postfix's,
    through LMTP: bounded wait, then what is there)."""
    deadline = time.monotonic() + 30
    while len(found := _messages(host, address)) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def _clear(host: Any) -> None:
    for address in (LENDER, DPO):
        for path in [*_inbox(host, address).glob("new/*"), *_inbox(host, address).glob("cur/*")]:
            path.unlink()


@pytest.fixture
def breach(ws: Workspace, mail_host: Any) -> Iterator[tuple[Workspace, incidents.IncidentView]]:
    """A theft with personal data exposed: 24 h declaration, insurer and 72 h breach clocks;
    the relay is the lab's Postfix, the contacts have mailboxes there."""
    _clear(mail_host)
    seed_demo(ws, laptops=6, phones=6)
    loans.declare_crisis(ws, "13005", "CYBER-ALERTE", "Maire d'Aubagne")
    set_contact(ws, AGREEMENT, ContactRole.LENDER, "Astreinte DSI", LENDER)
    set_contact(ws, AGREEMENT, ContactRole.DPO, "Inès Roux", DPO)
    clock_alerts.configure_relay(
        ws, mail_host.address, sender=SENDER, port=25, security="starttls", verify_tls=False
    )
    inc = incidents.report_loss(
        ws, "CYBER-ALERTE", theft=True, declarant="Accueil", channel=Channel.PHONE,
        description="Portable volé dans un véhicule", asset_tags=["AMP-PC-0002"],
        personal_data=True,
    )  # fmt: skip
    yield ws, inc
    _clear(mail_host)


def _clock(inc: incidents.IncidentView, kind: str) -> incidents.ClockView:
    return next(c for c in inc.clocks if c.kind == kind)


def test_three_quarters_then_expiry_reach_the_lender_and_the_dpo_once(
    breach: tuple[Workspace, incidents.IncidentView], mail_host: Any, db_url: str
) -> None:
    ws, inc = breach
    loss = _clock(inc, "loss_declaration")
    breach_clock = _clock(inc, "data_breach")
    start = loss.started_at
    # Nothing before three quarters of any clock's time.
    assert clock_alerts.watch_once(ws, start + timedelta(hours=17)).sent == ()
    # 18 h: three quarters of the 24 h declaration clock (the 72 h one is at a quarter).
    at = start + timedelta(hours=18, minutes=1)
    report = clock_alerts.watch_once(ws, at)
    assert [(a.kind, a.threshold, a.recipient) for a in report.sent] == [
        ("loss_declaration", "three_quarters", LENDER)
    ]
    assert report.failed == ()
    (mail,) = _delivered(mail_host, LENDER, 1)
    assert mail["From"] == SENDER
    assert mail["To"] == LENDER
    subject = str(mail["Subject"])
    assert subject.startswith("[Kit de crise] Déclaration perte/vol : trois quarts du délai")
    body = mail.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "CYBER-ALERTE" in text
    assert "Temps restant : 5 h 59" in text  # French by default, from the due time
    assert f"crisis clocks stop {loss.id}" in text
    # Sent once: another pass, and another station on the same inventory, send nothing.
    assert clock_alerts.watch_once(ws, at + timedelta(minutes=5)).sent == ()
    other = open_workspace(db_url, "tester")
    try:
        assert clock_alerts.watch_once(other, at + timedelta(minutes=6)).sent == ()
    finally:
        other.db.dispose()
    assert len(_delivered(mail_host, LENDER, 1)) == 1

    # 72 h on: the 24 h and insurer clocks are long expired, the breach clock expires now;
    # its alerts go to the lender's correspondent and to the DPO, who is named in it.
    report = clock_alerts.watch_once(ws, start + timedelta(hours=72, minutes=1))
    sent = sorted((a.kind, a.threshold, a.role) for a in report.sent)
    assert sent == [
        ("data_breach", "expired", "dpo"),
        ("data_breach", "expired", "lender"),
        ("insurer", "expired", "lender"),
        ("loss_declaration", "expired", "lender"),
    ]
    (dpo_mail,) = _delivered(mail_host, DPO, 1)
    dpo_body = dpo_mail.get_body(("plain",))
    assert dpo_body is not None
    assert "DPO de l'emprunteur à prévenir : Inès Roux <dpo@aubagne.crise.example>" in (
        dpo_body.get_content()
    )
    assert "Violation de données (72 h) : délai expiré" in str(dpo_mail["Subject"])
    assert len(_delivered(mail_host, LENDER, 4)) == 4
    # Each one journaled, with its recipient and Message-ID.
    events = [e for e in journal.recent_events(ws, 30) if e.action == "clock.alert_sent"]
    assert len(events) == 5
    journaled = {e.after["message_id"] for e in events}
    delivered = {str(m["Message-ID"]).strip() for m in _messages(mail_host, LENDER)}
    assert delivered <= journaled
    assert str(breach_clock.id) in {e.entity_id for e in events}


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_alert_that_cannot_be_sent_is_on_the_dashboard_and_sent_later(
    breach: tuple[Workspace, incidents.IncidentView], mail_host: Any
) -> None:
    ws, inc = breach
    start = _clock(inc, "loss_declaration").started_at
    at = start + timedelta(hours=19)
    clock_alerts.configure_relay(ws, "127.0.0.1", sender=SENDER, port=_closed_port())
    report = clock_alerts.watch_once(ws, at)
    (failed,) = report.failed
    assert failed.kind == "loss_declaration"
    assert "SMTP relay 127.0.0.1" in failed.error
    (shown,) = incidents.dashboard(ws, at).alerts_failed
    assert (shown.clock_id, shown.threshold, shown.attempts) == (
        failed.clock_id,
        "three_quarters",
        1,
    )
    # Journaled once, not at every failed pass.
    clock_alerts.watch_once(ws, at + timedelta(minutes=1))
    failures = [e for e in journal.recent_events(ws, 30) if e.action == "clock.alert_failed"]
    assert len(failures) == 1
    assert incidents.dashboard(ws, at).alerts_failed[0].attempts == 2
    assert _messages(mail_host, LENDER) == []
    # The relay is back: the next pass sends it, and the dashboard no longer shows it.
    clock_alerts.configure_relay(
        ws, mail_host.address, sender=SENDER, security="starttls", verify_tls=False
    )
    report = clock_alerts.watch_once(ws, at + timedelta(minutes=2))
    assert [(a.threshold, a.attempts) for a in report.sent] == [("three_quarters", 3)]
    assert len(_delivered(mail_host, LENDER, 1)) == 1
    assert incidents.dashboard(ws, at).alerts_failed == ()


def test_no_address_for_the_dpo_is_an_alert_not_sent(
    breach: tuple[Workspace, incidents.IncidentView], mail_host: Any
) -> None:
    ws, inc = breach
    set_contact(ws, AGREEMENT, ContactRole.DPO, "Inès Roux", "")
    at = _clock(inc, "data_breach").started_at + timedelta(hours=55)
    report = clock_alerts.watch_once(ws, at)
    assert [(a.kind, a.role, a.error) for a in report.failed] == [
        ("data_breach", "dpo", "no_recipient")
    ]
    assert {(a.kind, a.role) for a in report.sent} >= {("data_breach", "lender")}
    lines = [a.role for a in incidents.dashboard(ws, at).alerts_failed]
    assert lines == ["dpo"]
    # A clock stopped (the DPO was told by phone) no longer alerts nor shows.
    incidents.stop_clock(ws, _clock(inc, "data_breach").id)
    assert incidents.dashboard(ws, at).alerts_failed == ()
    assert clock_alerts.watch_once(ws, at + timedelta(hours=20)).failed == ()


def test_stations_racing_send_each_alert_once(
    breach: tuple[Workspace, incidents.IncidentView], mail_host: Any, db_url: str, tmp_path: Path
) -> None:
    """Three stations pass at the same moment: the 24 h clock's three-quarters alert goes once."""
    _, inc = breach
    at = _clock(inc, "loss_declaration").started_at + timedelta(hours=18, minutes=30)
    setup = (
        "from datetime import datetime\n"
        "from crisis.services import clock_alerts\n"
        "from crisis.services.workspace import open_workspace\n"
        "ws = open_workspace(sys.argv[1], 'tester')\n"
        "at = datetime.fromisoformat(sys.argv[2])\n"
    )
    work = "print(len(clock_alerts.watch_once(ws, at).sent))\n"
    outs = run_together(setup, work, [[db_url, at.isoformat()]] * 3, tmp_path)
    assert sorted(int(x) for x in outs) == [0, 0, 1]
    ws, _ = breach
    sent = [e for e in journal.recent_events(ws, 20) if e.action == "clock.alert_sent"]
    assert len(sent) == 1
    assert len(_delivered(mail_host, LENDER, 1)) == 1
