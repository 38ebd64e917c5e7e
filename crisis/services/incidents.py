"""Breakdowns, losses and thefts with the agreement's clocks; the crisis log; the dashboard."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from sqlmodel import Session

from crisis.domain.agreement_terms import notice_clock, sla_duration
from crisis.domain.assets import AssetState
from crisis.domain.clocks import Clock, ClockKind, due_at
from crisis.domain.free_text import NAME_MAX, TEXT_MAX, checked_text
from crisis.domain.loans import AT_BORROWER, LoanState
from crisis.domain.paris_time import paris_date
from crisis.domain.work_calendar import (
    OFFICE_HOURS,
    ROUND_THE_CLOCK,
    Calendar,
    SupportHours,
    working_days_deadline,
)
from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import Message, msg
from crisis.services import agreements, insurance
from crisis.services.agreement_contacts import contacts_of
from crisis.services.agreements import ReturnDue
from crisis.services.assets import move_assets
from crisis.services.backup import LastBackup, last_backup
from crisis.services.clock_alert_views import AlertView, failed_alerts_in
from crisis.services.insurance import ProofView
from crisis.services.journaling import Change, record
from crisis.services.loans import require_crisis, terms_of, unaccounted_items
from crisis.services.loss_steps import LossStep, open_steps
from crisis.services.workspace import Workspace
from inventory.repo import assets as assets_repo
from inventory.repo import crisis_log as log_repo
from inventory.repo import loans as repo
from inventory.repo import open_crises as crises_repo
from inventory.repo import parties as parties_repo
from inventory.tables import Agreement, Crisis, CrisisLogEntry, Incident, Loan, SlaClock

#: Working days to declare a claim to the insurer (Code des assurances L113-2: at least 2 for
#: a theft, 5 for other claims).
INSURER_WORKING_DAYS = {"theft": 2, "loss": 5}
DUE_SOON = timedelta(hours=2)
#: A notice deadline this close is shown as due soon: time to decide and send the letter.
NOTICE_DUE_SOON = timedelta(days=30)


class Severity(StrEnum):
    """How bad a breakdown is."""

    BLOCKING = "blocking"
    MAJOR = "major"
    MINOR = "minor"


class Channel(StrEnum):
    """How the report reached the lender (seed 000 art. 3-2)."""

    TICKET = "ticket"
    EMAIL = "email"
    LETTER = "letter"
    PHONE = "phone"


@dataclass(frozen=True, slots=True)
class ClockView:
    """A clock and where it stands."""

    id: int
    crisis: str
    kind: str
    subject: str
    started_at: datetime
    due_at: datetime
    stopped_at: datetime | None
    status: str  # running | due_soon | overdue | met | missed
    #: Who must be notified: the borrower's DPO for a data-breach clock (empty: not named).
    notify: str = ""


@dataclass(frozen=True, slots=True)
class IncidentView:
    """A recorded incident and the clocks it started."""

    id: int
    kind: str
    clocks: tuple[ClockView, ...]
    #: What a lost or stolen phone still asks for (line suspension, remote wipe).
    steps: tuple[LossStep, ...] = ()


@dataclass(frozen=True, slots=True)
class CrisisLine:
    """A crisis declared and not closed, with or without a loan yet."""

    reference: str
    town: str
    declared_at: datetime
    loans: int


@dataclass(frozen=True, slots=True)
class NoticeView:
    """An agreement's next notice deadline: the last day to stop its tacit renewal.

    Attributes:
        deadline: that last day (Paris).
        due_at: the end of that day (Paris midnight), in UTC.
        status: running, or due_soon within :data:`NOTICE_DUE_SOON`.
    """

    agreement: str
    town: str
    deadline: date
    due_at: datetime
    status: str


@dataclass(frozen=True, slots=True)
class Dashboard:
    """What a responder sees first."""

    ready_stock: dict[str, int]
    active_loans: tuple[tuple[str, str, str], ...]  # (town, loan, state)
    clocks: tuple[ClockView, ...]  # overdue and due soon first
    crises: tuple[CrisisLine, ...] = ()  # open crises, oldest first
    notices: tuple[NoticeView, ...] = ()  # soonest first
    last_backup: LastBackup | None = None  # None: no backup was ever made of this inventory
    insurance_expiring: tuple[ProofView, ...] = ()  # proofs ending within 30 days, soonest first
    returns_due: tuple[ReturnDue, ...] = ()  # open loans under agreements ended by notice
    #: Clock alerts that could not be sent (tried again at each pass), oldest first.
    alerts_failed: tuple[AlertView, ...] = ()


def report_breakdown(
    ws: Workspace,
    crisis: str,
    *,
    declarant: str,
    channel: Channel,
    severity: Severity,
    description: str,
    asset_tags: Sequence[str] = (),
) -> IncidentView:
    """Record a breakdown report; the agreement's intervention clock starts now."""
    return _report(
        ws, crisis, "breakdown", declarant, channel, severity.value, description, asset_tags, False
    )


def report_loss(
    ws: Workspace,
    crisis: str,
    *,
    theft: bool,
    declarant: str,
    channel: Channel,
    description: str,
    asset_tags: Sequence[str],
    personal_data: bool,
) -> IncidentView:
    """Record a loss or theft: the declaration and insurer clocks start, and the 72 h
    personal-data-breach clock when personal data may be exposed. The devices are marked
    lost or stolen."""
    if not asset_tags:
        raise ValidationError(msg("error.incident.assets_required"), where="assets")
    kind = "theft" if theft else "loss"
    return _report(
        ws, crisis, kind, declarant, channel, "blocking", description, asset_tags, personal_data
    )


def declare_missing(
    ws: Workspace,
    loan: str,
    *,
    theft: bool,
    declarant: str,
    channel: Channel = Channel.LETTER,
    description: str = "",
    asset_tags: Sequence[str] = (),
    personal_data: bool = False,
) -> IncidentView | None:
    """Declare lost (or stolen) the items a loan did not bring back: by default every
    handed-over item neither returned nor declared yet. The 24 h declaration clock (and the
    insurer's) starts; the items move to lost or stolen; the incident is the loan's.
    None when no item was named and none is out (nothing is written).

    Raises:
        ValidationError: a tag that is not one of the loan's items still out.
    """
    ws.acting_operator()  # auditors are refused before anything else is said
    with ws.db.session() as s:
        ln = repo.loan(s, loan)
        if ln is None:
            raise NotFoundError(msg("error.loan.not_found", reference=loan))
        out = unaccounted_items(s, ln)
        c = s.get(Crisis, ln.crisis_id)
        assert c is not None
        crisis = c.reference
    wanted = [t.strip() for t in asset_tags if t.strip()] or out
    if not wanted:
        return None  # everything came back or is declared: nothing to do, nothing written
    strays = sorted(set(wanted) - set(out))
    if strays:
        raise ValidationError(
            msg(
                "error.incident.not_out",
                loan=loan,
                tags=", ".join(strays),
                out=", ".join(out) or msg("error.incident.none_out"),
            ),
            where="assets",
        )
    text = description.strip() or f"not returned at the end of loan {loan}"
    kind = "theft" if theft else "loss"
    return _report(
        ws, crisis, kind, declarant, channel, "blocking", text, wanted, personal_data, loan=loan
    )


def stop_clock(ws: Workspace, clock_id: int) -> ClockView:
    """The obligation was met (technician on site, declaration sent): stop the clock now."""
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        clock = s.get(SlaClock, clock_id)
        if clock is None:
            raise NotFoundError(msg("error.clock.not_found", clock=clock_id))
        if clock.stopped_at is not None:
            raise ValidationError(msg("error.clock.already_stopped", clock=clock_id), where="clock")
        clock.stopped_at = datetime.now(UTC)
        s.add(clock)
        view = _clock_view(s, clock, clock.stopped_at)
        record(
            s,
            operator,
            [Change("clock.stopped", "clock", str(clock_id), None, {"status": view.status})],
        )
        return view


def clock_board(ws: Workspace, *, include_stopped: bool = False) -> list[ClockView]:
    """Clocks, most urgent first (overdue, due soon, running; then stopped ones if asked)."""
    now = datetime.now(UTC)
    with ws.db.session() as s:
        views = [_clock_view(s, c, now) for c in repo.clocks(s, running_only=not include_stopped)]
    order = {"overdue": 0, "due_soon": 1, "running": 2, "missed": 3, "met": 4}
    return sorted(views, key=lambda v: (order[v.status], v.due_at))


def log_entry(ws: Workspace, crisis: str, text: str) -> int:
    """Add a line to the crisis log (main courante); journaled. Returns its journal number."""
    operator = ws.acting_operator()
    text = checked_text(text, "text", limit=TEXT_MAX, lines=True)
    if not text.strip():
        raise ValidationError(msg("error.log.empty"), where="text")
    with ws.db.session(write=True) as s:
        c = require_crisis(s, crisis)
        assert c.id is not None
        seq = record(s, operator, [Change("crisis.logged", "crisis", crisis, None, {"text": text})])
        s.add(
            CrisisLogEntry(
                crisis_id=c.id, at=datetime.now(UTC), operator=operator, text=text, journal_seq=seq
            )
        )
        return seq


@dataclass(frozen=True, slots=True)
class LogEntryView:
    """A line of the crisis log."""

    at: datetime
    operator: str
    text: str
    journal_seq: int


def crisis_log(ws: Workspace, crisis: str) -> list[LogEntryView]:
    """The crisis log (main courante) of `crisis`, oldest line first; auditors may read it.

    Raises:
        NotFoundError: no such crisis.
    """
    with ws.db.session() as s:
        c = require_crisis(s, crisis)
        assert c.id is not None
        return [
            LogEntryView(e.at, e.operator, e.text, e.journal_seq)
            for e in log_repo.entries_of(s, c.id)
        ]


def dashboard(ws: Workspace, at: datetime | None = None) -> Dashboard:
    """Ready stock per category, loans per town, clocks that need attention, the crises
    still open (with or without a loan) and each agreement's next notice deadline at `at`
    (now by default)."""
    now = at or datetime.now(UTC)
    with ws.db.session() as s:
        ready = assets_repo.counts_by_category_in(s, AssetState.IN_STOCK.value)
        states = [st.value for st in LoanState if st not in (LoanState.CLOSED, LoanState.CANCELLED)]
        active = tuple(
            (org.name, ln.reference, ln.state) for ln, org in repo.active_loans(s, states)
        )
        crises = tuple(
            CrisisLine(c.reference, org.name, c.declared_at, n)
            for c, org, n in crises_repo.open_crises(s)
        )
        backup = last_backup(s)
        towns = {o.id: o.name for o in parties_repo.organisations(s)}
        notices = [
            _notice_view(a.reference, towns.get(a.borrower_id, ""), clock, now)
            for a in parties_repo.agreements(s)
            if (clock := notice_clock(terms_of(a), now)) is not None
        ]
        expiring = tuple(insurance.expiring(s, now))
        due_back = tuple(agreements.returns_due_in(s))
        unsent = tuple(failed_alerts_in(s, now))
    clocks = tuple(c for c in clock_board(ws) if c.status in ("overdue", "due_soon", "running"))
    notices.sort(key=lambda n: (n.due_at, n.agreement))
    return Dashboard(
        ready, active, clocks, crises, tuple(notices), backup,
        insurance_expiring=expiring, returns_due=due_back, alerts_failed=unsent,
    )  # fmt: skip


def _notice_view(agreement: str, town: str, clock: Clock, now: datetime) -> NoticeView:
    # Never overdue: once a deadline has passed, the next renewal's deadline is the one shown.
    due = due_at(clock)
    status = "due_soon" if due - now <= NOTICE_DUE_SOON else "running"
    deadline = paris_date(due - timedelta(microseconds=1))  # the day that ends at `due`
    return NoticeView(agreement, town, deadline, due, status)


# --- internals ------------------------------------------------------------------------------


def _report(
    ws: Workspace,
    crisis: str,
    kind: str,
    declarant: str,
    channel: Channel,
    severity: str,
    description: str,
    asset_tags: Sequence[str],
    personal_data: bool,
    *,
    loan: str | None = None,
) -> IncidentView:
    operator = ws.acting_operator()
    declarant = checked_text(declarant, "declarant", limit=NAME_MAX)
    description = checked_text(description, "description", limit=TEXT_MAX, lines=True)
    if not declarant.strip():
        raise ValidationError(msg("error.incident.declarant_required"), where="declarant")
    if not description.strip():
        raise ValidationError(msg("error.incident.description_required"), where="description")
    now = datetime.now(UTC)
    with ws.db.session(write=True) as s:
        c = require_crisis(s, crisis)
        agreement, loan_id = _agreement_and_loan(s, c, loan)
        assert c.id is not None
        incident = Incident(
            crisis_id=c.id,
            loan_id=loan_id,
            kind=kind,
            severity=severity,
            declarant=declarant,
            channel=channel.value,
            description=description,
            asset_tags=list(asset_tags),
            personal_data=personal_data,
            reported_at=now,
        )
        s.add(incident)
        s.flush()
        assert incident.id is not None
        subject = f"{kind} {incident.id}, crisis {crisis}"
        terms = terms_of(agreement)
        wanted: list[tuple[ClockKind, timedelta, Calendar]] = []
        if kind == "breakdown":
            wanted.append(
                (
                    ClockKind.INTERVENTION,
                    sla_duration(terms, ClockKind.INTERVENTION),
                    _calendar(agreement),
                )
            )
        else:
            wanted.append(
                (
                    ClockKind.LOSS_DECLARATION,
                    sla_duration(terms, ClockKind.LOSS_DECLARATION),
                    ROUND_THE_CLOCK,
                )
            )
            if personal_data:
                wanted.append(
                    (
                        ClockKind.DATA_BREACH,
                        sla_duration(terms, ClockKind.DATA_BREACH),
                        ROUND_THE_CLOCK,
                    )
                )
        dues = [(ck, due_at(Clock(ck, now, d, cal, subject=subject))) for ck, d, cal in wanted]
        if kind in INSURER_WORKING_DAYS:
            dues.append(
                (
                    ClockKind.INSURER,
                    working_days_deadline(now, INSURER_WORKING_DAYS[kind], OFFICE_HOURS),
                )
            )
        rows = []
        for ck, due in dues:
            row = SlaClock(
                crisis_id=c.id,
                incident_id=incident.id,
                kind=ck.value,
                subject=subject,
                started_at=now,
                due_at=due,
            )
            s.add(row)
            rows.append(row)
        changes = [
            Change(
                f"incident.{kind}_reported",
                "incident",
                str(incident.id),
                None,
                {
                    "crisis": crisis,
                    "declarant": declarant,
                    "channel": channel.value,
                    "severity": severity,
                    "description": description,
                    "assets": list(asset_tags),
                    "personal_data": personal_data,
                    "clocks": {r.kind: r.due_at.isoformat() for r in rows},
                },
            )
        ]
        steps: list[LossStep] = []
        if kind in ("loss", "theft"):
            changes += _mark_missing(
                s, asset_tags, AssetState.STOLEN if kind == "theft" else AssetState.LOST, subject
            )
            opened = open_steps(s, incident.id, repo.assets_by_tags(s, list(asset_tags)))
            steps = [LossStep(incident.id, r.asset_tag, r.step, "", None, "") for r in opened]
            if steps:
                changes[0].after["steps"] = [f"{x.tag} {x.step}" for x in steps]
        record(s, operator, changes)
        s.flush()
        clocks = tuple(_clock_view(s, r, now) for r in rows)
        return IncidentView(incident.id, kind, clocks, tuple(steps))


def _mark_missing(s: Session, tags: Sequence[str], target: AssetState, reason: str) -> list[Change]:
    found = repo.assets_by_tags(s, list(tags), for_update=True)
    unknown = sorted(set(tags) - {a.tag for a in found})
    if unknown:
        raise NotFoundError(
            Message("error.incident.unknown_tags", {"tags": ", ".join(unknown)}, len(unknown))
        )
    return move_assets(s, found, target, reason)


def _calendar(a: Agreement) -> Calendar:
    if not a.support_hours.strip():
        return ROUND_THE_CLOCK
    try:
        return SupportHours.parse(a.support_hours)
    except ValueError as exc:
        raise ValidationError(
            msg("error.agreement.support_hours", reference=a.reference, error=exc),
            where="support_hours",
        ) from None


def _agreement_and_loan(
    s: Session, c: Crisis, loan: str | None = None
) -> tuple[Agreement, int | None]:
    assert c.id is not None
    named = repo.loan(s, loan) if loan is not None else None
    if named is not None:
        agreement = s.get(Agreement, named.agreement_id)
        assert agreement is not None
        return agreement, named.id
    loans = repo.loans_of(s, c.id)
    at_town = [ln for ln in loans if LoanState(ln.state) in AT_BORROWER]
    if at_town:
        ln = at_town[-1]
        agreement = s.get(Agreement, ln.agreement_id)
        assert agreement is not None
        return agreement, ln.id
    agreement = repo.agreement_of(s, c.organisation_id)
    if agreement is None:
        raise ValidationError(msg("error.crisis.no_agreement", crisis=c.reference), where="crisis")
    return agreement, None


def _clock_view(s: Session, c: SlaClock, now: datetime) -> ClockView:
    crisis = s.get(Crisis, c.crisis_id)
    if c.stopped_at is not None:
        status = "met" if c.stopped_at <= c.due_at else "missed"
    elif now > c.due_at:
        status = "overdue"
    elif c.due_at - now <= DUE_SOON:
        status = "due_soon"
    else:
        status = "running"
    assert c.id is not None
    return ClockView(
        id=c.id,
        crisis=crisis.reference if crisis else "",
        kind=c.kind,
        subject=c.subject,
        started_at=c.started_at,
        due_at=c.due_at,
        stopped_at=c.stopped_at,
        status=status,
        notify=_dpo(s, crisis) if crisis and c.kind == ClockKind.DATA_BREACH.value else "",
    )


def clock_agreement(s: Session, clock: SlaClock) -> Agreement | None:
    """The agreement a clock runs under: its incident's loan's, else its crisis's (None when
    the crisis has no agreement)."""
    incident = s.get(Incident, clock.incident_id) if clock.incident_id is not None else None
    crisis = s.get(Crisis, clock.crisis_id)
    if crisis is None:
        return None
    loan = None
    if incident is not None and incident.loan_id is not None:
        ln = s.get(Loan, incident.loan_id)
        loan = ln.reference if ln is not None else None
    try:
        return _agreement_and_loan(s, crisis, loan)[0]
    except ValidationError:
        return None


def clock_calendar(a: Agreement | None, kind: str) -> Calendar:
    """The calendar a clock's time is counted in: the agreement's support hours for the
    intervention clock, round the clock for the others (or when the hours do not read)."""
    if a is None or kind != ClockKind.INTERVENTION.value:
        return ROUND_THE_CLOCK
    try:
        return _calendar(a)
    except ValidationError:
        return ROUND_THE_CLOCK


def _dpo(s: Session, c: Crisis) -> str:
    """The borrower's DPO, to notify of a personal-data breach (seed 000 art. 4-3)."""
    try:
        agreement, _ = _agreement_and_loan(s, c)
    except ValidationError:
        return ""
    return str(contacts_of(agreement).dpo)
