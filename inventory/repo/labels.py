"""What asset labels print: each asset's model and owner, by tag."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from inventory.tables import Asset, AssetModel, Loan, Organisation


def label_rows(s: Session, tags: Sequence[str]) -> dict[str, tuple[str, str, str | None, datetime]]:
    """By tag: category, "manufacturer model", owner's name (None: unknown), creation time."""
    out: dict[str, tuple[str, str, str | None, datetime]] = {}
    model = func.trim(
        func.coalesce(AssetModel.manufacturer, "") + " " + func.coalesce(AssetModel.name, "")
    )
    for i in range(0, len(tags), 900):  # below SQLite's bound-parameter limit
        rows = s.execute(
            select(
                col(Asset.tag),
                col(Asset.category),
                model,
                col(Organisation.name),
                col(Asset.created_at),
            )
            .select_from(Asset)
            .outerjoin(AssetModel, col(Asset.model_id) == col(AssetModel.id))
            .outerjoin(Organisation, col(Asset.owner_id) == col(Organisation.id))
            .where(col(Asset.tag).in_(list(tags[i : i + 900])))
        ).all()
        for tag, category, name, owner, created in rows:
            out[tag] = (category, name, owner, created)
    return out


def loan_references_among(s: Session, codes: Sequence[str]) -> set[str]:
    """Which of `codes` are loan references (a kit's QR code read as if it were a tag)."""
    if not codes:
        return set()
    found = s.scalars(select(col(Loan.reference)).where(col(Loan.reference).in_(list(codes))))
    return set(found)
