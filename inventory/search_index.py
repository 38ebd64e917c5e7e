"""The trigram index behind the inventory filter, kept outside the models.

SQLite: an FTS5 table with the ``trigram`` tokenizer over ``asset.search`` (external content:
the text is not stored twice), kept in sync by triggers. ``detail='none'`` keeps it small:
a query asks for rows holding every trigram of a word, and the exact ``LIKE`` of the filter
is then checked on those rows, so results never depend on the index.

PostgreSQL: a GIN index with ``pg_trgm``'s operator class; the planner uses it for the
filter's ``LIKE '%word%'`` by itself (and rechecks each row).

Note for later migrations: a SQLite batch rebuild of ``asset`` drops its triggers; create
them again (``SQLITE_TRIGGERS``) after one.
"""

from __future__ import annotations

#: The FTS5 table (SQLite).
FTS_TABLE = "asset_fts"
#: The GIN index (PostgreSQL).
TRGM_INDEX = "ix_asset_search_trgm"

SQLITE_TRIGGERS: tuple[str, ...] = (
    f"""CREATE TRIGGER asset_fts_insert AFTER INSERT ON asset BEGIN
        INSERT INTO {FTS_TABLE}(rowid, search) VALUES (new.id, new.search);
    END""",
    f"""CREATE TRIGGER asset_fts_delete AFTER DELETE ON asset BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search) VALUES ('delete', old.id, old.search);
    END""",
    f"""CREATE TRIGGER asset_fts_update AFTER UPDATE OF id, search ON asset BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search) VALUES ('delete', old.id, old.search);
        INSERT INTO {FTS_TABLE}(rowid, search) VALUES (new.id, new.search);
    END""",
)

SQLITE_UP: tuple[str, ...] = (
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        search, content='asset', content_rowid='id',
        tokenize='trigram', detail='none', columnsize=0)""",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
    *SQLITE_TRIGGERS,
)
SQLITE_DOWN: tuple[str, ...] = (
    "DROP TRIGGER IF EXISTS asset_fts_update",
    "DROP TRIGGER IF EXISTS asset_fts_delete",
    "DROP TRIGGER IF EXISTS asset_fts_insert",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)

POSTGRESQL_UP: tuple[str, ...] = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS {TRGM_INDEX} ON asset USING gin (search gin_trgm_ops)",
)
POSTGRESQL_DOWN: tuple[str, ...] = (f"DROP INDEX IF EXISTS {TRGM_INDEX}",)


def is_search_index_object(name: str | None) -> bool:
    """Whether a schema object is part of this index (not described by the models)."""
    return bool(name) and (name == TRGM_INDEX or str(name).startswith(FTS_TABLE))
