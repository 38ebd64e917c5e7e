"""Walking the journal's hash chain: its two halves at once when it is long enough.

The second half is walked by ``python -m crisis.services.journal_walk`` (a process importing
only the chain rules and the database driver), which reads its task as JSON on stdin (the
database URL may hold a password: never on the command line) and prints its report as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from crisis.domain.journal_chain import GENESIS_HASH, ChainReport, walk_chain, walk_encoded
from inventory.journal_rows import connect, iter_encoded, iter_rows

if TYPE_CHECKING:  # the other process imports no SQLAlchemy: it only needs walk_range
    from inventory.database import Database

#: Below this many events one process walks the whole chain: starting another costs more.
PARALLEL_FROM = 200_000
_FIRST_SEQ, _LAST_SEQ = -(2**63), 2**63 - 1  # every row, whatever its seq


def walk_journal(
    db: Database, size: int, keep_hashes_at: Collection[int], parallel_from: int = PARALLEL_FROM
) -> ChainReport:
    """The whole chain walked, as :func:`walk_chain` walks it.

    When the journal's head says it holds at least `parallel_from` events and the machine has
    two cores, its halves are walked at once, the second by another process, linked to the
    stored hash of the first half's last event. Both intact, and the first half ending on
    that very hash, means the whole chain is intact; anything else (the other process
    failing too) is walked again in one piece, so a break is named exactly as a single walk
    names it.
    """
    wanted = frozenset(keep_hashes_at)
    mid = size // 2
    link = _stored_hash(db, mid) if size >= parallel_from and _cores() > 1 else None
    if link is not None:
        task = {"url": db.url, "seqs": [mid + 1, _LAST_SEQ], "prev": link, "wanted": sorted(wanted)}
        child = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert child.stdin is not None
            child.stdin.write(json.dumps(task).encode())
            child.stdin.close()
            first = walk_here(db, (_FIRST_SEQ, mid), GENESIS_HASH, wanted)
            rest = _report(child)
        finally:  # the walk here raised (or was interrupted): the other one stops too
            if child.poll() is None:
                child.kill()
            child.wait()
            if child.stdout is not None:
                child.stdout.close()
        if rest is not None and first.intact and (first.count, first.head_hash) == (mid, link):
            return ChainReport(rest.count, rest.head_hash, None, first.hashes_at | rest.hashes_at)
    return walk_here(db, (_FIRST_SEQ, _LAST_SEQ), GENESIS_HASH, wanted)


def _cores() -> int:
    """The cores this process may run on (a process pinned to one core walks alone)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _stored_hash(db: Database, seq: int) -> str | None:
    from inventory.repo import journal as repo

    with db.session() as s:
        event = repo.event_at(s, seq)
    return event.hash if event is not None else None


def walk_here(
    db: Database, seqs: tuple[int, int], prev_hash: str, wanted: frozenset[int]
) -> ChainReport:
    """The chain over the events whose seq is within `seqs`, the first linking to
    `prev_hash`, read in this process through the inventory's own engine."""
    with db.engine.connect() as conn:
        dbapi = conn.connection.dbapi_connection
        assert dbapi is not None
        return _walk(dbapi, conn.dialect.name == "postgresql", seqs, prev_hash, wanted)


def walk_range(
    url: str, seqs: tuple[int, int], prev_hash: str, wanted: frozenset[int]
) -> ChainReport:
    """:func:`walk_here` in the other process, which opens its own driver connection."""
    dbapi = connect(url)
    try:
        return _walk(dbapi, not url.startswith("sqlite"), seqs, prev_hash, wanted)
    finally:
        dbapi.close()


def _walk(
    dbapi: Any, postgres: bool, seqs: tuple[int, int], prev_hash: str, wanted: frozenset[int]
) -> ChainReport:
    """Walk the rows the database encodes (the fast path); when they are not an intact
    chain, walk the stored fields again to name the break exactly."""
    start = max(seqs[0], 1)
    encoded = iter_encoded(dbapi, postgres, seqs)
    try:
        report = walk_encoded(encoded, wanted, start=start, prev_hash=prev_hash)
    finally:
        encoded.close()
    if report is not None:
        return report
    rows = iter_rows(dbapi, postgres, seqs)
    try:
        return walk_chain(rows, wanted, start=start, prev_hash=prev_hash)
    finally:
        rows.close()


def _report(child: subprocess.Popen[bytes]) -> ChainReport | None:
    """The other process's report when it found its half intact, else None."""
    assert child.stdout is not None
    out = child.stdout.read()
    if child.wait() != 0:
        return None
    data = json.loads(out)
    if not data["intact"]:
        return None
    hashes = {int(k): str(v) for k, v in data["hashes_at"].items()}
    return ChainReport(int(data["count"]), str(data["head_hash"]), None, hashes)


def _main() -> None:
    task = json.loads(sys.stdin.buffer.read())
    lo, hi = task["seqs"]
    r = walk_range(task["url"], (lo, hi), task["prev"], frozenset(task["wanted"]))
    json.dump(
        {"intact": r.intact, "count": r.count, "head_hash": r.head_hash,
         "hashes_at": {str(k): v for k, v in r.hashes_at.items()}},
        sys.stdout,
    )  # fmt: skip


if __name__ == "__main__":
    _main()
