"""Use cases on single assets: add, list, show, change state, set attributes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from crisis.domain.asset_rows import AssetDraft
from crisis.domain.asset_settings import COLUMNS, checked_assignments
from crisis.domain.assets import AssetState, Category, Condition, check_transition
from crisis.domain.free_text import checked_filter, checked_text
from crisis.domain.holds import check_hold_transition, check_not_held
from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import msg
from crisis.services.journaling import Change, record
from crisis.services.views import (
    AssetDetail,
    AssetPage,
    AssetRow,
    EventView,
    MatchCount,
    decode_json,
)
from crisis.services.workspace import Workspace
from inventory.repo import assets as repo
from inventory.repo import holds as holds_repo
from inventory.repo import journal as journal_repo
from inventory.repo import parties as parties_repo
from inventory.tables import Asset, JournalEvent

#: Counts stop there ("1 000+").
COUNT_CAP = repo.COUNT_CAP


def asset_row(
    d: AssetDraft, model_id: int | None, owner_id: int | None, now: datetime, event: int
) -> tuple[Any, ...]:
    """The column values of a new asset from a validated draft, in INSERT_COLUMNS order."""
    search = repo.search_text(
        d.tag,
        d.serial,
        d.category.value,
        d.manufacturer,
        d.model,
        d.location,
        d.imei,
        d.phone_number,
    )
    return (
        d.tag,
        d.serial,
        d.category.value,
        model_id,
        d.imei,
        d.iccid,
        d.phone_number,
        list(d.mac_addresses),
        d.mgmt_address,
        d.state.value,
        d.condition.value,
        d.location,
        owner_id,
        d.purchase_date,
        d.notes,
        dict(d.attributes),
        search,
        event,
        now,
        now,
    )


def snapshot(row: tuple[Any, ...]) -> dict[str, Any]:
    """The JSON-able part of a new asset's row, recorded in the journal."""
    skip = {"search", "created_at", "updated_at", "model_id", "owner_id", "created_event"}
    out = {k: v for k, v in zip(repo.INSERT_COLUMNS, row, strict=True) if k not in skip}
    if out.get("purchase_date") is not None:
        out["purchase_date"] = out["purchase_date"].isoformat()
    return out


class ModelCache:
    """Asset model ids by (manufacturer, name), creating models on first sight."""

    def __init__(self, s: Session) -> None:
        self._s = s
        self._ids = repo.model_ids(s)

    def id_for(self, d: AssetDraft) -> int | None:
        """The model id of a draft's make and model (None when it names none)."""
        if not d.manufacturer and not d.model:
            return None
        key = (d.manufacturer, d.model)
        if key not in self._ids:
            self._ids[key] = repo.add_model(self._s, d.category.value, *key)
        return self._ids[key]


def add_asset(ws: Workspace, d: AssetDraft) -> AssetDetail:
    """Add one asset.

    Raises:
        ValidationError: when its tag or serial is already used.
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        if repo.existing(s, "tag", [d.tag]):
            raise ValidationError(
                msg("error.asset.tag_used", tag=d.tag), where=msg("error.field", field="tag")
            )
        if d.serial and repo.existing(s, "serial", [d.serial]):
            raise ValidationError(
                msg("error.asset.serial_used", serial=d.serial),
                where=msg("error.field", field="serial"),
            )
        model_id = ModelCache(s).id_for(d)
        now = datetime.now(UTC)
        pending = asset_row(d, model_id, lender_id(s), now, 0)
        seq = record(
            s, operator, [Change("asset.created", "asset", d.tag, None, snapshot(pending))]
        )
        repo.insert_many(s, [asset_row(d, model_id, lender_id(s), now, seq)])
        return _detail(s, d.tag)


def list_assets(
    ws: Workspace,
    text: str = "",
    *,
    category: Category | None = None,
    state: AssetState | None = None,
    offset: int = 0,
    limit: int = 200,
    count: bool = True,
) -> AssetPage:
    """A page of assets whose tag, serial, model, location... contain every word of `text`.

    ``total`` is exact when cheap to know, else at least COUNT_CAP (``total_capped``).

    Without `count`, a full page comes back as soon as it is found, with ``total`` None when
    counting would need another pass (`count_assets` gives it): a screen shows the rows first.

    Raises:
        ValidationError: a filter too long, of too many words, or holding control characters.
    """
    text = checked_filter(text)
    with ws.db.session() as s:
        rows, counted = repo.page(
            s,
            text,
            category.value if category else None,
            state.value if state else None,
            offset,
            limit,
            count=count,
        )
        return AssetPage(
            rows=tuple(
                AssetRow(
                    tag=r.tag,
                    category=Category(r.category),
                    state=AssetState(r.state),
                    condition=Condition(r.condition),
                    manufacturer=r.manufacturer,
                    model=r.model,
                    serial=r.serial,
                    location=r.location,
                )
                for r in rows
            ),
            total=counted.n if counted else None,
            offset=offset,
            limit=limit,
            total_capped=counted.capped if counted else False,
        )


def count_assets(
    ws: Workspace,
    text: str = "",
    *,
    category: Category | None = None,
    state: AssetState | None = None,
) -> MatchCount:
    """How many assets `list_assets` would match in all: exact up to COUNT_CAP, beyond that
    ``MatchCount(COUNT_CAP, capped=True)`` (counting never scans the whole inventory)."""
    text = checked_filter(text)
    with ws.db.session() as s:
        n, capped = repo.count_matching(
            s, text, category.value if category else None, state.value if state else None
        )
        return MatchCount(n, capped)


def get_asset(ws: Workspace, tag: str) -> AssetDetail:
    """One asset with its history.

    Raises:
        NotFoundError: when no asset has this tag.
    """
    with ws.db.session() as s:
        return _detail(s, tag)


def change_state(ws: Workspace, tag: str, target: AssetState, reason: str = "") -> AssetDetail:
    """Move an asset to another state, if the rules allow it.

    Raises:
        NotFoundError: unknown tag.
        InvalidTransitionError: the rules forbid it.
    """
    operator = ws.acting_operator()
    reason = checked_text(reason, "reason")
    with ws.db.session(write=True) as s:
        record(
            s, operator, move_assets(s, [require_asset(s, tag, for_update=True)], target, reason)
        )
        s.flush()
        return _detail(s, tag)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field ``set`` changed: the management address or an attribute (None: absent)."""

    field: str
    before: Any
    after: Any


def set_fields(ws: Workspace, tag: str, assignments: Mapping[str, str]) -> tuple[FieldChange, ...]:
    """Set an existing asset's management address and attributes (an empty value removes
    one), every value checked first; one journaled change, or nothing at all. Returns what
    changed (empty when every value was already so).

    Raises:
        NotFoundError: unknown tag.
        ValidationError: a key or value is not allowed, naming it (nothing is changed).
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        asset = require_asset(s, tag, for_update=True)
        wanted = checked_assignments(Category(asset.category), assignments)
        attributes = dict(asset.attributes or {})
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for key, value in wanted.items():
            current = getattr(asset, key) if key in COLUMNS else attributes.get(key)
            if current == value:
                continue
            before[key], after[key] = current, value
            if key in COLUMNS:
                setattr(asset, key, value)
            elif value is None:
                attributes.pop(key, None)
            else:
                attributes[key] = value
        if after:
            asset.attributes = attributes
            asset.updated_at = datetime.now(UTC)
            s.add(asset)
            record(s, operator, [Change("asset.updated", "asset", tag, before, after)])
        return tuple(FieldChange(k, before[k], after[k]) for k in after)


def lender_id(s: Session) -> int | None:
    """The lender, sole owner of every lent item, when the inventory names exactly one."""
    return parties_repo.sole_lender_id(s)


def require_asset(s: Session, tag: str, *, for_update: bool = False) -> Asset:
    """The asset with this tag (locked for the transaction when asked).

    Raises:
        NotFoundError: no asset has this tag.
    """
    asset = repo.by_tag(s, tag, for_update=for_update)
    if asset is None:
        raise NotFoundError(msg("error.asset.not_found", tag=tag))
    return asset


def held_seals(s: Session, tags: Sequence[str]) -> dict[str, str]:
    """The devices among `tags` under a forensic hold not released, with their seal number."""
    return {h.asset_tag: h.seal_number for h in holds_repo.open_holds(s, list(tags))}


def refuse_held(s: Session, tags: Sequence[str], action: str) -> None:
    """Refuse an action that would wipe or reset a device under forensic hold.

    Raises:
        OnHoldError: names each held device, its seal and how to release it.
    """
    check_not_held(held_seals(s, tags), action)


def move_assets(
    s: Session,
    assets: Sequence[Asset],
    target: AssetState,
    reason: str,
    *,
    before: AssetState | None = None,
) -> list[Change]:
    """Move assets to `target` (each transition checked); the changes to journal.

    `before` names the state the journaled change starts from when one action passes
    through an intermediate state (on loan → returned → quarantine is one return).

    Raises:
        InvalidTransitionError: for the first asset the rules do not let move.
        OnHoldError: a device under forensic hold would be wiped, stocked or lent.
    """
    check_hold_transition(held_seals(s, [a.tag for a in assets]), target)
    now = datetime.now(UTC)
    changes: list[Change] = []
    for a in assets:
        current = AssetState(a.state)
        check_transition(a.tag, current, target)
        a.state = target.value
        a.updated_at = now
        s.add(a)
        after: dict[str, str] = {"state": target.value, "reason": reason}
        if before is not None:
            after["via"] = current.value
        was = {"state": (before or current).value}
        changes.append(Change("asset.state_changed", "asset", a.tag, was, after))
    return changes


def event_view(e: JournalEvent) -> EventView:
    """The read model of a stored event."""
    return EventView(
        seq=e.seq,
        at=datetime.fromisoformat(e.at),
        operator=e.operator,
        action=e.action,
        entity_type=e.entity_type,
        entity_id=e.entity_id,
        before=decode_json(e.before),
        after=decode_json(e.after),
        hash=e.hash,
    )


def _detail(s: Session, tag: str) -> AssetDetail:
    a = require_asset(s, tag)
    m = repo.model(s, a.model_id)
    events = list(journal_repo.events_for(s, "asset", tag))
    if a.created_event is not None and all(e.seq != a.created_event for e in events):
        origin = journal_repo.event_at(s, a.created_event)
        events[:0] = [origin] if origin else []
    history = [event_view(e) for e in events]
    return AssetDetail(
        tag=a.tag,
        category=Category(a.category),
        state=AssetState(a.state),
        condition=Condition(a.condition),
        manufacturer=m.manufacturer if m else "",
        model=m.name if m else "",
        serial=a.serial,
        imei=a.imei,
        iccid=a.iccid,
        phone_number=a.phone_number,
        mac_addresses=tuple(a.mac_addresses),
        mgmt_address=a.mgmt_address,
        location=a.location,
        purchase_date=a.purchase_date,
        notes=a.notes,
        attributes=dict(a.attributes),
        created_at=a.created_at,
        updated_at=a.updated_at,
        history=tuple(history),
    )
