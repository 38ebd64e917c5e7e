"""Joint documents as canonical JSON snapshots: pure builders, hashing and signature messages."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from crisis.domain.data_terms import DataTerms
from crisis.domain.restitution import ReturnReport
from crisis.i18n import Message, msg

SCHEMA = "crisis-kit/document/v1"


class DocumentKind(StrEnum):
    """The joint documents the tool issues."""

    ACCEPTANCE = "acceptance"  # fiche d'essai contradictoire
    INVENTORY = "inventory"  # inventaire contradictoire
    RETURN = "return"  # procès-verbal de restitution
    SANITISATION = "sanitisation"  # certificat d'effacement (NIST SP 800-88 Rev. 2 §4.6)
    DATA_DISPOSITION = "data_disposition"  # attestation de restitution / destruction des données


#: The documents whose signature by both parties the loan's guards wait for
#: (the names used by ``crisis.services.loans.record_signature``).
LOAN_DOCUMENTS = {
    DocumentKind.ACCEPTANCE: "acceptance",
    DocumentKind.INVENTORY: "inventory",
    DocumentKind.RETURN: "return",
}


class DocumentError(ValueError):
    """A snapshot that is not a canonical document of this tool."""


@dataclass(frozen=True, slots=True)
class Representative:
    """Someone signing for a party: name, position and the delegation they act under."""

    name: str
    position: str = ""
    #: The act that authorises them to sign (e.g. "délibération n° 2020-041") and its date
    #: (YYYY-MM-DD), printed "dûment habilité(e) par ... du ...".
    delegation: str = ""
    delegation_date: str = ""


@dataclass(frozen=True, slots=True)
class PartyInfo:
    """A party to the agreement, as printed on the document."""

    role: str  # "lender" | "borrower"
    name: str
    address: str = ""
    insee_code: str = ""
    representatives: tuple[Representative, ...] = ()


@dataclass(frozen=True, slots=True)
class Header:
    """What every joint document states: who, under which agreement, when and where.

    Attributes:
        reference: the document's own reference (e.g. "PRET-2026-0001/inventory").
        at: the date and time of the document, ISO 8601 in UTC.
    """

    reference: str
    loan: str
    agreement: str
    agreement_title: str
    crisis: str
    at: str
    place: str
    lender: PartyInfo
    borrower: PartyInfo
    #: The date (YYYY-MM-DD) of the deliberation that approved the agreement (`agreement`
    #: is its number); "" when not recorded.
    agreement_date: str = ""


@dataclass(frozen=True, slots=True)
class Reservations:
    """Each party's reservations (objections), kept apart."""

    lender: tuple[str, ...] = ()
    borrower: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InventoryLine:
    """One item of the joint inventory."""

    tag: str
    category: str
    make: str = ""
    model: str = ""
    serial: str = ""
    imei: str = ""
    sim: str = ""
    number: str = ""
    accessories: tuple[str, ...] = ()
    condition: str = ""
    owner: str = ""


@dataclass(frozen=True, slots=True)
class AcceptanceTest:
    """One line of the acceptance test sheet.

    Attributes:
        automated: read from the tool's records (not typed in by a party).
        record: for an automated result, where it was recorded (run, journal event, time).
    """

    test: str
    expected: str
    observed: str
    passed: bool
    tester: str
    automated: bool = False
    subject: str = ""
    record: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> AcceptanceTest:
        """A row as a snapshot (or a file of manual checks) holds it.

        Raises:
            KeyError: a required field is missing.
        """
        return cls(
            test=str(row["test"]),
            expected=str(row["expected"]),
            observed=str(row["observed"]),
            passed=parse_passed(row["passed"]),
            tester=str(row["tester"]),
            automated=bool(row.get("automated", False)),
            subject=str(row.get("subject", "")),
            record=str(row.get("record", "")),
            values=dict(row.get("values") or {}),
        )


#: The words a manual result may be given with (case-insensitive), and what they mean.
PASSED_WORDS = {
    "oui": True,
    "non": False,
    "true": True,
    "false": False,
    "passed": True,
    "failed": False,
}


def parse_passed(value: object) -> bool:
    """A test result: a real boolean or one of `PASSED_WORDS` (``"false"`` is False).

    Raises:
        ValueError: anything else (a number, an empty or unknown word), naming it.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in PASSED_WORDS:
        return PASSED_WORDS[value.strip().lower()]
    raise ValueError(f"{value!r} is not a result: true/false, oui/non or passed/failed")


@dataclass(frozen=True, slots=True)
class RowReservation:
    """The borrower accepted a failed (or not run) row of the acceptance sheet, in writing.

    Attributes:
        row: the row's number on the sheet (1-based).
        test: the row's test and subject, as printed, so the reservation reads on its own.
        by: the borrower's representative who accepted the gap.
        reason: why the borrower accepts it.
        at: when it was recorded (ISO UTC).
    """

    row: int
    test: str
    by: str
    reason: str
    at: str


@dataclass(frozen=True, slots=True)
class MailboxDisposition:
    """What became of one isolated mailbox's data.

    Attributes:
        disposition: "returned" (exported to the town), "destroyed", or "unknown".
        copies_destroyed: the mail host's copies were deleted, as `facts` prove (``at``,
            ``operator``); never true without them.
        facts: what was recorded: the archive checked where the town received it
            (``archive``, ``sha256``, ``size``, ``messages``), or the destruction
            (``method``, ``certificate``); both with ``at`` and ``operator``.
    """

    address: str
    disposition: str = "unknown"
    detail: str = ""
    copies_destroyed: bool = False
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SanitisationFacts:
    """The fields NIST SP 800-88 Rev. 2 §4.6 asks a sanitisation certificate to carry."""

    manufacturer: str
    model: str
    serial: str
    property_number: str
    media_type: str
    method: str  # Clear | Purge | Destroy
    technique: str
    tool: str
    tool_version: str
    verification_method: str
    verification_result: str
    verified_by: str
    validated_by: str
    at: str
    place: str
    destination: str
    evidence_sha256: str = ""
    #: A phone's IMEI: a device is identified the same way in every document.
    imei: str = ""


# --- canonical form --------------------------------------------------------------------------


def canonical_bytes(snapshot: Mapping[str, Any]) -> bytes:
    """The one byte form a snapshot is hashed, signed and stored in."""
    return json.dumps(
        snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def snapshot_hash(data: bytes) -> str:
    """SHA-256 of a snapshot's canonical bytes, hex."""
    return hashlib.sha256(data).hexdigest()


def parse_snapshot(data: bytes) -> dict[str, Any]:
    """Read back a snapshot, refusing anything not in canonical form.

    Raises:
        DocumentError: not JSON, not a document, or not canonical (bytes were changed).
    """
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocumentError(f"the snapshot is not valid JSON: {exc}") from None
    if not isinstance(value, dict) or value.get("schema") != SCHEMA:
        raise DocumentError(f"the snapshot is not a {SCHEMA} document")
    if canonical_bytes(value) != data:
        raise DocumentError("the snapshot is not in canonical form: its bytes were changed")
    return value


def signature_message(sha256: str, party: str) -> bytes:
    """What a party's Ed25519 key signs: the snapshot hash, bound to the party's role."""
    return f"{SCHEMA}\nsha256:{sha256}\nparty:{party}\n".encode()


# --- builders --------------------------------------------------------------------------------


def _base(kind: DocumentKind, header: Header, reservations: Reservations | None) -> dict[str, Any]:
    doc: dict[str, Any] = {"schema": SCHEMA, "kind": kind.value, **_plain(header)}
    if reservations is not None:
        doc["reservations"] = {
            "lender": list(reservations.lender),
            "borrower": list(reservations.borrower),
        }
    return doc


def _plain(value: Any) -> dict[str, Any]:
    def fix(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: fix(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [fix(x) for x in v]
        return v

    out: dict[str, Any] = fix(asdict(value))
    return out


def joint_inventory(
    header: Header, items: Iterable[InventoryLine], reservations: Reservations
) -> dict[str, Any]:
    """The inventaire contradictoire: every item of the kit, each party's reservations."""
    doc = _base(DocumentKind.INVENTORY, header, reservations)
    doc["items"] = [_plain(i) for i in sorted(items, key=lambda i: i.tag)]
    return doc


def acceptance_sheet(
    header: Header,
    tests: Sequence[AcceptanceTest],
    reservations: Reservations,
    row_reservations: Sequence[RowReservation] = (),
    supersedes: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The fiche d'essai contradictoire: each test, expected and observed, pass or fail.

    A revision issued to carry the borrower's reservations on failed rows names the sheet
    it supersedes (reference and hash) and lists those reservations ("accepté avec
    réserves"); both parties sign the revision, so each reservation is signed.
    """
    doc = _base(DocumentKind.ACCEPTANCE, header, reservations)
    doc["tests"] = [row_of(t) for t in tests]
    doc["summary"] = {
        "total": len(tests),
        "passed": sum(t.passed for t in tests),
        "failed": sum(not t.passed for t in tests),
    }
    if row_reservations:
        doc["row_reservations"] = [_plain(r) for r in sorted(row_reservations, key=_row)]
    if supersedes:
        doc["supersedes"] = dict(supersedes)
    return doc


def row_of(test: AcceptanceTest) -> dict[str, Any]:
    """A test as the snapshot holds it (``values`` only when the row has some: the codes'
    values of an automated row, worded when the sheet is shown)."""
    row = _plain(test)
    if not row["values"]:
        del row["values"]
    return row


def _row(r: RowReservation) -> int:
    return r.row


def row_test(test: Mapping[str, Any]) -> str:
    """``Vérification du commutateur (AMP-SW-001)``: a row's test and its subject, as the
    sheet writes them."""
    subject = f" ({test.get('subject')})" if test.get("subject") else ""
    return f"{test.get('test', '')}{subject}"


def row_label(test: Mapping[str, Any], row: int) -> Message:
    """``row 3: Vérification du commutateur (AMP-SW-001)``, how a refusal names a row (an
    automated row's test, a code, is worded in the reader's language)."""
    name = str(test.get("test", ""))
    named: Message | str = msg(name) if name.startswith(AUTOMATED_TESTS) else name
    if test.get("subject"):
        named = msg("doc.test_subject", test=named, subject=str(test["subject"]))
    return msg("doc.row_label", row=row, test=named)


#: The prefix of an automated row's test: a message id (see `acceptance_results`).
AUTOMATED_TESTS = "acceptance.auto."


def unreserved_failures(sheet: Mapping[str, Any]) -> tuple[Message, ...]:
    """The rows of an acceptance sheet snapshot that failed (or were not run) and carry no
    reservation by the borrower, each named by `row_label`."""
    reserved = {int(r["row"]) for r in sheet.get("row_reservations", [])}
    return tuple(
        row_label(t, n)
        for n, t in enumerate(sheet.get("tests", []), 1)
        if not parse_passed(t.get("passed")) and n not in reserved
    )


_AMOUNT = re.compile(r"^\s*([0-9][0-9 \u202f]*(?:[.,][0-9]{1,2})?)\s*(?:€|EUR)?\s*$", re.IGNORECASE)


def euro_amount(text: str) -> str:
    """A repair cost in euros as printed on the return report: ``1234.50 EUR``.

    Accepts ``180``, ``180.5``, ``180,50``, ``1 234,50 €`` or ``180 EUR``.

    Raises:
        DocumentError: not an amount of euros with at most two decimals.
    """
    m = _AMOUNT.match(text)
    if not m:
        raise DocumentError(f"{text!r} is not an amount in euros (e.g. 180 or 180.50)")
    try:
        value = Decimal(m.group(1).replace(" ", "").replace("\u202f", "").replace(",", "."))
    except InvalidOperation:
        raise DocumentError(f"{text!r} is not an amount in euros (e.g. 180 or 180.50)") from None
    return f"{value.quantize(Decimal('0.01'))} EUR"


def return_report(
    header: Header,
    report: ReturnReport,
    handover_sha256: str,
    mailboxes: Sequence[MailboxDisposition],
    reservations: Reservations,
    repair_costs: Mapping[str, str] | None = None,
    incidents: Sequence[Mapping[str, Any]] = (),
    holds: Sequence[Mapping[str, Any]] = (),
    handover: Mapping[str, Any] | None = None,
    imeis: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The procès-verbal de restitution, computed against the signed handover snapshot.

    `incidents` are the loan's breakdowns, losses and thefts with their clocks (open or
    closed with a reason); `holds` the forensic holds on its returned devices with their
    chain of custody. Both are listed as recorded. `handover` gives the handover and return
    dates and the joint inventory signed at the handover (``handed_over_at``,
    ``returned_at``, ``inventory``: reference, date, SHA-256); `imeis` each phone's IMEI by
    tag, so a phone is named by its IMEI as in the inventory.
    """
    costs = dict(repair_costs or {})
    imei = dict(imeis or {})
    doc = _base(DocumentKind.RETURN, header, reservations)
    if handover:  # when the kit left and came back, and the inventory it left against
        doc["handover"] = dict(handover)
    damaged = {r.item.tag for r in report.damaged}
    worn = {r.item.tag for r in report.worn}
    doc["handover_sha256"] = handover_sha256
    doc["returned"] = [
        {
            "tag": r.item.tag,
            "serial": r.item.serial,
            **_imei(imei, r.item.tag),
            "category": r.item.category.value,
            "condition_at_handover": r.item.condition.value,
            "condition_at_return": r.scan.condition.value,
            "status": "damaged"
            if r.item.tag in damaged
            else "worn"
            if r.item.tag in worn
            else "ok",
            "repair_cost": costs.get(r.item.tag, ""),
        }
        for r in report.returned
    ]
    doc["missing"] = [
        {"tag": i.tag, "serial": i.serial, **_imei(imei, i.tag), "category": i.category.value}
        for i in report.missing
    ]
    doc["substituted"] = [
        {
            "tag": x.item.tag,
            "serial": x.item.serial,
            **_imei(imei, x.item.tag),
            "by_tag": x.scan.tag,
            "by_serial": x.scan.serial or "",
            "reason": x.reason.value,
        }
        for x in report.substituted
    ]
    doc["unexpected"] = [
        {"tag": x.tag, "serial": x.serial or "", "condition": x.condition.value}
        for x in report.unexpected
    ]
    doc["accessory_shortfalls"] = [
        {"tag": a.tag, "missing": list(a.missing)} for a in report.accessory_shortfalls
    ]
    doc["mailboxes"] = [_plain(m) for m in sorted(mailboxes, key=lambda m: m.address)]
    doc["incidents"] = [dict(i) for i in incidents]
    doc["forensic_holds"] = [dict(h) for h in holds]
    doc["complete"] = report.complete
    return doc


def _imei(imeis: Mapping[str, str], tag: str) -> dict[str, str]:
    # Only a device that has one carries the key (older reports stay as they were).
    return {"imei": imeis[tag]} if imeis.get(tag) else {}


def sanitisation_certificate(header: Header, facts: SanitisationFacts) -> dict[str, Any]:
    """A device's sanitisation certificate (NIST SP 800-88 Rev. 2 §4.6)."""
    doc = _base(DocumentKind.SANITISATION, header, None)
    doc["device"] = _plain(facts)
    return doc


def data_disposition_certificate(
    header: Header,
    mailboxes: Sequence[MailboxDisposition],
    reservations: Reservations,
    agreement: str,
    terms: DataTerms,
) -> dict[str, Any]:
    """The certificate of data return or destruction (réversibilité; sort des données): the
    clause of the loan's own agreement it applies, and each mailbox with its facts."""
    doc = _base(DocumentKind.DATA_DISPOSITION, header, reservations)
    doc["mailboxes"] = [_plain(m) for m in sorted(mailboxes, key=lambda m: m.address)]
    doc["agreement_terms"] = {"agreement": agreement, **terms.as_dict()}
    doc["legal_basis"] = [f"{agreement} {terms.article}", *([terms.annex] if terms.annex else [])]
    return doc


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """The few fields every snapshot carries, read back from its JSON."""

    kind: DocumentKind
    reference: str
    loan: str
    at: str
    extra: dict[str, Any] = field(default_factory=dict)


def summary(snapshot: Mapping[str, Any]) -> DocumentSummary:
    """Kind, reference, loan and date of a parsed snapshot."""
    return DocumentSummary(
        DocumentKind(snapshot["kind"]),
        str(snapshot["reference"]),
        str(snapshot["loan"]),
        str(snapshot["at"]),
    )
