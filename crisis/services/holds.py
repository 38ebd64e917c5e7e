"""Forensic holds: a returned device kept for investigators, its seal and chain of custody.

While a hold is not released the device cannot be sanitised, reset, returned to stock or
lent: `crisis.services.assets.move_assets` and the wipes refuse it, so every front end gets
the same refusal. Each step is journaled in the transaction that records it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from crisis.domain.assets import AssetState
from crisis.domain.holds import HOLDABLE
from crisis.errors import ValidationError
from crisis.i18n import msg
from crisis.services.assets import require_asset
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace
from inventory.repo import holds as repo
from inventory.tables import CustodyTransfer, ForensicHold, Loan


@dataclass(frozen=True, slots=True)
class CustodyStep:
    """One hand-over of a held device."""

    from_holder: str
    to_holder: str
    at: datetime
    operator: str
    note: str


@dataclass(frozen=True, slots=True)
class HoldView:
    """A forensic hold and its chain of custody.

    Attributes:
        taken_by: the investigator who took the device (first custodian).
        placed_by: the operator who recorded the hold.
        custody: each later hand-over, in order.
        release_authorised_by: who authorised the release ("" while held).
    """

    id: int
    tag: str
    loan: str
    seal_number: str
    taken_by: str
    taken_at: datetime
    purpose: str
    placed_by: str
    custody: tuple[CustodyStep, ...]
    released_at: datetime | None
    released_by: str
    release_authorised_by: str
    release_reason: str

    @property
    def active(self) -> bool:
        """The hold is not released."""
        return self.released_at is None

    @property
    def holder(self) -> str:
        """Who has the device now (or had it at the release)."""
        return self.custody[-1].to_holder if self.custody else self.taken_by

    def as_record(self) -> dict[str, Any]:
        """The hold as plain data, for the return report and the audit bundle (UTC times)."""
        return {
            "tag": self.tag,
            "loan": self.loan,
            "seal_number": self.seal_number,
            "taken_by": self.taken_by,
            "taken_at": self.taken_at.isoformat(),
            "purpose": self.purpose,
            "placed_by": self.placed_by,
            "custody": [
                {
                    "from": c.from_holder,
                    "to": c.to_holder,
                    "at": c.at.isoformat(),
                    "operator": c.operator,
                    "note": c.note,
                }
                for c in self.custody
            ],
            "released_at": self.released_at.isoformat() if self.released_at else "",
            "released_by": self.released_by,
            "release_authorised_by": self.release_authorised_by,
            "release_reason": self.release_reason,
        }


def put_on_hold(
    ws: Workspace,
    tag: str,
    *,
    seal_number: str,
    taken_by: str,
    taken_at: datetime | None = None,
    purpose: str = "",
) -> HoldView:
    """Put a returned device on hold for investigators, under a seal.

    The hold belongs to the loan the device last came back with (its latest scan).

    Raises:
        ValidationError: no seal number or investigator, a time in the future or without
            zone, a device not returned (quarantine, returned or damaged), one on hold already.
        NotFoundError: no such device.
    """
    operator = ws.acting_operator()
    seal, who = seal_number.strip(), taken_by.strip()
    if not seal:
        raise ValidationError(msg("error.hold.seal_required"), where="seal")
    if not who:
        raise ValidationError(msg("error.hold.taken_by"), where="taken-by")
    now = datetime.now(UTC)
    when = _moment(taken_at or now, now, "taken-at")
    with ws.db.session(write=True) as s:
        asset = require_asset(s, tag.strip(), for_update=True)
        if AssetState(asset.state) not in HOLDABLE:
            raise ValidationError(
                msg("error.hold.not_returned", tag=asset.tag, state=msg(f"state.{asset.state}")),
                where="tag",
            )
        if repo.open_holds(s, [asset.tag], for_update=True):
            raise ValidationError(msg("error.hold.already", tag=asset.tag), where="tag")
        ln = _returned_with(s, asset.tag)
        hold = ForensicHold(
            asset_tag=asset.tag,
            loan_id=ln.id if ln else None,
            seal_number=seal,
            taken_by=who,
            taken_at=when,
            purpose=purpose.strip(),
            placed_by=operator,
        )
        s.add(hold)
        s.flush()
        after = {
            "seal_number": seal,
            "taken_by": who,
            "taken_at": when.isoformat(),
            "purpose": hold.purpose,
            "loan": ln.reference if ln else "",
        }
        record(s, operator, [Change("asset.hold_placed", "asset", asset.tag, None, after)])
        return _view(s, hold)


def transfer_custody(
    ws: Workspace, tag: str, *, to_holder: str, at: datetime | None = None, note: str = ""
) -> HoldView:
    """Record a hand-over of a held device to its next custodian.

    Raises:
        ValidationError: no custodian named, the same custodian, a time in the future or
            before the last hand-over, or the device is not on hold.
    """
    operator = ws.acting_operator()
    to = to_holder.strip()
    if not to:
        raise ValidationError(msg("error.hold.to_required"), where="to")
    now = datetime.now(UTC)
    when = _moment(at or now, now, "at")
    with ws.db.session(write=True) as s:
        hold = _open_hold(s, tag)
        assert hold.id is not None
        view = _view(s, hold)
        if to == view.holder:
            raise ValidationError(msg("error.hold.same_custody", tag=view.tag, to=to), where="to")
        last = view.custody[-1].at if view.custody else view.taken_at
        if when < last:
            raise ValidationError(
                msg("error.hold.before_last", when=when.isoformat(), last=last.isoformat()),
                where="at",
            )
        s.add(
            CustodyTransfer(
                hold_id=hold.id,
                from_holder=view.holder,
                to_holder=to,
                at=when,
                operator=operator,
                note=note.strip(),
            )
        )
        after = {
            "seal_number": hold.seal_number,
            "from": view.holder,
            "to": to,
            "at": when.isoformat(),
            "note": note.strip(),
        }
        record(s, operator, [Change("asset.custody_transferred", "asset", view.tag, None, after)])
        s.flush()
        return _view(s, hold)


def release_hold(ws: Workspace, tag: str, *, authorised_by: str, reason: str) -> HoldView:
    """Release a hold: the device may be sanitised again. Journaled with who authorised it.

    Raises:
        ValidationError: no authority or reason given, or the device is not on hold.
    """
    operator = ws.acting_operator()
    who, why = authorised_by.strip(), reason.strip()
    if not who:
        raise ValidationError(msg("error.hold.authorised_by"), where="authorised-by")
    if not why:
        raise ValidationError(msg("error.hold.release_reason"), where="reason")
    with ws.db.session(write=True) as s:
        hold = _open_hold(s, tag)
        hold.released_at = datetime.now(UTC)
        hold.released_by = operator
        hold.release_authorised_by = who
        hold.release_reason = why
        s.add(hold)
        after = {"seal_number": hold.seal_number, "authorised_by": who, "reason": why}
        record(s, operator, [Change("asset.hold_released", "asset", hold.asset_tag, None, after)])
        s.flush()
        return _view(s, hold)


def holds_of(ws: Workspace, tag: str) -> list[HoldView]:
    """Every hold a device was put under, oldest first (auditors may read them)."""
    with ws.db.session() as s:
        require_asset(s, tag)
        return [_view(s, h) for h in repo.holds_of_tag(s, tag)]


def loan_holds(s: Session, loan_id: int) -> list[HoldView]:
    """The holds on devices returned with a loan, in the caller's session."""
    return [_view(s, h) for h in repo.holds_of_loan(s, loan_id)]


def all_holds(ws: Workspace) -> list[HoldView]:
    """Every hold recorded, oldest first (for the audit bundle)."""
    with ws.db.session() as s:
        return [_view(s, h) for h in repo.all_holds(s)]


def _open_hold(s: Session, tag: str) -> ForensicHold:
    asset = require_asset(s, tag.strip())
    found = repo.open_holds(s, [asset.tag], for_update=True)
    if not found:
        raise ValidationError(msg("error.hold.not_held", tag=asset.tag), where="tag")
    return found[0]


def _returned_with(s: Session, tag: str) -> Loan | None:
    loan_id = repo.returned_with(s, tag)
    return s.get(Loan, loan_id) if loan_id is not None else None


def _moment(when: datetime, now: datetime, where: str) -> datetime:
    if when.tzinfo is None:
        raise ValidationError(msg("error.hold.zone_required"), where=where)
    if when > now:
        raise ValidationError(msg("error.hold.future", when=when.isoformat()), where=where)
    return when.astimezone(UTC)


def _view(s: Session, h: ForensicHold) -> HoldView:
    assert h.id is not None
    ln = s.get(Loan, h.loan_id) if h.loan_id is not None else None
    return HoldView(
        id=h.id,
        tag=h.asset_tag,
        loan=ln.reference if ln else "",
        seal_number=h.seal_number,
        taken_by=h.taken_by,
        taken_at=h.taken_at,
        purpose=h.purpose,
        placed_by=h.placed_by,
        custody=tuple(
            CustodyStep(c.from_holder, c.to_holder, c.at, c.operator, c.note)
            for c in repo.transfers(s, h.id)
        ),
        released_at=h.released_at,
        released_by=h.released_by,
        release_authorised_by=h.release_authorised_by,
        release_reason=h.release_reason,
    )
