"""``crisis agreements``: where each agreement stands; notices received."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from crisis.commands.common import (
    echo_safe,
    local_time,
    print_json,
    print_table,
    reported,
    workspace,
)
from crisis.commands.help_words import translate_help
from crisis.domain.loans import Party
from crisis.domain.paris_time import PARIS
from crisis.i18n import default_language, t
from crisis.l10n import format_date
from crisis.services import agreement_contacts, agreements, claims, insurance, representatives
from crisis.services import data_terms as terms_service
from crisis.services.agreement_contacts import ContactRole, Contacts
from crisis.services.agreements import AgreementView, NoticeLetter, ReturnDue
from crisis.services.claims import Answer, ClaimView, Remedy
from crisis.services.insurance import Cover, InsuranceRule, ProofView

app = typer.Typer(help="Agreements (conventions) and their terms.", no_args_is_help=True)


def _day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def _as_json(v: AgreementView) -> dict[str, object]:
    return {
        "reference": v.reference,
        "borrower": v.borrower,
        "status": v.status.value,
        "on": v.on.isoformat(),
        "term_end": _day(v.term_end),
        "next_renewal": _day(v.next_renewal),
        "notice_deadline": _day(v.notice_deadline),
        "last_day": _day(v.last_day),
        "notice_given_on": _day(v.notice_given_on),
    }


@app.command("list")
def list_(
    ctx: typer.Context,
    on: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="As of this day.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Status, current term end, next renewal and notice deadline of every agreement."""
    with reported():
        views = agreements.list_agreements(workspace(ctx), on.date() if on else None)
    if as_json:
        print_json([_as_json(v) for v in views])
        return
    lang = default_language()
    columns = ("reference", "borrower", "status", "term_end", "renewal", "notice_by", "last_day")
    print_table(
        [t(f"cli.agreements.col.{c}", lang) for c in columns],
        [
            [
                v.reference,
                v.borrower,
                t(f"agreementstatus.{v.status.value}", lang),
                _day(v.term_end),
                _day(v.next_renewal),
                _day(v.notice_deadline),
                _day(v.last_day),
            ]
            for v in views
        ],
    )


@app.command()
def notice(
    ctx: typer.Context,
    reference: str,
    received_on: Annotated[datetime, typer.Argument(formats=["%Y-%m-%d"], help="Day received.")],
    letter: Annotated[str, typer.Option(help="The registered letter's reference.")] = "",
    scan: Annotated[Path | None, typer.Option(help="The letter's scan (kept, SHA-256).")] = None,
) -> None:
    """Record a notice letter received: the agreement ends as its terms say."""
    with reported():
        v = agreements.record_notice(
            workspace(ctx), reference, received_on.date(), letter_reference=letter, scan=scan
        )
    lang = default_language()
    status = t(f"agreementstatus.{v.status.value}", lang)
    echo_safe(
        t(
            "cli.agreements.noticed",
            lang,
            reference=v.reference,
            status=status,
            last_day=_day(v.last_day),
        )
    )


@app.command("data-terms")
def data_terms(
    ctx: typer.Context,
    agreement: str,
    article: Annotated[str, typer.Option(help="The clause on the town's data, as cited.")],
    option: Annotated[
        list[str], typer.Option(help="A disposition it allows: returned or destroyed (repeat).")
    ],
    annex: Annotated[
        str, typer.Option(help="Its annex on the fate of the data, if it has one.")
    ] = "",
) -> None:
    """Record what the agreement says of the town's data at the end of a loan."""
    with reported():
        terms = terms_service.set_data_terms(workspace(ctx), agreement, article, option, annex)
    echo_safe(f"{agreement}: {terms.article} ({', '.join(terms.options)}) {terms.annex}".rstrip())


insurance_app = typer.Typer(help="Insurance proofs (art. 4.1).", no_args_is_help=True)
app.add_typer(insurance_app, name="insurance")

_DAY = ["%Y-%m-%d"]


def _covers(covers: tuple[Cover, ...], lang: str) -> str:
    return ", ".join(t(f"agreements.cover.{c.value}", lang) for c in covers)


def _proof_json(p: ProofView) -> dict[str, object]:
    return {
        "id": p.id,
        "insurer": p.insurer,
        "policy_number": p.policy_number,
        "covers": [c.value for c in p.covers],
        "valid_from": p.valid_from.isoformat(),
        "valid_until": p.valid_until.isoformat(),
        "file_name": p.file_name,
        "file_sha256": p.file_sha256,
        "file_intact": p.file_intact,
        "recorded_by": p.recorded_by,
        "recorded_at": p.recorded_at.isoformat(),
    }


def _intact(intact: bool | None, lang: str) -> str:
    if intact is None:
        return ""
    return t("agreements.file." + ("intact" if intact else "altered"), lang)


def _contacts_json(contacts: Contacts | None) -> dict[str, dict[str, str]]:
    if contacts is None:
        return {}
    return {
        role.value: {"name": c.name, "email": c.email}
        for role in ContactRole
        if (c := getattr(contacts, role.value))
    }


def _letter_json(n: NoticeLetter | None) -> dict[str, object] | None:
    if n is None:
        return None
    return {
        "received_on": n.received_on.isoformat(),
        "reference": n.reference,
        "scan_name": n.scan_name,
        "scan_sha256": n.scan_sha256,
        "scan_intact": n.scan_intact,
    }


def return_line(r: ReturnDue, lang: str) -> str:
    """An open loan that must come back by the agreement's last day."""
    return t(
        "agreements.returns_due", lang, loan=r.loan, town=r.town, state=r.state,
        agreement=r.agreement, last_day=_fr(r.last_day),
    )  # fmt: skip


def proof_line(p: ProofView, lang: str) -> str:
    """One insurance proof, on one line."""
    intact = _intact(p.file_intact, lang)
    return t(
        "agreements.insurance.line", lang, insurer=p.insurer, policy=p.policy_number,
        covers=_covers(p.covers, lang), valid_from=_fr(p.valid_from),
        valid_until=_fr(p.valid_until), file=p.file_name, sha256=p.file_sha256, intact=intact,
    )  # fmt: skip


def _fr(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


@app.command()
def show(
    ctx: typer.Context,
    reference: str,
    on: Annotated[datetime | None, typer.Option(formats=_DAY, help="As of this day.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """An agreement: its dates and what it asks of the parties (insurance proofs)."""
    with reported():
        d = agreements.show(workspace(ctx), reference, on.date() if on else None)
    v = d.view
    if as_json:
        print_json(
            {
                **_as_json(v),
                "insurance_rule": d.insurance_rule.value,
                "insurance_proofs": [_proof_json(p) for p in d.proofs],
                "missing_covers": [c.value for c in d.missing_covers],
                "notice_letter": _letter_json(d.notice),
                "contacts": _contacts_json(d.contacts),
                "returns_due": [
                    {"loan": r.loan, "state": r.state, "last_day": r.last_day.isoformat()}
                    for r in d.returns_due
                ],
            }
        )
        return
    lang = default_language()
    echo_safe(
        t("agreements.show.header", lang, reference=v.reference, borrower=v.borrower,
          status=t(f"agreements.status.{v.status.value}", lang), on=_fr(v.on))
    )  # fmt: skip
    echo_safe(
        t("agreements.show.dates", lang, term_end=_fr(v.term_end),
          notice_by=_fr(v.notice_deadline), last_day=_fr(v.last_day))
    )  # fmt: skip
    echo_safe(t(f"agreements.rule.{d.insurance_rule.value}", lang))
    for p in d.proofs:
        echo_safe(proof_line(p, lang))
    if not d.proofs:
        echo_safe(t("agreements.insurance.none", lang))
    if d.missing_covers:
        echo_safe(t("agreements.insurance.missing", lang, covers=_covers(d.missing_covers, lang)))
    if d.notice is not None:
        n = d.notice
        echo_safe(
            t("agreements.notice.letter", lang, received_on=_fr(n.received_on),
              reference=n.reference or "—", scan=n.scan_name or "—",
              sha256=n.scan_sha256 or "—", intact=_intact(n.scan_intact, lang))
        )  # fmt: skip
    for r in d.returns_due:
        echo_safe(return_line(r, lang))
    if d.contacts is not None:
        for role in ContactRole:
            shown = str(getattr(d.contacts, role.value)) or t("agreements.contact.none", lang)
            role_name = t(f"agreements.contact.{role.value}", lang)
            echo_safe(t("agreements.contact.line", lang, role=role_name, contact=shown))


@insurance_app.command("add")
def insurance_add(
    ctx: typer.Context,
    reference: str,
    file: Annotated[Path, typer.Argument(help="The contract, cover note or certificate.")],
    insurer: Annotated[str, typer.Option(help="The insurance company.")],
    policy: Annotated[str, typer.Option(help="The policy number.")],
    valid_from: Annotated[datetime, typer.Option("--from", formats=_DAY, help="First day.")],
    valid_until: Annotated[datetime, typer.Option("--until", formats=_DAY, help="Last day.")],
    cover: Annotated[list[Cover], typer.Option(help="A cover it attests (repeat).")],
) -> None:
    """Record an insurance proof: the file is kept with its SHA-256."""
    with reported():
        p = insurance.add_proof(
            workspace(ctx), reference, file=file, insurer=insurer, policy_number=policy,
            covers=cover, valid_from=valid_from.date(), valid_until=valid_until.date(),
        )  # fmt: skip
    echo_safe(
        t("agreements.insurance.recorded", default_language(), id=p.id, agreement=p.agreement,
          valid_until=_fr(p.valid_until), sha256=p.file_sha256)
    )  # fmt: skip


@insurance_app.command("rule")
def insurance_rule(ctx: typer.Context, reference: str, rule: InsuranceRule) -> None:
    """Without a valid proof, refuse a loan or open it with a journaled warning."""
    with reported():
        insurance.set_rule(workspace(ctx), reference, rule)
    lang = default_language()
    echo_safe(
        t("agreements.insurance.rule_set", lang, agreement=reference,
          rule=t(f"agreements.rule.{rule.value}", lang))
    )  # fmt: skip


@app.command()
def contact(
    ctx: typer.Context,
    reference: str,
    role: Annotated[ContactRole, typer.Argument(help="Whose contact.")],
    name: Annotated[str, typer.Argument(help="Name and position.")],
    email: Annotated[str, typer.Option(help="E-mail address.")] = "",
) -> None:
    """Name a party's correspondent or the borrower's DPO."""
    with reported():
        c = agreement_contacts.set_contact(workspace(ctx), reference, role, name, email)
    lang = default_language()
    echo_safe(
        t("agreements.contact.set", lang, agreement=reference,
          role=t(f"agreements.contact.{role.value}", lang), contact=str(c))
    )  # fmt: skip


claim_app = typer.Typer(help="Insurance claims after loss, theft or damage.", no_args_is_help=True)
app.add_typer(claim_app, name="claim")


def _claim_line(c: ClaimView, lang: str) -> str:
    line = t(
        "agreements.claim.line", lang, incident=c.incident, reference=c.insurer_reference,
        declared=local_time(c.declared_at), answer=t(f"agreements.claim.{c.answer.value}", lang),
        answered_on=_fr(c.answered_on),
    )  # fmt: skip
    if c.remedy is not None and c.checked_at is not None:
        line += " — " + t(
            f"agreements.claim.{c.remedy.value}", lang, asset=c.remedy_asset_tag,
            checked_by=c.checked_by, checked_at=local_time(c.checked_at),
        )  # fmt: skip
    return line


@claim_app.command("declare")
def claim_declare(
    ctx: typer.Context,
    incident: int,
    reference: Annotated[str, typer.Option(help="The insurer's claim reference.")],
    at: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%dT%H:%M"], help="When declared (Paris time; default now)."),
    ] = None,
) -> None:
    """The borrower declared the incident to its insurer: the insurer clock stops."""
    when = at.replace(tzinfo=PARIS) if at is not None else None
    with reported():
        c = claims.declare(workspace(ctx), incident, reference, when)
    echo_safe(_claim_line(c, default_language()))


@claim_app.command("answer")
def claim_answer(
    ctx: typer.Context,
    incident: int,
    result: Annotated[Answer, typer.Argument(help="accepted or refused.")],
    on: Annotated[datetime, typer.Option(formats=_DAY, help="Day of the answer.")],
) -> None:
    """The insurer answered the claim."""
    with reported():
        c = claims.answer(workspace(ctx), incident, result, on.date())
    echo_safe(_claim_line(c, default_language()))


@claim_app.command("remedy")
def claim_remedy(
    ctx: typer.Context,
    incident: int,
    kind: Annotated[Remedy, typer.Argument(help="replacement or repair.")],
    asset: Annotated[str, typer.Argument(help="The replacement device, or the one repaired.")],
    checked_by: Annotated[str, typer.Option(help="The lender's agent who checked it.")],
) -> None:
    """After a refusal: the borrower replaced or repaired, under the lender's control."""
    with reported():
        c = claims.remedy(workspace(ctx), incident, kind, asset, checked_by)
    echo_safe(_claim_line(c, default_language()))


@claim_app.command("show")
def claim_show(ctx: typer.Context, incident: int) -> None:
    """The claim made for an incident."""
    with reported():
        c = claims.claim_of(workspace(ctx), incident)
    lang = default_language()
    echo_safe(_claim_line(c, lang) if c else t("agreements.claim.none", lang, incident=incident))


@app.command()
def representative(
    ctx: typer.Context,
    agreement: str,
    party: Annotated[Party, typer.Option(help="lender or borrower.")],
    name: Annotated[str, typer.Option(help="Who signs for the party.")],
    position: Annotated[str, typer.Option(help="Their position (Maire, Présidente…).")],
    act: Annotated[str, typer.Option(help="The act authorising them (délibération n° …).")],
    date_: Annotated[str, typer.Option("--date", help="The act's date, YYYY-MM-DD.")],
) -> None:
    """Record who represents a party under the agreement, and the act that authorises them
    (printed on every joint document: "dûment habilité(e) par … du …")."""
    with reported():
        r = representatives.set_representative(
            workspace(ctx), agreement, party, name, position, act, date_
        )
    lang = default_language()
    echo_safe(
        t("signatures.representative.set", lang, organisation=r.organisation, name=r.name,
          position=r.position, act=r.act,
          date=format_date(r.act_date, lang) if r.act_date else "—")
    )  # fmt: skip


@app.command()
def deliberation(
    ctx: typer.Context,
    agreement: str,
    date_: Annotated[str, typer.Option("--date", help="The deliberation's date, YYYY-MM-DD.")],
) -> None:
    """Record the date of the deliberation that approved the agreement (its reference is the
    deliberation's number); the joint documents show it as such."""
    with reported():
        day = representatives.set_deliberation_date(workspace(ctx), agreement, date_)
    lang = default_language()
    echo_safe(
        t("signatures.deliberation.set", lang, reference=agreement, date=format_date(day, lang))
    )


translate_help(app, "agreements")
translate_help(insurance_app, "agreements.insurance")
translate_help(claim_app, "agreements.claim")
