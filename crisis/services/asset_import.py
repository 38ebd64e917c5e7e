"""Importing assets from CSV: streamed, validated, all-or-nothing, journaled as one event."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from crisis.domain.asset_rows import AssetDraft, RowFormat, detect_format
from crisis.errors import ValidationError
from crisis.services.assets import ModelCache, asset_row, lender_id
from crisis.services.csv_source import CsvSource
from crisis.services.journaling import Change, locked_head, record
from crisis.services.workspace import Workspace
from inventory.repo import assets as repo

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

    The stream is read twice (its encoding is chosen first): it must be seekable.
    """
    source = CsvSource(f, name)
    rows = source.rows()
    header = next(rows)
    fmt = detect_format(header, where=f"{name}:1")
    # Assets point at the import event, which is written last; holding the journal head
    # locked from here keeps its number ours.
    seq, _ = locked_head(s)
    importer = _Importer(s, fmt, name, seq + 1, lender_id(s))
    for cells in rows:
        if not any(c.strip() for c in cells):
            continue  # blank line
        importer.add(cells, source.line)
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
                    "tags": importer.tags,
                },
            )
        ],
    )
    assert last == importer.event_seq
    if on_progress:
        on_progress(importer.count)
    return ImportReport(name, fmt.name, importer.count, digest, last)


class _Importer:
    """Checks rows for duplicates (in the file and in the inventory) and inserts them by chunk."""

    def __init__(
        self, s: Session, fmt: RowFormat, name: str, event_seq: int, owner_id: int | None
    ) -> None:
        self._s = s
        self._fmt = fmt
        self._name = name
        self.event_seq = event_seq
        self._owner = owner_id
        self._models = ModelCache(s)
        self._now = datetime.now(UTC)
        self._tag_line: dict[str, int] = {}
        self._serial_line: dict[str, int] = {}
        self._pending: list[tuple[int, AssetDraft]] = []
        self.tags: list[str] = []
        self.count = 0

    def add(self, cells: list[str], line: int) -> None:
        where = f"{self._name}:{line}"
        d = self._fmt.parse(cells, where)
        self._once(self._tag_line, d.tag, line, "tag", "asset tag")
        if d.serial:
            self._once(self._serial_line, d.serial, line, "serial", "serial")
        self._pending.append((line, d))
        self.tags.append(d.tag)
        self.count += 1
        if len(self._pending) >= CHUNK:
            self.flush()

    def _once(self, seen: dict[str, int], value: str, line: int, field: str, what: str) -> None:
        first = seen.setdefault(value, line)
        if first != line:
            raise ValidationError(
                f"duplicate {what} {value!r} (already on line {first})",
                where=f"{self._name}:{line}, field '{field}'",
            )

    def flush(self) -> None:
        if not self._pending:
            return
        rows = [
            asset_row(d, self._models.id_for(d), self._owner, self._now, self.event_seq)
            for _, d in self._pending
        ]
        try:
            # The unique constraints check tags and serials against the inventory; a savepoint
            # lets us look for the culprit (and name its line) only when one fires.
            with self._s.begin_nested():
                repo.insert_many(self._s, rows)
        except IntegrityError:
            self._name_the_duplicate()
            raise
        self._pending.clear()

    def _name_the_duplicate(self) -> None:
        for field, what in (("tag", "asset tag"), ("serial", "serial")):
            values = [getattr(d, field) for _, d in self._pending if getattr(d, field)]
            taken = repo.existing(self._s, field, values)
            if taken:
                line, d = next((ln, d) for ln, d in self._pending if getattr(d, field) in taken)
                raise ValidationError(
                    f"{what} {getattr(d, field)!r} is already in the inventory",
                    where=f"{self._name}:{line}, field '{field}'",
                )
