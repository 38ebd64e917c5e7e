"""Checking a document offline: its snapshot hash, both Ed25519 signatures, its journal entries."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from crisis.domain.documents import DocumentError, parse_snapshot, signature_message, snapshot_hash
from crisis.i18n import t

#: Checks an Ed25519 signature: (public key hex, message, signature hex) -> valid.
SignatureVerifier = Callable[[str, bytes, str], bool]

PARTIES = ("lender", "borrower")

#: How the town signs besides an Ed25519 key: its own certificate in the PDF, or by hand.
TOWN_METHODS = ("pades", "handwritten")


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """The parts of a journal event a document check reads."""

    seq: int
    action: str
    entity_id: str
    after: dict[str, Any]
    hash: str

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> JournalEntry:
        """From an event tuple in the journal's column order (seq ... prev_hash, hash)."""
        seq, _at, _op, action, _etype, eid, _before, after, _prev, h = row
        return cls(int(seq), str(action), str(eid), json.loads(after) if after else {}, str(h))


@dataclass(frozen=True, slots=True)
class DocumentVerdict:
    """What a document check found."""

    reference: str
    sha256: str
    signed_by: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """The snapshot is unchanged, both parties signed it, the journal records it."""
        return not self.problems


def check_document(
    snapshot: bytes,
    signatures: Mapping[str, Any],
    verify: SignatureVerifier,
    journal: Mapping[int, JournalEntry] | None = None,
    operator_keys: Collection[str] | None = None,
    lang: str = "en",
    required: Collection[str] = PARTIES,
) -> DocumentVerdict:
    """Check a snapshot against its signatures file and, when given, the journal.

    Args:
        snapshot: the snapshot's bytes as stored.
        signatures: the parsed signatures file (reference, sha256, journal, signatures).
        verify: the Ed25519 check.
        journal: events by seq; None skips the inclusion checks.
        operator_keys: the public keys of registered operators (the lender signs with one).
        lang: the language of the problems.
        required: the parties whose signature must be in the file (offline, the lender's
            revision of a PDF carries the lender's; the town's is in the PDF or on paper).
    """
    problems: list[str] = []
    reference = str(signatures.get("reference", "?"))
    digest = snapshot_hash(snapshot)
    try:
        data = parse_snapshot(snapshot)
        if data.get("reference") != reference:
            problems.append(
                t("problem.doc.other_snapshot", lang, of=data.get("reference"), reference=reference)
            )
    except DocumentError as exc:
        problems.append(str(exc))
    signed_over = str(signatures.get("sha256", ""))
    if signed_over != digest:
        problems.append(t("problem.doc.changed", lang, digest=digest, signed=signed_over))
    by_party = {str(x.get("party")): x for x in signatures.get("signatures", [])}
    signed_by: list[str] = []
    for party in PARTIES:
        sig = by_party.get(party)
        if sig is None:
            if party in required:
                problems.append(t(f"problem.doc.unsigned.{party}", lang))
            continue
        if party == "borrower" and sig.get("method") in TOWN_METHODS:
            # The town's own certificate is checked in the PDF; a handwritten signature on
            # paper, by the scan kept with its hash: neither is an Ed25519 signature here.
            signed_by.append(party)
            continue
        message = signature_message(signed_over, party)
        if not verify(str(sig["public_key"]), message, str(sig["signature"])):
            problems.append(t(f"problem.doc.bad_signature.{party}", lang, signer=sig.get("signer")))
            continue
        signed_by.append(party)
        if (
            party == "lender"
            and operator_keys is not None
            and sig["public_key"] not in set(operator_keys)
        ):
            problems.append(t("problem.doc.lender_key", lang))
    if journal is not None:
        problems.extend(_in_journal(reference, signed_over, signatures, by_party, journal, lang))
    return DocumentVerdict(reference, digest, tuple(signed_by), tuple(problems))


def _in_journal(
    reference: str,
    digest: str,
    signatures: Mapping[str, Any],
    by_party: Mapping[str, Mapping[str, Any]],
    journal: Mapping[int, JournalEntry],
    lang: str,
) -> list[str]:
    out: list[str] = []
    position = signatures.get("journal", {})
    size, head = int(position.get("size", 0)), str(position.get("head", ""))
    issued = journal.get(size)
    if issued is None:
        out.append(t("problem.doc.no_event", lang, size=size))
    elif (issued.action, issued.entity_id) != ("document.issued", reference) or issued.after.get(
        "sha256"
    ) != digest:
        out.append(t("problem.doc.other_event", lang, size=size))
    elif issued.hash != head:
        out.append(t("problem.doc.event_rehashed", lang, size=size))
    for party, sig in by_party.items():
        ev = journal.get(int(sig.get("journal_seq", 0)))
        if (
            ev is None
            or ev.action != "document.signed"
            or ev.entity_id != reference
            or ev.after.get("party") != party
            or ev.after.get("sha256") != digest
            or ev.after.get("public_key") != sig.get("public_key")
            or ev.after.get("signature") != sig.get("signature")
        ):
            known = party if party in PARTIES else "other"
            out.append(t(f"problem.doc.signature_not_journaled.{known}", lang, party=party))
    return out


def check_pdf_recorded(
    reference: str, pdf_sha256: str, journal: Mapping[int, JournalEntry], lang: str = "en"
) -> list[str]:
    """A signed PDF must be byte for byte the last one the journal recorded for the document.

    PAdES leaves a few bytes unsigned (the padding of the signature value): this check
    catches a change there too.
    """
    sealed = [
        e for e in journal.values()
        if e.action == "document.pdf_signed" and e.entity_id == reference
    ]  # fmt: skip
    if not sealed:
        return [t("problem.doc.no_signed_pdf", lang, reference=reference)]
    last = max(sealed, key=lambda e: e.seq)
    if last.after.get("pdf_sha256") != pdf_sha256:
        return [
            t("problem.doc.pdf_changed", lang, digest=pdf_sha256[:16],
              recorded=str(last.after.get("pdf_sha256"))[:16], seq=last.seq)
        ]  # fmt: skip
    return []
