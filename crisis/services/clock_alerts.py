"""Clock alerts: an e-mail to the lender's correspondent (and the borrower's DPO for the 72 h
breach clock) when a clock passes three quarters of its time and when it expires.

A pass (`watch_once`, run by ``crisis clocks watch`` or a systemd timer) finds the thresholds
crossed, claims each alert in the inventory before sending it (a unique index makes a claim
once only, whatever the number of runs or stations), sends it through the configured SMTP
relay and journals the outcome. An alert that could not be sent stays ``failed``: the
dashboard shows it and the next pass tries it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from crisis.adapters.smtp_send import SECURITY, Relay, send_message
from crisis.domain.clocks import ClockKind
from crisis.domain.contacts import checked_email
from crisis.errors import PeerError, ValidationError
from crisis.i18n import default_language, msg, t
from crisis.l10n import format_datetime
from crisis.services.agreement_contacts import contacts_of
from crisis.services.clock_alert_views import AlertView, alert_view
from crisis.services.incidents import clock_agreement, clock_calendar
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace
from inventory.repo import clock_alerts as repo
from inventory.repo import loans as loans_repo
from inventory.repo import mail as settings_repo
from inventory.tables import ClockAlert, Crisis, SlaClock

#: Setting key of the SMTP relay the alerts go through.
SMTP_RELAY = "smtp_relay"
#: The clocks that warn by e-mail (a notice deadline is shown on the dashboard instead).
ALERTED = frozenset(
    {ClockKind.INTERVENTION, ClockKind.LOSS_DECLARATION, ClockKind.DATA_BREACH, ClockKind.INSURER}
)
#: A claim whose station never said how the sending went (it died) is taken again after this.
CLAIM_LEASE = timedelta(minutes=10)


class Threshold(StrEnum):
    """When a clock warns."""

    THREE_QUARTERS = "three_quarters"
    EXPIRED = "expired"


class Recipient(StrEnum):
    """Who a clock warns."""

    LENDER = "lender"  # the lender's correspondent (seed 001 art. 5)
    DPO = "dpo"  # the borrower's DPO, for the 72 h breach clock (seed 000 art. 4-3)


@dataclass(frozen=True, slots=True)
class WatchReport:
    """What a pass did: the alerts sent and those that failed (tried again next pass)."""

    sent: tuple[AlertView, ...]
    failed: tuple[AlertView, ...]


def configure_relay(
    ws: Workspace,
    host: str,
    *,
    sender: str,
    port: int = 25,
    security: str = "starttls",
    verify_tls: bool = True,
) -> Relay:
    """Record the SMTP relay the clock alerts go through (journaled).

    Raises:
        ValidationError: no host, a port out of range, an unknown security, a bad sender.
    """
    operator = ws.acting_operator()
    host = host.strip()
    if not host or any(c.isspace() for c in host):
        raise ValidationError(msg("alerts.error.relay_host", host=host), where="host")
    if not 0 < port < 65536:
        raise ValidationError(msg("alerts.error.relay_port", port=port), where="port")
    if security not in SECURITY:
        raise ValidationError(
            msg("alerts.error.relay_security", security=security, known=", ".join(SECURITY)),
            where="security",
        )
    try:
        address = checked_email(sender)
    except ValueError as exc:
        raise ValidationError(str(exc), where="sender") from None
    if not address:
        raise ValidationError(msg("alerts.error.relay_sender"), where="sender")
    value = {
        "host": host,
        "port": port,
        "security": security,
        "sender": address,
        "verify_tls": verify_tls,
    }
    with ws.db.session(write=True) as s:
        before = settings_repo.get_setting(s, SMTP_RELAY)
        settings_repo.put_setting(s, SMTP_RELAY, value)
        record(s, operator, [Change("setting.smtp_relay", "setting", SMTP_RELAY, before, value)])
    return _relay(value)


def relay_of(ws: Workspace) -> Relay | None:
    """The configured SMTP relay, or None."""
    with ws.db.session() as s:
        value = settings_repo.get_setting(s, SMTP_RELAY)
    return _relay(value) if value else None


def watch_once(
    ws: Workspace,
    now: datetime | None = None,
    *,
    lang: str | None = None,
) -> WatchReport:
    """One pass: send every alert due at `now` (now by default) not sent yet, and try again
    those that failed. Each outcome is journaled (a failure once, when it first happens or
    its cause changes). Messages are in `lang` (the user's language, French by default).
    """
    operator = ws.acting_operator()
    at = now or datetime.now(UTC)
    words = lang or default_language()
    with ws.db.session() as s:
        value = settings_repo.get_setting(s, SMTP_RELAY)
        wanted = _due(s, at)
    relay = _relay(value) if value else None
    sent: list[AlertView] = []
    failed: list[AlertView] = []
    for item in wanted:
        if not _claim(ws, item, at):
            continue  # sent already, or another station is sending it
        error, message_id = "", ""
        if relay is None:
            error = "no_relay"
        elif not item.address:
            error = "no_recipient"
        else:
            subject, body = _message(item, at, words)
            try:
                message_id = send_message(
                    relay, [item.address], subject, body, message_id=_message_id(item, relay)
                )
            except PeerError as exc:
                error = str(exc)
        view = _finish(ws, operator, item, error, message_id, at)
        (failed if error else sent).append(view)
    return WatchReport(tuple(sent), tuple(failed))


def alerts_of(ws: Workspace, clock_id: int) -> list[AlertView]:
    """Every alert of a clock, sent or not."""
    with ws.db.session() as s:
        clock = s.get(SlaClock, clock_id)
        if clock is None:
            return []
        crisis = s.get(Crisis, clock.crisis_id)
        return [alert_view(a, clock, crisis) for a in repo.alerts_of_clock(s, clock_id)]


# --- internals ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Due:
    """An alert due: its clock, threshold and recipient, with what its message says."""

    clock_id: int
    threshold: Threshold
    role: Recipient
    address: str
    name: str
    kind: str
    subject: str
    crisis: str
    agreement: str
    started_at: datetime
    due_at: datetime
    dpo: str


def _due(s: Session, at: datetime) -> list[_Due]:
    out: list[_Due] = []
    for c in loans_repo.clocks(s, running_only=True):
        if c.kind not in {k.value for k in ALERTED}:
            continue
        a = clock_agreement(s, c)
        if at >= c.due_at:
            threshold = Threshold.EXPIRED
        else:
            calendar = clock_calendar(a, c.kind)
            total = calendar.between(c.started_at, c.due_at)
            if at < calendar.add(c.started_at, total * 3 / 4):
                continue
            threshold = Threshold.THREE_QUARTERS
        contacts = contacts_of(a) if a is not None else None
        roles = [Recipient.LENDER]
        if c.kind == ClockKind.DATA_BREACH.value:
            roles.append(Recipient.DPO)
        crisis = s.get(Crisis, c.crisis_id)
        assert c.id is not None
        for role in roles:
            who = None
            if contacts is not None:
                who = contacts.lender if role is Recipient.LENDER else contacts.dpo
            out.append(
                _Due(
                    clock_id=c.id,
                    threshold=threshold,
                    role=role,
                    address=who.email if who else "",
                    name=who.name if who else "",
                    kind=c.kind,
                    subject=c.subject,
                    crisis=crisis.reference if crisis else "",
                    agreement=a.reference if a else "",
                    started_at=c.started_at,
                    due_at=c.due_at,
                    dpo=str(contacts.dpo) if contacts is not None else "",
                )
            )
    return out


def _claim(ws: Workspace, item: _Due, at: datetime) -> bool:
    """Take the alert for this pass: True when this station is to send it now."""
    try:
        with ws.db.session(write=True) as s:
            row = repo.alert(s, item.clock_id, item.threshold, item.role, for_update=True)
            if row is None:
                s.add(
                    ClockAlert(
                        clock_id=item.clock_id,
                        threshold=item.threshold.value,
                        role=item.role.value,
                        state="sending",
                        claimed_at=at,
                    )
                )
                s.flush()  # another station's claim of the same alert fails here
                return True
            if row.state == "sent":
                return False
            if row.state == "sending" and at - row.claimed_at < CLAIM_LEASE:
                return False
            row.state, row.claimed_at = "sending", at
            s.add(row)
            return True
    except IntegrityError:
        return False  # claimed by another station at the same moment


def _finish(
    ws: Workspace, operator: str, item: _Due, error: str, message_id: str, at: datetime
) -> AlertView:
    with ws.db.session(write=True) as s:
        row = repo.alert(s, item.clock_id, item.threshold, item.role, for_update=True)
        assert row is not None
        before_error, first = row.error, row.attempts == 0
        row.attempts += 1
        row.recipient = item.address
        row.state = "failed" if error else "sent"
        row.error = error
        row.sent_at = None if error else at
        s.add(row)
        facts = {
            "threshold": item.threshold.value,
            "role": item.role.value,
            "recipient": item.address,
            "attempts": row.attempts,
            "crisis": item.crisis,
            "kind": item.kind,
        }
        if not error:
            facts["message_id"] = message_id
            record(s, operator, [Change("clock.alert_sent", "clock", str(item.clock_id), None,
                                        facts)])  # fmt: skip
        elif first or error != before_error:
            facts["error"] = error
            record(s, operator, [Change("clock.alert_failed", "clock", str(item.clock_id), None,
                                        facts)])  # fmt: skip
        s.flush()
        clock = s.get(SlaClock, item.clock_id)
        assert clock is not None
        return alert_view(row, clock, s.get(Crisis, clock.crisis_id))


def _relay(value: dict[str, object]) -> Relay:
    return Relay(
        host=str(value["host"]),
        port=int(str(value["port"])),
        security=str(value["security"]),
        sender=str(value["sender"]),
        verify_tls=bool(value.get("verify_tls", True)),
    )


def _message_id(item: _Due, relay: Relay) -> str:
    """The same for every attempt of an alert, so a duplicate can be recognised."""
    domain = relay.sender.rpartition("@")[2]
    stamp = item.started_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S")
    return f"<crisis-kit.clock{item.clock_id}.{stamp}.{item.threshold}.{item.role}@{domain}>"


def _message(item: _Due, at: datetime, lang: str) -> tuple[str, str]:
    kind = t(f"clockkind.{item.kind}", lang)
    subject = t(f"alerts.subject.{item.threshold}", lang, kind=kind, subject=item.subject,
                crisis=item.crisis)  # fmt: skip
    left = item.due_at - at
    lines: Sequence[str] = [
        t(f"alerts.body.{item.threshold}", lang, kind=kind, subject=item.subject),
        "",
        t("alerts.body.crisis", lang, crisis=item.crisis, agreement=item.agreement),
        t("alerts.body.started", lang, at=format_datetime(item.started_at, lang)),
        t("alerts.body.due", lang, at=format_datetime(item.due_at, lang)),
        t("alerts.body.left", lang, duration=_duration(left))
        if left > timedelta(0)
        else t("alerts.body.late", lang, duration=_duration(-left)),
    ]
    if item.kind == ClockKind.DATA_BREACH.value:
        lines = [*lines, "", t("alerts.body.dpo", lang, dpo=item.dpo or t("alerts.no_dpo", lang))]
    lines = [*lines, "", t("alerts.body.stop", lang, id=item.clock_id), t("alerts.body.auto", lang)]
    return subject, "\n".join(lines) + "\n"


def _duration(d: timedelta) -> str:
    minutes = int(d.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60:02d}"
