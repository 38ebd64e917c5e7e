"""Asset queries: pages for a table, lookups by tag, bulk inserts for imports."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, func, select
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
    return " ".join([p for p in parts if p]).lower()


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
    s: Session,
    text: str,
    category: str | None,
    state: str | None,
    offset: int,
    limit: int,
    *,
    count: bool = True,
) -> tuple[Sequence[Row[Any]], int | None]:
    """One page of matching assets (ROW_COLUMNS, by tag) and the number of matches.

    A substring filter has to scan, so scans are kept few and narrow. The page walks the
    covering index ``ix_asset_search`` (tag, search, category, state) in tag order and stops
    as soon as the page is full, which is quick when matches are common. When they are rare
    the walk reads everything but then the page is not full and already gives the count;
    only a full page needs a second pass, to count: without `count`, that pass is left to
    `count_matching` and the number is None.
    """
    conds = _filters(text, category, state)
    tags = list(
        s.scalars(
            select(col(Asset.tag))
            .where(*conds)
            .order_by(col(Asset.tag))
            .offset(offset)
            .limit(limit)
        )
    )
    total: int | None
    if len(tags) < limit and (tags or offset == 0):
        total = offset + len(tags)
    else:
        total = _count(s, conds) if count else None
    return _rows(s, tags), total


def count_matching(s: Session, text: str, category: str | None, state: str | None) -> int:
    """How many assets a filter matches (the second pass of `page`)."""
    return _count(s, _filters(text, category, state))


def _count(s: Session, conds: list[ColumnElement[bool]]) -> int:
    return int(s.execute(select(func.count()).select_from(Asset).where(*conds)).scalar_one())


def _rows(s: Session, tags: list[str]) -> list[Row[Any]]:
    """ROW_COLUMNS of the assets with these tags, by tag."""
    out: list[Row[Any]] = []
    for i in range(0, len(tags), 900):  # below SQLite's bound-parameter limit
        out.extend(
            s.execute(
                select(*ROW_COLUMNS)
                .select_from(Asset)
                .outerjoin(AssetModel, col(Asset.model_id) == col(AssetModel.id))
                .where(col(Asset.tag).in_(tags[i : i + 900]))
                .order_by(col(Asset.tag))
            ).all()
        )
    return out


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


#: Column order of the rows `insert_many` takes.
INSERT_COLUMNS: tuple[str, ...] = (
    "tag",
    "serial",
    "category",
    "model_id",
    "imei",
    "iccid",
    "phone_number",
    "mac_addresses",
    "mgmt_address",
    "state",
    "condition",
    "location",
    "owner_id",
    "purchase_date",
    "notes",
    "attributes",
    "search",
    "created_event",
    "created_at",
    "updated_at",
)


def insert_many(s: Session, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert asset rows (tuples in INSERT_COLUMNS order) in one executemany.

    Imports insert 100,000 rows at a time; SQLAlchemy's per-row, per-column type processing
    would cost more than the database itself, so the few values that need it are converted
    here into what the driver stores (as SQLAlchemy's types would), and the rows go to the
    driver directly.
    """
    if not rows:
        return
    conn = s.connection()
    sqlite = conn.dialect.name == "sqlite"
    quoted = ", ".join(f'"{c}"' for c in INSERT_COLUMNS)
    mark = "?" if sqlite else "%s"
    sql = f"INSERT INTO asset ({quoted}) VALUES ({', '.join([mark] * len(INSERT_COLUMNS))})"
    fixes = [
        (i, f) for i, c in enumerate(INSERT_COLUMNS) if (f := _to_driver(c, sqlite)) is not None
    ]
    params: list[tuple[Any, ...]] = []
    for r in rows:
        values = list(r)
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


def with_attribute(s: Session, category: str, attribute: str) -> list[Asset]:
    """Assets of a category whose free attributes hold `attribute`, by tag.

    Filtered in Python: JSON operators differ between SQLite and PostgreSQL, and the
    candidates are a category's worth of rows.
    """
    stmt = select(Asset).where(col(Asset.category) == category).order_by(col(Asset.tag))
    return [a for a in s.scalars(stmt).all() if (a.attributes or {}).get(attribute)]


def counts_by_category_in(s: Session, state: str) -> dict[str, int]:
    """Number of assets per category in one state (ready stock on the dashboard)."""
    stmt = (
        select(col(Asset.category), func.count())
        .where(col(Asset.state) == state)
        .group_by(col(Asset.category))
    )
    return {str(k): int(n) for k, n in s.execute(stmt).all()}


def tags_matching(s: Session, text: str, category: str | None, state: str | None) -> list[str]:
    """Every tag a filter matches (the same filter as `page`), in tag order."""
    conds = _filters(text, category, state)
    return list(s.scalars(select(col(Asset.tag)).where(*conds).order_by(col(Asset.tag))))
