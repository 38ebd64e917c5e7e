"""Importing assets from CSV: streamed, validated, all-or-nothing, journaled as one event
holding the file's hash and a digest of the rows (their count and SHA-256)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from crisis.domain.asset_rows import SERIAL, TAG, RowFormat, canonical_line, detect_format
from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import msg
from crisis.services.assets import lender_id
from crisis.services.csv_source import CsvSource
from crisis.services.journaling import Change, locked_head, record
from crisis.services.views import decode_json
from crisis.services.workspace import Workspace
from inventory.repo import assets as repo
from inventory.repo import journal as journal_repo

CHUNK = 2_000


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import brought in."""

    file: str
    format: str
    rows: int
    sha256: str
    event_seq: int


def import_csv(
    ws: Workspace, path: Path, *, on_progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Import every row of a CSV file (our columns or a Snipe-IT export), or none.

    Raises:
        ValidationError: the first bad row, naming file, line and field; nothing is stored.
    """
    operator = ws.acting_operator()
    try:
        f = path.open("rb")
    except OSError as exc:
        raise ValidationError(f"cannot read the file: {exc.strerror}", where=str(path)) from None
    with f, ws.db.session(write=True) as s:
        return import_stream(s, operator, f, path.name, on_progress)


def import_stream(
    s: Session,
    operator: str,
    f: BinaryIO,
    name: str,
    on_progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import CSV rows from a binary stream inside the caller's transaction.

    The stream is read twice (its encoding is chosen first): it must be seekable. Rows are
    validated straight into stored form and inserted by chunk; nothing of a chunk is kept
    once inserted, so memory stays flat however long the file.
    """
    source = CsvSource(f, name)
    rows = source.rows()
    header = next(rows)
    fmt = detect_format(header, where=f"{name}:1")
    # Assets point at the import event, which is written last; holding the journal head
    # locked from here keeps its number ours.
    seq, _ = locked_head(s)
    importer = _Importer(s, fmt, name, seq + 1, lender_id(s), lambda: CsvSource(f, name))
    add = importer.add
    for cells in rows:
        if not "".join(cells).strip():
            continue  # blank line
        add(cells, source.line)
        if on_progress and importer.count % CHUNK == 0:
            on_progress(importer.count)
    importer.flush()
    if importer.count == 0:
        raise ValidationError("no asset rows after the header", where=name)
    digest = source.sha256
    last = record(
        s,
        operator,
        [
            Change(
                "assets.imported",
                "import",
                digest[:16],
                None,
                {
                    "file": name,
                    "sha256": digest,
                    "format": fmt.name,
                    "rows": importer.count,
                    "rows_sha256": importer.digest.hexdigest(),
                },
            )
        ],
    )
    assert last == importer.event_seq
    if on_progress:
        on_progress(importer.count)
    return ImportReport(name, fmt.name, importer.count, digest, last)


@dataclass(frozen=True, slots=True)
class ImportCheck:
    """An import event's digest against the assets it brought in, as stored now."""

    rows: int
    rows_found: int
    sha256: str
    sha256_found: str

    @property
    def ok(self) -> bool:
        """The same number of assets and the same digest."""
        return (self.rows, self.sha256) == (self.rows_found, self.sha256_found)


def check_import(ws: Workspace, event_seq: int) -> ImportCheck:
    """Recompute an import's digest (count and SHA-256 of each asset's `canonical_line`, in
    insertion order) from the inventory, beside the one its journal event holds.

    Raises:
        NotFoundError: no import event has this number.
    """
    with ws.db.session() as s:
        event = journal_repo.event_at(s, event_seq)
        if event is None or event.action != "assets.imported":
            raise NotFoundError(msg("error.import.not_found", seq=event_seq))
        recorded = decode_json(event.after) or {}
        sha = hashlib.sha256()
        found = 0
        for r in repo.created_by(s, event_seq):
            day = r.purchase_date.isoformat() if r.purchase_date else None
            sha.update(
                canonical_line(
                    r.tag, r.serial, r.category, r.manufacturer, r.model, r.imei, r.iccid,
                    r.phone_number, r.location, day, r.notes,
                ).encode()
            )  # fmt: skip
            found += 1
        return ImportCheck(
            int(recorded.get("rows", -1)), found, str(recorded.get("rows_sha256")), sha.hexdigest()
        )


class _Importer:
    """Validates rows into stored form, checks duplicates (within a chunk here, against the
    inventory and earlier chunks by the database's unique indexes) and inserts by chunk."""

    def __init__(
        self,
        s: Session,
        fmt: RowFormat,
        name: str,
        event_seq: int,
        owner_id: int | None,
        reread: Callable[[], CsvSource],
    ) -> None:
        self._s = s
        self._fmt = fmt
        self._name = name
        self.event_seq = event_seq
        self._owner = owner_id
        self._reread = reread
        self._models = repo.model_ids(s)
        form = repo.stored_form(s)
        self._sqlite = form.sqlite  # dates stored as ISO text
        now = form.moment(datetime.now(UTC))
        self._tail = (event_seq, now, now)
        self._tags: dict[str, int] = {}
        self._serials: dict[str, int] = {}
        self._pending: list[tuple[Any, ...]] = []
        self._canonical: list[str] = []
        self.digest = hashlib.sha256()
        self.count = 0

    def add(self, cells: list[str], line: int) -> None:
        v = self._fmt.values(cells, f"{self._name}:{line}")
        tag, serial, category, make, model, imei, iccid, phone, macs, mgmt = v[:10]
        state, condition, location, day, notes, attributes = v[10:]
        first = self._tags.setdefault(tag, line)
        if first != line:
            raise self._duplicate("tag", "asset tag", tag, line, first)
        if serial:
            first = self._serials.setdefault(serial, line)
            if first != line:
                raise self._duplicate("serial", "serial", serial, line, first)
        model_id = self._model_id(category, make, model) if make or model else None
        parts = (tag, serial, category, make, model, location, imei, phone)
        search = " ".join([p for p in parts if p]).lower()
        iso_day = day.isoformat() if day else ""
        stored_day = (iso_day if self._sqlite else day) if day else None
        self._pending.append(
            (
                tag, serial, category, model_id, imei, iccid, phone,
                f'["{macs[0]}"]' if len(macs) == 1 else repo.json_list(macs),
                mgmt, state, condition, location, self._owner, stored_day, notes,
                repo.json_object(attributes) if attributes else "{}",
                search, *self._tail,
            )
        )  # fmt: skip
        # canonical_line(), inlined: one call less for each of a million rows.
        self._canonical.append(
            f"{tag}\x1f{serial or ''}\x1f{category}\x1f{make}\x1f{model}\x1f{imei or ''}"
            f"\x1f{iccid or ''}\x1f{phone or ''}\x1f{location}\x1f{iso_day}\x1f{notes}\x1e"
        )
        self.count += 1
        if len(self._pending) >= CHUNK:
            self.flush()

    def _model_id(self, category: str, make: str, model: str) -> int:
        key = (make, model)
        found = self._models.get(key)
        if found is None:
            found = self._models[key] = repo.add_model(self._s, category, make, model)
        return found

    def _duplicate(self, field: str, what: str, value: str, line: int, first: int) -> Exception:
        return ValidationError(
            f"duplicate {what} {value!r} (already on line {first})",
            where=f"{self._name}:{line}, field '{field}'",
        )

    def flush(self) -> None:
        if not self._pending:
            return
        try:
            # The unique indexes check tags and serials against the inventory and the
            # chunks already in; a savepoint lets us look for the culprit (and name its
            # line) only when one fires.
            with self._s.begin_nested():
                repo.insert_stored(self._s, self._pending)
        except IntegrityError:
            self._name_the_duplicate()
            raise
        self.digest.update("".join(self._canonical).encode())
        self._pending.clear()
        self._canonical.clear()
        self._tags.clear()
        self._serials.clear()

    def _name_the_duplicate(self) -> None:
        """Raise the error naming the first row of the chunk whose tag or serial is taken:
        by an earlier line of this file (found by reading it again), else by the inventory."""
        found: list[tuple[int, int, str, str, int | None]] = []
        for rank, (field, seen) in enumerate((("tag", self._tags), ("serial", self._serials))):
            for value, event in repo.taken_by(self._s, field, list(seen)).items():
                found.append((seen[value], rank, field, value, event))
        if not found:
            return
        line, _, field, value, event = min(found)
        what = "asset tag" if field == "tag" else "serial"
        if event == self.event_seq:
            raise self._duplicate(field, what, value, line, self._first_line(field, value))
        raise ValidationError(
            f"{what} {value!r} is already in the inventory",
            where=f"{self._name}:{line}, field '{field}'",
        )

    def _first_line(self, field: str, value: str) -> int:
        """The line of this file where `value` first appears in `field` (an earlier chunk)."""
        index = TAG if field == "tag" else SERIAL
        source = self._reread()
        rows = source.rows()
        next(rows)
        for cells in rows:
            if "".join(cells).strip() and self._fmt.values(cells, "")[index] == value:
                return source.line
        return 0
