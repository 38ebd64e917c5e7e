"""Joint documents: gather a loan's facts, store the canonical snapshot, sign it, render it."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, func, select

from crisis.config import data_dir
from crisis.domain.acceptance_results import (
    CONTRADICTION_ACTION,
    LAPTOP_PLAYBOOK,
    MAILBOX_ACTION,
    SWITCH_ACTIONS,
    KitRecords,
    LaptopRunRecord,
    MailboxCheckRecord,
    RecordRef,
    SwitchRecord,
    automated_tests,
    describe_contradiction,
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
    SanitisationFacts,
    acceptance_sheet,
    canonical_bytes,
    data_disposition_certificate,
    euro_amount,
    joint_inventory,
    return_report,
    sanitisation_certificate,
    signature_message,
    snapshot_hash,
)
from crisis.domain.loans import LoanState, Party
from crisis.domain.restitution import ReturnReport
from crisis.errors import NotFoundError, ValidationError
from crisis.services import loans as loans_service
from crisis.services.journaling import Change, record, utc_stamp
from crisis.services.workspace import Workspace
from inventory.repo import journal as journal_repo
from inventory.repo import loan_documents as loans_repo_docs
from inventory.repo import loans as loans_repo
from inventory.repo import runs as runs_repo
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
                f"loan {loan} is {state}: a joint inventory is issued between the kit's "
                "assembly and its handover",
                where="loan",
            )
        header = _header(s, ln, DocumentKind.INVENTORY, place)
        assets = _loan_assets(s, ln)
        models = {m.id: m for m in s.scalars(select(AssetModel)).all()}
        owners = {o.id: o.name for o in s.scalars(select(Organisation)).all()}
        lines = [_inventory_line(a, models, owners, header.lender.name) for a in assets]
        snapshot = joint_inventory(header, lines, reservations or Reservations())
        return _store(s, operator, DocumentKind.INVENTORY, loan, header.reference, snapshot)


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
                f"loan {loan}: nothing to test automatically (no laptop, switch or mailbox), "
                "and no manual check given",
                where="tests",
            )
        header = _header(s, ln, DocumentKind.ACCEPTANCE, place)
        snapshot = acceptance_sheet(header, tests, reservations or Reservations())
        return _store(s, operator, DocumentKind.ACCEPTANCE, loan, header.reference, snapshot)


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
        tuple(describe_contradiction(_after(e)) for e in found),
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
    mailboxes = mailboxes or _recorded_dispositions(ws, loan)
    report = loans_service.return_report(ws, loan)
    costs = _repair_costs(report, repair_costs or {})
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan)
        if not ln.handover_snapshot:
            raise ValidationError(f"loan {loan} was never handed over", where="loan")
        handover_sha = loans_service.handover_inventory_hash(s, ln) or snapshot_hash(
            canonical_bytes({"items": ln.handover_snapshot})
        )
        header = _header(s, ln, DocumentKind.RETURN, place)
        snapshot = return_report(
            header, report, handover_sha, mailboxes, reservations or Reservations(), costs
        )
        return _store(s, operator, DocumentKind.RETURN, loan, header.reference, snapshot)


def _repair_costs(report: ReturnReport, costs: Mapping[str, str]) -> dict[str, str]:
    returned = sorted(r.item.tag for r in report.returned)
    out: dict[str, str] = {}
    for tag, amount in costs.items():
        if tag not in returned:
            raise ValidationError(
                f"{tag!r} is not an item returned with this loan; repair costs go to: "
                + (", ".join(returned) or "no item returned yet"),
                where="repair cost",
            )
        try:
            out[tag] = euro_amount(amount)
        except DocumentError as exc:
            raise ValidationError(f"{tag}: {exc}", where="repair cost") from None
    return out


def issue_sanitisation(
    ws: Workspace,
    loan: str,
    tag: str,
    validated_by: str,
    place: str = "",
    destination: str = "retour en stock après ré-installation",
) -> DocumentView:
    """A device's sanitisation certificate from its latest sanitisation record.

    Raises:
        NotFoundError: no such asset, or it has no sanitisation record.
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan)
        found = loans_repo.assets_by_tags(s, [tag])
        if not found:
            raise NotFoundError(f"no asset tagged {tag!r}")
        asset = found[0]
        records = runs_repo.sanitisations(s, asset.tag)
        if not records:
            raise NotFoundError(f"{tag} has no sanitisation record yet")
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
    """The certificate of data return or destruction, mailbox by mailbox.

    Without `mailboxes`, the loan's own mailboxes as recorded when their data was returned
    (with the archive's SHA-256) or destroyed (with the certificate's reference).

    Raises:
        ValidationError: no mailbox, or one whose data disposition is still unknown.
    """
    operator = ws.acting_operator()
    if not mailboxes:
        mailboxes = _recorded_dispositions(ws, loan)
    if not mailboxes:
        raise ValidationError("name the mailboxes whose data was returned or destroyed")
    undecided = [m.address for m in mailboxes if m.disposition not in ("returned", "destroyed")]
    if undecided:
        raise ValidationError(
            "the data of these mailboxes was neither returned nor destroyed: "
            + ", ".join(undecided),
            where="mailboxes",
        )
    with ws.db.session(write=True) as s:
        ln = _loan(s, loan)
        header = _header(s, ln, DocumentKind.DATA_DISPOSITION, place)
        snapshot = data_disposition_certificate(header, mailboxes, reservations or Reservations())
        return _store(s, operator, DocumentKind.DATA_DISPOSITION, loan, header.reference, snapshot)


def _recorded_dispositions(ws: Workspace, loan: str) -> list[MailboxDisposition]:
    from inventory.repo import mail as mail_repo

    names = {"returned_to_town": "returned", "destroyed": "destroyed"}
    with ws.db.session() as s:
        ln = _loan(s, loan)
        assert ln.id is not None
        return [
            MailboxDisposition(
                m.address,
                names.get(m.disposition, "unknown"),
                f"SHA-256 {m.export_sha256}" if m.export_sha256 else m.certificate,
                copies_destroyed=m.disposition == "destroyed",
            )
            for m in mail_repo.mailboxes_of(s, ln.id)
        ]


# --- signing -------------------------------------------------------------------------------


def sign_document(
    ws: Workspace, reference: str, party: Party, signer: str = "", passphrase: str = ""
) -> DocumentView:
    """A party signs a document's hash with Ed25519: the lender first, then the borrower.

    The lender signs with the acting operator's own key (opened with `passphrase`); the
    borrower's representative (`signer`) with a one-time key whose public half is journaled.
    Once a party signed a joint document the loan's guards wait for, the loan records it.
    The signature, its journal events (the one-time key's included) and the loan's record
    are written in one transaction.

    Raises:
        ValidationError: already signed by this party, or the borrower before the lender.
        PermissionDeniedError: wrong passphrase, or an auditor.
    """
    from crisis.services.one_time_signing import sign_once_in
    from crisis.services.operators import operator_sign

    operator = ws.acting_operator()
    doc = get_document(ws, reference)
    _check_signing_order(reference, party, {x.party for x in doc.signatures})
    message = signature_message(doc.sha256, party.value)
    if party is Party.LENDER:
        public, signature = operator_sign(ws, passphrase, message)
        name = signer.strip() or operator
    elif not signer.strip():
        raise ValidationError("name the borrower's representative who signs", where="signer")
    with ws.db.session(write=True) as s:
        row = _document(s, reference, for_update=True)
        assert row.id is not None
        # Checked again under the lock: another signer may have been faster.
        _check_signing_order(reference, party, loans_repo_docs.signed_parties(s, row.id))
        if party is Party.BORROWER:
            once = sign_once_in(s, operator, signer, reference, message)
            public, signature, name = once.public_key, once.signature, signer.strip()
        after = {
            "sha256": row.sha256,
            "party": party.value,
            "signer": name,
            "public_key": public,
            "signature": signature,
        }
        seq = record(s, operator, [Change("document.signed", "document", reference, None, after)])
        s.add(
            DocumentSignature(
                document_id=row.id,
                party=party.value,
                signer=name,
                public_key=public,
                signature=signature,
                journal_seq=seq,
                signed_at=datetime.now(UTC),
            )
        )
        if doc.kind in LOAN_DOCUMENTS:
            loans_service.record_signature_in(
                s, operator, doc.loan, LOAN_DOCUMENTS[doc.kind], party
            )
        s.flush()
        return _view(s, row)


def _check_signing_order(reference: str, party: Party, done: Collection[str]) -> None:
    if party.value in done:
        raise ValidationError(f"{reference} is already signed by the {party.value}")
    if party is Party.BORROWER and Party.LENDER.value not in done:
        raise ValidationError(f"{reference}: the lender signs first", where="party")


@dataclass(frozen=True, slots=True)
class PdfCredential:
    """What signs a PDF for a party: the local authority (its passphrase), or a PKCS#12 file."""

    ca_passphrase: str = field(default="", repr=False)
    pkcs12: Path | None = None
    pkcs12_passphrase: str = field(default="", repr=False)


#: The PDF signature field of each party, in signing order.
PDF_FIELDS = {Party.LENDER: "Signature-preteur", Party.BORROWER: "Signature-emprunteur"}


def authority_dir() -> Path:
    """Where the local certification authority lives."""
    return data_dir() / "pki"


def authority_certificate() -> bytes | None:
    """The local authority's certificate (PEM), once created."""
    path = authority_dir() / "ca.cert.pem"
    return path.read_bytes() if path.exists() else None


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

    The PDF signed is the French rendering with both Ed25519 signatures; the town's signature
    is an incremental update over the lender's, so a PDF reader shows both. With the local
    authority, the town's representative gets a one-time key and certificate naming them.
    With a PKCS#12 whose chain ends with its root, that root is kept (see `trusted_roots`)
    and its fingerprint journaled, so the audit bundle can carry it.

    Raises:
        ValidationError: Ed25519 signatures missing, already sealed, or out of order.
    """
    from crisis.adapters.pades import (
        LocalAuthority,
        certificate_fingerprint,
        chain_anchor,
        one_time_identity,
        pkcs12_identity,
        sign_pdf,
    )

    operator = ws.acting_operator()
    doc = get_document(ws, reference)
    signed = {x.party: x for x in doc.signatures}
    if set(signed) != {"lender", "borrower"}:
        raise ValidationError(f"{reference}: both parties sign the hash before the PDF")
    sealed = _sealed_fields(doc.signed_pdf)
    if PDF_FIELDS[party] in sealed:
        raise ValidationError(f"{reference}: the PDF is already signed by the {party.value}")
    if party is Party.BORROWER and PDF_FIELDS[Party.LENDER] not in sealed:
        raise ValidationError(f"{reference}: the lender signs the PDF first", where="party")
    data = doc.data
    org = str(data[party.value]["name"])
    name = signer.strip() or signed[party.value].signer
    anchor: bytes | None = None
    if credential.pkcs12 is not None:
        identity = pkcs12_identity(credential.pkcs12, credential.pkcs12_passphrase)
        anchor = chain_anchor(identity.chain_pem)
    else:
        authority = LocalAuthority.open_or_create(
            authority_dir(), credential.ca_passphrase, str(data["lender"]["name"])
        )
        identity = one_time_identity(authority, name, org)
    base = doc.signed_pdf or render_document(ws, reference)
    title = data["kind"]
    pdf = sign_pdf(base, identity, PDF_FIELDS[party], f"{title} {reference}", str(data["place"]))
    del identity
    after = {"party": party.value, "signer": name, "pdf_sha256": snapshot_hash(pdf)}
    fingerprint = certificate_fingerprint(anchor) if anchor else ""
    if fingerprint:
        after["trust_root_sha256"] = fingerprint
    with ws.db.session(write=True) as s:
        row = _document(s, reference)
        row.signed_pdf = pdf
        s.add(row)
        record(s, operator, [Change("document.pdf_signed", "document", reference, None, after)])
    if anchor:
        _keep_trust_root(anchor, fingerprint)
    return get_document(ws, reference)


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
    size, head = journal_repo.head(s)
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
            SignatureView(x.party, x.signer, x.public_key, x.signature, x.journal_seq, x.signed_at)
            for x in sigs
        ),
        signed_pdf=d.signed_pdf,
    )


def _document(s: Session, reference: str, *, for_update: bool = False) -> Document:
    stmt = select(Document).where(col(Document.reference) == reference)
    d = s.scalars(stmt.with_for_update() if for_update else stmt).first()
    if d is None:
        raise NotFoundError(f"no document with reference {reference!r}")
    return d


def _loan(s: Session, reference: str) -> Loan:
    ln = loans_repo.loan(s, reference)
    if ln is None:
        raise NotFoundError(f"no loan with reference {reference!r}")
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
    return PartyInfo(
        role=role,
        name=org.name,
        address=org.address,
        insee_code=org.insee_code or "",
        representatives=tuple(Representative(p.name, p.position, "") for p in people),
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
    )


_MEDIA = {
    "laptop": "SSD interne (poste portable)",
    "phone": "mémoire flash (téléphone mobile)",
    "switch": "mémoire flash (commutateur)",
}


def _verification_method(details: object) -> str:
    # The playbook records what it checked; name those checks when no method was given.
    if isinstance(details, dict) and details:
        return "contrôles : " + ", ".join(sorted(str(k) for k in details))
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
            SignatureLine(x["party"], x["signer"], x["signed_at"], x["public_key"])
            for x in sigs["signatures"]
        ],
        lang,
        {SNAPSHOT_NAME: snapshot, SIGNATURES_NAME: signatures},
    )


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
                }
                for x in doc.signatures
            ],
        }
    )


def parse_tests(data: bytes) -> tuple[AcceptanceTest, ...]:
    """The parties' manual checks from JSON: a list of {test, expected, observed, passed,
    tester, subject?}. Automated results are read from the records, never from a file.

    Raises:
        ValidationError: not such a list, or a row claiming to be automated.
    """
    try:
        rows = json.loads(data)
        if not isinstance(rows, list):
            raise TypeError(f"a JSON {type(rows).__name__}, not a list")
        tests = tuple(AcceptanceTest.from_row(r) for r in rows)
    except (ValueError, KeyError, TypeError) as exc:
        raise ValidationError(
            f"manual checks are a JSON list of {{test, expected, observed, passed, tester}}: {exc}",
            where="tests",
        ) from None
    _refuse_automated(tests)
    return tests


def _refuse_automated(manual: Sequence[AcceptanceTest]) -> None:
    for n, t in enumerate(manual, 1):
        if t.automated or t.record:
            raise ValidationError(
                f"manual check {n} ({t.test!r}) is marked as automated: automated results "
                "are read from the tool's records, not entered",
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
            raise ValidationError(f"{tag}: two repair costs given", where="repair cost")
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
            f"{text!r}: give a repair cost as TAG=AMOUNT in euros (e.g. AMP-PC-0002=180.50)",
            where="repair cost",
        )
    try:
        return tag.strip(), euro_amount(amount)
    except DocumentError as exc:
        raise ValidationError(f"{text!r}: {exc}", where="repair cost") from None


def parse_mailbox(text: str) -> MailboxDisposition:
    """``address=returned|destroyed|unknown[:details]`` as a mailbox's data disposition.

    Raises:
        ValidationError: another shape or disposition.
    """
    address, sep, rest = text.partition("=")
    disposition, _, detail = rest.partition(":")
    if not sep or not address.strip() or disposition not in ("returned", "destroyed", "unknown"):
        raise ValidationError(
            f"{text!r}: give a mailbox as address=returned|destroyed|unknown[:details]",
            where="mailbox",
        )
    return MailboxDisposition(
        address.strip(), disposition, detail.strip(), copies_destroyed=disposition != "unknown"
    )


def _town_name(organisation: str) -> str:
    """ "Aubagne" of "Commune d'Aubagne", "La Ciotat" of "Commune de La Ciotat"."""
    for prefix in ("Commune de ", "Commune d'", "Commune d’"):
        if organisation.startswith(prefix):
            return organisation[len(prefix) :]
    return organisation
