"""Exporting the inventory to CSV (our own columns, which import reads back)."""

from __future__ import annotations

import csv
from typing import TextIO

from crisis.domain.asset_rows import COLUMNS, AssetDraft, draft_to_row
from crisis.domain.assets import AssetState, Category, Condition
from crisis.services.workspace import Workspace
from inventory.repo import assets as repo


def export_csv(ws: Workspace, out: TextIO) -> int:
    """Write every asset to `out`, streamed, by tag; return the number of rows."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    n = 0
    with ws.db.engine.connect() as conn:
        for r in repo.iter_for_export(conn):
            d = AssetDraft(
                tag=r.tag,
                category=Category(r.category),
                serial=r.serial,
                manufacturer=r.manufacturer,
                model=r.model,
                imei=r.imei,
                iccid=r.iccid,
                phone_number=r.phone_number,
                mac_addresses=tuple(r.mac_addresses),
                mgmt_address=r.mgmt_address,
                state=AssetState(r.state),
                condition=Condition(r.condition),
                location=r.location,
                purchase_date=r.purchase_date,
                notes=r.notes,
                attributes=r.attributes,
            )
            w.writerow(draft_to_row(d))
            n += 1
    return n
