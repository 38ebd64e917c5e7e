"""Joint documents: gather a loan's facts, store the canonical snapshot, sign it, render it."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, func, select

from crisis.config import data_dir, tsa_ca_file, tsa_url
from crisis.domain.acceptance_results import (
    CONTRADICTION_ACTION,
    LAPTOP_PLAYBOOK,
    MAILBOX_ACTION,
    PHONE_PROFILE_ACTION,
    PHONE_RESET_ACTION,
    SWITCH_ACTIONS,
    KitRecords,
    LaptopRunRecord,
    MailboxCheckRecord,
    PhoneRecord,
    RecordRef,
    SwitchRecord,
    automated_tests,
    contradiction_of,
)
from crisis.domain.assets import Category
from crisis.domain.documents import (
    LOAN_DOCUMENTS,
    AcceptanceTest,
    DocumentError,
    DocumentKind,
    Header,
    InventoryLine,
    MailboxDisposition,
    PartyInfo,
    Representative,
    Reservations,
    RowReservation,
    SanitisationFacts,
    acceptance_sheet,
    canonical_bytes,
    data_disposition_certificate,
    euro_amount,
    joint_inventory,
    parse_passed,
    return_report,
    row_label,
    row_test,
    sanitisation_certificate,
    signature_message,
    snapshot_hash,
)
from crisis.domain.free_text import TEXT_MAX, checked_name, checked_text
from crisis.domain.loans import LoanState, Party
from crisis.domain.restitution import ReturnReport
from crisis.errors import ConfigurationError, NotFoundError, ValidationError
from crisis.i18n import Joined, Message, msg
from crisis.i18n import doc_label as label
from crisis.services import holds as holds_service
from crisis.services import loans as loans_service
from crisis.services.data_terms import loan_terms
from crisis.services.journaling import Change, record, recorded_head, utc_stamp
from crisis.services.workspace import Workspace
from inventory.repo import journal as journal_repo
from inventory.repo import loan_documents as loans_repo_docs
from inventory.repo import loans as loans_repo
from inventory.repo import runs as runs_repo

if TYPE_CHECKING:
    from crisis.adapters.pades import (
        LocalAuthority,
        SignerIdentity,
        TimestampAuthority,
        TokenKey,
    )
from inventory.tables import (
    Agreement,
    Asset,
    AssetModel,
    Crisis,
    Document,
    DocumentSignature,
    JournalEvent,
    KitTemplate,
    Loan,
    Organisation,
    Person,
    PlaybookRun,
)


@dataclass(frozen=True, slots=True)
class SignatureView:
    """One party's Ed25519 signature over a document's hash."""

    party: str
    signer: str
    public_key: str
    signature: str
    journal_seq: int
    signed_at: datetime
    #: "ed25519" (the lender operator's key), "pades" (the town's own certificate, in the
    #: PDF) or "handwritten" (on paper; `scan_sha256` is the scan's hash).
    method: str = "ed25519"
    certificate_subject: str = ""
    certificate_issuer: str = ""
    certificate_sha256: str = ""
    scan_name: str = ""
    scan_sha256: str = ""

    @property
    def handwritten(self) -> bool:
        """Signed by hand on the printed document (its scan attached)."""
        return self.method == "handwritten"


@dataclass(frozen=True, slots=True)
class DocumentView:
    """A stored document: its snapshot bytes exactly as hashed, and its signatures."""

    reference: str
    kind: DocumentKind
    loan: str
    snapshot: bytes
    sha256: str
    journal_size: int
    journal_head: str
    created_at: datetime
    signatures: tuple[SignatureView, ...]
    signed_pdf: bytes | None

    @property
    def data(self) -> dict[str, Any]:
        """The snapshot, parsed."""
        value: dict[str, Any] = json.loads(self.snapshot)
        return value


# --- issuing -------------------------------------------------------------------------------

#: The journal action of a loan opened without a valid insurance proof (art. 4.1).
INSURANCE_MISSING_ACTION = "loan.insurance_missing"
#: When a loan's joint inventory may be issued: it has a kit, not yet handed over.
INVENTORY_STATES = frozenset({LoanState.RESERVED, LoanState.PROVISIONING, LoanState.ACCEPTED})


def issue_inventory(
    ws: Workspace, loan: str, place: str = "", reservations: Reservations | None = None
) -> DocumentView:
    """The joint inventory of a loan's kit as it stands now (before the handover).

    Raises:
        ValidationError: the loan has no kit yet, or was handed over (or cancelled): the
            inventory both parties signed is the one the kit was handed over against.
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan)
        state = LoanState(ln.state)
        if state not in INVENTORY_STATES:
            raise ValidationError(
                msg("error.document.inventory_when", loan=loan, state=msg(f"loanstate.{state}")),
                where="loan",
            )
        header = _header(s, ln, DocumentKind.INVENTORY, place)
        assets = _loan_assets(s, ln)
        models = {m.id: m for m in s.scalars(select(AssetModel)).all()}
        owners = {o.id: o.name for o in s.scalars(select(Organisation)).all()}
        lines = [_inventory_line(a, models, owners, header.lender.name) for a in assets]
        snapshot = joint_inventory(header, lines, reservations or Reservations())
        warnings = _loan_warnings(s, ln)
        if warnings:  # codes: the page words them in its own language
            snapshot["warnings"] = warnings
        sheet = loans_repo_docs.latest_document(s, loan, DocumentKind.ACCEPTANCE.value)
        if sheet is not None:  # the gaps the borrower accepted go with the kit it receives
            accepted = json.loads(sheet.snapshot)
            snapshot["acceptance"] = {
                "reference": sheet.reference,
                "sha256": sheet.sha256,
                "row_reservations": accepted.get("row_reservations", []),
            }
        return _store(s, operator, DocumentKind.INVENTORY, loan, header.reference, snapshot)


def _loan_warnings(s: Session, ln: Loan) -> list[dict[str, Any]]:
    """What the loan was opened despite, as the journal recorded it: no valid insurance proof
    for some covers (art. 4.1) when the agreement allows a loan with a warning."""
    event = journal_repo.last_event(s, "loan", ln.reference, [INSURANCE_MISSING_ACTION])
    if event is None:
        return []
    after = _after(event)
    return [
        {
            "code": "insurance_missing",
            "on": str(after.get("on", "")),
            "covers": [str(c) for c in after.get("missing_covers", [])],
            "journal_seq": event.seq,
        }
    ]


def issue_acceptance(
    ws: Workspace,
    loan: str,
    manual: Sequence[AcceptanceTest] = (),
    place: str = "",
    reservations: Reservations | None = None,
) -> DocumentView:
    """The joint acceptance test sheet: automated results read from the records, then
    the manual checks the parties entered.

    The automated rows come from the loan's latest mailbox check, each laptop's latest real
    cleaning run (and the contradictions it found) and each switch's latest configuration;
    a laptop or switch of the kit with no record gets a failed "not run" row.

    Raises:
        ValidationError: no automated result and no manual check, or a manual row
            marked as automated.
    """
    operator = ws.acting_operator()
    _refuse_automated(manual)
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan)
        tests = (*automated_tests(_kit_records(s, ln)), *manual)
        if not tests:
            raise ValidationError(
                msg("error.document.nothing_to_test", loan=loan),
                where="tests",
            )
        header = _header(s, ln, DocumentKind.ACCEPTANCE, place)
        snapshot = acceptance_sheet(header, tests, reservations or Reservations())
        return _store(s, operator, DocumentKind.ACCEPTANCE, loan, header.reference, snapshot)


#: The journal action of a reservation recorded by the borrower on a failed row.
ROW_RESERVED_ACTION = "acceptance.row_reserved"


def reserve_acceptance_rows(
    ws: Workspace, reference: str, rows: Sequence[int], by: str, reason: str
) -> DocumentView:
    """The borrower accepts failed (or not run) rows of the latest acceptance sheet.

    A signed document never changes: the reservations are carried by a new revision of the
    sheet (same rows as tested, the reservations so far plus these, naming the sheet it
    supersedes by reference and hash). Both parties then sign the revision, so the
    borrower's signature covers each gap it accepted; the superseded sheet stays as signed.

    Args:
        reference: the latest acceptance sheet of the loan (``PRET-…/acceptance-1``).
        rows: the rows' numbers on that sheet (1-based, as printed); at least one.
        by: the borrower's representative who accepts the gaps.
        reason: why the borrower accepts them.

    Raises:
        ValidationError: not the loan's latest acceptance sheet, the loan handed over, no
            row or no such row, a row that passed or already carries a reservation, or no
            name or reason. Nothing is recorded then.
    """
    operator = ws.acting_operator()
    by = checked_name(by, "by") if by.strip() else ""
    reason = checked_text(reason, "reason", limit=TEXT_MAX, lines=True)
    by, reason = by.strip(), reason.strip()
    if not by:
        raise ValidationError(msg("error.document.reserve_by"), where="by")
    if not reason:
        raise ValidationError(msg("error.document.reserve_reason"), where="reason")
    if not rows:
        raise ValidationError(msg("error.document.reserve_rows"), where="row")
    with ws.db.session(write=True) as s:
        d = _document(s, reference, for_update=True)
        if d.kind != DocumentKind.ACCEPTANCE.value:
            raise ValidationError(
                msg(
                    "error.document.not_acceptance",
                    reference=reference,
                    kind=msg(f"doc.title.{d.kind}"),
                ),
                where="document",
            )
        ln = _loan(s, d.loan_reference)
        latest = loans_repo_docs.latest_document(s, ln.reference, DocumentKind.ACCEPTANCE.value)
        if latest is not None and latest.reference != reference:
            raise ValidationError(
                msg("error.document.superseded", reference=reference, latest=latest.reference),
                where="document",
            )
        if LoanState(ln.state) not in INVENTORY_STATES:
            raise ValidationError(
                msg(
                    "error.document.reserve_late",
                    loan=ln.reference,
                    state=msg(f"loanstate.{ln.state}"),
                ),
                where="loan",
            )
        data: dict[str, Any] = json.loads(d.snapshot)
        tested: list[dict[str, Any]] = data.get("tests", [])
        held = [RowReservation(**r) for r in data.get("row_reservations", [])]
        added: list[RowReservation] = []
        for row in dict.fromkeys(rows):
            if not 1 <= row <= len(tested):
                raise ValidationError(
                    msg("error.document.row_range", reference=reference, rows=len(tested), row=row),
                    where="row",
                )
            test = tested[row - 1]
            label = row_label(test, row)
            if parse_passed(test["passed"]):
                raise ValidationError(msg("error.document.row_passed", row=label), where="row")
            if any(r.row == row for r in held):
                raise ValidationError(msg("error.document.row_reserved", row=label), where="row")
            added.append(RowReservation(row, row_test(test), by, reason, utc_stamp()))
        header = _header(s, ln, DocumentKind.ACCEPTANCE, str(data.get("place", "")))
        snapshot = acceptance_sheet(
            header,
            [AcceptanceTest.from_row(t) for t in tested],
            Reservations(
                tuple(data.get("reservations", {}).get("lender", ())),
                tuple(data.get("reservations", {}).get("borrower", ())),
            ),
            [*held, *added],
            {"reference": d.reference, "sha256": d.sha256},
        )
        record(s, operator, [
            Change(ROW_RESERVED_ACTION, "document", reference, None,
                   {"row": r.row, "test": r.test, "by": by, "reason": reason,
                    "revision": header.reference})
            for r in added
        ])  # fmt: skip
        return _store(
            s, operator, DocumentKind.ACCEPTANCE, ln.reference, header.reference, snapshot
        )


def _kit_records(s: Session, ln: Loan) -> KitRecords:
    """What the mailbox check, the cleaning runs and the switch configuration recorded since
    the loan was opened (a device cleaned for an earlier loan is not tested for this one)."""
    from inventory.repo import mail as mail_repo

    assert ln.id is not None
    assets = _loan_assets(s, ln)
    template = s.get(KitTemplate, ln.template_id) if ln.template_id else None
    since = utc_stamp(ln.created_at)
    checked = journal_repo.last_event(s, "loan", ln.reference, [MAILBOX_ACTION], since)
    mail_check = None
    if checked is not None:
        after = _after(checked)
        mail_check = MailboxCheckRecord(
            _ref(checked),
            {str(k): bool(v) for k, v in dict(after.get("logins") or {}).items()},
            str(after.get("send_receive", "")),
        )
    runs = runs_repo.real_runs(s, LAPTOP_PLAYBOOK, ln.created_at)
    return KitRecords(
        mailboxes=tuple(
            m.address for m in mail_repo.mailboxes_of(s, ln.id) if m.state == "present"
        ),
        mailboxes_expected=bool(template and template.mailboxes),
        mailbox_check=mail_check,
        laptops={
            a.tag: _laptop_record(s, a.tag, runs)
            for a in assets
            if a.category == Category.LAPTOP.value
        },
        switches={
            a.tag: _switch_record(s, a.tag, since)
            for a in assets
            if a.category == Category.SWITCH.value
        },
        phones={
            a.tag: _phone_record(s, a.tag, since)
            for a in assets
            if a.category == Category.PHONE.value
        },
    )


def _phone_record(s: Session, tag: str, since: str) -> PhoneRecord | None:
    """The phone's latest reset since the loan opened, and its holder's profile if issued."""
    reset = journal_repo.last_event(s, "asset", tag, [PHONE_RESET_ACTION], since)
    if reset is None:
        return None
    after = _after(reset)
    profile = journal_repo.last_event(s, "asset", tag, [PHONE_PROFILE_ACTION], since)
    return PhoneRecord(
        _ref(reset),
        {str(k): str(v) for k, v in dict(after.get("reported") or {}).items()},
        tuple(contradiction_of(c) for c in after.get("contradictions") or ()),
        str(_after(profile).get("mailbox", "")) if profile is not None else "",
    )


def _laptop_record(s: Session, tag: str, runs: Sequence[PlaybookRun]) -> LaptopRunRecord | None:
    run = next((r for r in runs if tag in r.hosts), None)
    if run is None:
        return None
    host = run.hosts[tag]
    found = journal_repo.batch_events(s, "asset", tag, CONTRADICTION_ACTION, run.journal_seq)
    return LaptopRunRecord(
        RecordRef(run.journal_seq, utc_stamp(run.started_at), run.operator, run.id),
        str(host.get("status", "")),
        str(host.get("message", "")),
        tuple(contradiction_of(_after(e)) for e in found),
    )


def _switch_record(s: Session, tag: str, since: str) -> SwitchRecord | None:
    event = journal_repo.last_event(s, "asset", tag, SWITCH_ACTIONS, since)
    if event is None:
        return None
    after = _after(event)
    return SwitchRecord(
        _ref(event),
        applied=event.action == "switch.applied",
        state=str(after.get("state", "")),
        verified=bool(after.get("verified", False)),
        saved=bool(after.get("saved", False)),
        problems=tuple(str(p) for p in after.get("problems") or ()),
        reason=str(after.get("reason", "")),
    )


def _ref(event: JournalEvent) -> RecordRef:
    return RecordRef(event.seq, event.at, event.operator)


def _after(event: JournalEvent) -> dict[str, Any]:
    value = json.loads(event.after) if event.after else {}
    return value if isinstance(value, dict) else {}


def issue_return(
    ws: Workspace,
    loan: str,
    mailboxes: Sequence[MailboxDisposition] = (),
    place: str = "",
    reservations: Reservations | None = None,
    repair_costs: Mapping[str, str] | None = None,
) -> DocumentView:
    """The return report, computed against the handover snapshot.

    Without `mailboxes`, the loan's own mailboxes with their recorded data dispositions.
    `repair_costs` maps a returned item's tag to an amount in euros (see `euro_amount`).

    Raises:
        ValidationError: the loan was never handed over; a repair cost for an item not
            returned, or not an amount in euros.
    """
    operator = ws.acting_operator()
    report = loans_service.return_report(ws, loan)
    costs = _repair_costs(report, repair_costs or {})
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan)
        if not ln.handover_snapshot:
            raise ValidationError(msg("error.document.never_handed_over", loan=loan), where="loan")
        mailboxes = mailboxes or _recorded_dispositions(s, ln)
        handover_sha = loans_service.handover_inventory_hash(s, ln) or snapshot_hash(
            canonical_bytes({"items": ln.handover_snapshot})
        )
        header = _header(s, ln, DocumentKind.RETURN, place)
        assert ln.id is not None
        snapshot = return_report(
            header,
            report,
            handover_sha,
            mailboxes,
            reservations or Reservations(),
            costs,
            incidents=loans_service.incident_records(s, ln),
            holds=[h.as_record() for h in holds_service.loan_holds(s, ln.id)],
            handover=_handover_facts(s, ln),
            imeis=_imeis(s, [str(i["tag"]) for i in ln.handover_snapshot]),
        )
        return _store(s, operator, DocumentKind.RETURN, loan, header.reference, snapshot)


def _handover_facts(s: Session, ln: Loan) -> dict[str, Any]:
    """When the kit was handed over and came back, and the joint inventory it was handed
    over against (reference, date, SHA-256), for the return report."""
    from inventory.tables import ReturnScan

    assert ln.id is not None
    event = journal_repo.last_event(s, "loan", ln.reference, [loans_service.HANDED_OVER_ACTION])
    after = _after(event) if event is not None else {}
    inventory: dict[str, str] = {}
    if after.get("inventory"):
        signed = s.scalars(
            select(Document).where(col(Document.reference) == str(after["inventory"]))
        ).first()
        inventory = {
            "reference": str(after["inventory"]),
            "at": utc_stamp(signed.created_at) if signed is not None else "",
            "sha256": str(after.get("sha256", "")),
        }
    last_scan = s.scalar(
        select(func.max(ReturnScan.scanned_at))
        .where(col(ReturnScan.loan_id) == ln.id)
        .where(col(ReturnScan.withdrawn_at).is_(None))
    )
    return {
        "handed_over_at": utc_stamp(ln.handed_over_at) if ln.handed_over_at else "",
        "returned_at": utc_stamp(last_scan) if last_scan else "",
        "inventory": inventory,
    }


def _imeis(s: Session, tags: Sequence[str]) -> dict[str, str]:
    return {a.tag: a.imei for a in loans_repo.assets_by_tags(s, list(tags)) if a.imei}


def _repair_costs(report: ReturnReport, costs: Mapping[str, str]) -> dict[str, str]:
    returned = sorted(r.item.tag for r in report.returned)
    out: dict[str, str] = {}
    for tag, amount in costs.items():
        if tag not in returned:
            raise ValidationError(
                msg(
                    "error.document.repair_not_returned",
                    tag=tag,
                    returned=", ".join(returned) or msg("error.document.none_returned"),
                ),
                where=msg("error.document.repair_where"),
            )
        try:
            out[tag] = euro_amount(amount)
        except DocumentError:
            raise ValidationError(
                msg("error.where", where=tag, error=msg("error.document.not_euros", text=amount)),
                where=msg("error.document.repair_where"),
            ) from None
    return out


def issue_sanitisation(
    ws: Workspace,
    loan: str,
    tag: str,
    validated_by: str,
    place: str = "",
    destination: str = "restock",
) -> DocumentView:
    """A device's sanitisation certificate from its latest sanitisation record.

    Raises:
        NotFoundError: no such asset, or it has no sanitisation record.
    """
    operator = ws.acting_operator()
    validated_by = checked_name(validated_by, "validated by")
    place = checked_text(place, "place")
    destination = checked_text(destination, "destination")
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan)
        found = loans_repo.assets_by_tags(s, [tag])
        if not found:
            raise NotFoundError(msg("error.asset.not_found", tag=tag))
        asset = found[0]
        records = runs_repo.sanitisations(s, asset.tag)
        if not records:
            raise NotFoundError(msg("error.document.no_sanitisation", tag=tag))
        rec = max(records, key=lambda r: r.performed_at)
        model = s.get(AssetModel, asset.model_id) if asset.model_id else None
        header = _header(s, ln, DocumentKind.SANITISATION, place, suffix=asset.tag)
        d = rec.details or {}
        facts = SanitisationFacts(
            manufacturer=model.manufacturer if model else "",
            model=model.name if model else "",
            serial=asset.serial or "",
            property_number=asset.tag,
            media_type=str(d.get("media_type") or _MEDIA.get(asset.category, "")),
            method=rec.method,
            technique=rec.technique,
            tool=rec.tool,
            tool_version=str(d.get("tool_version", "")),
            verification_method=str(
                d.get("verification_method") or _verification_method(d.get("verification_details"))
            ),
            verification_result=rec.verification,
            verified_by=rec.operator,
            validated_by=validated_by,
            at=utc_stamp(rec.performed_at),
            place=place or header.place,
            destination=destination,
            evidence_sha256=rec.evidence_sha256,
            imei=asset.imei or "",
        )
        snapshot = sanitisation_certificate(header, facts)
        return _store(s, operator, DocumentKind.SANITISATION, loan, header.reference, snapshot)


def issue_data_disposition(
    ws: Workspace,
    loan: str,
    mailboxes: Sequence[MailboxDisposition] = (),
    place: str = "",
    reservations: Reservations | None = None,
) -> DocumentView:
    """The certificate of data return or destruction, mailbox by mailbox, under the data
    clause of the loan's own agreement (its article, the dispositions it allows, its annex
    on the fate of the data when it has one).

    Every line comes from what was recorded when the data was returned (the archive checked
    where the town received it: name, SHA-256, size, messages) or destroyed (date, method,
    operator, certificate), with the deletion of the mail host's copies (when, who).
    `mailboxes`, when given, chooses among the loan's mailboxes (each must be one of them,
    with the disposition recorded); its details are added as notes.

    Raises:
        ValidationError: no mailbox; a mailbox not of this loan; one whose data was
            neither returned nor destroyed, or recorded without its facts; a disposition the
            agreement does not allow, or the agreement records no data clause.
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan)
        agreement, terms = loan_terms(s, ln)
        recorded = {m.address: m for m in _recorded_dispositions(s, ln)}
        chosen = _chosen_dispositions(loan, recorded, mailboxes)
        if not chosen:
            raise ValidationError(msg("error.mailboxes.none", loan=loan), where="mailboxes")
        problems = tuple(
            msg("error.where", where=m.address, error=why)
            for m in chosen
            if (why := _disposition_gap(m, terms.options))
        )
        if problems:
            raise ValidationError(msg("error.list", errors=Joined(problems)), where="mailboxes")
        header = _header(s, ln, DocumentKind.DATA_DISPOSITION, place)
        snapshot = data_disposition_certificate(
            header, chosen, reservations or Reservations(), agreement, terms
        )
        return _store(s, operator, DocumentKind.DATA_DISPOSITION, loan, header.reference, snapshot)


def _chosen_dispositions(
    loan: str, recorded: Mapping[str, MailboxDisposition], given: Sequence[MailboxDisposition]
) -> list[MailboxDisposition]:
    """The recorded dispositions of the mailboxes `given` (all the loan's when none)."""
    if not given:
        return list(recorded.values())
    out = []
    for g in given:
        m = recorded.get(g.address)
        if m is None:
            raise ValidationError(
                msg("error.mailboxes.not_of_loan", address=g.address, loan=loan), where="mailboxes"
            )
        if g.disposition != m.disposition:
            raise ValidationError(
                msg(
                    "error.document.disposition_differs",
                    address=g.address,
                    recorded=msg(f"doc.disposition.{m.disposition}"),
                    given=msg(f"doc.disposition.{g.disposition}"),
                ),
                where="mailboxes",
            )
        out.append(replace(m, detail=g.detail))
    return out


def _disposition_gap(m: MailboxDisposition, allowed: Sequence[str]) -> Message | None:
    """Why a mailbox's line cannot be certified (None when it can)."""
    if m.disposition not in ("returned", "destroyed"):
        return msg("error.document.disposition_unknown")
    if m.disposition not in allowed:
        return msg(
            "error.document.disposition_not_allowed",
            disposition=msg(f"doc.disposition.{m.disposition}"),
            allowed=Joined(tuple(msg(f"doc.disposition.{a}") for a in allowed), ", "),
        )
    f = m.facts
    needed = (
        ("sha256", "at", "operator")
        if m.disposition == "returned"
        else ("at", "method", "operator")
    )
    missing = [k for k in needed if not f.get(k)]
    return (
        msg("error.document.disposition_incomplete", missing=", ".join(missing))
        if missing
        else None
    )


def _recorded_dispositions(s: Session, ln: Loan) -> list[MailboxDisposition]:
    from inventory.repo import mail as mail_repo

    names = {"returned_to_town": "returned", "destroyed": "destroyed"}
    assert ln.id is not None
    out = []
    for m in mail_repo.mailboxes_of(s, ln.id):
        facts = dict(m.disposition_facts or {})
        if m.disposition == "returned_to_town" and m.export_sha256:
            facts.setdefault("sha256", m.export_sha256)
        out.append(
            MailboxDisposition(
                m.address,
                names.get(m.disposition, "unknown"),
                "",
                copies_destroyed=m.state == "absent" and bool(facts.get("at")),
                facts=facts,
            )
        )
    return out


# --- signing -------------------------------------------------------------------------------


def sign_document(
    ws: Workspace, reference: str, party: Party, signer: str = "", passphrase: str = ""
) -> DocumentView:
    """The lender signs a document's hash with the acting operator's own Ed25519 key.

    The signer is the authenticated operator: `signer` may only name the operator, or a
    person who delegated their signature to the operator by a recorded delegation (see
    `record_delegation`); the signature then reads "operator (p.o. delegator)". The town
    never signs here: it signs with its own certificate (`seal_document` with its PKCS#12),
    by importing the PDF it signed with its own tool (`import_town_signed`), or by hand
    (`sign_town_handwritten`). Once the lender signed a joint document the loan's guards
    wait for, the loan records it.

    Raises:
        ValidationError: already signed, the borrower's party, or another person's name
            without a recorded delegation.
        PermissionDeniedError: wrong passphrase, or an auditor.
    """
    from crisis.services.operators import operator_sign

    operator = ws.acting_operator()
    if party is Party.BORROWER:
        raise ValidationError(
            msg("error.document.town_own_key", reference=reference),
            where="party",
        )
    doc = get_document(ws, reference)
    _check_signing_order(reference, party, {x.party for x in doc.signatures})
    name, delegation = _lender_signer(ws, operator, signer)
    message = signature_message(doc.sha256, party.value)
    public, signature = operator_sign(ws, passphrase, message)
    with ws.db.session(write=True) as s:
        row = _document(s, reference, for_update=True)
        assert row.id is not None
        # Checked again under the lock: another signer may have been faster.
        _check_signing_order(reference, party, loans_repo_docs.signed_parties(s, row.id))
        after: dict[str, Any] = {
            "sha256": row.sha256,
            "party": party.value,
            "signer": name,
            "public_key": public,
            "signature": signature,
        }
        if delegation:
            after["delegation"] = delegation
        seq = record(s, operator, [Change("document.signed", "document", reference, None, after)])
        s.add(
            DocumentSignature(
                document_id=row.id, party=party.value, signer=name, public_key=public,
                signature=signature, journal_seq=seq, signed_at=datetime.now(UTC),
                method="ed25519",
            )
        )  # fmt: skip
        if doc.kind in LOAN_DOCUMENTS:
            loans_service.record_signature_in(
                s, operator, doc.loan, LOAN_DOCUMENTS[doc.kind], party
            )
        s.flush()
        return _view(s, row)


@dataclass(frozen=True, slots=True)
class DelegationView:
    """A recorded delegation of signature: who delegates to whom, by which act, when."""

    delegator: str
    delegate: str
    act: str
    act_date: str
    journal_seq: int


def record_delegation(
    ws: Workspace, delegator: str, delegate: str, act: str, act_date: str
) -> DelegationView:
    """Record that `delegator` delegates their signature to the operator `delegate`.

    Args:
        act: the deliberation or arrêté that grants it (e.g. "arrêté 2026-114").
        act_date: its date (YYYY-MM-DD).

    Raises:
        ValidationError: a name or the act missing, or a date of another shape.
    """
    operator = ws.acting_operator()
    delegator = checked_name(delegator, "delegator") if delegator.strip() else ""
    delegate = checked_name(delegate, "delegate") if delegate.strip() else ""
    act = checked_text(act, "act")
    delegator, delegate, act = delegator.strip(), delegate.strip(), act.strip()
    if not delegator or not delegate or not act:
        raise ValidationError(msg("error.document.delegation_fields"))
    try:
        date.fromisoformat(act_date.strip())
    except ValueError:
        raise ValidationError(msg("error.document.act_date", date=act_date), where="date") from None
    after = {"delegator": delegator, "delegate": delegate, "act": act, "act_date": act_date}
    with ws.db.session(write=True) as s:
        seq = record(
            s, operator, [Change("delegation.recorded", "delegation", delegate, None, after)]
        )
    return DelegationView(delegator, delegate, act, act_date.strip(), seq)


def delegations_to(ws: Workspace, delegate: str) -> tuple[DelegationView, ...]:
    """The delegations recorded to `delegate`, oldest first."""
    with ws.db.session() as s:
        events = journal_repo.events_for(s, "delegation", delegate)
        return tuple(
            DelegationView(
                str(a["delegator"]), str(a["delegate"]), str(a["act"]), str(a["act_date"]), e.seq
            )
            for e in events
            if e.action == "delegation.recorded"
            for a in [_after(e)]
        )


def _lender_signer(ws: Workspace, operator: str, signer: str) -> tuple[str, dict[str, Any]]:
    name = checked_text(signer, "signer")
    if not name or name == operator:
        return operator, {}
    found = [d for d in delegations_to(ws, operator) if d.delegator == name]
    if not found:
        raise ValidationError(
            msg("error.document.no_delegation", operator=operator, name=name),
            where="signer",
        )
    d = found[-1]
    return f"{operator} (p.o. {name})", {
        "delegator": d.delegator, "act": d.act, "act_date": d.act_date, "journal_seq": d.journal_seq
    }  # fmt: skip


def sign_town_handwritten(
    ws: Workspace, reference: str, signer: str, scan: bytes, scan_name: str
) -> DocumentView:
    """Record the town's handwritten signature on the printed document, with its scan.

    For a town with no certificate: its representative signs the printed document (the
    lender-signed PDF) by hand; the scan is stored with its SHA-256, and every view of the
    document says "handwritten signature".

    Raises:
        ValidationError: no signer, an empty scan, the lender has not signed, or the town
            has already.
    """
    operator = ws.acting_operator()
    signer = checked_text(signer, "signer")
    if not signer:
        raise ValidationError(msg("error.document.handwritten_signer"), where="signer")
    if not scan:
        raise ValidationError(msg("error.document.scan_empty"), where="scan")
    digest = snapshot_hash(scan)
    with ws.db.session(write=True) as s:
        row = _document(s, reference, for_update=True)
        assert row.id is not None
        _check_signing_order(reference, Party.BORROWER, loans_repo_docs.signed_parties(s, row.id))
        sig = DocumentSignature(
            document_id=row.id, party="borrower", signer=signer.strip(), public_key="",
            signature="", journal_seq=0, signed_at=datetime.now(UTC), method="handwritten",
            scan_name=Path(scan_name).name or "scan", scan_sha256=digest, scan=scan,
        )  # fmt: skip
        return _record_town(s, operator, row, sig, {"scan_sha256": digest})


#: The ways the town signs at the lender's station, as a front end offers them.
TOWN_WAYS = ("pkcs12", "signed_pdf", "handwritten")


@dataclass(frozen=True, slots=True)
class TownSignature:
    """How the town signs, as a front end gathers it: its own PKCS#12 file (and passphrase),
    the PDF it signed with its own tool, or the scan of the page signed by hand (and who)."""

    way: str
    file: Path
    passphrase: str = field(default="", repr=False)
    signer: str = ""


def sign_for_town(ws: Workspace, reference: str, how: TownSignature) -> DocumentView:
    """The town signs `reference` the way `how` says (see `TOWN_WAYS`).

    Raises:
        ValidationError: an unknown way, a file that cannot be read, or what the way's own
            service refuses.
    """
    if how.way not in TOWN_WAYS:
        raise ValidationError(
            msg("error.document.town_way", way=how.way, ways=", ".join(TOWN_WAYS)), where="way"
        )
    # The order first: a town signing before the lender is told so, whatever it brought.
    _check_signing_order(
        reference, Party.BORROWER, {x.party for x in get_document(ws, reference).signatures}
    )
    if not how.file.name:
        raise ValidationError(
            msg("error.document.give_file", file=msg(f"error.document.file.{how.way}")),
            where="file",
        )
    if how.way == "pkcs12":
        cred = PdfCredential(pkcs12=how.file, pkcs12_passphrase=how.passphrase)
        return seal_document(ws, reference, Party.BORROWER, cred)
    try:
        data = how.file.read_bytes()
    except OSError as exc:
        raise ValidationError(
            msg("error.file.unreadable", path=str(how.file), reason=exc.strerror or ""),
            where="file",
        ) from None
    if how.way == "signed_pdf":
        return import_town_signed(ws, reference, data)
    return sign_town_handwritten(ws, reference, how.signer, data, how.file.name)


def _record_town(
    s: Session, operator: str, row: Document, sig: DocumentSignature, extra: dict[str, Any]
) -> DocumentView:
    """The town's signature, its journal event and the loan's record, in one transaction."""
    after: dict[str, Any] = {
        "sha256": row.sha256,
        "party": "borrower",
        "signer": sig.signer,
        "method": sig.method,
        "public_key": "",
        "signature": "",
        **extra,
    }
    sig.journal_seq = record(
        s, operator, [Change("document.signed", "document", row.reference, None, after)]
    )
    s.add(sig)
    kind = DocumentKind(row.kind)
    if kind in LOAN_DOCUMENTS:
        loans_service.record_signature_in(
            s, operator, row.loan_reference, LOAN_DOCUMENTS[kind], Party.BORROWER
        )
    s.flush()
    return _view(s, row)


def import_town_signed(
    ws: Workspace, reference: str, pdf: bytes, trust: tuple[bytes, ...] = ()
) -> DocumentView:
    """Import the PDF the town signed with its own tool and certificate (detached round trip).

    The imported file must start with exactly the lender-sealed bytes and add one incremental
    update holding the town's PAdES signature, intact, valid (and trusted, when `trust`
    roots are given) and covering the whole file. The town's certificate (subject, issuer,
    SHA-256) goes to the document's signatures and the journal.

    Raises:
        ValidationError: the lender has not sealed the PDF, the town already signed, or the
            file is not the lender's revision plus a valid town signature (named why).
    """
    from crisis.adapters.pades import validate_pdf

    operator = ws.acting_operator()
    doc = get_document(ws, reference)
    lender_pdf = doc.signed_pdf
    if lender_pdf is None:
        raise ValidationError(msg("error.document.lender_seals_first", reference=reference))
    _check_signing_order(reference, Party.BORROWER, {x.party for x in doc.signatures})
    if not pdf.startswith(lender_pdf) or len(pdf) == len(lender_pdf):
        raise ValidationError(
            msg(
                "error.document.import_not_lender_revision",
                reference=reference,
                sha256=snapshot_hash(lender_pdf)[:16],
            ),
            where="file",
        )
    try:
        found = validate_pdf(pdf, trust)
    except ValueError as exc:
        raise ValidationError(
            msg("error.document.import_unreadable", reference=reference, error=str(exc)),
            where="file",
        ) from None
    if len(found) != 2 or found[0].field != PDF_FIELDS[Party.LENDER]:
        raise ValidationError(
            Message("error.document.import_signatures", {"reference": reference}, count=len(found)),
            where="file",
        )
    lender, town = found
    if not (lender.intact and lender.valid) or lender.modification_level == "OTHER":
        raise ValidationError(
            msg("error.document.import_changes", reference=reference), where="file"
        )
    if not (town.intact and town.valid and town.covers_whole_document):
        raise ValidationError(
            msg("error.document.import_invalid", reference=reference, field=town.field),
            where="file",
        )
    if trust and not town.trusted:
        raise ValidationError(
            msg("error.document.import_untrusted", reference=reference, subject=town.subject),
            where="file",
        )
    with ws.db.session(write=True) as s:
        row = _document(s, reference, for_update=True)
        assert row.id is not None
        if row.signed_pdf != lender_pdf:
            raise ValidationError(msg("error.document.pdf_changed", reference=reference))
        _check_signing_order(reference, Party.BORROWER, loans_repo_docs.signed_parties(s, row.id))
        row.signed_pdf = pdf
        s.add(row)
        certificate = {
            "subject": town.subject, "issuer": town.issuer, "sha256": town.certificate_sha256
        }  # fmt: skip
        record(
            s, operator,
            [Change("document.pdf_signed", "document", reference, None,
                    {"party": "borrower", "signer": town.signer, "pdf_sha256": snapshot_hash(pdf),
                     "imported": True, "certificate": certificate})],
        )  # fmt: skip
        sig = _pades_signature(row, town.signer, town.subject, town.issuer, town.certificate_sha256)
        return _record_town(
            s, operator, row, sig, {"certificate": certificate, "field": town.field}
        )


def _pades_signature(
    row: Document, signer: str, subject: str, issuer: str, fingerprint: str
) -> DocumentSignature:
    assert row.id is not None
    return DocumentSignature(
        document_id=row.id, party="borrower", signer=signer or subject, public_key="",
        signature="", journal_seq=0, signed_at=datetime.now(UTC), method="pades",
        certificate_subject=subject, certificate_issuer=issuer, certificate_sha256=fingerprint,
    )  # fmt: skip


def _check_signing_order(reference: str, party: Party, done: Collection[str]) -> None:
    if party.value in done:
        raise ValidationError(
            msg(
                "error.document.already_signed",
                reference=reference,
                party=msg(f"party.the.{party.value}"),
            )
        )
    if party is Party.BORROWER and Party.LENDER.value not in done:
        raise ValidationError(
            msg("error.document.lender_first", reference=reference), where="party"
        )


@dataclass(frozen=True, slots=True)
class PdfCredential:
    """What signs a PDF: the lender's local authority (its passphrase; for the lender's own
    operator only), a PKCS#12 file the party brings (the town's own certificate), or a key
    on the party's smart card or token (its PKCS#11 module, token and key labels, PIN).

    The passphrases and the PIN are used to sign and forgotten: never stored, journaled or
    shown (they are left out of the representation)."""

    ca_passphrase: str = field(default="", repr=False)
    pkcs12: Path | None = None
    pkcs12_passphrase: str = field(default="", repr=False)
    pkcs11_module: str = ""
    token_label: str = ""
    key_label: str = ""
    pin: str = field(default="", repr=False)

    @property
    def own_key(self) -> bool:
        """The party brings its own key material (a PKCS#12 file or a token)."""
        return self.pkcs12 is not None or bool(self.pkcs11_module)


#: The PDF signature field of each party, in signing order.
PDF_FIELDS = {Party.LENDER: "Signature-preteur", Party.BORROWER: "Signature-emprunteur"}


def authority_dir() -> Path:
    """Where the local certification authority lives."""
    return data_dir() / "pki"


def authority_certificate() -> bytes | None:
    """The local authority's certificate (PEM), once created."""
    path = authority_dir() / "ca.cert.pem"
    return path.read_bytes() if path.exists() else None


#: The local authority's latest CRL (DER), published beside its certificate.
CRL_NAME = "ca.crl"


def _publish(path: Path, data: bytes) -> None:
    partial = path.with_suffix(".partial")
    partial.write_bytes(data)
    partial.replace(path)


#: The document timestamp field each party's sealing adds when an authority is configured.
TIMESTAMP_FIELDS = {Party.LENDER: "Horodatage-preteur", Party.BORROWER: "Horodatage-emprunteur"}


def timestamp_authority() -> TimestampAuthority | None:
    """The RFC 3161 time-stamping authority set up for sealing (``CRISIS_TSA_URL``, its root
    certificate in ``CRISIS_TSA_CA``), or None when none is: documents are then sealed
    without a document timestamp.

    Raises:
        ConfigurationError: a URL without its root certificate, or a file that is not one.
    """
    from crisis.adapters.pades import TimestampAuthority, certificate_fingerprint

    url = tsa_url()
    if not url:
        return None
    ca = tsa_ca_file()
    if not ca:
        raise ConfigurationError(msg("signatures.tsa.no_ca"))
    try:
        pem = Path(ca).read_bytes()
        certificate_fingerprint(pem)
    except OSError as exc:
        raise ConfigurationError(
            msg("signatures.tsa.bad_ca", path=ca, error=exc.strerror)
        ) from None
    except ValueError as exc:
        raise ConfigurationError(msg("signatures.tsa.bad_ca", path=ca, error=str(exc))) from None
    return TimestampAuthority(url, (pem,))


def trusted_roots() -> tuple[bytes, ...]:
    """The roots (PEM) of the PKCS#12 chains documents were sealed with, kept at sealing so
    the audit bundle carries them; in fingerprint order."""
    folder = authority_dir() / "trusted"
    return tuple(p.read_bytes() for p in sorted(folder.glob("*.pem"))) if folder.is_dir() else ()


def _keep_trust_root(pem: bytes, fingerprint: str) -> None:
    folder = authority_dir() / "trusted"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{fingerprint}.pem"
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.write_bytes(pem)
        partial.replace(path)


def seal_document(
    ws: Workspace, reference: str, party: Party, credential: PdfCredential, signer: str = ""
) -> DocumentView:
    """Embed a party's PAdES signature in the document's PDF: the lender first, then the town.

    The lender seals once it signed the hash, with a certificate its local authority issues
    to the operator who signed (never to anyone else: `signer` may only repeat that name).
    The town seals only with its own certificate (a PKCS#12 file it brings, or the key on
    its smart card or token, through its PKCS#11 module: the key never leaves it); its signature
    is an incremental update over the lender's, and its certificate (subject, issuer,
    SHA-256) is recorded as the town's signature. A PKCS#12 chain's root is kept (see
    `trusted_roots`) and its fingerprint journaled, so the audit bundle can carry it.

    Each signature carries its validation data (PAdES B-LT); when a time-stamping authority
    is set up (see `timestamp_authority`), an RFC 3161 document timestamp follows it (B-LTA).
    The PDF is stored only once all of it is made: an authority that cannot be reached
    leaves the document as it was.

    Raises:
        ValidationError: the lender's signature missing, already sealed, out of order, the
            town without its own certificate, or another name on the lender's certificate.
        ConfigurationError: a time-stamping authority set up without its root certificate.
        PeerError: the time-stamping authority does not answer or gives no trusted token.
    """
    from crisis.adapters.pades import (
        LocalAuthority,
        add_document_timestamp,
        add_validation_data,
        certificate_fingerprint,
        certificate_names,
        chain_anchor,
        one_time_identity,
        sign_pdf,
    )

    operator = ws.acting_operator()
    tsa = timestamp_authority()  # a setting's error before anything is asked of a key
    doc = get_document(ws, reference)
    signed = {x.party: x for x in doc.signatures}
    if "lender" not in signed:
        raise ValidationError(msg("error.document.hash_first", reference=reference))
    sealed = _sealed_fields(doc.signed_pdf)
    if PDF_FIELDS[party] in sealed or (party is Party.BORROWER and "borrower" in signed):
        raise ValidationError(
            msg(
                "error.document.pdf_already_signed",
                reference=reference,
                party=msg(f"party.the.{party.value}"),
            )
        )
    if party is Party.BORROWER and PDF_FIELDS[Party.LENDER] not in sealed:
        raise ValidationError(
            msg("error.document.lender_pdf_first", reference=reference), where="party"
        )
    data = doc.data
    anchor: bytes | None = None
    authority: LocalAuthority | None = None
    if party is Party.BORROWER:
        if not credential.own_key:
            raise ValidationError(
                msg("error.document.town_certificate", reference=reference),
                where="credential",
            )
        identity, chain = _own_key(credential)
        anchor = chain_anchor(chain)
        name = ""
    else:
        name = signed["lender"].signer
        if signer.strip() and signer.strip() != name:
            raise ValidationError(
                msg("error.document.pdf_signer", reference=reference, name=name),
                where="signer",
            )
        if credential.own_key:
            identity, chain = _own_key(credential)
            anchor = chain_anchor(chain)
        else:
            authority = LocalAuthority.open_or_create(
                authority_dir(), credential.ca_passphrase, str(data["lender"]["name"])
            )
            identity = one_time_identity(authority, name, str(data["lender"]["name"]))
            chain = identity.chain_pem
    common, subject, issuer, leaf_sha256 = certificate_names(chain[0])
    base = doc.signed_pdf or render_document(ws, reference)
    # /Reason in the document's own language (the page is French by default).
    title = label("title." + str(data["kind"]), "fr")
    pdf = sign_pdf(base, identity, PDF_FIELDS[party], f"{title} {reference}", str(data["place"]))
    # PAdES B-LT: the chain, and the local authority's CRL when it issued the certificate,
    # go into the document so the signature still verifies once they expire.
    crls = (authority.crl(),) if authority is not None else ()
    pdf = add_validation_data(pdf, PDF_FIELDS[party], chain, crls)
    del identity
    stamp: dict[str, str] = {}
    if tsa is not None:  # PAdES B-LTA: an RFC 3161 document timestamp over all of it
        pdf = add_document_timestamp(pdf, tsa, TIMESTAMP_FIELDS[party])
        stamp = {"field": TIMESTAMP_FIELDS[party], "url": tsa.url,
                 "root_sha256": certificate_fingerprint(tsa.roots_pem[0])}  # fmt: skip
    after: dict[str, Any] = {
        "party": party.value, "signer": name or common, "pdf_sha256": snapshot_hash(pdf)
    }  # fmt: skip
    certificate = {"subject": subject, "issuer": issuer, "sha256": leaf_sha256}
    if party is Party.BORROWER:
        after["certificate"] = certificate
    fingerprint = certificate_fingerprint(anchor) if anchor else ""
    if fingerprint:
        after["trust_root_sha256"] = fingerprint
    if stamp:
        after["timestamp"] = stamp
    with ws.db.session(write=True) as s:
        row = _document(s, reference, for_update=True)
        row.signed_pdf = pdf
        s.add(row)
        record(s, operator, [Change("document.pdf_signed", "document", reference, None, after)])
        if party is Party.BORROWER:
            sig = _pades_signature(row, common, subject, issuer, leaf_sha256)
            _record_town(s, operator, row, sig, {"certificate": certificate})
    if crls:
        _publish(authority_dir() / CRL_NAME, crls[0])
    if anchor:
        _keep_trust_root(anchor, fingerprint)
    if tsa is not None:  # the bundle carries the authority's root, to check the timestamp
        _keep_trust_root(tsa.roots_pem[0], stamp["root_sha256"])
    return get_document(ws, reference)


def _own_key(
    credential: PdfCredential,
) -> tuple[SignerIdentity | TokenKey, tuple[bytes, ...]]:
    """The party's own key (its PKCS#12 file, or the key on its token) and its chain."""
    from crisis.adapters.pades import TokenKey, pkcs12_identity, token_chain

    if credential.pkcs12 is not None:
        identity = pkcs12_identity(credential.pkcs12, credential.pkcs12_passphrase)
        return identity, identity.chain_pem
    token = TokenKey(
        credential.pkcs11_module, credential.token_label, credential.key_label, credential.pin
    )
    return token, token_chain(token)


def _sealed_fields(pdf: bytes | None) -> set[str]:
    if pdf is None:
        return set()
    from crisis.adapters.pades import signature_fields

    return set(signature_fields(pdf))


# --- reading -------------------------------------------------------------------------------


def get_document(ws: Workspace, reference: str) -> DocumentView:
    """One stored document.

    Raises:
        NotFoundError: no such document.
    """
    with ws.db.session() as s:
        return _view(s, _document(s, reference))


def find_by_hash(ws: Workspace, sha256: str) -> DocumentView | None:
    """The document whose snapshot has this hash, if any."""
    with ws.db.session() as s:
        d = s.scalars(select(Document).where(col(Document.sha256) == sha256)).first()
        return _view(s, d) if d is not None else None


def list_documents(ws: Workspace, loan: str | None = None) -> tuple[DocumentView, ...]:
    """Every document (of one loan), oldest first."""
    with ws.db.session() as s:
        stmt = select(Document).order_by(col(Document.id))
        if loan:
            stmt = stmt.where(col(Document.loan_reference) == loan)
        return tuple(_view(s, d) for d in s.scalars(stmt).all())


# --- internals -----------------------------------------------------------------------------


def _store(
    s: Session,
    operator: str,
    kind: DocumentKind,
    loan: str,
    reference: str,
    snapshot: dict[str, Any],
) -> DocumentView:
    data = canonical_bytes(snapshot)
    digest = snapshot_hash(data)
    seq = record(
        s,
        operator,
        [
            Change(
                "document.issued",
                "document",
                reference,
                None,
                {"kind": kind.value, "loan": loan, "sha256": digest},
            )
        ],
    )
    size, head = recorded_head(s)
    assert size == seq
    row = Document(
        reference=reference,
        kind=kind.value,
        loan_reference=loan,
        snapshot=data.decode("utf-8"),
        sha256=digest,
        journal_size=size,
        journal_head=head,
        created_at=datetime.fromisoformat(snapshot["at"]),
    )
    s.add(row)
    s.flush()
    return _view(s, row)


def _view(s: Session, d: Document) -> DocumentView:
    sigs = s.scalars(
        select(DocumentSignature)
        .where(col(DocumentSignature.document_id) == d.id)
        .order_by(col(DocumentSignature.id))
    ).all()
    return DocumentView(
        reference=d.reference,
        kind=DocumentKind(d.kind),
        loan=d.loan_reference,
        snapshot=d.snapshot.encode("utf-8"),
        sha256=d.sha256,
        journal_size=d.journal_size,
        journal_head=d.journal_head,
        created_at=d.created_at,
        signatures=tuple(
            SignatureView(
                x.party,
                x.signer,
                x.public_key,
                x.signature,
                x.journal_seq,
                x.signed_at,
                x.method or "ed25519",
                x.certificate_subject or "",
                x.certificate_issuer or "",
                x.certificate_sha256 or "",
                x.scan_name or "",
                x.scan_sha256 or "",
            )
            for x in sigs
        ),
        signed_pdf=d.signed_pdf,
    )


def _document(s: Session, reference: str, *, for_update: bool = False) -> Document:
    stmt = select(Document).where(col(Document.reference) == reference)
    d = s.scalars(stmt.with_for_update() if for_update else stmt).first()
    if d is None:
        raise NotFoundError(msg("error.document.not_found", reference=reference))
    return d


def _loan(s: Session, reference: str) -> Loan:
    ln = loans_repo.loan(s, reference)
    if ln is None:
        raise NotFoundError(msg("error.loan.not_found", reference=reference))
    return ln


def _loan_assets(s: Session, ln: Loan) -> list[Asset]:
    assert ln.id is not None
    return loans_repo.assets_by_tags(s, [i.asset_tag for i in loans_repo.items(s, ln.id)])


def _party(s: Session, org: Organisation | None, role: str) -> PartyInfo:
    if org is None:
        return PartyInfo(role=role, name="")
    people = s.scalars(
        select(Person)
        .where(col(Person.organisation_id) == org.id)
        .where(col(Person.role).in_(("representative", "correspondent")))
        .order_by(col(Person.role).desc(), col(Person.id))
    ).all()
    # Those who legally represent the party; its correspondent only when none is recorded.
    people = [p for p in people if p.role == "representative"] or list(people)
    return PartyInfo(
        role=role,
        name=org.name,
        address=org.address,
        insee_code=org.insee_code or "",
        representatives=tuple(
            Representative(
                p.name,
                p.position,
                p.delegation or "",
                p.delegation_date.isoformat() if p.delegation_date else "",
            )
            for p in people
        ),
    )


def _header(s: Session, ln: Loan, kind: DocumentKind, place: str, suffix: str = "") -> Header:
    a = s.get(Agreement, ln.agreement_id)
    c = s.get(Crisis, ln.crisis_id)
    lender = s.get(Organisation, a.lender_id) if a else None
    borrower = s.get(Organisation, a.borrower_id) if a else None
    name = f"{ln.reference}/{kind.value}" + (f"/{suffix}" if suffix else "")
    n = s.scalar(
        select(func.count()).select_from(Document).where(col(Document.reference).like(f"{name}-%"))
    )
    town = _town_name(borrower.name) if borrower else ""
    return Header(
        reference=f"{name}-{int(n or 0) + 1}",
        loan=ln.reference,
        agreement=a.reference if a else "",
        agreement_title=a.title if a else "",
        crisis=c.reference if c else "",
        at=utc_stamp(),
        place=place.strip() or town,
        lender=_party(s, lender, "lender"),
        borrower=_party(s, borrower, "borrower"),
        agreement_date=a.deliberation_date.isoformat() if a and a.deliberation_date else "",
    )


#: Media by category, as codes: the PDF words them in its language (``doc.v.<code>``).
_MEDIA = {"laptop": "internal_ssd", "phone": "flash_phone", "switch": "flash_switch"}


def _verification_method(details: object) -> str:
    # The playbook records what it checked; name those checks when no method was given.
    if isinstance(details, dict) and details:
        return ", ".join(sorted(str(k) for k in details))
    return ""


def _inventory_line(
    a: Asset, models: Mapping[int | None, AssetModel], owners: Mapping[int | None, str], lender: str
) -> InventoryLine:
    model = models.get(a.model_id)
    attrs = a.attributes or {}
    return InventoryLine(
        tag=a.tag,
        category=a.category,
        make=model.manufacturer if model else "",
        model=model.name if model else "",
        serial=a.serial or "",
        imei=a.imei or "",
        sim=a.iccid or "",
        number=a.phone_number or "",
        accessories=tuple(str(x) for x in attrs.get("accessories", [])),
        condition=a.condition,
        owner=owners.get(a.owner_id) or lender,
    )


def render_document(ws: Workspace, reference: str, lang: str = "fr") -> bytes:
    """The document as a deterministic A4 PDF (French by default, or English)."""
    doc = get_document(ws, reference)
    return render_files(doc.snapshot, signatures_json(doc), lang)


def render_files(snapshot: bytes, signatures: bytes, lang: str = "fr") -> bytes:
    """The PDF of a snapshot and its signatures file: the same files give the same bytes.

    An auditor re-renders a document from the bundle this way to check its unsigned PDF.
    """
    from crisis.adapters.pdf_render import SignatureLine, render_pdf

    sigs = json.loads(signatures)
    return render_pdf(
        json.loads(snapshot),
        str(sigs["sha256"]),
        (int(sigs["journal"]["size"]), str(sigs["journal"]["head"])),
        [
            SignatureLine(
                x["party"],
                x["signer"],
                x["signed_at"],
                _shown_key(x, lang),
                str(x.get("method", "ed25519")),
            )
            for x in sigs["signatures"]
        ],
        lang,
        {SNAPSHOT_NAME: snapshot, SIGNATURES_NAME: signatures},
        source=SNAPSHOT_NAME,
    )


def _shown_key(entry: Mapping[str, Any], lang: str) -> str:
    """What a signature box prints under the signer: the key, the certificate, or plainly
    that the signature is handwritten."""
    if entry.get("method") == "handwritten":
        return label("handwritten_signature", lang, sha256=entry["scan"]["sha256"])
    if entry.get("method") == "pades":
        return label("certificate_signature", lang, sha256=entry["certificate"]["sha256"])
    return str(entry["public_key"])


#: The names of the files a document's PDF carries.
SNAPSHOT_NAME = "snapshot.json"
SIGNATURES_NAME = "signatures.json"


def signatures_json(doc: DocumentView) -> bytes:
    """The Ed25519 signatures of a document, as the JSON file carried in its PDF and bundle."""
    return canonical_bytes(
        {
            "reference": doc.reference,
            "sha256": doc.sha256,
            "journal": {"size": doc.journal_size, "head": doc.journal_head},
            "signatures": [
                {
                    "party": x.party,
                    "signer": x.signer,
                    "public_key": x.public_key,
                    "signature": x.signature,
                    "journal_seq": x.journal_seq,
                    "signed_at": utc_stamp(x.signed_at),
                    **_how_signed(x),
                }
                for x in doc.signatures
            ],
        }
    )


def _how_signed(x: SignatureView) -> dict[str, Any]:
    # An Ed25519 signature's entry stays as it always was (older bundles verify unchanged).
    if x.method == "pades":
        return {"method": "pades", "certificate": {
            "subject": x.certificate_subject, "issuer": x.certificate_issuer,
            "sha256": x.certificate_sha256}}  # fmt: skip
    if x.method == "handwritten":
        return {"method": "handwritten", "scan": {"name": x.scan_name, "sha256": x.scan_sha256}}
    return {}


def signature_scan(ws: Workspace, reference: str) -> tuple[str, bytes] | None:
    """The scan (name, bytes) of the town's handwritten signature on a document, if any."""
    with ws.db.session() as s:
        d = _document(s, reference)
        row = s.scalars(
            select(DocumentSignature)
            .where(col(DocumentSignature.document_id) == d.id)
            .where(col(DocumentSignature.method) == "handwritten")
        ).first()
        return (row.scan_name or "scan", row.scan) if row is not None and row.scan else None


#: The fields of a manual check, all required (``subject`` is optional).
MANUAL_FIELDS = ("test", "expected", "observed", "passed", "tester")


def parse_tests(data: bytes, source: str = "tests") -> tuple[AcceptanceTest, ...]:
    """The parties' manual checks from JSON: a list of {test, expected, observed, passed,
    tester, subject?}. Automated results are read from the records, never from a file.

    ``passed`` is a real boolean or one of the words true/false, oui/non, passed/failed
    (any case): ``"false"`` is a failed check, never a passed one.

    Raises:
        ValidationError: not such a list, a row claiming to be automated, or a field
            missing or unreadable (names the file, the row and the field).
    """
    try:
        rows = json.loads(data)
    except ValueError as exc:
        raise ValidationError(msg("error.json.invalid", error=str(exc)), where=source) from None
    if not isinstance(rows, list):
        raise ValidationError(
            msg("error.document.checks_not_list", kind=type(rows).__name__),
            where=source,
        )
    tests = []
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise ValidationError(
                msg("error.document.check_not_object", kind=type(row).__name__),
                where=msg("error.where.row", source=source, row=n),
            )
        tests.append(manual_check(row, where=msg("error.where.row", source=source, row=n)))
    _refuse_automated(tests)
    return tuple(tests)


def manual_check(row: Mapping[str, Any], where: str | Message = "check") -> AcceptanceTest:
    """One manual check from its fields (a file's row, or what the TUI's form holds).

    Raises:
        ValidationError: a required field missing or empty, or ``passed`` not a result.
    """
    for name in MANUAL_FIELDS:
        value = row.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValidationError(
                msg("error.missing_or_empty"),
                where=msg("error.where.field", where=where, field=name),
            )
    try:
        passed = parse_passed(row["passed"])
    except ValueError:
        raise ValidationError(
            msg("error.document.not_a_result", value=str(row["passed"])),
            where=msg("error.where.field", where=where, field="passed"),
        ) from None
    return AcceptanceTest(
        test=str(row["test"]).strip(),
        expected=str(row["expected"]).strip(),
        observed=str(row["observed"]).strip(),
        passed=passed,
        tester=str(row["tester"]).strip(),
        automated=bool(row.get("automated", False)),
        subject=str(row.get("subject", "")),
        record=str(row.get("record", "")),
    )


def _refuse_automated(manual: Sequence[AcceptanceTest]) -> None:
    for n, t in enumerate(manual, 1):
        if t.automated or t.record:
            raise ValidationError(
                msg("error.document.check_automated", n=n, test=t.test),
                where="tests",
            )


def parse_repair_costs(entries: Iterable[str]) -> dict[str, str]:
    """``TAG=AMOUNT`` entries (euros) as repair costs by tag; blank entries are skipped.

    Raises:
        ValidationError: an entry of another shape, not an amount in euros, or a tag given
            twice (named).
    """
    costs: dict[str, str] = {}
    for text in (e.strip() for e in entries):
        if not text:
            continue
        tag, amount = parse_repair_cost(text)
        if tag in costs:
            raise ValidationError(
                msg("error.document.repair_twice", tag=tag),
                where=msg("error.document.repair_where"),
            )
        costs[tag] = amount
    return costs


def parse_repair_cost(text: str) -> tuple[str, str]:
    """``TAG=AMOUNT`` (euros) as a returned item's repair cost: (tag, amount as printed).

    Raises:
        ValidationError: another shape, or not an amount in euros.
    """
    tag, sep, amount = text.partition("=")
    if not sep or not tag.strip() or not amount.strip():
        raise ValidationError(
            msg("error.document.repair_shape", text=text),
            where=msg("error.document.repair_where"),
        )
    try:
        return tag.strip(), euro_amount(amount)
    except DocumentError:
        raise ValidationError(
            msg("error.document.repair_not_euros", text=text, amount=amount.strip()),
            where=msg("error.document.repair_where"),
        ) from None


def parse_mailbox(text: str) -> MailboxDisposition:
    """``address=returned|destroyed|unknown[:details]`` as a mailbox's data disposition.

    Raises:
        ValidationError: another shape or disposition.
    """
    address, sep, rest = text.partition("=")
    disposition, _, detail = rest.partition(":")
    if not sep or not address.strip() or disposition not in ("returned", "destroyed", "unknown"):
        raise ValidationError(
            msg("error.document.mailbox_shape", text=text),
            where="mailbox",
        )
    # A disposition typed by hand proves nothing of the copies: never "destroyed" here.
    return MailboxDisposition(address.strip(), disposition, detail.strip())


def _town_name(organisation: str) -> str:
    """ "Aubagne" of "Commune d'Aubagne", "La Ciotat" of "Commune de La Ciotat"."""
    for prefix in ("Commune de ", "Commune d'", "Commune d’"):
        if organisation.startswith(prefix):
            return organisation[len(prefix) :]
    return organisation
