"""A returned loan's quarantine: each device's sanitisation status, the mailboxes' data, and
manual sanitisation records for devices no playbook wipes (accessories, a reset phone or
switch checked by hand)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from crisis.domain.assets import AssetState, Category
from crisis.domain.documents import DocumentKind
from crisis.domain.free_text import checked_text
from crisis.domain.loans import LoanState
from crisis.domain.tags import sorted_tags
from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import msg
from crisis.services import documents, loans
from crisis.services.assets import move_assets, refuse_held, require_asset
from crisis.services.journaling import Change, record
from crisis.services.views import decode_json
from crisis.services.workspace import Workspace
from inventory.repo import journal as journal_repo
from inventory.repo import loans as loans_repo
from inventory.repo import mail as mail_repo
from inventory.repo import runs as runs_repo
from inventory.tables import JournalEvent, SanitisationRecord

#: NIST SP 800-88 sanitisation methods, and the results a verification may have.
METHODS = ("Clear", "Purge", "Destroy")
VERIFICATIONS = ("passed", "failed")


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """One device that came back, and where its sanitisation stands.

    Attributes:
        sanitisation: the latest record's verification ("passed" / "failed"), "" when none.
        certificate: the reference of its latest sanitisation certificate, "" when none.
        reset: how its latest factory reset since the handover went ("passed": a phone's
            reset sent through adb, a switch's baseline verified and saved; "failed"), ""
            when none was journaled.
    """

    tag: str
    category: Category
    state: AssetState
    sanitisation: str
    method: str
    technique: str
    performed_at: datetime | None
    certificate: str
    reset: str = ""


@dataclass(frozen=True, slots=True)
class MailboxStatus:
    """One isolated mailbox of the loan and what became of its data ("" while undecided)."""

    address: str
    state: str
    disposition: str


@dataclass(frozen=True, slots=True)
class QuarantineView:
    """A loan's returned devices and mailboxes, with its data certificate if issued."""

    loan: str
    state: LoanState
    devices: tuple[DeviceStatus, ...]
    mailboxes: tuple[MailboxStatus, ...]
    data_certificate: str

    def tags(self, category: Category, state: AssetState | None = None) -> tuple[str, ...]:
        """The devices of a category (in a state), in tag order."""
        return tuple(
            d.tag
            for d in self.devices
            if d.category is category and (state is None or d.state is state)
        )

    @property
    def uncertified(self) -> tuple[str, ...]:
        """Devices sanitised (verified) with no certificate yet."""
        return tuple(
            d.tag for d in self.devices if d.sanitisation == "passed" and not d.certificate
        )


@dataclass(frozen=True, slots=True)
class ManualSanitisation:
    """A sanitisation done by hand, as NIST SP 800-88 asks to record it.

    Attributes:
        method: Clear, Purge or Destroy.
        technique: what was done ("factory reset from the recovery menu", "visual check,
            no storage media").
        tool: what did it (and `tool_version`).
        verification: "passed" or "failed".
        verification_method: how the result was checked.
    """

    method: str
    technique: str
    tool: str
    verification: str
    verification_method: str
    tool_version: str = ""


def quarantine_of(ws: Workspace, loan: str) -> QuarantineView:
    """Every device received back for a loan, with its sanitisation and certificate status.

    Raises:
        NotFoundError: no such loan.
    """
    received = loans.return_report(ws, loan).received_tags
    certificates: dict[str, str] = {}
    data_certificate = ""
    for doc in documents.list_documents(ws, loan):
        if doc.kind is DocumentKind.SANITISATION:
            certificates[str(doc.data["device"]["property_number"])] = doc.reference
        elif doc.kind is DocumentKind.DATA_DISPOSITION:
            data_certificate = doc.reference
    with ws.db.session() as s:
        ln = loans_repo.loan(s, loan)
        if ln is None or ln.id is None:
            raise NotFoundError(msg("error.loan.not_found", reference=loan))
        devices = []
        for a in loans_repo.assets_by_tags(s, sorted_tags(set(received))):
            records = runs_repo.sanitisations(s, a.tag)
            since = ln.handed_over_at
            latest = max(records, key=lambda r: r.performed_at) if records else None
            devices.append(
                DeviceStatus(
                    tag=a.tag,
                    category=Category(a.category),
                    state=AssetState(a.state),
                    sanitisation=latest.verification if latest else "",
                    method=latest.method if latest else "",
                    technique=latest.technique if latest else "",
                    performed_at=latest.performed_at if latest else None,
                    certificate=certificates.get(a.tag, ""),
                    reset=_reset(journal_repo.events_for(s, "asset", a.tag), since),
                )
            )
        boxes = tuple(
            MailboxStatus(m.address, m.state, m.disposition)
            for m in mail_repo.mailboxes_of(s, ln.id)
        )
        order = {t: i for i, t in enumerate(sorted_tags(d.tag for d in devices))}
        return QuarantineView(
            loan=loan,
            state=LoanState(ln.state),
            devices=tuple(sorted(devices, key=lambda d: order[d.tag])),
            mailboxes=boxes,
            data_certificate=data_certificate,
        )


def record_manual_sanitisation(
    ws: Workspace, tags: Sequence[str], done: ManualSanitisation
) -> tuple[str, ...]:
    """Record a sanitisation done by hand on devices in quarantine, in one transaction.

    A verified one moves the device from quarantine to sanitised; a failed one is recorded
    and leaves it in quarantine. Laptops are wiped by the ``laptop_sanitise`` playbook,
    whose record carries its own evidence: they are refused here. Returns the tags recorded.

    Raises:
        ValidationError: no tag, a laptop, or a method, technique, tool or result missing or
            not one of those NIST SP 800-88 names, or a device not in quarantine (nothing
            is recorded).
    """
    operator = ws.acting_operator()
    _check(done)
    wanted = [t.strip() for t in tags if t.strip()]
    if not wanted:
        raise ValidationError(msg("error.quarantine.tags_required"), where="tags")
    passed = done.verification == "passed"
    now = datetime.now(UTC)
    with ws.db.session(write=True) as s:
        refuse_held(s, wanted, "sanitise")
        for tag in wanted:
            asset = require_asset(s, tag, for_update=True)
            if asset.category == Category.LAPTOP.value:
                raise ValidationError(
                    msg("error.quarantine.laptop", tag=tag),
                    where="tags",
                )
            if asset.state != AssetState.QUARANTINE.value:
                raise ValidationError(
                    msg(
                        "error.quarantine.not_in_quarantine",
                        tag=tag,
                        state=msg(f"state.{asset.state}"),
                    ),
                    where="tags",
                )
            details: dict[str, Any] = {
                "manual": True,
                "tool_version": done.tool_version.strip(),
                "verification_method": done.verification_method.strip(),
            }
            after = {
                "method": done.method,
                "technique": done.technique.strip(),
                "tool": done.tool.strip(),
                "verification": done.verification,
                **details,
            }
            changes = [Change("asset.sanitisation_recorded", "asset", tag, None, after)]
            if passed:
                changes += move_assets(s, [asset], AssetState.SANITISED, "manual sanitisation")
            seq = record(s, operator, changes)
            runs_repo.add_sanitisation(
                s,
                SanitisationRecord(
                    asset_tag=tag,
                    method=done.method,
                    technique=done.technique.strip(),
                    tool=done.tool.strip(),
                    verification=done.verification,
                    details=details,
                    evidence_sha256="",
                    operator=operator,
                    performed_at=now,
                    journal_seq=seq,
                ),
            )
    return tuple(wanted)


#: The journaled factory resets: a phone's through adb, a switch's to its baseline.
RESETS = ("phone.reset", "switch.reset")


def _reset(events: Sequence[JournalEvent], since: datetime | None) -> str:
    done = [
        e
        for e in events
        if e.action in RESETS and (since is None or datetime.fromisoformat(e.at) >= since)
    ]
    if not done:
        return ""
    last = done[-1]
    if last.action == "phone.reset":
        return "passed"
    after = decode_json(last.after) or {}
    return "passed" if after.get("verified") and after.get("saved") else "failed"


def _check(done: ManualSanitisation) -> None:
    if done.method not in METHODS:
        raise ValidationError(
            msg("error.quarantine.method", method=done.method, methods=", ".join(METHODS)),
            where="method",
        )
    if done.verification not in VERIFICATIONS:
        raise ValidationError(
            msg("error.quarantine.verification", result=done.verification),
            where="verification",
        )
    for name in ("technique", "tool", "verification_method"):
        if not str(getattr(done, name)).strip():
            raise ValidationError(msg("error.quarantine.field_required", field=name), where=name)
    for name in ("technique", "tool", "tool_version", "verification_method"):
        checked_text(getattr(done, name), name)
