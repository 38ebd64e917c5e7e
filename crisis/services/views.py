"""Read models the services hand to front ends: frozen, detached from any session."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from crisis.domain.assets import AssetState, Category, Condition


@dataclass(frozen=True, slots=True)
class AssetRow:
    """One line of the inventory table."""

    tag: str
    category: Category
    state: AssetState
    condition: Condition
    manufacturer: str
    model: str
    serial: str | None
    location: str


class MatchCount(NamedTuple):
    """How many assets a filter matches: exact, or at least `total` when `capped`."""

    total: int
    capped: bool = False


@dataclass(frozen=True, slots=True)
class AssetPage:
    """A page of the inventory and how many assets match in all (None: not counted yet;
    at least `total` when `total_capped`)."""

    rows: tuple[AssetRow, ...]
    total: int | None
    offset: int
    limit: int
    #: `total` is a lower bound: counting stopped there (shown as "1 000+").
    total_capped: bool = False


@dataclass(frozen=True, slots=True)
class EventView:
    """One journal event, decoded."""

    seq: int
    at: datetime
    operator: str
    action: str
    entity_type: str
    entity_id: str
    before: Any
    after: Any
    hash: str

    def to_json(self) -> dict[str, Any]:
        """A JSON-able form (time in ISO 8601 UTC)."""
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "operator": self.operator,
            "action": self.action,
            "entity_type": self.entity_type,
            "entity_id": self.entity_id,
            "before": self.before,
            "after": self.after,
            "hash": self.hash,
        }


def decode_json(text: str) -> Any:
    """The stored JSON text of an event field (empty means None)."""
    return json.loads(text) if text else None


@dataclass(frozen=True, slots=True)
class AssetDetail:
    """Everything known about one asset, with its history."""

    tag: str
    category: Category
    state: AssetState
    condition: Condition
    manufacturer: str
    model: str
    serial: str | None
    imei: str | None
    iccid: str | None
    phone_number: str | None
    mac_addresses: tuple[str, ...]
    mgmt_address: str | None
    location: str
    purchase_date: date | None
    notes: str
    attributes: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    history: tuple[EventView, ...]

    def to_json(self) -> dict[str, Any]:
        """A JSON-able form (dates in ISO 8601, times in UTC)."""
        return {
            "tag": self.tag,
            "category": self.category.value,
            "state": self.state.value,
            "condition": self.condition.value,
            "manufacturer": self.manufacturer,
            "model": self.model,
            "serial": self.serial,
            "imei": self.imei,
            "iccid": self.iccid,
            "phone_number": self.phone_number,
            "mac_addresses": list(self.mac_addresses),
            "mgmt_address": self.mgmt_address,
            "location": self.location,
            "purchase_date": self.purchase_date.isoformat() if self.purchase_date else None,
            "notes": self.notes,
            "attributes": self.attributes,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "history": [e.to_json() for e in self.history],
        }
