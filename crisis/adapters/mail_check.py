"""Checking isolated mailboxes for real: IMAP login, and a message sent by SMTP that arrives."""

from __future__ import annotations

import imaplib
import smtplib
import ssl
import uuid
from dataclasses import dataclass
from email.message import EmailMessage

from crisis.errors import PeerError


@dataclass(frozen=True, slots=True)
class MailServer:
    """Where the isolated mail host answers (IMAP and submission, both with STARTTLS)."""

    host: str
    imap_port: int = 143
    submission_port: int = 587
    #: The kit's mail host has its own certificate (often self-signed): trust it or not.
    verify_tls: bool = False


def _tls(server: MailServer) -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    if not server.verify_tls:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def _imap(server: MailServer, user: str, password: str) -> imaplib.IMAP4:
    try:
        conn = imaplib.IMAP4(server.host, server.imap_port, timeout=15)
        conn.starttls(ssl_context=_tls(server))
        conn.login(user, password)
    except imaplib.IMAP4.error:
        raise PeerError(f"IMAP login refused for {user} on {server.host}") from None
    except OSError as exc:
        raise PeerError(
            f"mail host {server.host}:{server.imap_port}: {exc.strerror or exc}"
        ) from None
    return conn


def imap_login(server: MailServer, user: str, password: str) -> None:
    """Log in over IMAP (STARTTLS) and out again.

    Raises:
        PeerError: refused or unreachable; the message never holds the password.
    """
    _imap(server, user, password).logout()


def send_and_receive(
    server: MailServer, sender: tuple[str, str], recipient: tuple[str, str]
) -> str:
    """Send a message from one mailbox to another over authenticated submission, then find
    it in the recipient's INBOX. Returns the message's unique subject.

    Raises:
        PeerError: sending failed, or the message did not arrive.
    """
    subject = f"crisis-kit acceptance {uuid.uuid4()}"
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender[0], recipient[0], subject
    msg.set_content("Essai contradictoire : envoi et réception entre boîtes isolées.")
    try:
        with smtplib.SMTP(server.host, server.submission_port, timeout=15) as smtp:
            smtp.starttls(context=_tls(server))
            smtp.login(*sender)
            smtp.send_message(msg)
    except (smtplib.SMTPException, OSError) as exc:
        raise PeerError(f"sending from {sender[0]} failed: {type(exc).__name__}") from None
    conn = _imap(server, *recipient)
    try:
        # Delivery is asynchronous (Postfix → LMTP): poll the INBOX a bounded number of times.
        for _ in range(50):
            conn.select("INBOX")
            _, found = conn.search(None, "SUBJECT", f'"{subject}"')
            if found and found[0]:
                return subject
            conn.noop()
            _wait_a_little()
        raise PeerError(f"the message from {sender[0]} never reached {recipient[0]}")
    finally:
        conn.logout()


def _wait_a_little() -> None:
    import time

    time.sleep(0.2)  # delivery is not ours to signal; bounded by the loop above
