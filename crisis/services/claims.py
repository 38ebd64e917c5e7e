"""Claims after a loss, theft or damage (seed 000 art. 4.2): the borrower declares to its
insurer; if the insurer refuses, the borrower replaces or repairs under the lender's control,
and the devices' states follow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from sqlmodel import Session

from crisis.domain.assets import AssetState
from crisis.domain.clocks import ClockKind
from crisis.domain.free_text import checked_text
from crisis.domain.paris_time import paris_date, require_aware
from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import msg
from crisis.services.assets import move_assets
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace
from inventory.repo import agreement_obligations as repo
from inventory.repo import loans as assets_repo
from inventory.tables import Incident, InsuranceClaim


class Answer(StrEnum):
    """The insurer's answer to a claim."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REFUSED = "refused"


class Remedy(StrEnum):
    """What the borrower does when its insurer refuses (art. 4.2)."""

    REPLACEMENT = "replacement"
    REPAIR = "repair"


#: States a replacement device may be in: just entered through the normal intake.
REPLACEMENT_STATES = frozenset({AssetState.IN_STOCK, AssetState.QUARANTINE})


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim and where it stands."""

    incident: int
    declared_at: datetime
    insurer_reference: str
    answer: Answer
    answered_on: date | None
    remedy: Remedy | None
    remedy_asset_tag: str | None
    checked_by: str | None
    checked_at: datetime | None


def declare(
    ws: Workspace, incident: int, insurer_reference: str, declared_at: datetime | None = None
) -> ClaimView:
    """The borrower declared the incident to its insurer at `declared_at` (now by default):
    the claim is recorded and the incident's insurer clock stops then (journaled).

    Raises:
        NotFoundError: no such incident.
        ValidationError: no reference, a time in the future or before the incident, or a
            claim already declared for it.
    """
    operator = ws.acting_operator()
    now = datetime.now(UTC)
    at = declared_at or now
    require_aware(at, "declared_at")
    insurer_reference = checked_text(insurer_reference, "reference")
    if not insurer_reference:
        raise ValidationError(msg("error.claim.reference_empty"), where="reference")
    if at > now:
        raise ValidationError(msg("error.claim.future", at=at.isoformat()), where="at")
    with ws.db.session(write=True) as s:
        inc = _incident(s, incident)
        assert inc.id is not None
        if at < inc.reported_at:
            raise ValidationError(
                msg(
                    "error.claim.before_report",
                    incident=incident,
                    reported=inc.reported_at.isoformat(),
                    at=at.isoformat(),
                ),
                where="at",
            )
        if repo.claim_of(s, inc.id) is not None:
            raise ValidationError(msg("error.claim.already", incident=incident), where="incident")
        claim = InsuranceClaim(
            incident_id=inc.id, declared_at=at, insurer_reference=insurer_reference.strip()
        )
        s.add(claim)
        changes = [
            Change(
                "claim.declared",
                "incident",
                str(incident),
                None,
                {"insurer_reference": claim.insurer_reference, "declared_at": at.isoformat()},
            )
        ]
        for clock in repo.running_clocks_of(s, inc.id, ClockKind.INSURER.value):
            clock.stopped_at = at
            s.add(clock)
            status = "met" if at <= clock.due_at else "missed"
            changes.append(
                Change("clock.stopped", "clock", str(clock.id), None, {"status": status})
            )
        record(s, operator, changes)
        s.flush()
        return _view(claim, incident)


def answer(ws: Workspace, incident: int, result: Answer, answered_on: date) -> ClaimView:
    """The insurer answered the claim on `answered_on` (journaled).

    Raises:
        NotFoundError: no claim for that incident.
        ValidationError: "pending" given, already answered, or a day before the declaration
            or in the future.
    """
    operator = ws.acting_operator()
    if result is Answer.PENDING:
        raise ValidationError(msg("error.claim.answer_kind"), where="answer")
    with ws.db.session(write=True) as s:
        claim = _claim(s, incident)
        if claim.answer != Answer.PENDING.value:
            raise ValidationError(
                msg(
                    "error.claim.answered",
                    incident=incident,
                    answer=msg(f"claim.answer.{claim.answer}"),
                    on=str(claim.answered_on),
                ),
                where="answer",
            )
        if answered_on < paris_date(claim.declared_at):
            raise ValidationError(
                msg("error.claim.answer_early", on=str(answered_on)), where="answered_on"
            )
        if answered_on > paris_date(datetime.now(UTC)):
            raise ValidationError(
                msg("error.claim.answer_future", on=str(answered_on)), where="answered_on"
            )
        claim.answer, claim.answered_on = result.value, answered_on
        s.add(claim)
        after = {"answer": result.value, "answered_on": answered_on.isoformat()}
        record(s, operator, [Change("claim.answered", "incident", str(incident), None, after)])
        return _view(claim, incident)


def remedy(
    ws: Workspace, incident: int, kind: Remedy, asset_tag: str, checked_by: str
) -> ClaimView:
    """The insurer refused: the borrower replaced or repaired, checked by the lender's agent
    `checked_by` (journaled, with the devices' new states).

    A replacement device has entered the stock through the normal intake (its own record);
    the devices it replaces are retired. A repaired device goes back to quarantine, to be
    sanitised before it is stock again.

    Raises:
        NotFoundError: no claim for the incident, or no such device.
        ValidationError: the insurer has not refused, a remedy is already recorded, no
            checker named, or the device does not fit.
        InvalidTransitionError: a device's state does not allow the move.
    """
    operator = ws.acting_operator()
    checked_by = checked_text(checked_by, "checked_by")
    if not checked_by:
        raise ValidationError(msg("error.claim.checked_by"), where="checked_by")
    with ws.db.session(write=True) as s:
        claim = _claim(s, incident)
        if claim.answer != Answer.REFUSED.value:
            raise ValidationError(
                msg(
                    "error.claim.not_refused",
                    incident=incident,
                    answer=msg(f"claim.answer.{claim.answer}"),
                ),
                where="answer",
            )
        if claim.remedy is not None:
            raise ValidationError(
                msg(
                    "error.claim.remedy_already",
                    incident=incident,
                    remedy=msg(f"claim.remedy.{claim.remedy}"),
                    tag=claim.remedy_asset_tag or "",
                ),
                where="remedy",
            )
        inc = _incident(s, incident)
        changes = _move_devices(s, inc, kind, asset_tag.strip(), incident)
        claim.remedy, claim.remedy_asset_tag = kind.value, asset_tag.strip()
        claim.checked_by, claim.checked_at = checked_by.strip(), datetime.now(UTC)
        s.add(claim)
        after = {
            "remedy": kind.value,
            "asset": claim.remedy_asset_tag,
            "checked_by": claim.checked_by,
        }
        changes.insert(0, Change("claim.remedied", "incident", str(incident), None, after))
        record(s, operator, changes)
        return _view(claim, incident)


def claim_of(ws: Workspace, incident: int) -> ClaimView | None:
    """The claim made for an incident, if any."""
    with ws.db.session() as s:
        inc = _incident(s, incident)
        assert inc.id is not None
        claim = repo.claim_of(s, inc.id)
        return _view(claim, incident) if claim is not None else None


def _move_devices(s: Session, inc: Incident, kind: Remedy, tag: str, incident: int) -> list[Change]:
    found = assets_repo.assets_by_tags(s, [tag], for_update=True)
    if not found:
        raise NotFoundError(msg("error.claim.replacement_unknown", tag=tag))
    device = found[0]
    reason = f"claim of incident {incident}: {kind.value}"
    if kind is Remedy.REPAIR:
        if tag not in inc.asset_tags:
            raise ValidationError(
                msg(
                    "error.claim.not_incident_device",
                    tag=tag,
                    incident=incident,
                    tags=", ".join(inc.asset_tags),
                ),
                where="asset",
            )
        return move_assets(s, [device], AssetState.QUARANTINE, reason)
    if tag in inc.asset_tags:
        raise ValidationError(msg("error.claim.same_device", tag=tag), where="asset")
    if AssetState(device.state) not in REPLACEMENT_STATES:
        raise ValidationError(
            msg("error.claim.not_new", tag=tag, state=msg(f"state.{device.state}")),
            where="asset",
        )
    replaced = assets_repo.assets_by_tags(s, list(inc.asset_tags), for_update=True)
    return move_assets(s, replaced, AssetState.RETIRED, reason + f" by {tag}")


def _incident(s: Session, incident: int) -> Incident:
    inc = s.get(Incident, incident)
    if inc is None:
        raise NotFoundError(msg("error.incident.not_found", incident=incident))
    return inc


def _claim(s: Session, incident: int) -> InsuranceClaim:
    claim = repo.claim_of(s, _incident(s, incident).id or 0)
    if claim is None:
        raise NotFoundError(msg("error.claim.none", incident=incident))
    return claim


def _view(c: InsuranceClaim, incident: int) -> ClaimView:
    return ClaimView(
        incident=incident,
        declared_at=c.declared_at,
        insurer_reference=c.insurer_reference,
        answer=Answer(c.answer),
        answered_on=c.answered_on,
        remedy=Remedy(c.remedy) if c.remedy else None,
        remedy_asset_tag=c.remedy_asset_tag,
        checked_by=c.checked_by,
        checked_at=c.checked_at,
    )
