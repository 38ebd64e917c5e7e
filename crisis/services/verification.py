"""``crisis verify FILE``: check a document's PDF or snapshot against the inventory's journal."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crisis.adapters.signing import verify_signature
from crisis.domain.document_check import (
    DocumentVerdict,
    JournalEntry,
    check_document,
    check_pdf_recorded,
)
from crisis.domain.documents import snapshot_hash
from crisis.errors import ValidationError
from crisis.i18n import t
from crisis.services import documents
from crisis.services.journal import verify_journal
from crisis.services.workspace import Workspace
from inventory.repo import journal as journal_repo
from inventory.repo import operators as operators_repo
from inventory.tables import JournalEvent


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
        raise ValidationError(f"cannot read {path}: {exc.strerror}") from None
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
    if len(found) < 2:
        problems.append(t("problem.file.signature_count", lang, count=len(found)))
    for f in found:
        if not f.intact:
            problems.append(t("problem.file.signed_bytes", lang, field=f.field, signer=f.signer))
        elif not f.valid:
            problems.append(t("problem.doc.pdf_signature", lang, field=f.field, signer=f.signer))
        elif not f.trusted:
            problems.append(t("problem.file.untrusted", lang, field=f.field, signer=f.signer))
    if found and not found[-1].covers_whole_document:
        problems.append(t("problem.doc.pdf_changed_after", lang))
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
