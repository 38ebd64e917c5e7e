"""Asset queries: pages for a table, lookups by tag, bulk inserts for imports."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.engine import Connection, Row
from sqlmodel import Session, col

from inventory.tables import Asset, AssetModel, table_of

ROW_COLUMNS = (
    col(Asset.tag),
    col(Asset.category),
    col(Asset.state),
    col(Asset.condition),
    func.coalesce(AssetModel.manufacturer, "").label("manufacturer"),
    func.coalesce(AssetModel.name, "").label("model"),
    col(Asset.serial),
    col(Asset.location),
)


def search_text(*parts: str | None) -> str:
    """The lower-cased text that filtering matches against."""
    return " ".join(p.lower() for p in parts if p)


def _filters(text: str, category: str | None, state: str | None) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    for term in text.lower().split():
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conds.append(col(Asset.search).like(f"%{escaped}%", escape="\\"))
    if category:
        conds.append(col(Asset.category) == category)
    if state:
        conds.append(col(Asset.state) == state)
    return conds


def page(
    s: Session, text: str, category: str | None, state: str | None, offset: int, limit: int
) -> tuple[Sequence[Row[Any]], int]:
    """One page of matching assets (ROW_COLUMNS, by tag) and the number of matches."""
    conds = _filters(text, category, state)
    where = and_(True, *conds)
    rows = s.execute(
        select(*ROW_COLUMNS)
        .select_from(Asset)
        .outerjoin(AssetModel, col(Asset.model_id) == col(AssetModel.id))
        .where(where)
        .order_by(col(Asset.tag))
        .offset(offset)
        .limit(limit)
    ).all()
    total = s.execute(select(func.count()).select_from(Asset).where(where)).scalar_one()
    return rows, int(total)


def by_tag(s: Session, tag: str, *, for_update: bool = False) -> Asset | None:
    """The asset with this tag."""
    stmt = select(Asset).where(col(Asset.tag) == tag)
    if for_update:
        stmt = stmt.with_for_update()
    return s.scalars(stmt).first()


def model(s: Session, model_id: int | None) -> AssetModel | None:
    """An asset model by id."""
    return s.get(AssetModel, model_id) if model_id is not None else None


def existing(s: Session, column: str, values: Iterable[str]) -> set[str]:
    """Which of `values` are already used in the asset column `column` (tag or serial)."""
    c = getattr(Asset, column)
    vals = list(values)
    found: set[str] = set()
    for i in range(0, len(vals), 900):  # below SQLite's bound-parameter limit
        found.update(s.scalars(select(c).where(c.in_(vals[i : i + 900]))).all())
    return found


def model_ids(s: Session) -> dict[tuple[str, str], int]:
    """Every asset model's id by (manufacturer, name)."""
    rows = s.execute(
        select(col(AssetModel.manufacturer), col(AssetModel.name), col(AssetModel.id))
    ).all()
    return {(m, n): int(i) for m, n, i in rows}


def add_model(s: Session, category: str, manufacturer: str, name: str) -> int:
    """Insert an asset model; return its id."""
    m = AssetModel(category=category, manufacturer=manufacturer, name=name)
    s.add(m)
    s.flush()
    assert m.id is not None
    return m.id


def insert_many(s: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert asset rows (dicts of column values, all with the same keys) in one executemany.

    Imports insert 100,000 rows at a time; SQLAlchemy's per-row, per-column type processing
    would cost more than the database itself, so the few values that need it are converted
    here into what the driver stores (as SQLAlchemy's types would), and the rows go to the
    driver directly.
    """
    if not rows:
        return
    conn = s.connection()
    sqlite = conn.dialect.name == "sqlite"
    cols = list(rows[0])
    quoted = ", ".join(f'"{c}"' for c in cols)
    mark = "?" if sqlite else "%s"
    sql = f"INSERT INTO asset ({quoted}) VALUES ({', '.join([mark] * len(cols))})"
    fixes = [(i, f) for i, c in enumerate(cols) if (f := _to_driver(c, sqlite)) is not None]
    take = itemgetter(*cols)
    params: list[tuple[Any, ...]] = []
    for r in rows:
        values = list(take(r))
        for i, f in fixes:
            values[i] = f(values[i])
        params.append(tuple(values))
    conn.exec_driver_sql(sql, params)


def _json_text(v: Any) -> str:
    # Most assets have no MAC or free attribute: skip the encoder for empty values.
    if not v:
        return "[]" if isinstance(v, list) else "{}"
    return json.dumps(v)


@cache
def _utc_text(v: datetime) -> str:
    # SQLAlchemy's SQLite DateTime format; UTCDateTime stores UTC, naive.
    return v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _date_text(v: date | None) -> str | None:
    return v.isoformat() if v is not None else None


def _to_driver(column: str, sqlite: bool) -> Callable[[Any], Any] | None:
    """How a Python value of `column` must be converted for the driver, if at all."""
    if column in {"mac_addresses", "attributes"}:
        return _json_text
    if sqlite and column in {"created_at", "updated_at"}:
        return _utc_text  # one timestamp per import: cached
    if sqlite and column == "purchase_date":
        return _date_text
    return None


def iter_for_export(conn: Connection, batch: int = 5_000) -> Iterator[Any]:
    """Every asset with its model names, by tag, streamed."""
    stmt = (
        select(
            *table_of(Asset).columns,
            func.coalesce(AssetModel.manufacturer, "").label("manufacturer"),
            func.coalesce(AssetModel.name, "").label("model"),
        )
        .outerjoin(AssetModel, col(Asset.model_id) == col(AssetModel.id))
        .order_by(col(Asset.tag))
    )
    result = conn.execution_options(stream_results=True, yield_per=batch).execute(stmt)
    for part in result.partitions():
        yield from part


def counts_by(s: Session, column: str) -> dict[str, int]:
    """Number of assets per value of `column` (category or state)."""
    c = getattr(Asset, column)
    return {str(k): int(n) for k, n in s.execute(select(c, func.count()).group_by(c)).all()}
