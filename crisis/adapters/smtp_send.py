"""Sending a plain-text e-mail through an SMTP relay (smtplib stays here)."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from crisis.errors import PeerError

#: How the connection to the relay is protected.
SECURITY = ("none", "starttls", "tls")


@dataclass(frozen=True, slots=True)
class Relay:
    """An SMTP relay that accepts the tool's mail without logging in (an internal relay).

    Attributes:
        host: its name or address.
        port: 25 (none, starttls), 465 (tls) or 587.
        security: ``none``, ``starttls`` (required) or ``tls`` (implicit TLS).
        sender: the From address of the tool's messages.
        verify_tls: check the relay's certificate against the system's roots.
        timeout: seconds before a silent relay counts as unreachable.
    """

    host: str
    port: int
    security: str
    sender: str
    verify_tls: bool = True
    timeout: float = 15.0


def _context(relay: Relay) -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    if not relay.verify_tls:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def send_message(
    relay: Relay,
    recipients: Sequence[str],
    subject: str,
    body: str,
    *,
    message_id: str = "",
) -> str:
    """Send `body` to `recipients` through `relay`; returns the Message-ID it carried.

    Args:
        message_id: the Message-ID to use (a retry of the same alert keeps it, so a
            recipient's mail system can drop a duplicate); a new one when empty.

    Raises:
        PeerError: the relay is unreachable, refuses TLS, the sender or every recipient.
    """
    msg = EmailMessage()
    msg["From"] = relay.sender
    msg["To"] = ", ".join(recipients)
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = message_id or make_msgid(domain=relay.sender.rpartition("@")[2])
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-reply loops
    msg.set_content(body)
    where = f"SMTP relay {relay.host}:{relay.port}"
    try:
        smtp: smtplib.SMTP
        if relay.security == "tls":
            smtp = smtplib.SMTP_SSL(
                relay.host, relay.port, timeout=relay.timeout, context=_context(relay)
            )
        else:
            smtp = smtplib.SMTP(relay.host, relay.port, timeout=relay.timeout)
        with smtp:
            if relay.security == "starttls":
                smtp.starttls(context=_context(relay))
            refused = smtp.send_message(msg)
    except smtplib.SMTPRecipientsRefused as exc:
        raise PeerError(f"{where} refused {', '.join(sorted(exc.recipients))}") from None
    except smtplib.SMTPResponseException as exc:
        raw = exc.smtp_error
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw or "")
        raise PeerError(f"{where} answered {exc.smtp_code} {text}".strip()) from None
    except (smtplib.SMTPException, ssl.SSLError) as exc:
        raise PeerError(f"{where}: {type(exc).__name__} {exc}".strip()) from None
    except OSError as exc:
        raise PeerError(f"{where}: {exc.strerror or exc}") from None
    if refused:
        raise PeerError(f"{where} refused {', '.join(sorted(refused))}")
    return str(msg["Message-ID"])
