"""``crisis crisis|loan|incident|clocks|dashboard``: the lifecycle of a loan, step by step."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated

import typer

from crisis.commands import clock_alerts
from crisis.commands.agreements import return_line
from crisis.commands.common import (
    echo_safe,
    print_json,
    print_table,
    reported,
    workspace,
)
from crisis.commands.glance_lines import kit_lines
from crisis.commands.help_words import translate_help
from crisis.domain.assets import Condition
from crisis.domain.label_sheets import is_kit_code
from crisis.domain.loans import LoanState
from crisis.domain.paris_time import PARIS
from crisis.domain.restitution import ReturnReport
from crisis.errors import CrisisError, describe
from crisis.i18n import Joined, default_language, t, tn
from crisis.l10n import format_date, format_datetime
from crisis.services import glance, incidents, loans, loss_steps
from crisis.services.clock_alert_views import failed_message
from crisis.services.incidents import Channel, ClockView, Severity
from crisis.services.loans import LoanView
from crisis.services.loss_steps import LossStep

crisis_app = typer.Typer(help="Crisis records (a town under attack).", no_args_is_help=True)
loan_app = typer.Typer(help="Loans: assemble, hand over, take back.", no_args_is_help=True)
incident_app = typer.Typer(help="Breakdowns, losses and thefts.", no_args_is_help=True)
clocks_app = typer.Typer(help="SLA clocks.", invoke_without_command=True)


@crisis_app.command("declare")
def declare(
    ctx: typer.Context,
    town: Annotated[str, typer.Argument(help="Town name or INSEE code.")],
    reference: Annotated[str, typer.Argument(help="Incident reference.")],
    declarant: Annotated[str, typer.Option(help="Who reports the attack.")],
    description: str = "",
) -> None:
    """Open a crisis record."""
    with reported():
        loans.declare_crisis(workspace(ctx), town, reference, declarant, description)
    echo_safe(t("cli.crisis.declared", default_language(), crisis=reference))


@crisis_app.command("log")
def log(ctx: typer.Context, reference: str, text: str) -> None:
    """Add a line to the crisis log (main courante)."""
    with reported():
        seq = incidents.log_entry(workspace(ctx), reference, text)
    echo_safe(t("cli.crisis.logged", default_language(), seq=seq))


@crisis_app.command("log-show")
def log_show(
    ctx: typer.Context,
    reference: Annotated[str, typer.Argument(help="Crisis reference.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Read the crisis log (main courante), oldest line first, times in Paris time."""
    with reported():
        entries = incidents.crisis_log(workspace(ctx), reference)
    if as_json:
        print_json(
            [
                {
                    "at": e.at.isoformat(),
                    "at_paris": e.at.astimezone(PARIS).isoformat(),
                    "operator": e.operator,
                    "text": e.text,
                    "journal_seq": e.journal_seq,
                }
                for e in entries
            ]
        )
        return
    lang = default_language()
    if not entries:
        echo_safe(t("cli.log.empty", lang, crisis=reference))
        return
    print_table(
        [t(f"cli.log.col.{c}", lang) for c in ("at", "operator", "event", "text")],
        [[_paris(e.at, zone=False), e.operator, f"#{e.journal_seq}", e.text] for e in entries],
    )


def _paris(moment: datetime, *, zone: bool = True) -> str:
    return format_datetime(moment, default_language(), seconds=True, zone=zone)


def _show_loan(v: LoanView) -> None:
    lang = default_language()
    echo_safe(
        t("cli.loan.line", lang, reference=v.reference, state=v.state, crisis=v.crisis,
          agreement=v.agreement, borrower=v.borrower)
    )  # fmt: skip
    echo_safe(
        t("cli.loan.items", lang, items=len(v.items),
          accepted=", ".join(v.acceptance_signed_by) or "—",
          inventoried=", ".join(v.inventory_signed_by) or "—")
    )  # fmt: skip


@loan_app.command("list")
def list_(
    ctx: typer.Context,
    state: Annotated[
        list[LoanState] | None, typer.Option(help="Only these states (repeat).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Loans, by borrower."""
    with reported():
        views = loans.list_loans(workspace(ctx), state or ())
    if as_json:
        print_json(
            [{"reference": v.reference, "borrower": v.borrower, "state": v.state.value,
              "crisis": v.crisis, "items": len(v.items)} for v in views]
        )  # fmt: skip
        return
    lang = default_language()
    print_table(
        [t(f"cli.loan.col.{c}", lang) for c in ("loan", "borrower", "state", "crisis", "items")],
        [[v.reference, v.borrower, v.state.value, v.crisis, str(len(v.items))] for v in views],
    )


@loan_app.command("templates")
def templates(ctx: typer.Context) -> None:
    """Kit templates and their lines."""
    with reported():
        views = loans.list_templates(workspace(ctx))
    lang = default_language()
    for tpl in views:
        echo_safe(
            t("cli.loan.template", lang, name=tpl.name, lines=Joined(tpl.lines, ", "),
              mailboxes=tpl.mailboxes)
        )  # fmt: skip


@loan_app.command("open")
def open_(ctx: typer.Context, crisis: str, agreement: str, template: str) -> None:
    """Open a loan (refused when the agreement is not in force, with the reason)."""
    with reported():
        _show_loan(loans.open_loan(workspace(ctx), crisis, agreement, template))


@loan_app.command()
def assemble(ctx: typer.Context, loan: str) -> None:
    """Bind the kit template to ready stock and reserve it."""
    with reported():
        _show_loan(loans.assemble(workspace(ctx), loan))


@loan_app.command("substitute")
def substitute_(
    ctx: typer.Context,
    loan: str,
    old: str,
    new: str,
    reason: Annotated[str, typer.Option(help="Why (kept in the journal).")] = "",
) -> None:
    """Replace one asset of the kit by another ready one of the same category."""
    with reported():
        _show_loan(loans.substitute(workspace(ctx), loan, old, new, reason))


@loan_app.command()
def provision(ctx: typer.Context, loan: str) -> None:
    """Start provisioning the kit."""
    with reported():
        _show_loan(loans.start_provisioning(workspace(ctx), loan))


@loan_app.command()
def accept(ctx: typer.Context, loan: str) -> None:
    """Acceptance tests passed and signed by both parties."""
    with reported():
        _show_loan(loans.accept(workspace(ctx), loan))


@loan_app.command()
def handover(ctx: typer.Context, loan: str) -> None:
    """Hand the kit over (both joint documents signed)."""
    with reported():
        _show_loan(loans.hand_over(workspace(ctx), loan))


@loan_app.command()
def activate(ctx: typer.Context, loan: str) -> None:
    """The town uses the kit."""
    with reported():
        _show_loan(loans.activate(workspace(ctx), loan))


def _print_report(r: ReturnReport) -> None:
    lang = default_language()
    echo_safe(
        t("cli.return.summary", lang, returned=len(r.returned), damaged=len(r.damaged),
          missing=len(r.missing), substituted=len(r.substituted), unexpected=len(r.unexpected))
    )  # fmt: skip
    for label, tags in (
        ("missing", [m.tag for m in r.missing]),
        ("damaged", [d.item.tag for d in r.damaged]),
        ("unexpected", [u.tag for u in r.unexpected]),
    ):
        if tags:
            echo_safe(t(f"cli.return.{label}", lang, tags=", ".join(tags)))


@loan_app.command()
def scan(
    ctx: typer.Context,
    loan: str,
    tags: Annotated[
        list[str] | None, typer.Argument(help="Tags; none: read one per line (scanner).")
    ] = None,
    condition: Condition = Condition.GOOD,
    unexpected: Annotated[
        bool,
        typer.Option(
            "--unexpected",
            help="Confirm: devices of ours this loan did not lend came back with it "
            "(recorded as unexpected, quarantined).",
        ),
    ] = False,
) -> None:
    """Check items back in; with no tags, reads them from standard input as a scanner types.

    An unknown tag is refused at once (the others go on); a device of ours the loan did not
    lend needs --unexpected (or a yes when asked at a terminal).
    """
    ws = workspace(ctx)
    lang = default_language()
    source = tags if tags else (line.strip() for line in sys.stdin)
    ask = bool(tags) and sys.stdin.isatty()  # a scanner on stdin cannot answer
    report: ReturnReport | None = None
    refused = 0
    for tag in source:
        if not tag:
            continue
        try:
            try:
                report = loans.scan_return(ws, loan, tag, condition, confirm_unexpected=unexpected)
            except loans.UnexpectedItemError:
                if not (ask and typer.confirm(t("cli.return.confirm_unexpected", lang, tag=tag))):
                    raise
                report = loans.scan_return(ws, loan, tag, condition, confirm_unexpected=True)
        except CrisisError as exc:
            refused += 1
            where = t("error.where", lang, where=tag, error=describe(exc, lang))
            echo_safe(t("error.line", lang, error=where), err=True)
            continue
        if is_kit_code(loan, tag):  # the kit's own QR code: the loan, not an item
            echo_safe(t("labels.kit_scanned", lang, code=tag, loan=loan))
        else:
            echo_safe(t("cli.return.scanned", lang, tag=tag))
    if report is not None:
        _print_report(report)
    if refused:
        raise typer.Exit(1)


@loan_app.command("withdraw-scan")
def withdraw_scan(
    ctx: typer.Context,
    loan: str,
    tag: str,
    reason: Annotated[str, typer.Option(help="Why (kept in the journal).")] = "",
) -> None:
    """Withdraw the latest scan of a tag (until the return report is issued)."""
    with reported():
        r = loans.withdraw_scan(workspace(ctx), loan, tag, reason)
    echo_safe(t("cli.return.withdrawn", default_language(), tag=tag))
    _print_report(r)


@loan_app.command("declare-missing")
def declare_missing(
    ctx: typer.Context,
    loan: str,
    tags: Annotated[
        list[str] | None, typer.Argument(help="Items (default: every item still out).")
    ] = None,
    declarant: Annotated[str, typer.Option(help="Who declares (name, position).")] = "",
    theft: Annotated[bool, typer.Option(help="Stolen rather than lost.")] = False,
    description: Annotated[str, typer.Option(help="What happened.")] = "",
    personal_data: Annotated[bool, typer.Option(help="Personal data may be exposed.")] = False,
    channel: Channel = Channel.LETTER,
) -> None:
    """Declare lost or stolen the items a loan did not bring back: the 24 h clock starts."""
    with reported():
        inc = incidents.declare_missing(
            workspace(ctx), loan, theft=theft, declarant=declarant, channel=channel,
            description=description, asset_tags=tags or (), personal_data=personal_data,
        )  # fmt: skip
    if inc is None:
        echo_safe(t("cli.return.nothing_missing", default_language(), loan=loan))
        return
    echo_safe(t("cli.incident.recorded", default_language(), id=inc.id))
    _print_clocks(inc.clocks, False)


@loan_app.command()
def report(ctx: typer.Context, loan: str) -> None:
    """The return computed against the handover snapshot."""
    with reported():
        _print_report(loans.return_report(workspace(ctx), loan))


@loan_app.command("finish-return")
def finish_return(ctx: typer.Context, loan: str) -> None:
    """Returns are over: devices go to sanitisation."""
    with reported():
        _show_loan(loans.finish_return(workspace(ctx), loan))


@loan_app.command()
def close(
    ctx: typer.Context,
    loan: str,
    resolve: Annotated[
        str,
        typer.Option(help="Close the loan's open incidents and clocks with this reason."),
    ] = "",
) -> None:
    """Close the loan: every item returned or declared lost or stolen, every returned
    device sanitised (or on forensic hold), no incident or clock left open."""
    with reported():
        _show_loan(loans.close(workspace(ctx), loan, resolve))


@loan_app.command()
def show(
    ctx: typer.Context, loan: str, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """A loan and its items."""
    with reported():
        v = loans.get_loan(workspace(ctx), loan)
    if as_json:
        print_json(
            {
                "reference": v.reference,
                "state": v.state.value,
                "crisis": v.crisis,
                "agreement": v.agreement,
                "borrower": v.borrower,
                "items": list(v.items),
                "acceptance_signed_by": list(v.acceptance_signed_by),
                "inventory_signed_by": list(v.inventory_signed_by),
            }
        )
    else:
        _show_loan(v)
        echo_safe("  " + " ".join(v.items))


def _notify(c: ClockView, lang: str) -> str:
    if c.kind != "data_breach":
        return ""
    if not c.notify:
        return " — " + t("agreements.clock.no_dpo", lang)
    return " — " + t("agreements.clock.notify_dpo", lang, dpo=c.notify)


def _print_clocks(clocks: list[ClockView] | tuple[ClockView, ...], as_json: bool) -> None:
    if as_json:
        print_json(
            [
                {
                    "id": c.id,
                    "crisis": c.crisis,
                    "kind": c.kind,
                    "subject": c.subject,
                    "started_at": c.started_at.isoformat(),
                    "due_at": c.due_at.isoformat(),
                    "stopped_at": c.stopped_at.isoformat() if c.stopped_at else None,
                    "status": c.status,
                    "notify": c.notify,
                }
                for c in clocks
            ]
        )
        return
    lang = default_language()
    print_table(
        [t(f"cli.clocks.col.{c}", lang) for c in ("id", "status", "kind", "due", "subject")],
        [
            [str(c.id), t(f"clock.{c.status}", lang), t(f"clockkind.{c.kind}", lang),
             _paris(c.due_at), c.subject + _notify(c, lang)]
            for c in clocks
        ],
    )  # fmt: skip


@incident_app.command()
def breakdown(
    ctx: typer.Context,
    crisis: str,
    declarant: Annotated[str, typer.Option(help="Who reports (name, position).")],
    description: Annotated[str, typer.Option(help="Nature of the breakdown.")],
    channel: Channel = Channel.TICKET,
    severity: Severity = Severity.MAJOR,
    asset: Annotated[list[str] | None, typer.Option(help="Equipment concerned (repeat).")] = None,
) -> None:
    """Report a breakdown: the intervention clock starts."""
    with reported():
        inc = incidents.report_breakdown(
            workspace(ctx), crisis, declarant=declarant, channel=channel, severity=severity,
            description=description, asset_tags=asset or [],
        )  # fmt: skip
    echo_safe(t("cli.incident.recorded", default_language(), id=inc.id))
    _print_clocks(inc.clocks, False)


@incident_app.command()
def loss(
    ctx: typer.Context,
    crisis: str,
    declarant: Annotated[str, typer.Option(help="Who reports (name, position).")],
    description: Annotated[str, typer.Option(help="What happened.")],
    asset: Annotated[list[str], typer.Option(help="Equipment lost or stolen (repeat).")],
    theft: Annotated[bool, typer.Option(help="Stolen rather than lost.")] = False,
    personal_data: Annotated[bool, typer.Option(help="Personal data may be exposed.")] = False,
    channel: Channel = Channel.TICKET,
) -> None:
    """Report a loss or theft: declaration, insurer and (personal data) 72 h clocks start."""
    with reported():
        inc = incidents.report_loss(
            workspace(ctx), crisis, theft=theft, declarant=declarant, channel=channel,
            description=description, asset_tags=asset, personal_data=personal_data,
        )  # fmt: skip
    echo_safe(t("cli.incident.recorded", default_language(), id=inc.id))
    _print_clocks(inc.clocks, False)
    _print_steps(inc.steps)


def _print_steps(steps: Sequence[LossStep]) -> None:
    """Each step a lost or stolen phone asks for: done (who, when) or still to do."""
    lang = default_language()
    for x in steps:
        step = t(f"loss.step.{x.step}", lang)
        if x.done_at is None:
            echo_safe(t("loss.step.todo", lang, tag=x.tag, step=step, incident=x.incident,
                         code=x.step))  # fmt: skip
        else:
            echo_safe(t("loss.step.done", lang, tag=x.tag, step=step, by=x.done_by,
                         at=_paris(x.done_at), note=x.note))  # fmt: skip


@incident_app.command()
def step(
    ctx: typer.Context,
    incident: int,
    tag: str,
    what: Annotated[str, typer.Argument(help="line_suspension or remote_wipe.")],
    note: Annotated[str, typer.Option(help="The carrier's reference, the wipe's proof.")] = "",
) -> None:
    """Record a step of a lost or stolen phone as done by you, now; lists every step."""
    with reported():
        loss_steps.record_step(workspace(ctx), incident, tag, what, note)
        steps = loss_steps.steps_of(workspace(ctx), incident)
    _print_steps(steps)


@clocks_app.callback()
def clocks(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Stopped clocks too.")] = False,
) -> None:
    """SLA clocks, most urgent first."""
    if ctx.invoked_subcommand is not None:
        return
    with reported():
        board = incidents.clock_board(workspace(ctx), include_stopped=all_)
    _print_clocks(board, as_json)


@clocks_app.command()
def stop(ctx: typer.Context, clock_id: int) -> None:
    """The obligation was met: stop a clock."""
    with reported():
        c = incidents.stop_clock(workspace(ctx), clock_id)
    lang = default_language()
    echo_safe(t("cli.clocks.stopped", lang, id=c.id, status=t(f"clock.{c.status}", lang)))


def dashboard(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Ready stock and the kits it makes per template, open crises, loans per town with their
    stage, notice deadlines, clocks that need attention (with --json: their time left too)."""
    with reported():
        d = incidents.dashboard(workspace(ctx))
        seen = glance.glance(workspace(ctx))
    if as_json:
        print_json(
            {
                "ready_stock": d.ready_stock,
                "crises": [
                    {"crisis": c.reference, "town": c.town, "loans": c.loans,
                     "declared_at": c.declared_at.isoformat()}
                    for c in d.crises
                ],
                "loans": [{"town": t, "loan": r, "state": s} for t, r, s in d.active_loans],
                "notices": [
                    {"agreement": n.agreement, "town": n.town, "status": n.status,
                     "deadline": n.deadline.isoformat()}
                    for n in d.notices
                ],
                "clocks": [{"id": c.id, "kind": c.kind, "status": c.status} for c in d.clocks],
                "last_backup": None if d.last_backup is None else {
                    "at": d.last_backup.at.isoformat(), "operator": d.last_backup.operator,
                    "file": d.last_backup.file, "sha256": d.last_backup.sha256},
                "insurance_expiring": [
                    {"agreement": p.agreement, "insurer": p.insurer,
                     "policy_number": p.policy_number, "valid_until": p.valid_until.isoformat()}
                    for p in d.insurance_expiring
                ],
                "alerts_failed": [
                    {"clock": a.clock_id, "kind": a.kind, "crisis": a.crisis,
                     "threshold": a.threshold, "role": a.role, "recipient": a.recipient,
                     "error": a.error, "attempts": a.attempts}
                    for a in d.alerts_failed
                ],
                "returns_due": [
                    {"agreement": r.agreement, "town": r.town, "loan": r.loan,
                     "last_day": r.last_day.isoformat()}
                    for r in d.returns_due
                ],
                **seen.to_json(),
            }
        )  # fmt: skip
        return
    lang = default_language()
    stock = ", ".join(f"{t(f'category.{k}', lang)} {v}" for k, v in sorted(d.ready_stock.items()))
    echo_safe(t("cli.dashboard.stock", lang, stock=stock))
    b = d.last_backup
    echo_safe(
        t("backup.last", lang, at=_paris(b.at), operator=b.operator, file=b.file)
        if b else t("backup.never", lang)
    )  # fmt: skip
    for c in d.crises:
        echo_safe(
            tn("cli.dashboard.crisis", c.loans, lang, crisis=c.reference, town=c.town,
              declared=_paris(c.declared_at), loans=c.loans)
        )  # fmt: skip
    for town, ref, state in d.active_loans:
        echo_safe(t("cli.dashboard.loan", lang, town=town, loan=ref, state=state))
    for n in d.notices:
        echo_safe(
            t("cli.dashboard.notice", lang, agreement=n.agreement, town=n.town,
              deadline=format_date(n.deadline, lang), status=t(f"clock.{n.status}", lang))
        )  # fmt: skip
    for p in d.insurance_expiring:
        echo_safe(
            t("agreements.dashboard.insurance", lang, agreement=p.agreement, insurer=p.insurer,
              policy=p.policy_number, valid_until=p.valid_until.strftime("%d/%m/%Y"))
        )  # fmt: skip
    for r in d.returns_due:
        echo_safe(return_line(r, lang))
    for a in d.alerts_failed:
        echo_safe(failed_message(a).render(lang))
    for line in kit_lines(seen, lang):
        echo_safe(line)
    _print_clocks(d.clocks, False)


# The clocks' e-mail alerts: sub-commands of `crisis clocks`, written beside their service.
clocks_app.command("relay")(clock_alerts.relay)
clocks_app.command("watch")(clock_alerts.watch)

translate_help(crisis_app, "crisis")
translate_help(loan_app, "loan")
translate_help(incident_app, "incident")
translate_help(clocks_app, "clocks")
