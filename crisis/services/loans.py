"""The crisis lifecycle: declare, open a loan, assemble its kit, hand it over, take it back.

Each function is one user action in one transaction; every state change of the loan and of
its assets is journaled with it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from crisis.domain.agreement_terms import AgreementTerms, EndRule, check_loan_allowed
from crisis.domain.assets import AssetState, Category, Condition, check_transition
from crisis.domain.documents import DocumentKind, unreserved_failures
from crisis.domain.free_text import NAME_MAX, TEXT_MAX, checked_text
from crisis.domain.holds import check_hold_transition
from crisis.domain.kit_assembly import (
    AvailableAsset,
    KitAssembly,
    KitTemplate,
    TemplateLine,
    assemble_kit,
    line_words,
)
from crisis.domain.label_sheets import is_kit_code
from crisis.domain.loans import (
    DataDisposition,
    LoanFacts,
    LoanGuardError,
    LoanState,
    MailboxDisposition,
    Party,
    check_loan_transition,
    handover_inventory_missing,
)
from crisis.domain.restitution import (
    HandoverItem,
    ReturnReport,
    ScannedReturn,
    compute_return,
    path_to_quarantine,
)
from crisis.domain.tags import normalise_tag, sorted_tags
from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import Joined, Message, msg
from crisis.services import insurance
from crisis.services.assets import held_seals, move_assets
from crisis.services.journaling import Change, locked_head, record
from crisis.services.towns import find_town
from crisis.services.views import decode_json
from crisis.services.workspace import Workspace
from inventory.repo import journal as journal_repo
from inventory.repo import labels as labels_repo
from inventory.repo import loan_documents as docs_repo
from inventory.repo import loans as repo
from inventory.repo import mail as mail_repo
from inventory.repo import runs as runs_repo
from inventory.tables import (
    Agreement,
    Asset,
    Crisis,
    Document,
    Loan,
    LoanItem,
    Organisation,
    ReturnScan,
)
from inventory.tables import (
    KitTemplate as KitTemplateRow,
)
from inventory.tables import (
    KitTemplateLine as KitTemplateLineRow,
)

DOCUMENTS = {
    "acceptance": "acceptance_signed_by",
    "inventory": "inventory_signed_by",
    "return": "return_signed_by",
}

#: The journal action of a handover, with the signed joint inventory's reference and hash.
HANDED_OVER_ACTION = "loan.handed_over"
INVENTORY_KIND = DocumentKind.INVENTORY.value


@dataclass(frozen=True, slots=True)
class LoanView:
    """A loan and its items."""

    reference: str
    crisis: str
    agreement: str
    borrower: str
    state: LoanState
    items: tuple[str, ...]
    acceptance_signed_by: tuple[str, ...]
    inventory_signed_by: tuple[str, ...]
    return_signed_by: tuple[str, ...]


def terms_of(a: Agreement) -> AgreementTerms:
    """The domain's view of an agreement row."""
    return AgreementTerms(
        reference=a.reference,
        start_date=a.start_date,
        end_rule=EndRule(a.end_rule),
        end_date=a.end_date,
        max_years=a.max_years,
        notice_months=a.notice_months,
        notice_given_on=a.notice_given_on,
        intervention_hours=a.intervention_hours,
        loss_declaration_hours=a.loss_declaration_hours,
        breach_notification_hours=a.breach_notification_hours,
    )


def declare_crisis(
    ws: Workspace, town: str, reference: str, declarant: str, description: str = ""
) -> str:
    """Open a crisis record for a town under attack; return its reference."""
    operator = ws.acting_operator()
    declarant = checked_text(declarant, "declarant", limit=NAME_MAX)
    description = checked_text(description, "description", limit=TEXT_MAX, lines=True)
    with ws.db.session(write=True) as s:
        org = find_town(s, town)
        assert org.id is not None
        if repo.crisis(s, reference):
            raise ValidationError(msg("error.crisis.exists", crisis=reference), where="reference")
        now = datetime.now(UTC)
        s.add(
            Crisis(
                reference=reference,
                organisation_id=org.id,
                declared_at=now,
                declarant=declarant,
                description=description,
            )
        )
        after = {"town": org.name, "declarant": declarant, "description": description}
        record(s, operator, [Change("crisis.declared", "crisis", reference, None, after)])
        return reference


def open_loan(ws: Workspace, crisis: str, agreement: str, template: str) -> LoanView:
    """Open a loan under an agreement in force, for a crisis, with a kit template.

    Raises:
        AgreementInactiveError: the agreement has expired, was ended by notice or reached its
            maximum duration (the message names the dates).
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        c = require_crisis(s, crisis)
        a = repo.agreement(s, agreement)
        if a is None or a.id is None:
            raise NotFoundError(msg("error.agreement.not_found", reference=agreement))
        if a.borrower_id != c.organisation_id:
            raise ValidationError(
                msg("error.loan.agreement_other_town", agreement=agreement, crisis=crisis),
                where="agreement",
            )
        check_loan_allowed(terms_of(a), datetime.now(UTC))
        found = repo.template(s, template)
        if found is None:
            raise NotFoundError(msg("error.template.not_found", template=template))
        assert c.id is not None
        assert found[0].id is not None
        warning = insurance.loan_warning(s, a, datetime.now(UTC))
        # Numbered and journaled last: openings at once wait on each other (the number,
        # the journal's head) only for these few statements.
        reference = _insert_loan(s, c.id, a.id, found[0].id).reference
        after = {"crisis": crisis, "agreement": agreement, "template": template}
        changes = [Change("loan.opened", "loan", reference, None, after)]
        if warning is not None:
            changes.append(Change("loan.insurance_missing", "loan", reference, None, warning))
        record(s, operator, changes)
    return get_loan(ws, reference)


#: How many numbers an opening tries when others open loans at the same time.
REFERENCE_ATTEMPTS = 10


def _insert_loan(s: Session, crisis_id: int, agreement_id: int, template_id: int) -> Loan:
    """The new loan, numbered after the year's highest reference (``PRET-2026-0042``).

    Openings number one after the other (under the journal head's lock); should another
    take the same number all the same, the row goes in under a savepoint and, on that conflict, the
    next number is tried.

    Raises:
        ValidationError: every attempt found its number taken.
    """
    now = datetime.now(UTC)
    prefix = f"PRET-{now.year}-"
    # Openings number one after the other: the journal's head, which the opening journals
    # with, is locked from here to the commit (one queue with every journaling action,
    # rather than a second lock taken before it).
    locked_head(s)
    for _ in range(REFERENCE_ATTEMPTS):
        numbers = [r.removeprefix(prefix) for r in repo.loan_references(s, prefix)]
        last = max((int(n) for n in numbers if n.isdigit()), default=0)
        loan = Loan(
            reference=f"{prefix}{last + 1:04d}",
            crisis_id=crisis_id,
            agreement_id=agreement_id,
            template_id=template_id,
            state=LoanState.DECLARED.value,
            created_at=now,
        )
        try:
            with s.begin_nested():
                s.add(loan)
                s.flush()
        except IntegrityError:
            continue  # another opening took this number: the next one
        return loan
    raise ValidationError(
        msg("error.loan.no_free_reference", attempts=REFERENCE_ATTEMPTS),
        where="reference",
    )


def assemble(ws: Workspace, loan: str) -> LoanView:
    """Bind the kit template to assets in stock and reserve them.

    Two technicians assembling at once never get the same asset: candidates are locked
    (skipping those another transaction holds) until this one commits.

    Raises:
        ValidationError: stock is short; says what is missing per line; nothing is reserved.
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan, for_update=True)
        found = repo.template(s, _template_name(s, ln))
        assert found is not None
        tpl, lines = found
        names = repo.model_names(s, [x.model_id for x in lines if x.model_id is not None])
        template_lines = [
            TemplateLine(
                Category(x.category),
                x.quantity,
                names.get(x.model_id, f"model #{x.model_id}") if x.model_id is not None else None,
            )
            for x in lines
        ]
        kit = KitTemplate(tpl.name, tuple(template_lines), tpl.mailboxes)
        pool = _lock_candidates(s, lines)
        by_tag = {a.tag: a for a in pool}
        assembly = assemble_kit(
            kit,
            (
                AvailableAsset(a.tag, Category(a.category), names.get(a.model_id or -1))
                for a in pool
            ),
        )
        if not assembly.complete:
            raise ValidationError(
                msg("error.loan.short_stock", loan=loan, shortages=Joined(assembly.shortages())),
                where="stock",
            )
        _move_loan(s, operator, ln, LoanState.RESERVED)
        assert ln.id is not None
        changes = move_assets(
            s, [by_tag[t] for t in _picked(assembly)], AssetState.RESERVED, f"loan {loan}"
        )
        for pick in assembly.picks:
            for tag in pick.tags:
                s.add(LoanItem(loan_id=ln.id, asset_tag=tag, line=str(pick.line)))
        record(s, operator, changes + _clear_signatures(ln))
        s.flush()
        return _view(s, ln)


def _lock_candidates(s: Session, lines: Sequence[KitTemplateLineRow]) -> list[Asset]:
    """For each template line (those naming a model first, as the assembly serves them), as
    many ready assets as it needs, locked on PostgreSQL (skipping those another assembler
    holds) so a concurrent assembly still finds the rest of the stock.

    Once a line is short the assembly fails: the later lines are only read, for the message,
    so as not to hold assets another assembler could use.
    """
    lock = s.get_bind().dialect.name == "postgresql"
    pool: list[Asset] = []
    for x in sorted(lines, key=lambda x: x.model_id is None):
        found = repo.ready_for_line(
            s, x.category, x.model_id, x.quantity, besides=[a.tag for a in pool], lock=lock
        )
        lock = lock and len(found) == x.quantity
        pool += found
    return pool


def substitute(
    ws: Workspace,
    loan: str,
    old_tag: str,
    new_tag: str,
    reason: str,
    *,
    damaged: bool = False,
) -> LoanView:
    """Replace one asset of a kit by another ready asset of the same category; journaled.

    Before handover only. The replaced asset never goes straight back to ready stock: it
    goes to quarantine (or, when `damaged`, to damaged) with the reason, so no kit picks it
    before someone has looked at it (and sanitised it, if provisioning had started).

    Raises:
        ValidationError: no reason given, or the loan, the old or the new asset is wrong.
    """
    operator = ws.acting_operator()
    reason = checked_text(reason, "reason")
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan, for_update=True)
        state = LoanState(ln.state)
        if state not in (LoanState.RESERVED, LoanState.PROVISIONING):
            raise ValidationError(
                msg("error.loan.substitute_late", loan=loan, state=msg(f"loanstate.{state}")),
                where="loan",
            )
        assert ln.id is not None
        item = next((i for i in repo.items(s, ln.id) if i.asset_tag == old_tag), None)
        if item is None:
            raise ValidationError(
                msg("error.loan.not_in_loan", tag=old_tag, loan=loan), where="old"
            )
        found = repo.assets_by_tags(s, sorted({old_tag, new_tag}), for_update=True)
        by_tag = {a.tag: a for a in found}
        if new_tag not in by_tag:
            raise NotFoundError(msg("error.asset.not_found", tag=new_tag))
        old, new = by_tag[old_tag], by_tag[new_tag]
        if new.category != old.category:
            raise ValidationError(
                msg(
                    "error.loan.substitute_category",
                    new=new_tag,
                    new_category=msg(f"doc.v.{new.category}"),
                    old=old_tag,
                    old_category=msg(f"doc.v.{old.category}"),
                ),
                where="new",
            )
        if new.state != AssetState.IN_STOCK.value:
            raise ValidationError(
                msg(
                    "error.loan.substitute_not_ready", tag=new_tag, state=msg(f"state.{new.state}")
                ),
                where="new",
            )
        if not reason:
            raise ValidationError(
                msg("error.loan.substitute_reason", tag=old_tag),
                where="reason",
            )
        back = AssetState.DAMAGED if damaged else AssetState.QUARANTINE
        if damaged:
            old.condition = Condition.DAMAGED.value
        changes = move_assets(s, [old], back, f"loan {loan}: substituted out: {reason}")
        changes += move_assets(s, [new], AssetState.RESERVED, f"loan {loan}")
        if state is LoanState.PROVISIONING:
            changes += move_assets(s, [new], AssetState.PROVISIONING, f"loan {loan}")
        item.asset_tag = new_tag
        s.add(item)
        changes += _clear_signatures(ln)
        changes.append(
            Change(
                "loan.substituted",
                "loan",
                loan,
                {"tag": old_tag},
                {"tag": new_tag, "reason": reason, "old_to": back.value},
            )
        )
        record(s, operator, changes)
        s.flush()
        return _view(s, ln)


def _clear_signatures(ln: Loan) -> list[Change]:
    """The kit changed: what the parties signed (acceptance, inventory) no longer describes it."""
    before = {
        "acceptance": list(ln.acceptance_signed_by),
        "inventory": list(ln.inventory_signed_by),
    }
    if not any(before.values()):
        return []
    ln.acceptance_signed_by = []
    ln.inventory_signed_by = []
    after: dict[str, list[str]] = {"acceptance": [], "inventory": []}
    return [Change("loan.signatures_cleared", "loan", ln.reference, before, after)]


def start_provisioning(ws: Workspace, loan: str) -> LoanView:
    """The kit goes to the workbench: mailboxes, cleaning, switch configuration."""
    return _advance(ws, loan, LoanState.PROVISIONING, AssetState.PROVISIONING)


def record_signature(ws: Workspace, loan: str, document: str, party: Party) -> LoanView:
    """Record on the loan that a party signed a joint document (``acceptance``,
    ``inventory`` or ``return``), for its guards.

    Front ends sign documents (`crisis.services.documents.sign_document`, which records it
    in the same transaction as the signature), never the loan directly.
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        return record_signature_in(s, operator, loan, document, party)


def record_signature_in(
    s: Session, operator: str, loan: str, document: str, party: Party
) -> LoanView:
    """`record_signature` in the caller's transaction (the loan row is locked)."""
    if document not in DOCUMENTS:
        raise ValidationError(
            msg("error.loan.unknown_document", document=document, known=", ".join(DOCUMENTS)),
            where="document",
        )
    ln = _loan(s, loan, for_update=True)
    field = DOCUMENTS[document]
    signed: list[str] = list(getattr(ln, field))
    if party.value not in signed:
        setattr(ln, field, [*signed, party.value])
        s.add(ln)
        after = {"document": document, "party": party.value}
        record(s, operator, [Change("loan.signed", "loan", loan, None, after)])
    s.flush()
    return _view(s, ln)


def accept(ws: Workspace, loan: str) -> LoanView:
    """The joint acceptance tests passed and are signed by both: the kit is ready.

    Raises:
        LoanGuardError: the sheet is not signed by both, or a row of the latest sheet
            failed (or was not run) with no reservation by the borrower (names the rows).
    """
    return _advance(ws, loan, LoanState.ACCEPTED, AssetState.READY)


ACCEPTANCE_KIND = DocumentKind.ACCEPTANCE.value


def acceptance_gaps(ws: Workspace, loan: str) -> tuple[Message, ...]:
    """The rows of the loan's latest acceptance sheet that failed (or were not run) and
    carry no reservation by the borrower: what `accept` and `hand_over` refuse on (the TUI
    names them in its confirmation)."""
    with ws.db.session() as s:
        doc = docs_repo.latest_document(s, _loan(s, loan).reference, ACCEPTANCE_KIND)
        return unreserved_failures(json.loads(doc.snapshot)) if doc is not None else ()


def _acceptance_guard(s: Session, ln: Loan, target: LoanState) -> None:
    # The sheet the parties signed is the latest one; a failed row goes through only with
    # the borrower's written reservation on it (carried by that signed sheet).
    doc = docs_repo.latest_document(s, ln.reference, ACCEPTANCE_KIND)
    if doc is None:
        return  # the signature guard of the transition names the missing sheet
    assert doc.id is not None
    missing = [
        msg("loan.missing.row_failed", document=doc.reference, row=label)
        for label in unreserved_failures(json.loads(doc.snapshot))
    ]
    signed = docs_repo.signed_parties(s, doc.id)
    if not {p.value for p in Party} <= signed:
        missing.append(msg("loan.missing.acceptance.latest_unsigned", document=doc.reference))
    if missing:
        raise LoanGuardError(ln.reference, ln.state, target, tuple(missing))


def hand_over(ws: Workspace, loan: str) -> LoanView:
    """Hand the kit over: both documents signed; the items' snapshot becomes the reference.

    The latest joint inventory must be signed by both parties and list exactly the kit's
    items now; its hash is journaled with the handover (the return report refers to it).

    Raises:
        LoanGuardError: a document is not signed by both, or the signed inventory is not the
            kit as it is now (names what differs).
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan, for_update=True)
        current = LoanState(ln.state)
        _acceptance_guard(s, ln, LoanState.HANDED_OVER)
        _move_loan(s, operator, ln, LoanState.HANDED_OVER)
        assets = _loan_assets(s, ln, for_update=True)
        inventory = _signed_inventory(s, ln, current, [a.tag for a in assets])
        ln.handover_snapshot = [
            {
                "tag": a.tag,
                "serial": a.serial or "",
                "category": a.category,
                "condition": a.condition,
                "accessories": list((a.attributes or {}).get("accessories", [])),
            }
            for a in assets
        ]
        ln.handed_over_at = datetime.now(UTC)
        s.add(ln)
        after = {"inventory": inventory.reference, "sha256": inventory.sha256}
        changes = [Change(HANDED_OVER_ACTION, "loan", loan, None, after)]
        changes += move_assets(s, assets, AssetState.ON_LOAN, f"loan {loan}")
        record(s, operator, changes)
        s.flush()
        return _view(s, ln)


def _signed_inventory(s: Session, ln: Loan, current: LoanState, kit: list[str]) -> Document:
    doc = docs_repo.latest_document(s, ln.reference, INVENTORY_KIND)
    listed: list[str] = []
    signed: frozenset[Party] = frozenset()
    if doc is not None:
        assert doc.id is not None
        listed = [str(i["tag"]) for i in json.loads(doc.snapshot).get("items", [])]
        signed = frozenset(Party(p) for p in docs_repo.signed_parties(s, doc.id))
    missing = handover_inventory_missing(doc.reference if doc else None, signed, listed, kit)
    if missing or doc is None:
        raise LoanGuardError(ln.reference, current, LoanState.HANDED_OVER, missing)
    return doc


def handover_inventory_hash(s: Session, ln: Loan) -> str | None:
    """The hash of the joint inventory both parties signed, journaled at the handover (None
    for a loan not handed over, or handed over before it was journaled)."""
    event = journal_repo.last_event(s, "loan", ln.reference, [HANDED_OVER_ACTION])
    after = decode_json(event.after) if event else None
    return str(after["sha256"]) if isinstance(after, dict) and after.get("sha256") else None


def activate(ws: Workspace, loan: str) -> LoanView:
    """The town uses the kit: breakdown and loss clocks now apply."""
    return _advance(ws, loan, LoanState.ACTIVE, None)


class UnknownTagError(NotFoundError):
    """A scanned tag is none of our assets: refused, nothing recorded.

    Attributes:
        tags: the tags as scanned.
    """

    def __init__(self, loan: str, tags: Sequence[str]) -> None:
        super().__init__(msg("error.loan.scan_unknown_tag", loan=loan, tags=", ".join(tags)))
        self.tags = tuple(tags)


class UnexpectedItemError(ValidationError):
    """Scanned devices of ours that this loan did not lend: recorded only when confirmed.

    Attributes:
        tags: the devices, as the inventory spells them.
    """

    def __init__(self, loan: str, tags: Sequence[str]) -> None:
        super().__init__(
            msg(
                "error.loan.scan_not_lent",
                loan=loan,
                tags=", ".join(tags),
                command=f"crisis loan scan {loan} {' '.join(tags)} --unexpected",
            ),
            where="tag",
        )
        self.tags = tuple(tags)


def scan_return(
    ws: Workspace,
    loan: str,
    tag: str,
    condition: Condition,
    serial_read: str = "",
    *,
    confirm_unexpected: bool = False,
) -> ReturnReport:
    """One item back at the desk (as fast as a scanner types); returns the live report.

    A handed-over item goes to quarantine at once: it comes from a compromised network.
    See `return_items` for what is refused. The kit's own QR code
    (the loan reference, printed on its packing list) is no item: it is not recorded, and
    the report of the loan comes back as it stands.
    """
    return return_items(
        ws, loan, [(tag, condition, serial_read)], confirm_unexpected=confirm_unexpected
    )


def return_items(
    ws: Workspace,
    loan: str,
    scans: Sequence[tuple[str, Condition, str]],
    *,
    confirm_unexpected: bool = False,
) -> ReturnReport:
    """Several items back at once (tag, condition, serial read), in one transaction.

    A tag is matched as written, else in upper case. A device of ours the loan did not lend
    is recorded (as unexpected, and quarantined) only with `confirm_unexpected`.

    Raises:
        UnknownTagError: a tag no asset has (nothing is recorded).
        UnexpectedItemError: a device not lent by this loan, unconfirmed (nothing recorded).
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan, for_update=True)
        assert ln.id is not None
        scans = [scan for scan in scans if not is_kit_code(ln.reference, scan[0])]
        if not scans:  # the kit's own code only: the loan as it stands, nothing recorded
            return _report(s, ln)
        read = [tag.strip() for tag, _, _ in scans]
        found = repo.returning_assets(
            s, ln.id, sorted(set(read) | {normalise_tag(t) for t in read})
        )
        exact = {a.tag: a for a in found}
        upper = {normalise_tag(a.tag): a for a in found}
        assets = [exact.get(t) or upper.get(normalise_tag(t)) for t in read]
        unknown = [t for t, a in zip(read, assets, strict=True) if a is None or not t]
        if unknown:
            _refuse_kit_codes(s, ln, [tag for tag, _, _ in scans])
            raise UnknownTagError(loan, unknown)
        known = [a for a in assets if a is not None]
        foreign = sorted_tags({a.tag for a in known if not a.lent})
        if foreign and not confirm_unexpected:
            raise UnexpectedItemError(loan, foreign)
        changes: list[Change] = []
        state = LoanState(ln.state)
        if state is LoanState.HANDED_OVER:
            changes.append(_loan_change(s, ln, LoanState.ACTIVE))
            state = LoanState.ACTIVE
        if state is LoanState.ACTIVE:
            changes.append(_loan_change(s, ln, LoanState.RETURNING))
        elif state is not LoanState.RETURNING:
            raise ValidationError(
                msg("error.loan.nothing_to_return", loan=loan, state=msg(f"loanstate.{state}")),
                where="loan",
            )
        lender = _lender(s, ln) if foreign else None
        now = datetime.now(UTC)
        states = {a.tag: AssetState(a.state) for a in known}
        moves: dict[str, tuple[str, str | None]] = {}
        rows: list[repo.NewScan] = []
        for asset, (_, condition, serial_read) in zip(known, scans, strict=True):
            kind = ScanKind.LENT if asset.lent else ScanKind.UNEXPECTED
            was = states[asset.tag]
            moved = _receive(ln, asset, was, condition, kind, lender)
            after = {"tag": asset.tag, "condition": condition.value, "kind": kind.value}
            changes.append(Change("loan.item_scanned", "loan", loan, None, after))
            if moved is not None:
                changes.append(moved)
                states[asset.tag] = AssetState.QUARANTINE
                kept = moves.get(asset.tag, (AssetState.QUARANTINE.value, None))[1]
                new = condition.value if kind is ScanKind.LENT else kept
                moves[asset.tag] = (AssetState.QUARANTINE.value, new)
            moved_from = was.value if moved else ""
            rows.append(
                repo.NewScan(asset.tag, condition.value, serial_read, kind.value, moved_from)
            )
        groups: dict[tuple[str, str | None], list[str]] = {}
        for tag, target in moves.items():
            groups.setdefault(target, []).append(tag)
        repo.set_states(s, groups, now)
        repo.add_scans(s, ln.id, now, operator, rows)
        record(s, operator, changes)
        return _report(s, ln)


def _refuse_kit_codes(s: Session, ln: Loan, tags: Sequence[str]) -> None:
    """Refuse another loan's kit code among tags read at the desk (that crate belongs to
    another return). Asked only when a tag matched no device: a kit code never does."""
    codes = sorted({normalise_tag(tag) for tag in tags})
    others = labels_repo.loan_references_among(s, codes)
    if others:
        raise ValidationError(
            msg("error.loan.other_kit_code", codes=", ".join(sorted(others)), loan=ln.reference),
            where="scan",
        )


def _lender(s: Session, ln: Loan) -> int | None:
    a = s.get(Agreement, ln.agreement_id)
    return a.lender_id if a else None


class ScanKind(StrEnum):
    """Why a device came back with a loan (typed, so no rule reads a journal sentence)."""

    LENT = "lent"  # one of the loan's items
    UNEXPECTED = "unexpected"  # one of ours it had not lent, confirmed at the desk


def _receive(
    ln: Loan,
    asset: repo.ReturningAsset,
    was: AssetState,
    condition: Condition,
    kind: ScanKind,
    lender: int | None,
) -> Change | None:
    """The journaled move of a device received at the desk, when it goes to quarantine:
    one the loan lent that was on loan, lost or stolen; one of ours it did not lend (it was
    on the town's network). Others keep their state and are not this loan's to sanitise.
    Each step is checked against the asset rules and forensic holds (`was` is its state
    now; a lent device also takes the `condition` read at the desk).

    Raises:
        InvalidTransitionError, OnHoldError: as :func:`move_assets` raises them.
    """
    path = path_to_quarantine(was)
    if not path or (kind is ScanKind.UNEXPECTED and asset.owner_id not in (None, lender)):
        return None
    seals = {asset.tag: asset.seal} if asset.seal is not None else {}
    current = was
    for step in path:
        check_hold_transition(seals, step)
        check_transition(asset.tag, current, step)
        via, current = current, step
    reason = f"loan {ln.reference}: returned ({kind.value})"
    after = {"state": current.value, "reason": reason, "via": via.value}
    return Change("asset.state_changed", "asset", asset.tag, {"state": was.value}, after)


def withdraw_scan(ws: Workspace, loan: str, tag: str, reason: str = "") -> ReturnReport:
    """Withdraw the latest scan of `tag` for this loan (a wrong label, a slip of the
    scanner): journaled; the device goes back to the state the scan moved it from when no
    other scan of it remains and it has not moved since.

    Raises:
        ValidationError: the return report was issued already (a new scan or a reservation
            is the way then), no scan of this tag remains, or the device moved since.
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan, for_update=True)
        assert ln.id is not None
        issued = docs_repo.latest_document(s, ln.reference, DocumentKind.RETURN.value)
        if issued is not None:
            raise ValidationError(
                msg("error.loan.scan_after_report", loan=loan, document=issued.reference),
                where="loan",
            )
        active = [
            x for x in repo.scans(s, ln.id) if normalise_tag(x.asset_tag) == normalise_tag(tag)
        ]
        if not active:
            raise ValidationError(
                msg("error.loan.no_scan_to_withdraw", loan=loan, tag=tag), where="tag"
            )
        scan = active[-1]
        now = datetime.now(UTC)
        changes: list[Change] = []
        if scan.moved_from and len(active) == 1:
            changes += _put_back(s, ln, scan)
        elif scan.moved_from:  # an earlier scan of it remains: it stays received
            active[-2].moved_from = scan.moved_from
            s.add(active[-2])
        scan.withdrawn_at = now
        scan.withdrawn_by = operator
        s.add(scan)
        after = {"tag": scan.asset_tag, "scanned_at": scan.scanned_at.isoformat(), "reason": reason}
        changes.insert(0, Change("loan.scan_withdrawn", "loan", loan, None, after))
        record(s, operator, changes)
        s.flush()
        return _report(s, ln)


def _put_back(s: Session, ln: Loan, scan: ReturnScan) -> list[Change]:
    """The device as it was before the scan moved it (journaled), if it has not moved since."""
    asset = repo.assets_by_tags(s, [scan.asset_tag], for_update=True)[0]
    target = AssetState(scan.moved_from)
    check_hold_transition(held_seals(s, [asset.tag]), target)
    if asset.state != AssetState.QUARANTINE.value:
        raise ValidationError(
            msg("error.loan.scan_moved_on", tag=asset.tag, state=msg(f"state.{asset.state}")),
            where="tag",
        )
    asset.state = target.value
    asset.updated_at = datetime.now(UTC)
    s.add(asset)
    after = {"state": target.value, "reason": f"loan {ln.reference}: scan withdrawn"}
    return [Change("asset.state_changed", "asset", asset.tag, {"state": "quarantine"}, after)]


def return_report(ws: Workspace, loan: str) -> ReturnReport:
    """The return computed against the signed handover snapshot."""
    with ws.db.session() as s:
        return _report(s, _loan(s, loan))


def finish_return(ws: Workspace, loan: str) -> LoanView:
    """Returns are over: what was not scanned is missing; devices go to sanitisation."""
    return _advance(ws, loan, LoanState.SANITISING, None)


def close(ws: Workspace, loan: str, resolution: str = "") -> LoanView:
    """Close the loan, in one transaction.

    With `resolution`, the loan's open incidents and running clocks are closed with it
    first (journaled); without, they block the close.

    Raises:
        LoanGuardError: an item neither returned nor declared lost or stolen (names them
            and the command to declare them), an open incident or clock, a returned device
            with no sanitisation record (those under forensic hold excepted), a mailbox
            whose data has no disposition.
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan, for_update=True)
        assert ln.id is not None
        if resolution.strip() and LoanState(ln.state) is LoanState.SANITISING:
            record(s, operator, _resolve_open(s, ln, resolution.strip()))
        _move_loan(s, operator, ln, LoanState.CLOSED)
        ln.closed_at = datetime.now(UTC)
        s.add(ln)
        s.flush()
        return _view(s, ln)


@dataclass(frozen=True, slots=True)
class CloseCheck:
    """What stands between a loan and its close that a person can settle at once.

    Attributes:
        unaccounted: items neither returned nor declared lost or stolen.
        open_incidents: its incidents and clocks still open ("loss 3", "clock intervention 7").
    """

    unaccounted: tuple[str, ...]
    open_incidents: tuple[str, ...]

    @property
    def clear(self) -> bool:
        """Nothing to declare, nothing to close with a reason."""
        return not (self.unaccounted or self.open_incidents)


def close_check(ws: Workspace, loan: str) -> CloseCheck:
    """The items to declare and the incidents to close before `close` (read only)."""
    with ws.db.session() as s:
        ln = _loan(s, loan)
        facts = _facts(s, ln, LoanState.CLOSED)
        return CloseCheck(
            tuple(sorted_tags(facts.unaccounted)), facts.open_incidents + facts.running_clocks
        )


def _resolve_open(s: Session, ln: Loan, reason: str) -> list[Change]:
    """Close the loan's open incidents and stop their running clocks, with `reason`."""
    assert ln.id is not None
    now = datetime.now(UTC)
    changes: list[Change] = []
    found = repo.incidents_of_loan(s, ln.id)
    for clock in repo.clocks_of_incidents(s, [i.id for i in found if i.id is not None]):
        if clock.stopped_at is None:
            clock.stopped_at = now
            clock.stop_reason = reason
            s.add(clock)
            after = {"reason": reason, "loan": ln.reference}
            changes.append(Change("clock.stopped", "clock", str(clock.id), None, after))
    for incident in found:
        if incident.resolved_at is None:
            incident.resolved_at = now
            incident.resolution = reason
            s.add(incident)
            after = {"resolution": reason, "loan": ln.reference}
            changes.append(Change("incident.resolved", "incident", str(incident.id), None, after))
    return changes


def incident_records(s: Session, ln: Loan) -> list[dict[str, Any]]:
    """The loan's incidents with their clocks as plain data (UTC times), for its return
    report: open ones, and closed ones with their reason."""
    assert ln.id is not None
    found = repo.incidents_of_loan(s, ln.id)
    clocks = repo.clocks_of_incidents(s, [i.id for i in found if i.id is not None])
    return [
        {
            "id": i.id,
            "kind": i.kind,
            "reported_at": i.reported_at.isoformat(),
            "declarant": i.declarant,
            "description": i.description,
            "assets": list(i.asset_tags),
            "resolved_at": i.resolved_at.isoformat() if i.resolved_at else "",
            "resolution": i.resolution,
            "clocks": [
                {
                    "kind": c.kind,
                    "due_at": c.due_at.isoformat(),
                    "stopped_at": c.stopped_at.isoformat() if c.stopped_at else "",
                    "stop_reason": c.stop_reason,
                }
                for c in clocks
                if c.incident_id == i.id
            ],
        }
        for i in found
    ]


def unaccounted_items(s: Session, ln: Loan) -> list[str]:
    """Handed-over items neither received back nor covered by a loss or theft declaration
    of the loan's crisis: still on loan, or lost/stolen with no declaration naming them."""
    tags = [str(i["tag"]) for i in (ln.handover_snapshot or [])]
    declared = {
        t
        for i in repo.incidents_of_crisis(s, ln.crisis_id)
        if i.kind in ("loss", "theft")
        for t in i.asset_tags
    }
    out = []
    for a in repo.assets_by_tags(s, tags):
        state = AssetState(a.state)
        if state is AssetState.ON_LOAN or (
            state in (AssetState.LOST, AssetState.STOLEN) and a.tag not in declared
        ):
            out.append(a.tag)
    return sorted_tags(out)


def list_loans(ws: Workspace, states: Sequence[LoanState] = ()) -> list[LoanView]:
    """Loans (in these states, or all), by borrower and reference."""
    wanted = [st.value for st in (states or tuple(LoanState))]
    with ws.db.session() as s:
        return [_view(s, ln) for ln, _ in repo.active_loans(s, wanted)]


@dataclass(frozen=True, slots=True)
class TemplateView:
    """A kit template and its lines."""

    name: str
    description: str
    mailboxes: int
    lines: tuple[Message, ...]


def list_templates(ws: Workspace) -> list[TemplateView]:
    """Every kit template with its lines ("10 × laptop")."""
    with ws.db.session() as s:
        out = []
        for t in repo.templates(s):
            found = repo.template(s, t.name)
            assert found is not None
            lines = tuple(
                msg("kit.line", quantity=x.quantity, what=line_words(x.category)) for x in found[1]
            )
            out.append(TemplateView(t.name, t.description, t.mailboxes, lines))
        return out


def get_loan(ws: Workspace, loan: str) -> LoanView:
    """A loan and its items."""
    with ws.db.session() as s:
        return _view(s, _loan(s, loan))


# --- internals ------------------------------------------------------------------------------


def _advance(ws: Workspace, loan: str, target: LoanState, assets_to: AssetState | None) -> LoanView:
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan, for_update=True)
        if target is LoanState.ACCEPTED:
            _acceptance_guard(s, ln, target)
        _move_loan(s, operator, ln, target)
        if assets_to is not None:
            record(
                s,
                operator,
                move_assets(s, _loan_assets(s, ln, for_update=True), assets_to, f"loan {loan}"),
            )
        if target is LoanState.CLOSED:
            ln.closed_at = datetime.now(UTC)
            s.add(ln)
        s.flush()
        return _view(s, ln)


def _facts(s: Session, ln: Loan, target: LoanState) -> LoanFacts:
    # Everything that physically came back (substitutes and unexpected devices included)
    # needs a passed sanitisation record made since it came back before the loan closes;
    # only closing looks at it, and at the mailboxes (no other move asks the database).
    closing = target is LoanState.CLOSED
    returned = _to_sanitise(s, ln) if closing and ln.handover_snapshot else set()
    assert ln.id is not None
    sanitised = (
        runs_repo.passed_sanitisations_since(s, _back_since(s, ln, returned)) if closing else set()
    )
    boxes = mail_repo.mailboxes_of(s, ln.id) if closing else []
    found = repo.incidents_of_loan(s, ln.id) if closing else []
    clocks = repo.clocks_of_incidents(s, [i.id for i in found if i.id is not None])
    return LoanFacts(
        reference=ln.reference,
        acceptance_signed_by=frozenset(Party(p) for p in ln.acceptance_signed_by),
        inventory_signed_by=frozenset(Party(p) for p in ln.inventory_signed_by),
        return_report_signed_by=frozenset(Party(p) for p in ln.return_signed_by),
        returned_devices=frozenset(returned),
        sanitised_devices=frozenset(sanitised),
        mailboxes=frozenset(m.address for m in boxes),
        dispositions=tuple(
            MailboxDisposition(m.address, DataDisposition(m.disposition), m.certificate or None)
            for m in boxes
            if m.disposition
        ),
        unaccounted=frozenset(unaccounted_items(s, ln) if closing else ()),
        open_incidents=tuple(f"{i.kind} {i.id}" for i in found if i.resolved_at is None),
        running_clocks=tuple(f"clock {c.kind} {c.id}" for c in clocks if c.stopped_at is None),
        held_devices=frozenset(held_seals(s, sorted(returned))),
    )


def _to_sanitise(s: Session, ln: Loan) -> set[str]:
    """The received devices this loan must have sanitised: those it lent, and those of ours
    it had not lent that its return desk quarantined (the scans say which)."""
    assert ln.id is not None
    lent = {i.asset_tag for i in repo.items(s, ln.id)}
    received = set(_report(s, ln).received_tags)
    quarantined = {
        x.asset_tag
        for x in repo.scans(s, ln.id)
        if x.kind == ScanKind.UNEXPECTED.value and x.moved_from
    }
    return (received & lent) | quarantined


def _back_since(s: Session, ln: Loan, tags: set[str]) -> dict[str, datetime]:
    """When each received device came back: its first return scan for this loan.

    Only a sanitisation made since then counts for closing (not one for an earlier loan).
    """
    assert ln.id is not None
    fallback = ln.handed_over_at or ln.created_at
    since: dict[str, datetime] = {}
    for scan in repo.scans(s, ln.id):
        if scan.asset_tag in tags:
            since.setdefault(scan.asset_tag, scan.scanned_at)
    return {t: since.get(t, fallback) for t in tags}


def _move_loan(s: Session, operator: str, ln: Loan, target: LoanState) -> None:
    record(s, operator, [_loan_change(s, ln, target)])


def _loan_change(s: Session, ln: Loan, target: LoanState) -> Change:
    """Move the loan to `target` (the move checked); the change to journal."""
    current = LoanState(ln.state)
    check_loan_transition(_facts(s, ln, target), current, target)
    ln.state = target.value
    s.add(ln)
    return Change(
        "loan.state_changed",
        "loan",
        ln.reference,
        {"state": current.value},
        {"state": target.value},
    )


def _picked(assembly: KitAssembly) -> list[str]:
    return [t for p in assembly.picks for t in p.tags]


def _loan_assets(s: Session, ln: Loan, *, for_update: bool = False) -> list[Asset]:
    assert ln.id is not None
    return repo.assets_by_tags(
        s, [i.asset_tag for i in repo.items(s, ln.id)], for_update=for_update
    )


def _report(s: Session, ln: Loan) -> ReturnReport:
    assert ln.id is not None
    handover = [
        HandoverItem(
            tag=i["tag"],
            serial=i["serial"],
            category=Category(i["category"]),
            condition=Condition(i["condition"]),
            accessories=tuple(i.get("accessories", [])),
        )
        for i in (ln.handover_snapshot or [])
    ]
    scans = [
        ScannedReturn(
            tag=x.asset_tag,
            condition=Condition(x.condition),
            serial=x.serial_read or None,
            category=Category(x.category) if x.category is not None else None,
        )
        for x in repo.scans_with_category(s, ln.id)
    ]
    return compute_return(handover, scans)


def require_crisis(s: Session, reference: str) -> Crisis:
    """The crisis with this reference.

    Raises:
        NotFoundError: none has it.
    """
    c = repo.crisis(s, reference)
    if c is None:
        raise NotFoundError(msg("error.crisis.not_found", reference=reference))
    return c


def require_loan(s: Session, reference: str) -> Loan:
    """The loan with this reference, in session `s`.

    Raises:
        NotFoundError: no such loan.
    """
    return _loan(s, reference)


def _loan(s: Session, reference: str, *, for_update: bool = False) -> Loan:
    ln = repo.loan(s, reference, for_update=for_update)
    if ln is None:
        raise NotFoundError(msg("error.loan.not_found", reference=reference))
    return ln


def _template_name(s: Session, ln: Loan) -> str:
    t = s.get(KitTemplateRow, ln.template_id) if ln.template_id is not None else None
    if t is None:
        raise ValidationError(msg("error.loan.no_template", loan=ln.reference), where="template")
    return t.name


def _view(s: Session, ln: Loan) -> LoanView:
    assert ln.id is not None
    c = s.get(Crisis, ln.crisis_id)
    a = s.get(Agreement, ln.agreement_id)
    borrower = s.get(Organisation, a.borrower_id) if a else None
    return LoanView(
        reference=ln.reference,
        crisis=c.reference if c else "",
        agreement=a.reference if a else "",
        borrower=borrower.name if borrower else "",
        state=LoanState(ln.state),
        items=tuple(i.asset_tag for i in repo.items(s, ln.id)),
        acceptance_signed_by=tuple(ln.acceptance_signed_by),
        inventory_signed_by=tuple(ln.inventory_signed_by),
        return_signed_by=tuple(ln.return_signed_by),
    )
