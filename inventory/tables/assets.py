"""Asset models and the assets themselves."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from inventory.types import UTCDateTime


class AssetModel(SQLModel, table=True):
    """A make and model of device, in one category."""

    __tablename__ = "asset_model"
    __table_args__ = (UniqueConstraint("manufacturer", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    category: str = Field(index=True)
    manufacturer: str
    name: str


class Asset(SQLModel, table=True):
    """One lendable item, identified by its asset tag."""

    # Filtering scans for substrings: this narrow covering index is what gets scanned.
    __table_args__ = (Index("ix_asset_search", "tag", "search", "category", "state"),)

    id: int | None = Field(default=None, primary_key=True)
    tag: str = Field(unique=True, index=True)
    serial: str | None = Field(default=None, unique=True)
    category: str = Field(index=True)
    model_id: int | None = Field(default=None, foreign_key="asset_model.id")
    imei: str | None = None
    iccid: str | None = None
    phone_number: str | None = None
    mac_addresses: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    mgmt_address: str | None = None
    state: str = Field(index=True)
    condition: str
    location: str = ""
    owner_id: int | None = Field(default=None, foreign_key="organisation.id")
    purchase_date: date | None = None
    notes: str = ""
    attributes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # The journal event that brought the asset in (one import event covers many assets).
    created_event: int | None = None
    # Lower-cased tag, serial, model, location... so filtering is one LIKE over one column.
    search: str = ""
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
