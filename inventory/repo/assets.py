"""Asset queries: pages for a table, lookups by tag, bulk inserts for imports."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from functools import cache
from itertools import chain
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, column, func, literal_column, select, table
from sqlalchemy.engine import Connection, Row
from sqlmodel import Session, col

from inventory.search_index import FTS_TABLE
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


#: Beyond this many matches a count stops and says "at least" (it never scans the table).
COUNT_CAP = 1_000
#: Up to this many trigram candidates, a page is picked from them; beyond, by walking tags.
_PROBE = 5_000
#: Trigrams asked of the index at most (a superset is fine: the exact filter follows).
_MAX_TRIGRAMS = 24
_TRIGRAMS_PER_WORD = 4


class Total(NamedTuple):
    """How many assets match: exact, or at least `n` when `capped` (the count stopped)."""

    n: int
    capped: bool = False


def _filters(
    text: str, category: str | None, state: str | None, *, walk: bool = False
) -> list[ColumnElement[bool]]:
    """The exact filter. With `walk`, category and state are compared so that their own
    indexes are not used: the page walks the covering index in tag order instead of
    sorting every asset of a common category."""
    conds: list[ColumnElement[bool]] = []
    for term in text.lower().split():
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conds.append(col(Asset.search).like(f"%{escaped}%", escape="\\"))
    for column_, value in ((col(Asset.category), category), (col(Asset.state), state)):
        if value:
            conds.append((column_.concat("") if walk else column_) == value)
    return conds


def trigram_query(text: str) -> str | None:
    """The FTS5 query for rows holding some trigrams of each filter word of 3 characters or
    more (None when there is none: shorter words are only checked by the exact filter).

    A few trigrams per word narrow as well as all of them, and a trigram every row holds
    ("000" in serial numbers) makes the index read long lists: the ones of most distinct
    characters are kept, nearest the word's end first (identifiers differ at the end).
    """
    grams: dict[str, None] = {}
    for term in text.lower().split():
        found = {term[i : i + 3]: i for i in range(len(term) - 2)}
        best = sorted(found, key=lambda g: (len(set(g)), found[g]), reverse=True)
        for g in best[:_TRIGRAMS_PER_WORD]:
            grams.setdefault(g)
    if not grams:
        return None
    quoted = ['"' + g.replace('"', '""') + '"' for g in list(grams)[:_MAX_TRIGRAMS]]
    return " AND ".join(quoted)


_FTS = table(FTS_TABLE, column("rowid"))


def _candidates(query: str) -> Select[tuple[int]]:
    """Asset ids the SQLite trigram index gives for `query` (a superset of the matches)."""
    match = literal_column(FTS_TABLE).op("MATCH")(query)
    return select(_FTS.c.rowid).where(match)


def page(
    s: Session,
    text: str,
    category: str | None,
    state: str | None,
    offset: int,
    limit: int,
    *,
    count: bool = True,
) -> tuple[Sequence[Row[Any]], Total | None]:
    """One page of matching assets (ROW_COLUMNS, by tag) and how many match.

    The filter is always the exact one (every word a substring of ``search``); the trigram
    index only narrows the rows it is checked on. On SQLite, when the index gives few
    candidates (rare words), the page is picked and counted among them. Otherwise
    (common words, words under 3 characters, no words) the page walks the covering index
    ``ix_asset_search`` in tag order and stops once full; on PostgreSQL the planner uses
    the ``pg_trgm`` index for the same ``LIKE`` by itself. A count that is not known from
    the page stops at COUNT_CAP matches (``Total(COUNT_CAP, capped=True)``); without
    `count` that pass is left to `count_matching` and the total is None.
    """
    conds = _filters(text, category, state)
    query = trigram_query(text) if s.get_bind().dialect.name == "sqlite" else None
    if query is not None:
        candidates = _candidates(query)
        probed = s.execute(
            select(func.count()).select_from(candidates.limit(_PROBE + 1).subquery())
        ).scalar_one()
        if probed <= _PROBE:  # few candidates: pick and count among them
            conds.append(col(Asset.id).in_(candidates))
            tags = _tags(s, conds, offset, limit)
            if len(tags) < limit and (tags or offset == 0):
                return _rows(s, tags), Total(offset + len(tags))
            return _rows(s, tags), _capped_count(s, conds, None)
    walk = conds
    if (category or state) and _more_than(s, _filters("", category, state), _PROBE):
        walk = _filters(text, category, state, walk=True)  # the count keeps their indexes
    tags = _tags(s, walk, offset, limit)
    total: Total | None
    if len(tags) < limit and (tags or offset == 0):
        total = Total(offset + len(tags))
    else:
        total = _capped_count(s, conds, query) if count else None
    return _rows(s, tags), total


def count_matching(s: Session, text: str, category: str | None, state: str | None) -> Total:
    """How many assets a filter matches (the second pass of `page`), up to COUNT_CAP."""
    query = trigram_query(text) if s.get_bind().dialect.name == "sqlite" else None
    return _capped_count(s, _filters(text, category, state), query)


def _more_than(s: Session, conds: list[ColumnElement[bool]], n: int) -> bool:
    return _count(s, conds, None, cap=n + 1) > n


def _tags(s: Session, conds: list[ColumnElement[bool]], offset: int, limit: int) -> list[str]:
    stmt = select(col(Asset.tag)).where(*conds).order_by(col(Asset.tag))
    return list(s.scalars(stmt.offset(offset).limit(limit)))


def _capped_count(s: Session, conds: list[ColumnElement[bool]], query: str | None) -> Total:
    """The number of matches, stopping after COUNT_CAP: walking the trigram candidates (in
    id order, each checked exactly) when there is a query, else the covering index."""
    n = _count(s, conds, query, cap=COUNT_CAP + 1)
    return Total(COUNT_CAP, capped=True) if n > COUNT_CAP else Total(n)


def _count(
    s: Session, conds: list[ColumnElement[bool]], query: str | None, cap: int | None = None
) -> int:
    inner = select(col(Asset.id)).where(*conds)
    if query is not None:
        match = literal_column(FTS_TABLE).op("MATCH")(query)
        inner = (
            select(col(Asset.id))
            .select_from(_FTS.join(table_of(Asset), _FTS.c.rowid == col(Asset.id)))
            .where(match, *conds)
        )
    if cap is not None:
        inner = inner.limit(cap)
    return int(s.execute(select(func.count()).select_from(inner.subquery())).scalar_one())


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


def taken_by(s: Session, column: str, values: Sequence[str]) -> dict[str, int | None]:
    """Which of `values` the asset column `column` (tag or serial) already holds, each with
    the event that brought its asset in."""
    c = getattr(Asset, column)
    found: dict[str, int | None] = {}
    for i in range(0, len(values), 900):  # below SQLite's bound-parameter limit
        rows = s.execute(
            select(c, col(Asset.created_event)).where(c.in_(values[i : i + 900]))
        ).all()
        found.update({str(v): e for v, e in rows})
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
    """Insert asset rows (tuples of Python values in INSERT_COLUMNS order).

    The few values SQLAlchemy's types would convert are converted here (as they would be),
    and the rows go to the driver directly (`insert_stored`).
    """
    if not rows:
        return
    sqlite = s.get_bind().dialect.name == "sqlite"
    fixes = [
        (i, f) for i, c in enumerate(INSERT_COLUMNS) if (f := _to_driver(c, sqlite)) is not None
    ]
    params: list[tuple[Any, ...]] = []
    for r in rows:
        values = list(r)
        for i, f in fixes:
            values[i] = f(values[i])
        params.append(tuple(values))
    insert_stored(s, params)


class StoredForm(NamedTuple):
    """How the driver takes the values SQLAlchemy's types would convert, for rows built
    directly in stored form (an import builds 100,000 of them)."""

    sqlite: bool

    def moment(self, v: datetime) -> Any:
        """A timestamp (UTCDateTime)."""
        return _utc_text(v) if self.sqlite else v


def stored_form(s: Session) -> StoredForm:
    """The stored form of values for this session's database."""
    return StoredForm(s.get_bind().dialect.name == "sqlite")


def json_list(v: Sequence[str]) -> str:
    """A JSON list of plain strings as SQLAlchemy's JSON type stores it."""
    return _json_text(list(v))


def json_object(v: Any) -> str:
    """A JSON object as SQLAlchemy's JSON type stores it."""
    return _json_text(dict(v))


#: Rows per INSERT statement on SQLite (20 values each, below its 32,766 bound parameters).
_ROWS_PER_STATEMENT = 1_000


def insert_stored(s: Session, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert asset rows already in stored form (INSERT_COLUMNS order), bypassing SQLAlchemy.

    On SQLite many rows go in one statement: the trigram index (kept by a trigger) writes
    its pending terms at the end of each statement, so one row per statement would cost
    ten times more. PostgreSQL takes them as one ``executemany``.
    """
    if not rows:
        return
    conn = s.connection()
    quoted = ", ".join(f'"{c}"' for c in INSERT_COLUMNS)
    if conn.dialect.name != "sqlite":
        marks = ", ".join(["%s"] * len(INSERT_COLUMNS))
        conn.exec_driver_sql(f"INSERT INTO asset ({quoted}) VALUES ({marks})", list(rows))
        return
    one = "(" + ", ".join(["?"] * len(INSERT_COLUMNS)) + ")"
    for i in range(0, len(rows), _ROWS_PER_STATEMENT):
        part = rows[i : i + _ROWS_PER_STATEMENT]
        sql = f"INSERT INTO asset ({quoted}) VALUES {', '.join([one] * len(part))}"
        conn.exec_driver_sql(sql, tuple(chain.from_iterable(part)))


def created_by(s: Session, event: int) -> Iterator[Any]:
    """The identity of the assets one event brought in (see `canonical_line`), in the order
    they were inserted, streamed."""
    stmt = (
        select(
            col(Asset.tag),
            col(Asset.serial),
            col(Asset.category),
            func.coalesce(AssetModel.manufacturer, "").label("manufacturer"),
            func.coalesce(AssetModel.name, "").label("model"),
            col(Asset.imei),
            col(Asset.iccid),
            col(Asset.phone_number),
            col(Asset.location),
            col(Asset.purchase_date),
            col(Asset.notes),
        )
        .outerjoin(AssetModel, col(Asset.model_id) == col(AssetModel.id))
        .where(col(Asset.created_event) == event)
        .order_by(col(Asset.id))
    )
    result = s.connection().execution_options(stream_results=True, yield_per=5_000).execute(stmt)
    for part in result.partitions():
        yield from part


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
