"""What a lost or stolen phone asks for beyond the declaration: its line suspended with the
carrier and its remote wipe, each recorded with who did it and when."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, select

from crisis.domain.assets import Category
from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import msg
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace
from inventory.tables import Asset, Incident, IncidentStep

#: The steps of a lost or stolen phone, in the order they are done.
PHONE_STEPS = ("line_suspension", "remote_wipe")


@dataclass(frozen=True, slots=True)
class LossStep:
    """One step of a loss or theft on one device; `done_at` None while it is to be done."""

    incident: int
    tag: str
    step: str
    done_by: str
    done_at: datetime | None
    note: str

    @property
    def done(self) -> bool:
        """Someone recorded doing it."""
        return self.done_at is not None


def open_steps(s: Session, incident_id: int, assets: Sequence[Asset]) -> list[IncidentStep]:
    """The steps a loss or theft of these devices asks for (each phone: line suspension,
    remote wipe), added to the incident in the caller's transaction, to be done."""
    rows = [
        IncidentStep(incident_id=incident_id, asset_tag=a.tag, step=step)
        for a in assets
        if a.category == Category.PHONE.value
        for step in PHONE_STEPS
    ]
    for r in rows:
        s.add(r)
    return rows


def steps_of(ws: Workspace, incident_id: int) -> tuple[LossStep, ...]:
    """The steps of an incident, by device then in the order they are done."""
    with ws.db.session() as s:
        return tuple(_view(r) for r in _rows(s, incident_id))


def record_step(ws: Workspace, incident_id: int, tag: str, step: str, note: str = "") -> LossStep:
    """Record that the acting operator did a step (now): for the line suspension, the
    carrier's reference in `note`. Journaled.

    Raises:
        NotFoundError: no such incident.
        ValidationError: the incident asks no such step for that device, or it was done.
    """
    operator = ws.acting_operator()
    now = datetime.now(UTC)
    with ws.db.session(write=True) as s:
        if s.get(Incident, incident_id) is None:
            raise NotFoundError(msg("error.incident.not_found", incident=incident_id))
        rows = _rows(s, incident_id)
        row = next((r for r in rows if r.asset_tag == tag and r.step == step), None)
        if row is None:
            asked = ", ".join(f"{r.asset_tag} {r.step}" for r in rows) or "none"
            raise ValidationError(
                msg("error.loss.no_step", incident=incident_id, step=step, tag=tag, steps=asked),
                where="step",
            )
        if row.done_at is not None:
            raise ValidationError(
                msg(
                    "error.loss.done",
                    step=step,
                    tag=tag,
                    by=row.done_by,
                    at=row.done_at.isoformat(),
                ),
                where="step",
            )
        row.done_by, row.done_at, row.note = operator, now, note.strip()
        s.add(row)
        after = {"tag": tag, "step": step, "by": operator, "at": now.isoformat(), "note": row.note}
        record(
            s, operator, [Change("incident.step_done", "incident", str(incident_id), None, after)]
        )
        return _view(row)


def _rows(s: Session, incident_id: int) -> list[IncidentStep]:
    rows = s.scalars(select(IncidentStep).where(IncidentStep.incident_id == incident_id)).all()
    order = {step: i for i, step in enumerate(PHONE_STEPS)}
    return sorted(rows, key=lambda r: (r.asset_tag, order.get(r.step, 99)))


def _view(r: IncidentStep) -> LossStep:
    return LossStep(r.incident_id, r.asset_tag, r.step, r.done_by, r.done_at, r.note)
