"""``crisis verify FILE``: check a document's PDF or snapshot, offline with nothing but the file,
or against the inventory's journal when a database is given."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crisis.adapters.signing import verify_signature
from crisis.domain.document_check import (
    DocumentVerdict,
    JournalEntry,
    check_document,
    check_pdf_recorded,
)
from crisis.domain.documents import snapshot_hash
from crisis.domain.loans import Party
from crisis.errors import ValidationError
from crisis.i18n import msg, t, tn
from crisis.services import documents
from crisis.services.journal import verify_journal
from crisis.services.workspace import Workspace
from inventory.repo import journal as journal_repo
from inventory.repo import operators as operators_repo
from inventory.tables import JournalEvent

if TYPE_CHECKING:
    from crisis.adapters.pades import EmbeddedSignature


@dataclass(frozen=True, slots=True)
class FileVerdict:
    """What `verify_file` found about one file."""

    path: str
    kind: str  # "pdf" | "snapshot"
    reference: str
    sha256: str
    signed_by: tuple[str, ...]
    pdf_signatures: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Everything checked out."""
        return not self.problems


def verify_file(
    ws: Workspace, path: Path, trusted_certs: tuple[bytes, ...] = (), lang: str = "en"
) -> FileVerdict:
    """Check a document file: hash, both Ed25519 signatures, journal inclusion, PAdES.

    A PDF must carry both embedded signatures, each intact and trusted (the local
    authority, or the root of a PKCS#12 chain a document was sealed with), the last
    covering the whole file; the snapshot it carries must be the one
    recorded. A snapshot file must be byte for byte the one recorded.

    Args:
        trusted_certs: more trust roots (PEM) beside the local authority, for signatures made
            with an imported PKCS#12.
        lang: the language of the problems found.

    Raises:
        ValidationError: the file cannot be read as a PDF or a snapshot.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            msg("error.file.unreadable", path=str(path), reason=exc.strerror or "")
        ) from None
    if data.startswith(b"%PDF-"):
        return _verify_pdf(ws, path, data, trusted_certs, lang)
    return _verify_snapshot(ws, path, data, "snapshot", (), lang)


def _verify_pdf(
    ws: Workspace, path: Path, data: bytes, extra: tuple[bytes, ...], lang: str
) -> FileVerdict:
    from crisis.adapters.pades import pdf_attachments, validate_pdf

    problems: list[str] = []
    try:
        files = pdf_attachments(data)
    except ValueError as exc:
        unreadable = t("problem.doc.pdf_unreadable", lang, error=exc)
        return FileVerdict(str(path), "pdf", "", snapshot_hash(data), (), (), (unreadable,))
    snapshot = files.get(documents.SNAPSHOT_NAME)
    if snapshot is None:
        return FileVerdict(
            str(path), "pdf", "", snapshot_hash(data), (), (),
            (t("problem.file.no_snapshot", lang),),
        )  # fmt: skip
    root = documents.authority_certificate()
    roots = ((root,) if root else ()) + documents.trusted_roots() + extra
    try:
        found = validate_pdf(data, roots)
    except ValueError as exc:
        problems.append(t("problem.doc.pdf_unreadable", lang, error=exc))
        found = []
    stored = documents.find_by_hash(ws, snapshot_hash(snapshot))
    by_hand = stored is not None and any(
        x.party == "borrower" and x.handwritten for x in stored.signatures
    )
    if len(found) < (1 if by_hand else 2):
        problems.append(tn("problem.file.signature_count", len(found), lang, count=len(found)))
    problems += _signature_problems(found, lang)
    verdict = _verify_snapshot(ws, path, snapshot, "pdf", tuple(f.field for f in found), lang)
    if found:
        doc = documents.find_by_hash(ws, verdict.sha256)
        if doc is not None:
            digest = snapshot_hash(data)
            problems += check_pdf_recorded(doc.reference, digest, _entries(ws, doc), lang)
    return FileVerdict(
        verdict.path,
        "pdf",
        verdict.reference,
        verdict.sha256,
        verdict.signed_by,
        verdict.pdf_signatures,
        tuple(problems) + verdict.problems,
    )


def _signature_problems(found: Sequence[EmbeddedSignature], lang: str) -> list[str]:
    """What is wrong with a PDF's embedded signatures: altered bytes, invalid, untrusted, or
    content added after the last one."""
    problems: list[str] = []
    for f in found:
        if not f.intact:
            problems.append(t("problem.file.signed_bytes", lang, field=f.field, signer=f.signer))
        elif not f.valid:
            problems.append(t("problem.doc.pdf_signature", lang, field=f.field, signer=f.signer))
        elif not f.trusted:
            problems.append(t("problem.file.untrusted", lang, field=f.field, signer=f.signer))
    if found and not found[-1].covers_whole_document:
        problems.append(t("problem.doc.pdf_changed_after", lang))
    return problems


@dataclass(frozen=True, slots=True)
class StoredDocumentsVerdict:
    """What `verify_stored_documents` found."""

    documents: int
    problems: tuple[str, ...]


def verify_stored_documents(
    ws: Workspace, extra_roots: Sequence[bytes] = (), lang: str = "en"
) -> StoredDocumentsVerdict:
    """Check every document the inventory holds: snapshot hash, the parties' Ed25519
    signatures, their journal entries, and the signed PDF's embedded signatures (trusted by
    the local authority, the kept roots, or `extra_roots`) as recorded in the journal.

    A document still waiting for a party's signature is not a problem; a broken one is.
    """
    from crisis.adapters.pades import validate_pdf

    root = documents.authority_certificate()
    roots = ((root,) if root else ()) + documents.trusted_roots() + tuple(extra_roots)
    docs = documents.list_documents(ws)
    problems: list[str] = []
    for doc in docs:
        found = list(_check(ws, doc.snapshot, doc, lang).problems)
        if doc.signed_pdf is not None:
            try:
                found += _signature_problems(validate_pdf(doc.signed_pdf, roots), lang)
            except ValueError as exc:
                found.append(t("problem.doc.pdf_unreadable", lang, error=exc))
            entries = _entries(ws, doc)
            found += check_pdf_recorded(doc.reference, snapshot_hash(doc.signed_pdf), entries, lang)
        problems += [f"{doc.reference}: {p}" for p in found]
    return StoredDocumentsVerdict(len(docs), tuple(problems))


def _verify_snapshot(
    ws: Workspace, path: Path, data: bytes, kind: str, pdf_signatures: tuple[str, ...], lang: str
) -> FileVerdict:
    digest = snapshot_hash(data)
    reference = _reference_in(data)
    stored = documents.find_by_hash(ws, digest)
    if stored is None:
        return FileVerdict(
            str(path), kind, reference, digest, (), pdf_signatures,
            (t("problem.file.unknown_hash", lang, digest=digest[:16])
             + (t("problem.file.recorded_other", lang, reference=reference)
                if reference else ""),),
        )  # fmt: skip
    verdict = _check(ws, data, stored, lang)
    problems = list(verdict.problems)
    journal = verify_journal(ws, lang=lang)
    problems += [t("problem.file.journal", lang, problem=p) for p in journal.problems]
    return FileVerdict(
        str(path), kind, verdict.reference, digest, verdict.signed_by, pdf_signatures,
        tuple(problems),
    )  # fmt: skip


def _check(ws: Workspace, data: bytes, doc: documents.DocumentView, lang: str) -> DocumentVerdict:
    sigs = json.loads(documents.signatures_json(doc))
    with ws.db.session() as s:
        keys = {o.public_key for o in operators_repo.all_(s)}
    return check_document(data, sigs, verify_signature, _entries(ws, doc), keys, lang)


def _entries(ws: Workspace, doc: documents.DocumentView) -> dict[int, JournalEntry]:
    with ws.db.session() as s:
        events = list(journal_repo.events_for(s, "document", doc.reference))
        at = journal_repo.event_at(s, doc.journal_size)
        return {e.seq: _entry(e) for e in [*events, *([at] if at else [])]}


def _entry(e: JournalEvent) -> JournalEntry:
    after: dict[str, Any] = json.loads(e.after) if e.after else {}
    return JournalEntry(e.seq, e.action, e.entity_id, after, e.hash)


def _reference_in(data: bytes) -> str:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return ""
    return str(value.get("reference", "")) if isinstance(value, dict) else ""


@dataclass(frozen=True, slots=True)
class OfflineVerdict:
    """What `verify_offline` could check in a file alone, what it could not, what is wrong."""

    path: str
    reference: str
    sha256: str
    signed_by: tuple[str, ...]
    checked: tuple[str, ...]
    not_checked: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def lender_only(self) -> bool:
        """Intact, but only the lender signed it (e.g. a PDF cut back to its first revision)."""
        return not self.problems and self.signed_by == ("lender",)

    @property
    def ok(self) -> bool:
        """Intact and signed by both parties."""
        return not self.problems and set(self.signed_by) == {"lender", "borrower"}


def verify_offline(path: Path, trusted: tuple[bytes, ...] = (), lang: str = "en") -> OfflineVerdict:
    """Check a document file with nothing but the file and the `trusted` certificates (PEM).

    No database is opened or created. A PDF's snapshot is checked against the hash both
    signatures cover, the lender's Ed25519 signature it carries, and every embedded PAdES
    signature (intact, valid, trusted when its chain ends in a `trusted` certificate, the last
    covering the whole file). What needs the lender's database (the journal, the operators'
    keys) is listed as not checked.

    Raises:
        ValidationError: the file cannot be read.
    """
    from crisis.adapters.pades import pdf_attachments, validate_pdf

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            msg("error.file.unreadable", path=str(path), reason=exc.strerror or "")
        ) from None
    not_checked = [t("verify.offline.no_journal", lang)]
    digest = snapshot_hash(data)
    if not data.startswith(b"%PDF-"):
        not_checked.insert(0, t("verify.offline.snapshot_only", lang))
        hashed = (t("verify.offline.hash", lang, sha256=digest),)
        return OfflineVerdict(
            str(path), _reference_in(data), digest, (), hashed, tuple(not_checked), ()
        )
    try:
        files = pdf_attachments(data)
    except ValueError as exc:
        problem = t("problem.doc.pdf_unreadable", lang, error=exc)
        return OfflineVerdict(str(path), "", digest, (), (), tuple(not_checked), (problem,))
    snapshot, sigs_file = files.get(documents.SNAPSHOT_NAME), files.get(documents.SIGNATURES_NAME)
    if snapshot is None or sigs_file is None:
        problem = t("problem.file.no_snapshot", lang)
        return OfflineVerdict(str(path), "", digest, (), (), tuple(not_checked), (problem,))
    try:
        sigs = json.loads(sigs_file)
    except ValueError:
        problem = t("problem.file.no_snapshot", lang)
        return OfflineVerdict(str(path), "", digest, (), (), tuple(not_checked), (problem,))
    verdict = check_document(snapshot, sigs, verify_signature, None, None, lang, ("lender",))
    problems = list(verdict.problems)
    checked: list[str] = []
    if not problems:
        checked.append(t("verify.offline.snapshot", lang, sha256=verdict.sha256))
    try:
        found = validate_pdf(data, trusted)
    except ValueError as exc:
        problems.append(t("problem.doc.pdf_unreadable", lang, error=exc))
        found = []
    for f in found:
        if not f.intact:
            problems.append(t("problem.file.signed_bytes", lang, field=f.field, signer=f.signer))
        elif not f.valid:
            problems.append(t("problem.doc.pdf_signature", lang, field=f.field, signer=f.signer))
        elif f.trusted:
            checked.append(
                t("verify.offline.pades", lang, field=f.field, subject=f.subject,
                  issuer=f.issuer, sha256=f.certificate_sha256)
            )  # fmt: skip
        else:
            not_checked.append(
                t("verify.offline.untrusted", lang, field=f.field, subject=f.subject,
                  issuer=f.issuer, sha256=f.certificate_sha256)
            )  # fmt: skip
    if found and not found[-1].covers_whole_document:
        problems.append(t("problem.doc.pdf_changed_after", lang))
    _timestamps(data, trusted, lang, checked, not_checked, problems)
    fields = [f.field for f in found]
    lender_field = documents.PDF_FIELDS[Party.LENDER]
    town_field = documents.PDF_FIELDS[Party.BORROWER]
    if lender_field not in fields:
        problems.append(t("problem.file.no_lender_pdf", lang))
    signed_by = ["lender"] if "lender" in verdict.signed_by else []
    hand = [x for x in sigs.get("signatures", []) if x.get("method") == "handwritten"]
    if town_field in fields or "borrower" in verdict.signed_by:
        signed_by.append("borrower")
    for x in hand:
        not_checked.append(
            t("verify.offline.handwritten", lang, signer=x.get("signer"),
              sha256=dict(x.get("scan") or {}).get("sha256", ""))
        )  # fmt: skip
    return OfflineVerdict(
        str(path), verdict.reference, verdict.sha256, tuple(signed_by), tuple(checked),
        tuple(not_checked), tuple(problems),
    )  # fmt: skip


def _timestamps(
    pdf: bytes,
    trusted: tuple[bytes, ...],
    lang: str,
    checked: list[str],
    not_checked: list[str],
    problems: list[str],
) -> None:
    """Sort a PDF's document timestamps (RFC 3161) into what was checked, what could not be
    (an authority not trusted) and what is wrong."""
    from crisis.adapters.pades import validate_timestamps
    from crisis.l10n import format_datetime

    try:
        stamps = validate_timestamps(pdf, trusted)
    except ValueError:
        return  # the PDF's unreadable parts are reported with its signatures
    for s in stamps:
        if not (s.intact and s.valid):
            problems.append(t("problem.doc.timestamp", lang, field=s.field, authority=s.authority))
        elif s.trusted:
            at = format_datetime(s.at, lang, seconds=True)
            checked.append(
                t("verify.offline.timestamp", lang, field=s.field, at=at, authority=s.authority)
            )
        else:
            not_checked.append(
                t("verify.offline.timestamp_untrusted", lang, field=s.field, authority=s.authority)
            )
